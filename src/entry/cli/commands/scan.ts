import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { scan } from '../../../app/monitoring/scan.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { atLeast, SEVERITIES, type TSeverity } from '../../../domain/monitoring/model.ts';
import { COLLECTORS, testLibrary } from '../../monitoring.ts';
import { parseCommand, stringFlag } from '../command.ts';
import { type CliIo, json } from '../io.ts';
import { scanJson, scanSarif, scanTable } from '../scan-output.ts';

export const SCAN_HELP = `attestly scan: collect from the integrations in a file and run the test library, without a server

  --config FILE            YAML or JSON: {"integrations":[{"type":"postgres","url":"postgres://…"}, …]}
                           a value written {"env":"NAME"} is read from that environment variable
  --format table|json|sarif (default table)
  --fail-on SEVERITY       exit 1 when a test of this severity or above fails (low|medium|high|critical)

Exit codes: 0 clean, 1 a test at or above --fail-on failed, 2 an integration could not be collected.`;

const ZScanFile = z.strictObject({ integrations: z.array(z.record(z.string(), z.unknown())).min(1) });

async function readScanFile(path: string) {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new AttestlyError('FILE_NOT_FOUND', `no such file: ${path}`);
  });
  let raw: unknown;
  try {
    raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new AttestlyError(
      'INVALID_INPUT',
      `${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const parsed = ZScanFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AttestlyError(
      'INVALID_INPUT',
      `${path}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

export async function runScan(args: string[], io: CliIo): Promise<{ exitCode: number } | undefined> {
  const { values } = parseCommand(args, {
    config: { type: 'string' },
    format: { type: 'string' },
    'fail-on': { type: 'string' },
  });
  if (values.help) {
    io.out(SCAN_HELP);
    return undefined;
  }
  const path = stringFlag(values.config);
  if (!path) throw new AttestlyError('INVALID_INPUT', '--config FILE is required');
  const format = stringFlag(values.format) ?? 'table';
  if (!['table', 'json', 'sarif'].includes(format))
    throw new AttestlyError('INVALID_INPUT', `--format must be table, json or sarif`);
  const failOn = stringFlag(values['fail-on']);
  if (failOn !== undefined && !(SEVERITIES as readonly string[]).includes(failOn)) {
    throw new AttestlyError('INVALID_INPUT', `--fail-on must be one of ${SEVERITIES.join(', ')}`);
  }
  const file = await readScanFile(path);
  const library = testLibrary();
  const result = await scan({ collectors: COLLECTORS, library, now: () => new Date(), env: io.env }, file, {
    progress: (message) => io.err(`attestly: ${message}`),
  });
  if (format === 'json') json(io, scanJson(result, library));
  else if (format === 'sarif') json(io, scanSarif(result, library, '0.1.0'));
  else for (const line of scanTable(result)) io.out(line);

  if (result.integrations.some((i) => i.status === 'failed')) return { exitCode: 2 };
  const severity = new Map(library.tests.map((t) => [t.id, t.severity]));
  const threshold = failOn as TSeverity | undefined;
  if (
    threshold &&
    result.outcomes.some((o) => o.status === 'fail' && atLeast(severity.get(o.testId) ?? 'low', threshold))
  ) {
    return { exitCode: 1 };
  }
  return { exitCode: 0 };
}
