import { beforeAll, describe, expect, it } from 'vitest';
import { createAwsCollector, ZAwsConfig } from '../../src/adapters/integrations/aws/collector.ts';
import { scan } from '../../src/app/monitoring/scan.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';
import { awsLibrary } from '../../src/catalog/monitoring/aws.ts';
import { buildLibrary } from '../../src/catalog/monitoring/library.ts';
import { AttestlyError } from '../../src/domain/errors.ts';
import type { TOutcomeStatus, TResource } from '../../src/domain/monitoring/model.ts';
import { FAILURES } from '../fixtures/aws/failures.ts';
import { FLIPS } from '../fixtures/aws/flips.ts';
import { awsReplay, loadRecordings, type TRecording } from '../support/aws-replay.ts';

// The AWS integration against recorded, sanitized API responses (test/fixtures/aws): a sample account
// with a root user without MFA, stale and unrotated keys, a public database, SSH open to the world, a
// bucket without a public access block and GuardDuty off in one region. The SDK clients run for real
// (signing, serialization, paginators, XML and JSON parsing); only the network is replayed.

const NOW = new Date('2026-03-01T00:00:00Z');
const REGIONS = ['us-east-1', 'eu-west-1'];
const BASE_KEY = 'AKIAEXAMPLEBASE00001';
const library = buildLibrary([awsLibrary], new Set(loadCatalog().controls.map((c) => c.id)));
const context = { progress: () => undefined };

function replayed(options: { overrides?: TRecording[]; recordings?: TRecording[] } = {}) {
  const replay = awsReplay(options);
  const sleeps: number[] = [];
  const collector = createAwsCollector({
    requestHandler: replay.requestHandler,
    credentials: { accessKeyId: BASE_KEY, secretAccessKey: 'EXAMPLEbaseSECRETkeyFORreplayONLY000001' },
    reportPolling: { attempts: 3, intervalMs: 2_000, sleep: async (ms) => void sleeps.push(ms) },
  });
  const collect = (config: Record<string, unknown> = {}) =>
    collector.collect(ZAwsConfig.parse({ regions: REGIONS, ...config }), context);
  return { replay, collector, collect, sleeps };
}

async function failure(run: Promise<unknown>): Promise<AttestlyError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AttestlyError)) throw error ?? new Error('expected the collection to fail');
  return error;
}

