import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { addEvidence } from '../../../app/evidence/add-evidence.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { listFlag, parseCommand, stringFlag, withOrg } from '../command.ts';
import { type CliIo, json, table } from '../io.ts';

export const EVIDENCE_HELP = `attestly evidence: attach evidence files to controls, or list them

  attestly evidence add FILE --control ID [--control ID2] [--title T]
                        [--valid-from YYYY-MM-DD] [--valid-until YYYY-MM-DD] [--json]
  attestly evidence list [--json]`;

const MAX_BYTES = 100 * 1024 * 1024;

async function readEvidenceFile(path: string): Promise<Uint8Array> {
  const full = resolve(path);
  const info = await stat(full).catch(() => null);
  if (!info) throw new AttestlyError('FILE_NOT_FOUND', `no such file: ${path}`);
  if (!info.isFile()) throw new AttestlyError('INVALID_INPUT', `${path} is not a file`);
  if (info.size > MAX_BYTES) throw new AttestlyError('INVALID_INPUT', `${path} is larger than 100 MiB`);
  return new Uint8Array(await readFile(full));
}

export async function runEvidence(args: string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'add') {
    const { values, positionals } = parseCommand(
      rest,
      {
        control: { type: 'string', multiple: true },
        title: { type: 'string' },
        'valid-from': { type: 'string' },
        'valid-until': { type: 'string' },
        json: { type: 'boolean' },
      },
      1,
    );
    if (values.help) return io.out(EVIDENCE_HELP);
    const path = positionals[0];
    if (!path)
      throw new AttestlyError('INVALID_INPUT', 'which file? attestly evidence add FILE --control ID');
    const controlCodes = listFlag(values.control).flatMap((c) => c.split(','));
    if (controlCodes.length === 0)
      throw new AttestlyError('INVALID_INPUT', 'link the evidence to a control with --control ID');
    const bytes = await readEvidenceFile(path);
    const record = await withOrg(io, values, ({ deps, scope }) =>
      addEvidence(deps, scope, {
        bytes,
        fileName: basename(path),
        title: stringFlag(values.title),
        controlCodes,
        validFrom: stringFlag(values['valid-from']),
        validUntil: stringFlag(values['valid-until']),
      }),
    );
    if (values.json) return json(io, record);
    io.out(
      `Added ${record.fileName} (sha256 ${record.sha256}) to ${record.controlCodes.join(', ')}, valid ${record.validFrom} to ${record.validUntil ?? 'no end date'}.`,
    );
    return;
  }
  if (sub === 'list') {
    const { values } = parseCommand(rest, { json: { type: 'boolean' } });
    if (values.help) return io.out(EVIDENCE_HELP);
    const records = await withOrg(io, values, ({ deps, scope }) => deps.store.repos.evidence.list(scope));
    if (values.json) return json(io, records);
    const rows = records.map((r) => [
      r.sha256.slice(0, 12),
      r.validUntil ?? '-',
      r.controlCodes.join(','),
      r.fileName,
    ]);
    for (const line of table([['SHA256', 'VALID UNTIL', 'CONTROLS', 'FILE'], ...rows])) io.out(line);
    return;
  }
  if (sub === undefined || sub === '--help' || sub === '-h') return io.out(EVIDENCE_HELP);
  throw new AttestlyError('INVALID_INPUT', `unknown evidence subcommand "${sub}"; use add or list`);
}
