import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { ErrorState, Loading } from '../../components/states.tsx';
import { useOrg } from '../../org.ts';
import { CopyButton } from './copy-button.tsx';
import { settingsKeys } from './settings-api.ts';

/**
 * The evidence ledger: one hash chain over every evidence item, monitoring run and audit-log entry, and the
 * public key that signs the organization's exports, with its fingerprint to compare out of band.
 */
export function LedgerStatus() {
  const org = useOrg();
  const ledger = useQuery({
    queryKey: settingsKeys.ledger(org.slug),
    queryFn: () => unwrap(api.GET('/api/v1/orgs/{org}/ledger', { params: { path: { org: org.slug } } })),
  });
  if (ledger.isPending) return <Loading what="Reading the evidence ledger" />;
  if (ledger.error) return <ErrorState error={ledger.error} retry={() => void ledger.refetch()} />;
  const { verdict, entries, head, publicKeyPem, fingerprint } = ledger.data;
  return (
    <section className="stack ledger-status" aria-labelledby="ledger-title">
      <div className={`chain-status ${verdict.ok ? 'chain-ok' : 'chain-broken'}`} role="status">
        <div>
          <h2 id="ledger-title" className="card-title">
            {verdict.ok
              ? `Evidence ledger verified: ${entries} ${entries === 1 ? 'entry' : 'entries'}`
              : `Evidence ledger broken at entry #${verdict.seq ?? '?'}`}
          </h2>
          <p className="small">
            {verdict.ok
              ? 'Every evidence item, monitoring run and audit-log entry is chained here as it is recorded. "attestly verify" also rechecks each record against its entry.'
              : `${verdict.message ?? 'an entry does not match the chain'}.`}
            {verdict.ok && head && (
              <>
                {' '}
                Head: <code>{head}</code>
              </>
            )}
          </p>
        </div>
      </div>
      <div className="stack">
        <h3 className="card-title">Signing key (Ed25519)</h3>
        <p className="small muted">
          Exports of this organization are signed with this key. Compare the fingerprint with the one you were
          given before trusting a signature.
        </p>
        <p className="small">
          Fingerprint (SHA-256): <code className="ledger-fingerprint">{fingerprint}</code>
        </p>
        <pre className="mono ledger-key">{publicKeyPem}</pre>
        <div className="row row-tight">
          <CopyButton value={publicKeyPem} label="Copy public key" />
        </div>
      </div>
    </section>
  );
}