/** Columns: the tests of a resource type (without `aws.`); rows: resource name → one status per column. */
const EXPECTED: Array<[string[], Record<string, string>]> = [
  [
    ['root_mfa_enabled', 'root_hardware_mfa', 'root_no_access_keys', 'password_policy_min_length'],
    { 'AWS account 111122223333': 'F N F P' },
  ],
  [
    ['password_policy_reuse_prevention', 'cloudtrail_multi_region_logging', 'cloudtrail_log_file_validation'],
    { 'AWS account 111122223333': 'F P P' },
  ],
  [
    [
      'cloudtrail_kms_encrypted',
      'cloudtrail_cloudwatch_delivery',
      'guardduty_enabled',
      'ebs_default_encryption',
    ],
    { 'AWS account 111122223333': 'P F F F' },
  ],
  [['s3_account_public_access_block'], { 'AWS account 111122223333': 'F' }],
  [
    [
      'iam_user_console_mfa',
      'iam_access_key_rotated',
      'iam_password_unused_disabled',
      'iam_access_key_unused_disabled',
      'iam_single_active_access_key',
    ],
    {
      alice: 'P P P P P',
      bob: 'F N F N N',
      carol: 'P N P N N',
      'ci-deploy': 'N F N F F',
      reporting: 'N F N F P',
    },
  ],
  [
    ['s3_bucket_public_access_blocked', 's3_bucket_default_encryption', 's3_bucket_versioning'],
    {
      'app-data-111122223333': 'P P P',
      'legacy-assets-111122223333': 'F P F',
      'old-logs-111122223333': 'P F F',
    },
  ],
  [
    [
      'rds_storage_encrypted',
      'rds_backup_retention',
      'rds_not_public',
      'rds_deletion_protection',
      'rds_multi_az',
      'rds_auto_minor_version_upgrade',
    ],
    {
      'prod-db': 'P P P P P P',
      'reporting-db': 'F F F F F F',
      'reporting-db-replica': 'F N P F N P',
      'app-aurora-1': 'P P P P P P',
    },
  ],
  [
    [
      'sg_no_public_ssh',
      'sg_no_public_rdp',
      'sg_no_public_database_ports',
      'sg_no_public_admin_ports',
      'sg_no_public_all_traffic',
      'default_sg_restricts_all',
    ],
    {
      'default (sg-0a1b2c3d4e5f60001)': 'P P P P P F',
      'web-alb (sg-0a1b2c3d4e5f60002)': 'P P P P P N',
      'bastion (sg-0a1b2c3d4e5f60003)': 'F P P P P N',
      'app-db (sg-0a1b2c3d4e5f60004)': 'P P P P P N',
      'default (sg-0a1b2c3d4e5f60011)': 'P P P P P P',
      'windows-admin (sg-0a1b2c3d4e5f60012)': 'P F P F P N',
      'legacy-open (sg-0a1b2c3d4e5f60013)': 'F F F F F N',
    },
  ],
  [
    ['vpc_flow_logs_enabled'],
    {
      'prod (vpc-0a1b2c3d4e5f60001)': 'P',
      'staging (vpc-0a1b2c3d4e5f60002)': 'F',
      'vpc-0a1b2c3d4e5f60011': 'F',
    },
  ],
  [['alb_web_acl'], { 'web-public': 'P', 'admin-portal': 'F', 'internal-api': 'N', 'tcp-ingress': 'N' }],
  [
    ['cloudfront_web_acl', 'cloudfront_https_only'],
    {
      'www.example.com (E1A2B3C4D5E6F7)': 'P P',
      'assets.example.com (E2B3C4D5E6F7A8)': 'F F',
      'd333333abcdef8.cloudfront.net (E3C4D5E6F7A8B9)': 'N N',
    },
  ],
  [
    ['kms_rotation_enabled', 'kms_key_not_pending_deletion'],
    {
      '1111aaaa-2222-4333-8444-555566667777 (Application data)': 'P P',
      '2222bbbb-3333-4444-8555-666677778888 (Reporting exports)': 'F P',
      '3333cccc-4444-4555-8666-777788889999 (Default key that protects my RDS database volumes when no other key is defined)':
        'N N',
      '4444dddd-5555-4666-8777-88889999aaaa (Release signing)': 'N P',
      '5555eeee-6666-4777-8888-9999aaaabbbb (Old backups)': 'N F',
    },
  ],
];

const STATUS: Record<string, TOutcomeStatus> = { P: 'pass', F: 'fail', N: 'not_applicable' };

function expectedOutcomes(): string[] {
  return EXPECTED.flatMap(([columns, rows]) =>
    Object.entries(rows).flatMap(([name, statuses]) =>
      statuses.split(' ').map((s, i) => `${name} | aws.${columns[i]} | ${STATUS[s]}`),
    ),
  ).sort();
}

describe('the AWS library', () => {
  it('has at least 28 tests, each with rationale, remediation and 1–3 controls', () => {
    expect(library.tests.length).toBeGreaterThanOrEqual(28);
    for (const test of library.tests) {
      expect(test.rationale.length, test.id).toBeGreaterThan(40);
      expect(test.remediation.length, test.id).toBeGreaterThan(20);
      expect(test.controls.length, test.id).toBeGreaterThanOrEqual(1);
      expect(test.controls.length, test.id).toBeLessThanOrEqual(3);
    }
  });
});

