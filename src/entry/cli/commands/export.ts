import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { writeXlsx } from '../../../adapters/reports/xlsx.ts';
import { writableSink } from '../../../adapters/zip/stream-sink.ts';
import { createZipWriter } from '../../../adapters/zip/zip-writer.ts';
import { buildAuditPackage } from '../../../app/audit-package/build-audit-package.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { parseCommand, stringFlag, withOrg } from '../command.ts';
import { type CliIo, json } from '../io.ts';

export const EXPORT_HELP = `attestly export audit-package: everything an auditor needs for a period, in one signed zip

  attestly export audit-package --out FILE.zip [--audit ID] [--force] [--json]
    The control matrix (control-matrix.xlsx), every evidence file of the period with its index, the
    populations and samples, the control timelines, the audit's requests, and the evidence ledger's
    segment for the period with what each entry commits to; manifest.json lists every file's SHA-256 and
    manifest.sig is the organization's Ed25519 signature over it. Check it with "attestly verify FILE.zip".
  --audit ID   the audit whose period (and requests, samples) to package; without it, the program's period
  --force      replace FILE.zip if it exists
  Progress goes to stderr; the file appears only once it is complete.`;

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null)) !== null;
}

async function exportAuditPackage(args: string[], io: CliIo): Promise<void> {
  const { values } = parseCommand(args, {
    out: { type: 'string' },
    audit: { type: 'string' },
    force: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (values.help) return io.out(EXPORT_HELP);
  const outFlag = stringFlag(values.out);
  if (!outFlag)
    throw new AttestlyError('INVALID_INPUT', 'where to? attestly export audit-package --out FILE.zip');
  const out = resolve(outFlag);
  if (!values.force && (await exists(out)))
    throw new AttestlyError('CONFLICT', `${outFlag} exists; add --force to replace it`);
  if (!(await stat(dirname(out)).catch(() => null))?.isDirectory())
    throw new AttestlyError('FILE_NOT_FOUND', `no such directory: ${dirname(outFlag)}`);

  // Written next to the target under another name, then renamed: a failed export leaves no half a zip.
  const partial = join(dirname(out), `.${basename(out)}.${randomBytes(4).toString('hex')}.partial`);
  const result = await withOrg(io, values, async ({ deps, org, scope }) => {
    const stream = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
    try {
      const written = await buildAuditPackage(
        deps,
        scope,
        org,
        { auditId: stringFlag(values.audit) },
        {
          archive: createZipWriter(writableSink(stream), { mtime: deps.clock.now() }),
          writeWorkbook: writeXlsx,
          progress: (message) => io.err(`attestly: ${message}`),
        },
      );
      stream.end();
      await finished(stream);
      await rename(partial, out);
      return written;
    } catch (error) {
      stream.destroy();
      await unlink(partial).catch(() => {});
      throw error;
    }
  });
  if (values.json) return json(io, { ...result, path: out });
  io.out(
    `Wrote ${outFlag}: ${result.files} files, ${result.evidence} evidence files, ${result.ledgerEntries} ledger entries, ${result.period.from} to ${result.period.to}.`,
  );
  io.out(`Signed by the organization's key, fingerprint ${result.fingerprint}.`);
  io.out(`Check it with: attestly verify ${outFlag}`);
}

export async function runExport(args: string[], io: CliIo): Promise<void> {
  const [what, ...rest] = args;
  if (what === 'audit-package') return exportAuditPackage(rest, io);
  if (what === undefined || what === '--help' || what === '-h') return io.out(EXPORT_HELP);
  throw new AttestlyError('INVALID_INPUT', `unknown export "${what}"; use audit-package`);
}
