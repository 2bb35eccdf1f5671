import { z } from 'zod';
import { OCSF_FINDING_CLASSES, type ocsfFinding } from '../../../catalog/monitoring/ocsf.ts';
import { AttestlyError } from '../../../domain/errors.ts';

// Reads OCSF findings as products write them: a JSON array (Prowler's json-ocsf), one object, or JSON
// lines (one finding a line, as Security Lake and most exporters stream them). Only the fields the tests
// use are read; the rest of the event is left alone, so any OCSF 1.x version parses.

export type TFindingAttributes = z.infer<typeof ocsfFinding.schema>;

/** OCSF timestamp_t is milliseconds since the epoch; some emitters (Prowler) write seconds. */
const ZTimestamp = z.number().nonnegative().nullish();
const ZDateTime = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), 'not a date-time')
  .nullish();

const ZInfo = z.object({
  uid: z.string().min(1).max(500),
  title: z.string().nullish(),
  first_seen_time: ZTimestamp,
  first_seen_time_dt: ZDateTime,
  created_time: ZTimestamp,
  created_time_dt: ZDateTime,
});

const ZRawFinding = z.object({
  class_uid: z.number().int(),
  severity_id: z.number().int(),
  severity: z.string().nullish(),
  status_id: z.number().int().nullish(),
  status: z.string().nullish(),
  /** OCSF 1.0 Security Finding: the finding's state (status_id there is the event's outcome). */
  state_id: z.number().int().nullish(),
  state: z.string().nullish(),
  status_code: z.string().nullish(),
  time: ZTimestamp,
  time_dt: ZDateTime,
  /** finding_info from OCSF 1.1; `finding` in 1.0's Security Finding. */
  finding_info: ZInfo.optional(),
  finding: ZInfo.optional(),
  compliance: z
    .object({
      status_id: z.number().int().nullish(),
      status: z.string().nullish(),
      control: z.string().nullish(),
      standards: z.array(z.string()).nullish(),
      requirements: z.array(z.string()).nullish(),
    })
    .nullish(),
  resources: z
    .array(
      z.object({
        uid: z.string().nullish(),
        name: z.string().nullish(),
        type: z.string().nullish(),
        region: z.string().nullish(),
      }),
    )
    .nullish(),
  metadata: z.object({
    product: z.object({ name: z.string().nullish(), vendor_name: z.string().nullish() }).nullish(),
  }),
});
type TRawFinding = z.infer<typeof ZRawFinding>;

function isoOf(dt: string | null | undefined, epoch: number | null | undefined): string | null {
  if (dt) return new Date(Date.parse(dt)).toISOString();
  if (epoch === null || epoch === undefined) return null;
  return new Date(epoch < 100_000_000_000 ? epoch * 1000 : epoch).toISOString();
}

function refuse(where: string, message: string): never {
  throw new AttestlyError('INVALID_INPUT', `${where}: ${message}`, { field: where });
}

function toAttributes(raw: TRawFinding, where: string): TFindingAttributes {
  if (!(OCSF_FINDING_CLASSES as readonly number[]).includes(raw.class_uid))
    refuse(
      `${where}.class_uid`,
      `${raw.class_uid} is not a finding class this import reads (${OCSF_FINDING_CLASSES.join(', ')})`,
    );
  const info = raw.finding_info ?? raw.finding;
  if (!info) return refuse(`${where}.finding_info`, 'required (finding_info.uid names the finding)');
  // A 1.0 Security Finding keeps the finding's state in state_id; its status_id is the event's outcome.
  const legacy = raw.class_uid === 2001 && raw.state_id != null;
  const compliance = raw.compliance;
  return {
    classUid: raw.class_uid,
    uid: info.uid,
    title: (info.title ?? info.uid).slice(0, 1000),
    product: raw.metadata.product?.name ?? raw.metadata.product?.vendor_name ?? null,
    statusId: (legacy ? raw.state_id : raw.status_id) ?? null,
    status: (legacy ? raw.state : raw.status) ?? null,
    statusCode: raw.status_code ?? null,
    severityId: raw.severity_id,
    severity: raw.severity ?? null,
    compliance: compliance
      ? {
          statusId: compliance.status_id ?? null,
          status: compliance.status ?? null,
          control: compliance.control ?? null,
          standards: compliance.standards ?? [],
          requirements: compliance.requirements ?? [],
        }
      : null,
    resources: (raw.resources ?? []).slice(0, 100).map((r) => ({
      uid: r.uid ?? null,
      name: r.name ?? null,
      type: r.type ?? null,
      region: r.region ?? null,
    })),
    firstSeenAt:
      isoOf(info.first_seen_time_dt, info.first_seen_time) ?? isoOf(info.created_time_dt, info.created_time),
    observedAt: isoOf(raw.time_dt, raw.time),
  };
}

function parseOne(value: unknown, where: string): TFindingAttributes {
  const parsed = ZRawFinding.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.length ? `${where}.${issue.path.join('.')}` : where;
    refuse(path, issue?.message ?? 'not an OCSF finding');
  }
  return toAttributes(parsed.data, where);
}

/** The documents of a file: a JSON array or object, else JSON lines (each error names its line). */
function documentsOf(text: string): Array<{ value: unknown; where: string }> {
  const trimmed = text.trim();
  if (!trimmed) throw new AttestlyError('INVALID_INPUT', 'the file is empty: no OCSF findings');
  try {
    const whole: unknown = JSON.parse(trimmed);
    return Array.isArray(whole)
      ? whole.map((value, i) => ({ value, where: `findings[${i}]` }))
      : [{ value: whole, where: 'finding' }];
  } catch {
    return trimmed.split('\n').flatMap((line, i) => {
      if (!line.trim()) return [];
      try {
        return [{ value: JSON.parse(line) as unknown, where: `line ${i + 1}` }];
      } catch (error) {
        return refuse(`line ${i + 1}`, `not JSON (${(error as Error).message})`);
      }
    });
  }
}

/**
 * Every finding of an OCSF file, by finding_info.uid (a later report of the same finding wins). A record
 * that is not a finding of a class this reads, or lacks a field the tests need, is refused with its place.
 */
export function parseOcsfFindings(text: string): TFindingAttributes[] {
  const byUid = new Map<string, TFindingAttributes>();
  for (const { value, where } of documentsOf(text)) {
    const finding = parseOne(value, where);
    byUid.set(finding.uid, finding);
  }
  return [...byUid.values()];
}