describe('AWS collection replayed from recordings', () => {
  let resources: TResource[] = [];
  let replay: ReturnType<typeof awsReplay>;
  let sleeps: number[];

  beforeAll(async () => {
    const run = replayed();
    replay = run.replay;
    sleeps = run.sleeps;
    resources = await run.collect();
  });

  it('judges every resource as the expectation table says', async () => {
    const result = await scan(
      { collectors: new Map([['aws', replayed().collector]]), library, now: () => NOW, env: {} },
      { integrations: [{ type: 'aws', regions: REGIONS }] },
      context,
    );
    expect(result.integrations).toMatchObject([
      { type: 'aws', status: 'collected', resources: resources.length },
    ]);
    const actual = result.outcomes.map((o) => `${o.resourceName} | ${o.testId} | ${o.status}`).sort();
    expect(actual).toEqual(expectedOutcomes());
  });

  it('every test passes on a good resource and fails on a bad one', () => {
    expect(Object.keys(FLIPS).sort()).toEqual(library.tests.map((t) => t.id).sort());
    for (const test of library.tests) {
      const flip = FLIPS[test.id];
      const base = resources.find((r) => r.name === flip?.resource && r.type === test.resourceType);
      expect(base, `${test.id}: ${flip?.resource}`).toBeDefined();
      const schema = library.resourceTypes.get(test.resourceType)?.schema;
      for (const [want, patch] of [
        ['pass', flip?.good],
        ['fail', flip?.bad],
      ] as const) {
        const attributes = schema?.parse({ ...base?.attributes, ...patch }) as Record<string, unknown>;
        const verdict = test.evaluate({ ...(base as TResource), attributes }, { now: NOW });
        expect(verdict.status, `${test.id} on ${want} input: ${verdict.reason}`).toBe(want);
      }
    }
  });

  it('pages through NextToken and Marker lists and polls the credential report until COMPLETE', () => {
    const calls = (action: string, region: string) =>
      replay.requests.filter((r) => r.action === action && r.region === region).map((r) => r.params);
    expect(calls('DescribeSecurityGroups', 'us-east-1')).toEqual([
      {},
      { NextToken: 'eyJ2IjoiMiIsImMiOiJleGFtcGxlLXBhZ2UtMiJ9' },
    ]);
    expect(calls('DescribeDBInstances', 'us-east-1')).toEqual([
      {},
      { Marker: 'cmVwb3J0aW5nLWRiLWV4YW1wbGUtbWFya2Vy' },
    ]);
    expect(calls('DescribeLoadBalancers', 'us-east-1')).toEqual([
      {},
      { Marker: 'YWRtaW4tcG9ydGFsLWV4YW1wbGUtbWFya2Vy' },
    ]);
    expect(calls('ListDistributions', 'us-east-1')).toEqual([{}, { Marker: 'E2B3C4D5E6F7A8' }]);
    expect(replay.requests.filter((r) => r.action === 'GenerateCredentialReport')).toHaveLength(2);
    expect(sleeps).toEqual([2_000]);
    expect(replay.unmatched).toEqual([]);
    expect(new Set(replay.requests.map((r) => r.accessKeyId))).toEqual(new Set([BASE_KEY]));
  });

  it('asks WAF only about internet-facing application load balancers, in their region', () => {
    const asked = replay.requests.filter((r) => r.service === 'wafv2');
    expect(asked.map((r) => `${r.region} ${r.params.ResourceArn?.split('/')[2]}`).sort()).toEqual([
      'us-east-1 admin-portal',
      'us-east-1 web-public',
    ]);
    const web = resources.find((r) => r.name === 'web-public');
    expect(web?.attributes.webAcl).toEqual({
      id: 'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/public-web/0f1e2d3c-4b5a-4697-8877-665544332211',
      name: 'public-web',
    });
    const www = resources.find((r) => r.type === 'aws.cloudfront.distribution' && r.name.startsWith('www'));
    expect(www?.attributes).toMatchObject({
      aliases: ['www.example.com'],
      webAcl: { name: 'edge-protection' },
    });
  });

  it('reads the credential report rows, root apart', () => {
    const account = resources.find((r) => r.type === 'aws.account');
    expect(account?.attributes).toMatchObject({
      accountId: '111122223333',
      credentialReportGeneratedAt: '2026-02-28T23:58:12.000Z',
      root: { mfaActive: false, virtualMfa: false, activeAccessKeys: 1 },
    });
    const users = resources.filter((r) => r.type === 'aws.iam.user').map((r) => r.id);
    expect(users).not.toContain('arn:aws:iam::111122223333:root');
    expect(users).toContain('arn:aws:iam::111122223333:user/automation/ci-deploy');
  });
});

