import { z } from 'zod';
import { fail, notApplicable, pass, type TSeverity, type TVerdict } from '../../domain/monitoring/model.ts';
import { defineTest, resourceType, type TProviderLibrary } from './define.ts';

// OCSF findings: what security and posture tools without a collector of their own report (AWS Security Hub,
// Prowler, and any product that writes the Open Cybersecurity Schema Framework): Security Finding (2001),
// Compliance Finding (2003) and Detection Finding (2004), one resource per finding.

export const OCSF_FINDING_CLASSES = [2001, 2003, 2004] as const;

export const ocsfFinding = resourceType(
  'ocsf.finding',
  'OCSF finding',
  z.strictObject({
    /** 2001 Security Finding, 2003 Compliance Finding, 2004 Detection Finding. */
    classUid: z.number().int(),
    /** finding_info.uid: stable across reports of the same finding. */
    uid: z.string().min(1).max(500),
    title: z.string().max(1000),
    /** metadata.product.name (Security Hub, Prowler, …). */
    product: z.string().max(200).nullable(),
    /**
     * The finding's workflow state: OCSF status_id (state_id for a 1.0 Security Finding). 0 Unknown,
     * 1 New, 2 In Progress, 3 Suppressed, 4 Resolved, 5 Archived, 99 Other.
     */
    statusId: z.number().int().nullable(),
    status: z.string().max(100).nullable(),
    /** The product's own result code, verbatim (Prowler: PASS, FAIL, MANUAL). */
    statusCode: z.string().max(100).nullable(),
    /** 0 Unknown, 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical, 6 Fatal, 99 Other. */
    severityId: z.number().int(),
    severity: z.string().max(100).nullable(),
    /** A Compliance Finding's check: status_id 0 Unknown, 1 Pass, 2 Warning, 3 Fail, 99 Other. */
    compliance: z
      .strictObject({
        statusId: z.number().int().nullable(),
        status: z.string().max(100).nullable(),
        control: z.string().max(300).nullable(),
        standards: z.array(z.string().max(300)).max(100),
        requirements: z.array(z.string().max(300)).max(100),
      })
      .nullable(),
    /** What the finding is about (an ARN, a host, an image). */
    resources: z
      .array(
        z.strictObject({
          uid: z.string().max(2000).nullable(),
          name: z.string().max(1000).nullable(),
          type: z.string().max(200).nullable(),
          region: z.string().max(100).nullable(),
        }),
      )
      .max(100),
    /** When the finding was first seen (ISO 8601): finding_info.first_seen_time, else its created_time. */
    firstSeenAt: z.string().max(40).nullable(),
    /** The event's time (ISO 8601): when the product last reported it. */
    observedAt: z.string().max(40).nullable(),
  }),
);

type TFinding = z.infer<typeof ocsfFinding.schema>;

/** The library's severity for an OCSF severity_id; Informational is not judged, Unknown and Other count as medium. */
export function severityOfFinding(severityId: number): TSeverity | null {
  if (severityId === 1) return null;
  if (severityId === 2) return 'low';
  if (severityId === 4) return 'high';
  if (severityId === 5 || severityId === 6) return 'critical';
  return 'medium';
}

/** open: a weakness stands; passing: checked and fine, or resolved; closed: set aside by people or needing one. */
type TState = { kind: 'open' | 'passing' | 'closed' | 'undetermined'; reason: string };

/**
 * Where a finding stands. A workflow state set by people (resolved, suppressed) comes first; then the
 * product's check result (a Compliance Finding's status, Prowler's PASS and FAIL); a finding with neither
 * reports a problem by being there, so it is open until resolved.
 */
export function findingState(f: TFinding): TState {
  const by = f.product ? ` in ${f.product}` : '';
  if (f.statusId === 4) return { kind: 'passing', reason: `resolved${by}` };
  if (f.statusId === 3)
    return { kind: 'closed', reason: `suppressed${by}: record the accepted risk or false positive` };
  if (f.statusId === 5) return { kind: 'closed', reason: `archived${by}` };
  const code = f.statusCode?.toUpperCase() ?? null;
  const check = f.compliance?.statusId ?? null;
  if (check === 3 || code === 'FAIL' || code === 'FAILED')
    return {
      kind: 'open',
      reason: `the check failed${f.compliance?.control ? ` (${f.compliance.control})` : ''}`,
    };
  if (check === 1 || code === 'PASS' || code === 'PASSED')
    return { kind: 'passing', reason: 'the check passed' };
  if (check === 2) return { kind: 'undetermined', reason: `the check ended with a warning${by}` };
  if (code === 'MANUAL') return { kind: 'closed', reason: 'the check needs a manual review' };
  return { kind: 'open', reason: `an open finding (${f.status ?? 'status unknown'})` };
}

