import { verifyOrgLedger } from '../../../app/ledger/verify-org-ledger.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { parseCommand, withOrg } from '../command.ts';
import { type CliIo, json } from '../io.ts';
import { VERIFY_PACKAGE_HELP, verifyPackageFile } from './verify-package.ts';

export const VERIFY_HELP = `attestly verify: check the organization's evidence ledger

  attestly verify [--org SLUG] [--json]
    Recomputes the ledger's hash chain and checks that each entry still fits what it records: the
    evidence item's digest, the audit-log entry's hash, the monitoring run's test-result transitions.
    Exits 0 when everything fits, and 8 naming the first entry that was altered, removed or reordered.
  --json   print the verdict as JSON

${VERIFY_PACKAGE_HELP}`;

const OPTIONS = { json: { type: 'boolean' }, 'public-key': { type: 'string' } } as const;

export async function runVerify(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseCommand(args, OPTIONS, 1);
  if (values.help) return io.out(VERIFY_HELP);
  const [target] = positionals;
  // The first argument names a file to check instead of the live organization (an audit package, .zip).
  if (target?.endsWith('.zip'))
    return verifyPackageFile(io, target, { publicKey: values['public-key'], json: values.json });
  if (target !== undefined)
    throw new AttestlyError('INVALID_INPUT', `cannot verify "${target}"; run "attestly verify" without it`);
  return verifyLiveLedger(io, values);
}

/** The live organization's ledger, from the configured database. */
async function verifyLiveLedger(
  io: CliIo,
  values: ReturnType<typeof parseCommand<typeof OPTIONS>>['values'],
): Promise<void> {
  const { org, verdict } = await withOrg(io, values, async ({ deps, org, scope }) => ({
    org,
    verdict: await verifyOrgLedger(deps, scope),
  }));
  if (values.json) json(io, verdict);
  else if (verdict.ok) {
    const { evidence, test_transitions: runs, audit_log: audit } = verdict.kinds;
    io.out(
      `The evidence ledger of ${org.slug} is intact: ${verdict.entries} entries (${evidence} evidence, ${runs} monitoring runs, ${audit} audit-log entries), head ${verdict.head}.`,
    );
  }
  if (!verdict.ok)
    throw new AttestlyError('INTEGRITY_FAILURE', `the evidence ledger does not verify: ${verdict.message}`);
}
