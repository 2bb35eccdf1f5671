import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { Query } from '../../components/states.tsx';
import { useOrg } from '../../org.ts';
import { auditsKey, useAuditContext } from './queries.ts';

// The audit package: one signed zip of the audit's period (control matrix, evidence, populations, samples,
// timelines, requests, the ledger segment) to hand to the auditor, with the key fingerprint to compare and
// the command that checks the package offline. The download is a plain link to the streamed API route.

/** The audit package's download, the signing key's fingerprint, and how to verify the file. */
export function AuditPackageTab() {
  const audit = useAuditContext();
  const org = useOrg();
  const summary = useQuery({
    queryKey: [...auditsKey(org.slug), audit.id, 'package'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org}/audits/{auditId}/package/summary', {
          params: { path: { org: org.slug, auditId: audit.id } },
        }),
      ),
  });
  const href = `/api/v1/orgs/${encodeURIComponent(org.slug)}/audits/${encodeURIComponent(audit.id)}/package`;
  return (
    <Query query={summary} what="Loading the audit package">
      {(s) => (
        <div className="stack">
          <section className="card stack" aria-labelledby="package-download">
            <h2 id="package-download" className="card-title">
              Audit package
            </h2>
            <p className="muted">
              Everything for {s.period.from} to {s.period.to} in one zip: the control matrix (criteria,
              controls, tests and evidence, as a spreadsheet), every evidence file of the period with its
              index, the populations and samples, the control timelines, the requests, and the evidence
              ledger's entries for the period. A manifest lists each file's SHA-256 and is signed with the
              organization's key, so the auditor can check that nothing was changed or left out.
            </p>
            <div className="row">
              <a className="button button-primary" href={href} download={s.fileName}>
                Download {s.fileName}
              </a>
            </div>
          </section>
          <section className="card stack" aria-labelledby="package-verify">
            <h2 id="package-verify" className="card-title">
              Verify it
            </h2>
            <p>
              The package is signed with the organization's Ed25519 key. Its fingerprint (SHA-256 of the
              public key) is:
            </p>
            <p className="mono package-fingerprint" data-testid="package-fingerprint">
              {s.fingerprint}
            </p>
            <p>With Attestly installed, the auditor runs, without any access to this organization:</p>
            <pre className="package-command">
              <code>attestly verify {s.fileName}</code>
            </pre>
            <p className="muted">
              It prints the fingerprint of the key that signed the package: it must be the one above. Or save
              the public key below as a file and pass it, so a package signed with any other key fails:
            </p>
            <pre className="package-command">
              <code>attestly verify {s.fileName} --public-key organization-key.pem</code>
            </pre>
            <pre className="package-key">{s.publicKeyPem}</pre>
          </section>
        </div>
      )}
    </Query>
  );
}