describe('AWS collection choices', () => {
  it('assumes the configured role with its external id and signs every later call with its keys', async () => {
    const run = replayed();
    await run.collect({
      roleArn: 'arn:aws:iam::111122223333:role/AttestlyAudit',
      externalId: 'attestly-example-external-id',
    });
    const [first, ...rest] = run.replay.requests;
    expect(first).toMatchObject({ service: 'sts', action: 'AssumeRole', accessKeyId: BASE_KEY });
    expect(first?.params).toMatchObject({ RoleSessionName: 'attestly-monitoring' });
    expect(new Set(rest.map((r) => r.accessKeyId))).toEqual(new Set(['ASIAEXAMPLEASSUMED01']));
  });

  it('treats a missing password policy as an observation, not a failure', async () => {
    const run = replayed({
      overrides: [
        {
          service: 'iam',
          action: 'GetAccountPasswordPolicy',
          status: 404,
          file: 'iam.NoSuchEntity.GetAccountPasswordPolicy.xml',
        },
      ],
    });
    const account = (await run.collect()).find((r) => r.type === 'aws.account');
    expect(account?.attributes.passwordPolicy).toBeNull();
  });

  it('rejects settings that cannot work', () => {
    expect(ZAwsConfig.safeParse({ regions: [] }).success).toBe(false);
    expect(ZAwsConfig.safeParse({ regions: ['Ireland'] }).success).toBe(false);
    expect(ZAwsConfig.safeParse({ regions: ['eu-west-1'], externalId: 'x-123' }).success).toBe(false);
    expect(ZAwsConfig.safeParse({ regions: ['eu-west-1'], accessKey: 'AKIA' }).success).toBe(false);
    expect(ZAwsConfig.parse({ regions: ['eu-west-1', 'eu-west-1'] }).regions).toEqual(['eu-west-1']);
  });
});

describe('AWS collection failures', () => {
  for (const { name, override, message, details } of FAILURES) {
    it(`fails the collection on ${name}`, async () => {
      const error = await failure(replayed({ overrides: [override] }).collect());
      expect(error.code).toBe('COLLECTION_FAILED');
      expect(error.message).toContain(message);
      expect(error.details).toMatchObject(details);
    });
  }

  it('says which permission is missing, and nothing looks green, when a scan hits a denial', async () => {
    const run = replayed({
      overrides: [
        {
          service: 'iam',
          action: 'GenerateCredentialReport',
          status: 403,
          file: 'iam.AccessDenied.GenerateCredentialReport.xml',
        },
      ],
    });
    const result = await scan(
      { collectors: new Map([['aws', run.collector]]), library, now: () => NOW, env: {} },
      { integrations: [{ type: 'aws', name: 'production', regions: REGIONS }] },
      context,
    );
    expect(result.integrations[0]).toMatchObject({
      status: 'failed',
      error: { details: { permission: 'iam:GenerateCredentialReport' } },
    });
    expect(result.outcomes).toEqual([]);
  });

  it('refuses to answer a request nobody recorded', async () => {
    const recordings = loadRecordings().filter((r) => r.action !== 'DescribeVpcs');
    const run = replayed({ recordings });
    const error = await run.collect().then(
      () => undefined,
      (e: unknown) => e,
    );
    // A bug or a gap in the recordings must not pass for an AWS answer.
    expect(error).not.toBeInstanceOf(AttestlyError);
    expect(String(error)).toMatch(/no recording for ec2 us-east-1 DescribeVpcs/);
    expect(run.replay.unmatched).toHaveLength(1);
  });
});
