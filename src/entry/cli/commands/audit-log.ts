import { verifyAuditLog } from '../../../app/audit/verify-audit-log.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { parseCommand, withOrg } from '../command.ts';
import { type CliIo, json } from '../io.ts';

export const AUDIT_LOG_HELP = `attestly audit-log verify: recompute the organization's audit-log hash chain

  Exits 0 when every entry fits, and 8 naming the first entry that was altered, removed or reordered.
  --json   print the verdict as JSON`;

export async function runAuditLog(args: string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  const { values } = parseCommand(rest, { json: { type: 'boolean' } });
  if (values.help || sub === undefined) return io.out(AUDIT_LOG_HELP);
  if (sub !== 'verify')
    throw new AttestlyError('INVALID_INPUT', `unknown audit-log subcommand "${sub}"; use verify`);
  const verdict = await withOrg(io, values, ({ deps, scope }) => verifyAuditLog(deps, scope));
  if (values.json) json(io, verdict);
  else if (verdict.ok) io.out(`The audit log is intact: ${verdict.entries} entries, head ${verdict.head}.`);
  if (!verdict.ok)
    throw new AttestlyError('INTEGRITY_FAILURE', `the audit log does not verify: ${verdict.message}`);
}