const fieldsOf = (f: TFinding) => ({
  uid: f.uid,
  classUid: f.classUid,
  severityId: f.severityId,
  statusId: f.statusId,
  statusCode: f.statusCode,
  complianceStatusId: f.compliance?.statusId ?? null,
  resources: f.resources.map((r) => r.uid ?? r.name).filter(Boolean),
});

/** One finding against the test of one severity band. */
export function judgeFinding(f: TFinding, band: TSeverity): TVerdict {
  const severity = severityOfFinding(f.severityId);
  const fields = fieldsOf(f);
  if (severity !== band)
    return notApplicable(`a ${f.severity ?? `severity ${f.severityId}`} finding`, fields);
  const state = findingState(f);
  const what = `${f.title}: ${state.reason}`;
  if (state.kind === 'open') return fail(what, fields);
  if (state.kind === 'passing') return pass(what, fields);
  if (state.kind === 'undetermined') return { status: 'error', reason: what, fields };
  return notApplicable(what, fields);
}

/** OPS-08's remediation windows, in days from discovery. */
export const REMEDIATION_DAYS: Partial<Record<TSeverity, number>> = { critical: 7, high: 30, medium: 90 };
const DAY_MS = 86_400_000;

/** An open finding must be fixed or accepted within its severity's window; its age runs from first seen. */
export function judgeRemediationWindow(f: TFinding, now: Date): TVerdict {
  const severity = severityOfFinding(f.severityId);
  const fields = { ...fieldsOf(f), firstSeenAt: f.firstSeenAt };
  const days = severity ? REMEDIATION_DAYS[severity] : undefined;
  if (!severity || days === undefined)
    return notApplicable(`no remediation window for a ${f.severity ?? 'low'} finding`, fields);
  const state = findingState(f);
  if (state.kind !== 'open') return notApplicable(`${f.title}: ${state.reason}`, fields);
  const since = f.firstSeenAt ?? f.observedAt;
  if (!since)
    return { status: 'error', reason: `${f.title}: the finding has no time to measure its age`, fields };
  const age = Math.floor((now.getTime() - Date.parse(since)) / DAY_MS);
  return age > days
    ? fail(`${f.title}: open for ${age} days, past the ${days}-day window for ${severity} findings`, fields)
    : pass(`${f.title}: open for ${age} days, within the ${days}-day window`, fields);
}

const BANDS: Array<{ band: TSeverity; id: string; title: string }> = [
  { band: 'critical', id: 'ocsf.critical_findings_resolved', title: 'No open critical findings' },
  { band: 'high', id: 'ocsf.high_findings_resolved', title: 'No open high-severity findings' },
  { band: 'medium', id: 'ocsf.medium_findings_resolved', title: 'No open medium-severity findings' },
  { band: 'low', id: 'ocsf.low_findings_resolved', title: 'No open low-severity findings' },
];

export const ocsfLibrary: TProviderLibrary = {
  provider: 'ocsf',
  resourceTypes: [ocsfFinding],
  tests: [
    // One test per severity band, so a failed critical finding weighs as critical. A posture or
    // vulnerability finding is a deviation the scanner reported (OPS-11) until it is fixed or accepted.
    ...BANDS.map(({ band, id, title }) =>
      defineTest(ocsfFinding, {
        id,
        title,
        severity: band,
        rationale:
          'A security or posture tool reported a weakness; until it is fixed, suppressed as an accepted ' +
          'risk, or passes its check again, the system departs from its baseline.',
        remediation:
          'Fix the finding in the resource it names, or suppress it in the reporting product with the ' +
          'reason (and record the accepted risk), then import the next report.',
        controls: ['OPS-11'],
        evaluate: (resource) => judgeFinding(resource.attributes, band),
      }),
    ),
    defineTest(ocsfFinding, {
      id: 'ocsf.findings_remediated_in_time',
      title: 'Open findings are remediated within their window (critical 7, high 30, medium 90 days)',
      severity: 'high',
      rationale:
        'OPS-08 sets how long a known weakness may stay open; an older open finding is an SLA breach to ' +
        'report to leadership.',
      remediation: 'Fix the finding, or accept the risk formally and suppress it with the reason.',
      controls: ['OPS-08'],
      evaluate: (resource, context) => judgeRemediationWindow(resource.attributes, context.now),
    }),
  ],
};
