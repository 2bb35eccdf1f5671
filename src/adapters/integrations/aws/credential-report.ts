import { GenerateCredentialReportCommand, GetCredentialReportCommand } from '@aws-sdk/client-iam';
import type { TAwsIamUser } from '../../../catalog/monitoring/aws.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import type { TResource } from '../../../domain/monitoring/model.ts';
import type { TAwsSession } from './clients.ts';
import { parseResponse, send } from './errors.ts';
import {
  type TCredentialReportRow,
  ZCredentialReportRow,
  ZGenerateCredentialReport,
  ZGetCredentialReport,
} from './schemas.ts';

// The IAM credential report: one CSV row per user (and one for root) with password, MFA and access key
// state. IAM builds it asynchronously, so we ask for it and poll until it is COMPLETE, a bounded number
// of times; a report younger than four hours is reused by IAM as is.

export interface TReportPolling {
  attempts: number;
  intervalMs: number;
  sleep(ms: number, signal: AbortSignal | undefined): Promise<void>;
}

export interface TCredentialReport {
  generatedAt: string | null;
  root: TCredentialReportRow;
  users: TCredentialReportRow[];
}

const ROOT_USER = '<root_account>';

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

export function parseCredentialReport(csv: string, generatedAt: string | null): TCredentialReport {
  const call = { action: 'iam:GetCredentialReport' };
  const [header, ...lines] = parseCsv(csv);
  if (!header) throw new AttestlyError('COLLECTION_FAILED', 'the IAM credential report is empty', call);
  const rows = lines.map((cells, index) =>
    parseResponse(ZCredentialReportRow, Object.fromEntries(header.map((name, i) => [name, cells[i]])), {
      action: `${call.action} (row ${index + 2})`,
    }),
  );
  const root = rows.find((r) => r.user === ROOT_USER);
  if (!root)
    throw new AttestlyError('COLLECTION_FAILED', `the IAM credential report has no ${ROOT_USER} row`, call);
  return { generatedAt, root, users: rows.filter((r) => r.user !== ROOT_USER) };
}

export async function fetchCredentialReport(
  session: TAwsSession,
  polling: TReportPolling,
): Promise<TCredentialReport> {
  const iam = session.iam();
  const generate = { action: 'iam:GenerateCredentialReport' };
  for (let attempt = 1; ; attempt++) {
    const out = await send(generate, () =>
      iam.send(new GenerateCredentialReportCommand({}), { abortSignal: session.signal }),
    );
    const { State } = parseResponse(ZGenerateCredentialReport, out, generate);
    if (State === 'COMPLETE') break;
    if (attempt >= polling.attempts) {
      throw new AttestlyError(
        'COLLECTION_FAILED',
        `the IAM credential report was still ${State} after ${attempt} requests; try again in a minute`,
        { action: generate.action, state: State },
      );
    }
    await polling.sleep(polling.intervalMs, session.signal);
  }
  const get = { action: 'iam:GetCredentialReport' };
  const report = parseResponse(
    ZGetCredentialReport,
    await send(get, () => iam.send(new GetCredentialReportCommand({}), { abortSignal: session.signal })),
    get,
  );
  return parseCredentialReport(
    new TextDecoder().decode(report.Content),
    report.GeneratedTime?.toISOString() ?? null,
  );
}

function accessKeys(row: TCredentialReportRow): TAwsIamUser['accessKeys'] {
  const slots = [
    {
      slot: 1,
      active: row.access_key_1_active,
      lastRotated: row.access_key_1_last_rotated,
      lastUsed: row.access_key_1_last_used_date,
      lastUsedService: row.access_key_1_last_used_service,
    },
    {
      slot: 2,
      active: row.access_key_2_active,
      lastRotated: row.access_key_2_last_rotated,
      lastUsed: row.access_key_2_last_used_date,
      lastUsedService: row.access_key_2_last_used_service,
    },
  ];
  // An empty slot reports inactive and never rotated.
  return slots.filter((k) => k.active || k.lastRotated !== null);
}

export function activeRootKeys(root: TCredentialReportRow): number {
  return [root.access_key_1_active, root.access_key_2_active].filter(Boolean).length;
}

export function iamUsers(report: TCredentialReport): TResource<TAwsIamUser>[] {
  return report.users.map((row) => ({
    type: 'aws.iam.user',
    id: row.arn,
    name: row.user,
    attributes: {
      userName: row.user,
      arn: row.arn,
      createdAt: row.user_creation_time,
      passwordEnabled: row.password_enabled,
      passwordLastUsed: row.password_last_used,
      passwordLastChanged: row.password_last_changed,
      mfaActive: row.mfa_active,
      accessKeys: accessKeys(row),
    },
  }));
}
