import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ocsfCollector, ocsfResources } from '../../src/adapters/integrations/ocsf/collector.ts';
import { parseOcsfFindings } from '../../src/adapters/integrations/ocsf/parse-findings.ts';
import { scan } from '../../src/app/monitoring/scan.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';
import { buildLibrary } from '../../src/catalog/monitoring/library.ts';
import { ocsfLibrary } from '../../src/catalog/monitoring/ocsf.ts';
import { evaluateInventory } from '../../src/domain/monitoring/evaluate.ts';
import { errorOf } from '../support/errors.ts';

// OCSF findings as products write them (test/fixtures/ocsf): Prowler's json-ocsf (a JSON array of
// Detection Findings, times in seconds, PASS and FAIL in status_code, muted findings Suppressed), AWS
// Security Hub's Compliance Findings as JSON lines (times in milliseconds, the check in compliance.status),
// and OCSF 1.0 Security Findings (the finding under `finding`, its state in state_id) from GuardDuty.

const FIXTURES = join(import.meta.dirname, '../fixtures/ocsf');
const NOW = new Date('2025-06-30T12:00:00Z');
const library = buildLibrary([ocsfLibrary], new Set(loadCatalog().controls.map((c) => c.id)));
const read = (name: string) => readFile(join(FIXTURES, name), 'utf8');

/** Non-N/A verdicts as [test without "ocsf.", short finding, status]. */
async function judged(name: string, short: (uid: string) => string) {
  return evaluateInventory(ocsfResources(await read(name)), library.tests, { now: NOW })
    .filter((o) => o.status !== 'not_applicable')
    .map((o) => [o.testId.replace('ocsf.', ''), short(o.resourceId), o.status]);
}

describe('the OCSF findings parser', () => {
  it("reads Prowler's JSON array of Detection Findings", async () => {
    const findings = parseOcsfFindings(await read('prowler-aws.ocsf.json'));
    expect(findings).toHaveLength(5);
    expect(findings[0]).toEqual({
      classUid: 2004,
      uid: 'prowler-aws-iam_root_mfa_enabled-123456789012-us-east-1-<root_account>',
      title: 'Ensure MFA is enabled for the root account',
      product: 'Prowler',
      statusId: 1,
      status: 'New',
      statusCode: 'FAIL',
      severityId: 5,
      severity: 'Critical',
      compliance: null,
      resources: [
        { uid: 'arn:aws:iam::123456789012:root', name: '<root_account>', type: 'Other', region: 'us-east-1' },
      ],
      firstSeenAt: '2025-06-29T12:00:00.000Z',
      observedAt: '2025-06-29T12:00:00.000Z',
    });
    expect(await judged('prowler-aws.ocsf.json', (uid) => uid.split('-')[2] ?? uid)).toEqual([
      ['critical_findings_resolved', 'iam_root_mfa_enabled', 'fail'],
      ['findings_remediated_in_time', 'iam_root_mfa_enabled', 'pass'],
      ['findings_remediated_in_time', 'iam_password_policy_minimum_length_14', 'pass'],
      ['medium_findings_resolved', 's3_bucket_default_encryption', 'pass'],
      ['medium_findings_resolved', 'iam_password_policy_minimum_length_14', 'fail'],
    ]);
  });

  it("reads Security Hub's Compliance Findings as JSON lines, times in milliseconds", async () => {
    const findings = parseOcsfFindings(await read('securityhub-compliance.ocsf.jsonl'));
    expect(findings.map((f) => [f.compliance?.control, f.compliance?.statusId, f.statusId])).toEqual([
      ['IAM.6', 3, 1],
      ['S3.8', 1, 4],
      ['EC2.19', 3, 2],
      ['CloudTrail.2', 3, 1],
      ['Config.1', 2, 1],
      ['S3.14', 3, 1],
    ]);
    expect(findings[0]).toMatchObject({ firstSeenAt: '2025-06-01T09:30:00.000Z', product: 'Security Hub' });
    const control = (uid: string) => uid.split('/')[1] ?? uid;
    expect(await judged('securityhub-compliance.ocsf.jsonl', control)).toEqual([
      ['critical_findings_resolved', 'IAM.6', 'fail'],
      ['findings_remediated_in_time', 'IAM.6', 'fail'],
      ['findings_remediated_in_time', 'EC2.19', 'fail'],
      ['findings_remediated_in_time', 'CloudTrail.2', 'pass'],
      ['high_findings_resolved', 'S3.8', 'pass'],
      ['high_findings_resolved', 'EC2.19', 'fail'],
      ['low_findings_resolved', 'S3.14', 'fail'],
      ['medium_findings_resolved', 'CloudTrail.2', 'fail'],
      ['medium_findings_resolved', 'Config.1', 'error'],
    ]);
  });

  it('reads OCSF 1.0 Security Findings by their state, open until resolved', async () => {
    const findings = parseOcsfFindings(await read('guardduty-security-finding-1.0.ocsf.json'));
    expect(findings.map((f) => [f.classUid, f.statusId, f.status, f.product])).toEqual([
      [2001, 1, 'New', 'GuardDuty'],
      [2001, 4, 'Resolved', 'GuardDuty'],
    ]);
    expect(await judged('guardduty-security-finding-1.0.ocsf.json', (uid) => uid.slice(0, 4))).toEqual([
      ['findings_remediated_in_time', 'a2c4', 'pass'],
      ['high_findings_resolved', 'a2c4', 'fail'],
      ['high_findings_resolved', 'b3d5', 'pass'],
    ]);
  });

  it('points at the record and field that is wrong', async () => {
    const prowler = JSON.parse(await read('prowler-aws.ocsf.json')) as Array<
      Record<string, unknown> & { finding_info: Record<string, unknown> }
    >;
    const broken = structuredClone(prowler);
    delete broken[3]?.finding_info.uid;
    expect(errorOf(() => parseOcsfFindings(JSON.stringify(broken))).details).toEqual({
      field: 'findings[3].finding_info.uid',
    });
    const wrongClass = structuredClone(prowler);
    if (wrongClass[1]) wrongClass[1].class_uid = 1001;
    expect(errorOf(() => parseOcsfFindings(JSON.stringify(wrongClass))).message).toBe(
      'findings[1].class_uid: 1001 is not a finding class this import reads (2001, 2003, 2004)',
    );
    const lines = (await read('securityhub-compliance.ocsf.jsonl')).split('\n');
    lines[2] = '{"class_uid": 2003,';
    expect(errorOf(() => parseOcsfFindings(lines.join('\n'))).message).toMatch(/^line 3: not JSON/);
    expect(errorOf(() => parseOcsfFindings('  ')).message).toMatch(/empty/);
  });

  it('runs through attestly scan from a file, and fails loudly on a file it cannot read', async () => {
    const result = await scan(
      { collectors: new Map([['ocsf', ocsfCollector]]), library, now: () => NOW, env: {} },
      {
        integrations: [
          { type: 'ocsf', name: 'security hub', file: join(FIXTURES, 'securityhub-compliance.ocsf.jsonl') },
          { type: 'ocsf', name: 'missing', file: join(FIXTURES, 'nope.json') },
        ],
      },
      { progress: () => {} },
    );
    expect(result.integrations).toEqual([
      { type: 'ocsf', name: 'security hub', status: 'collected', resources: 6 },
      {
        type: 'ocsf',
        name: 'missing',
        status: 'failed',
        resources: 0,
        error: {
          message: expect.stringMatching(/^OCSF: cannot read .*nope\.json: ENOENT/),
          details: expect.any(Object),
        },
      },
    ]);
    expect(result.summary.fail).toBe(6);
  });
});
