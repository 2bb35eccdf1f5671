import { describe, expect, it } from 'vitest';
import { evaluateInventory } from '../../domain/monitoring/evaluate.ts';
import type { TOutcomeStatus, TResource } from '../../domain/monitoring/model.ts';
import { loadCatalog } from '../load-catalog.ts';
import { buildLibrary } from './library.ts';
import { ocsfFinding, ocsfLibrary } from './ocsf.ts';

const library = buildLibrary([ocsfLibrary], new Set(loadCatalog().controls.map((c) => c.id)));
const NOW = new Date('2025-06-30T12:00:00Z');

type TOverrides = Partial<Omit<ReturnType<typeof ocsfFinding.schema.parse>, 'compliance'>> & {
  compliance?: { statusId: number } | null;
};

function finding(overrides: TOverrides = {}): TResource {
  const { compliance, ...rest } = overrides;
  const attributes = ocsfFinding.schema.parse({
    classUid: 2003,
    uid: 'finding-1',
    title: 'Hardware MFA should be enabled for the root user',
    product: 'Security Hub',
    statusId: 1,
    status: 'New',
    statusCode: null,
    severityId: 4,
    severity: 'High',
    compliance:
      compliance === null
        ? null
        : {
            statusId: compliance?.statusId ?? 3,
            status: null,
            control: 'IAM.6',
            standards: [],
            requirements: [],
          },
    resources: [{ uid: 'AWS::::Account:123456789012', name: null, type: 'AwsAccount', region: 'us-east-1' }],
    firstSeenAt: '2025-06-20T12:00:00.000Z',
    observedAt: '2025-06-30T06:00:00.000Z',
    ...rest,
  });
  return { type: ocsfFinding.type, id: attributes.uid, name: attributes.title, attributes };
}

const statusOf = (resource: TResource, test: string): TOutcomeStatus | undefined =>
  evaluateInventory([resource], library.tests, { now: NOW }).find((o) => o.testId === test)?.status;

/** [critical, high, medium, low] band tests. */
const bands = (resource: TResource) =>
  ['critical', 'high', 'medium', 'low'].map((b) => statusOf(resource, `ocsf.${b}_findings_resolved`));

describe('the OCSF tests', () => {
  it('fail a failed finding in the band of its severity', () => {
    const NA = 'not_applicable';
    expect(bands(finding({ severityId: 5 }))).toEqual(['fail', NA, NA, NA]);
    expect(bands(finding({ severityId: 6 }))).toEqual(['fail', NA, NA, NA]);
    expect(bands(finding({ severityId: 4 }))).toEqual([NA, 'fail', NA, NA]);
    expect(bands(finding({ severityId: 3 }))).toEqual([NA, NA, 'fail', NA]);
    expect(bands(finding({ severityId: 2 }))).toEqual([NA, NA, NA, 'fail']);
    expect(bands(finding({ severityId: 0 }))).toEqual([NA, NA, 'fail', NA]);
    expect(bands(finding({ severityId: 1 }))).toEqual([NA, NA, NA, NA]);
  });

  it.each<[string, TOverrides, TOutcomeStatus]>([
    ['a failed compliance check', { compliance: { statusId: 3 } }, 'fail'],
    ['a passed compliance check', { compliance: { statusId: 1 } }, 'pass'],
    ['a compliance warning', { compliance: { statusId: 2 } }, 'error'],
    ['a resolved failure', { statusId: 4, compliance: { statusId: 3 } }, 'pass'],
    ['a suppressed failure', { statusId: 3, compliance: { statusId: 3 } }, 'not_applicable'],
    ['an archived failure', { statusId: 5, compliance: { statusId: 3 } }, 'not_applicable'],
    ['Prowler FAIL', { classUid: 2004, compliance: null, statusCode: 'FAIL' }, 'fail'],
    ['Prowler PASS (status New)', { classUid: 2004, compliance: null, statusCode: 'PASS' }, 'pass'],
    ['Prowler MANUAL', { classUid: 2004, compliance: null, statusCode: 'MANUAL' }, 'not_applicable'],
    ['a new detection without a check', { classUid: 2001, compliance: null }, 'fail'],
    ['an in-progress detection', { classUid: 2001, compliance: null, statusId: 2 }, 'fail'],
    ['a resolved detection', { classUid: 2001, compliance: null, statusId: 4 }, 'pass'],
  ])('judge %s as %s', (_what, overrides, status) => {
    expect(statusOf(finding(overrides), 'ocsf.high_findings_resolved')).toBe(status);
  });

  it('hold open findings to the remediation window of their severity', () => {
    const test = 'ocsf.findings_remediated_in_time';
    // First seen ten days before NOW.
    expect(statusOf(finding({ severityId: 5 }), test)).toBe('fail');
    expect(statusOf(finding({ severityId: 4 }), test)).toBe('pass');
    expect(statusOf(finding({ severityId: 4, firstSeenAt: '2025-05-30T11:00:00.000Z' }), test)).toBe('fail');
    expect(statusOf(finding({ severityId: 3, firstSeenAt: '2025-04-01T12:00:00.000Z' }), test)).toBe('pass');
    expect(statusOf(finding({ severityId: 2, firstSeenAt: '2020-01-01T00:00:00.000Z' }), test)).toBe(
      'not_applicable',
    );
    expect(statusOf(finding({ severityId: 5, statusId: 4 }), test)).toBe('not_applicable');
    expect(statusOf(finding({ severityId: 5, firstSeenAt: null, observedAt: null }), test)).toBe('error');
    const [outcome] = evaluateInventory([finding({ severityId: 5 })], library.tests, { now: NOW }).filter(
      (o) => o.testId === test,
    );
    expect(outcome?.reason).toBe(
      'Hardware MFA should be enabled for the root user: open for 10 days, past the 7-day window for critical findings',
    );
  });

  it('map the band tests to the baseline control and the window to vulnerability remediation', () => {
    expect(library.tests.map((t) => [t.id, t.severity, t.controls])).toEqual([
      ['ocsf.critical_findings_resolved', 'critical', ['OPS-11']],
      ['ocsf.findings_remediated_in_time', 'high', ['OPS-08']],
      ['ocsf.high_findings_resolved', 'high', ['OPS-11']],
      ['ocsf.low_findings_resolved', 'low', ['OPS-11']],
      ['ocsf.medium_findings_resolved', 'medium', ['OPS-11']],
    ]);
  });
});
