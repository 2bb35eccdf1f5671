import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terraformCollector, ZTerraformConfig } from '../../src/adapters/integrations/terraform/collector.ts';
import { scan } from '../../src/app/monitoring/scan.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';
import { buildLibrary } from '../../src/catalog/monitoring/library.ts';
import { terraformLibrary } from '../../src/catalog/monitoring/terraform.ts';
import { AttestlyError } from '../../src/domain/errors.ts';
import type { TOutcomeStatus, TResource } from '../../src/domain/monitoring/model.ts';
import { cliWorkspace } from '../support/cli.ts';

// The Terraform integration on the three inputs it reads (test/fixtures/terraform): a module directory of
// .tf files, a .tf.json file and a local module; `terraform show -json` of a saved plan; and of a state.
// No Terraform binary is available here, so the plan and state files were written by hand to Terraform's
// documented JSON output format (format_version 1.x: planned_values, resource_changes with after_unknown,
// configuration with references, values.root_module); the .tf files are parsed by HashiCorp's HCL parser.

const FIXTURES = fileURLToPath(new URL('../fixtures/terraform/', import.meta.url));
const NOW = new Date('2026-03-01T00:00:00Z');
const library = buildLibrary([terraformLibrary], new Set(loadCatalog().controls.map((c) => c.id)));
const context = { progress: () => undefined };
const collect = (path: string) =>
  terraformCollector.collect(ZTerraformConfig.parse({ path: join(FIXTURES, path) }), context);

/** An interpolation as hcl2json writes an expression: `${aws_kms_key.app.arn}`. */
const expression = (ref: string) => `\${${ref}}`;

const STATUS: Record<string, TOutcomeStatus> = { P: 'pass', F: 'fail', N: 'not_applicable', E: 'error' };

/** Columns: tests (without `terraform.`); rows: address → one status per column. */
type TTable = Array<[string[], Record<string, string>]>;

const S3 = ['s3_bucket_encryption', 's3_bucket_access_logging', 's3_bucket_public_access_blocked'];
const RDS = ['rds_storage_encrypted', 'rds_not_public'];
const TRAIL = ['cloudtrail_multi_region_logging', 'cloudtrail_log_file_validation'];
const PORTS = ['sg_no_public_ssh', 'sg_no_public_rdp', 'sg_no_public_database_ports'];

const CONFIGURATION: TTable = [
  [
    S3,
    {
      'aws_s3_bucket.app_data': 'P P P',
      'aws_s3_bucket.logs': 'P N P',
      'aws_s3_bucket.public_site': 'F F F',
      'aws_s3_bucket.exports': 'F F E',
    },
  ],
  [
    RDS,
    { 'aws_db_instance.main': 'P P', 'aws_db_instance.reporting': 'F F', 'aws_db_instance.analytics': 'E P' },
  ],
  [['ebs_volume_encrypted'], { 'aws_ebs_volume.data': 'P', 'aws_ebs_volume.scratch': 'F' }],
  [
    ['kms_rotation_enabled'],
    { 'aws_kms_key.app': 'P', 'aws_kms_key.signing': 'N', 'aws_kms_key.legacy': 'F' },
  ],
  [TRAIL, { 'aws_cloudtrail.main': 'P P', 'aws_cloudtrail.audit_eu': 'F F' }],
  [
    ['lb_access_logs'],
    {
      'module.edge.aws_lb.public': 'P',
      'module.edge.aws_alb.internal_api': 'F',
      'module.edge.aws_lb.tcp': 'N',
    },
  ],
  [
    PORTS,
    {
      'aws_security_group.bastion': 'F P P',
      'aws_security_group.web': 'P P P',
      'aws_security_group.db': 'P P F',
      'aws_security_group.admin': 'P F P',
      'aws_security_group.vpn': 'E P P',
      'aws_security_group.partners': 'E E E',
    },
  ],
];

const PLAN: TTable = [
  [
    S3,
    {
      'aws_s3_bucket.uploads': 'P P P',
      'aws_s3_bucket.reports[0]': 'F F P',
      'aws_s3_bucket.reports[1]': 'F F F',
    },
  ],
  [RDS, { 'aws_db_instance.main': 'P P' }],
  [['ebs_volume_encrypted'], { 'aws_ebs_volume.cache': 'F' }],
  [['kms_rotation_enabled'], { 'module.audit.aws_kms_key.trail': 'F' }],
  [TRAIL, { 'module.audit.aws_cloudtrail.this': 'P P' }],
  [['lb_access_logs'], { 'aws_lb.web': 'P' }],
  [PORTS, { 'aws_security_group.app': 'F P P' }],
];

const STATE: TTable = [
  [S3, { 'aws_s3_bucket.legacy': 'P P F' }],
  [['kms_rotation_enabled'], { 'aws_kms_key.exports': 'P' }],
  [PORTS, { 'aws_security_group.ops': 'F F F' }],
];

function expected(table: TTable): string[] {
  return table
    .flatMap(([columns, rows]) =>
      Object.entries(rows).flatMap(([address, statuses]) =>
        statuses.split(' ').map((s, i) => `${address} | terraform.${columns[i]} | ${STATUS[s]}`),
      ),
    )
    .sort();
}

async function judged(path: string): Promise<string[]> {
  const result = await scan(
    { collectors: new Map([['terraform', terraformCollector]]), library, now: () => NOW, env: {} },
    { integrations: [{ type: 'terraform', path: join(FIXTURES, path) }] },
    context,
  );
  expect(result.integrations).toMatchObject([{ type: 'terraform', status: 'collected' }]);
  return result.outcomes.map((o) => `${o.resourceName} | ${o.testId} | ${o.status}`).sort();
}

async function failure(run: Promise<unknown>): Promise<AttestlyError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AttestlyError)) throw error ?? new Error('expected the collection to fail');
  return error;
}

describe('the Terraform library', () => {
  it('covers encryption, logging and public exposure, each test with rationale, remediation and controls', () => {
    expect(library.tests.map((t) => t.id)).toHaveLength(13);
    for (const test of library.tests) {
      expect(test.rationale.length, test.id).toBeGreaterThan(40);
      expect(test.remediation.length, test.id).toBeGreaterThan(20);
      expect(test.controls.length, test.id).toBeGreaterThanOrEqual(1);
    }
  });

  it('maps each test to the controls of the runtime AWS test of the same setting', () => {
    const controls = (id: string) => library.tests.find((t) => t.id === id)?.controls;
    expect(controls('terraform.rds_storage_encrypted')).toEqual(['CRY-01']);
    expect(controls('terraform.s3_bucket_public_access_blocked')).toEqual(['NET-12']);
    expect(controls('terraform.sg_no_public_database_ports')).toEqual(['NET-02', 'NET-04']);
    expect(controls('terraform.cloudtrail_log_file_validation')).toEqual(['OPS-01', 'OPS-02']);
    expect(controls('terraform.kms_rotation_enabled')).toEqual(['CRY-04']);
  });
});

describe('a Terraform configuration (.tf, .tf.json and a local module)', () => {
  let resources: TResource[];
  beforeAll(async () => {
    resources = await collect('config');
  });

  it('judges every resource as the expectation table says', async () => {
    expect(await judged('config')).toEqual(expected(CONFIGURATION));
  });

  it('folds companion resources into the bucket and the security group they reference', () => {
    const bucket = resources.find((r) => r.id === 'aws_s3_bucket.app_data');
    expect(bucket?.attributes).toMatchObject({
      file: 'storage.tf',
      encryption: { algorithm: 'aws:kms', kmsKeyId: expression('aws_kms_key.app.arn') },
      accessLogging: { targetBucket: expression('aws_s3_bucket.logs.id') },
    });
    const db = resources.find((r) => r.id === 'aws_security_group.db');
    expect(db?.attributes.ingress).toMatchObject([
      { protocol: 'tcp', fromPort: 5432, ipv4Ranges: ['0.0.0.0/0'] },
      { protocol: 'tcp', fromPort: 3306, sourceGroups: [expression('aws_security_group.web.id')] },
    ]);
    expect(resources.find((r) => r.id === 'module.edge.aws_lb.public')?.attributes.file).toBe(
      'modules/edge/main.tf',
    );
  });

  it('reads a single .tf or .tf.json file too', async () => {
    const keys = await collect('config/keys.tf.json');
    expect(keys.map((r) => r.id)).toEqual(['aws_kms_key.app', 'aws_kms_key.signing', 'aws_kms_key.legacy']);
    const network = await collect('config/network.tf');
    expect(network.map((r) => r.type)).toEqual(Array(6).fill('terraform.aws_security_group'));
  });
});

describe('terraform show -json of a plan', () => {
  let resources: TResource[];
  beforeAll(async () => {
    resources = await collect('plan.json');
  });

  it('judges what the plan will leave, as the expectation table says', async () => {
    expect(await judged('plan.json')).toEqual(expected(PLAN));
  });

  it('links companions whose bucket is unknown until apply through the recorded references, per instance', () => {
    const uploads = resources.find((r) => r.id === 'aws_s3_bucket.uploads');
    expect(uploads?.attributes).toMatchObject({
      encryption: { algorithm: 'aws:kms', kmsKeyId: null },
      publicAccessBlock: { restrictPublicBuckets: true },
    });
    const second = resources.find((r) => r.id === 'aws_s3_bucket.reports[1]');
    expect(second?.attributes).toMatchObject({ publicAccessBlock: { restrictPublicBuckets: false } });
  });

  it('leaves out data sources and resources the plan destroys', () => {
    expect(resources.map((r) => r.id)).not.toContain('aws_db_instance.legacy');
    expect(resources.some((r) => r.id.startsWith('data.'))).toBe(false);
  });
});

describe('terraform show -json of a state', () => {
  it('judges the applied resources, linking companions by their values', async () => {
    expect(await judged('state.json')).toEqual(expected(STATE));
  });
});

describe('every Terraform test', () => {
  /** For each test: the resource (by address, from the configuration) and a good and a bad change. */
  const FLIPS: Record<
    string,
    { resource: string; good: Record<string, unknown>; bad: Record<string, unknown> }
  > = {
    'terraform.s3_bucket_encryption': {
      resource: 'aws_s3_bucket.public_site',
      good: { encryption: { algorithm: 'AES256', kmsKeyId: null } },
      bad: { encryption: null },
    },
    'terraform.s3_bucket_access_logging': {
      resource: 'aws_s3_bucket.public_site',
      good: { accessLogging: { targetBucket: 'acme-access-logs' } },
      bad: { accessLogging: null, receivesAccessLogs: false },
    },
    'terraform.s3_bucket_public_access_blocked': {
      resource: 'aws_s3_bucket.app_data',
      good: {},
      bad: { acl: 'public-read-write' },
    },
    'terraform.rds_storage_encrypted': {
      resource: 'aws_db_instance.reporting',
      good: { storageEncrypted: true },
      bad: { storageEncrypted: false },
    },
    'terraform.rds_not_public': {
      resource: 'aws_db_instance.reporting',
      good: { publiclyAccessible: false },
      bad: { publiclyAccessible: true },
    },
    'terraform.ebs_volume_encrypted': {
      resource: 'aws_ebs_volume.scratch',
      good: { encrypted: true },
      bad: { encrypted: false },
    },
    'terraform.kms_rotation_enabled': {
      resource: 'aws_kms_key.legacy',
      good: { enableKeyRotation: true },
      bad: { enableKeyRotation: false },
    },
    'terraform.cloudtrail_multi_region_logging': {
      resource: 'aws_cloudtrail.main',
      good: {},
      bad: { logging: false },
    },
    'terraform.cloudtrail_log_file_validation': {
      resource: 'aws_cloudtrail.audit_eu',
      good: { logFileValidation: true },
      bad: { logFileValidation: false },
    },
    'terraform.lb_access_logs': {
      resource: 'module.edge.aws_alb.internal_api',
      good: { accessLogs: { enabled: true, bucket: 'acme-lb-logs' } },
      bad: { accessLogs: { enabled: false, bucket: 'acme-lb-logs' } },
    },
    'terraform.sg_no_public_ssh': {
      resource: 'aws_security_group.vpn',
      good: { ingress: [rule(22, ['203.0.113.0/24'])] },
      bad: { ingress: [rule(22, ['0.0.0.0/0'])] },
    },
    'terraform.sg_no_public_rdp': {
      resource: 'aws_security_group.vpn',
      good: { ingress: [rule(3389, ['203.0.113.0/24'])] },
      bad: { ingress: [{ ...rule(0, ['0.0.0.0/0']), protocol: '-1', fromPort: null, toPort: null }] },
    },
    'terraform.sg_no_public_database_ports': {
      resource: 'aws_security_group.web',
      good: {},
      bad: { ingress: [rule(3306, ['0.0.0.0/0'])] },
    },
  };

  function rule(port: number, cidrs: string[]) {
    return {
      protocol: 'tcp',
      fromPort: port,
      toPort: port,
      ipv4Ranges: cidrs,
      ipv6Ranges: [],
      prefixLists: [],
      sourceGroups: [],
      unresolved: false,
    };
  }

  it('passes on a good resource and fails on a bad one', async () => {
    const resources = await collect('config');
    expect(Object.keys(FLIPS).sort()).toEqual(library.tests.map((t) => t.id).sort());
    for (const test of library.tests) {
      const flip = FLIPS[test.id];
      const base = resources.find((r) => r.id === flip?.resource);
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

  it('says which setting apply must resolve, rather than passing it', async () => {
    const result = await scan(
      { collectors: new Map([['terraform', terraformCollector]]), library, now: () => NOW, env: {} },
      { integrations: [{ type: 'terraform', path: join(FIXTURES, 'config/database.tf') }] },
      context,
    );
    const analytics = result.outcomes.find(
      (o) => o.resourceName === 'aws_db_instance.analytics' && o.testId === 'terraform.rds_storage_encrypted',
    );
    expect(analytics).toMatchObject({ status: 'error', fields: { storage_encrypted: null } });
    expect(analytics?.reason).toMatch(
      /storage_encrypted of aws_db_instance.analytics is not known before apply/,
    );
  });
});

describe('Terraform collection failures', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'attestly-terraform-'));
  const write = (name: string, text: string) => {
    const path = join(scratch, name);
    writeFileSync(path, text);
    return path;
  };
  const cases: Array<[string, () => string, RegExp]> = [
    ['a path that does not exist', () => join(scratch, 'missing.json'), /no such file or directory/],
    [
      'HCL that does not parse, with the file and line',
      () => write('broken.tf', 'resource "aws_s3_bucket" "x" {\n  bucket = \n}\n'),
      /broken\.tf is not valid HCL: .*broken\.tf:2/,
    ],
    [
      'the streaming `terraform plan -json` log instead of show -json',
      () =>
        write(
          'plan-log.json',
          '{"@level":"info","@message":"Terraform 1.9.8","type":"version"}\n{"@level":"info","type":"planned_change"}\n',
        ),
      /is not JSON .*terraform show -json/,
    ],
    [
      'JSON that is not show -json output',
      () => write('other.json', '{"resources":[]}'),
      /is not the output of `terraform show -json`: at format_version/,
    ],
    ['an empty state', () => join(FIXTURES, 'empty-state.json'), /holds no resources/],
    ['a file of another kind', () => write('plan.out', 'binary'), /neither a directory/],
    [
      'a configuration without any managed resource',
      () => write('vars.tf', 'variable "x" {\n  default = 1\n}\n'),
      /declares no managed resource/,
    ],
  ];
  for (const [name, path, message] of cases) {
    it(`fails loudly on ${name}`, async () => {
      const error = await failure(terraformCollector.collect({ path: path() }, context));
      expect(error.code).toBe('COLLECTION_FAILED');
      expect(error.message).toMatch(message);
    });
  }

  it('refuses settings it does not know', () => {
    expect(ZTerraformConfig.safeParse({ path: 'plan.json', workspace: 'prod' }).success).toBe(false);
    expect(ZTerraformConfig.safeParse({ path: '' }).success).toBe(false);
  });
});

describe('attestly scan on a plan, in a pipeline', () => {
  let ws: Awaited<ReturnType<typeof cliWorkspace>>;
  beforeAll(async () => {
    ws = await cliWorkspace();
  });
  afterAll(async () => {
    await ws?.drop();
  });

  it('fails the build on a high-severity finding before anything is applied', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attestly-scan-'));
    const config = join(dir, 'scan.json');
    writeFileSync(
      config,
      JSON.stringify({ integrations: [{ type: 'terraform', path: join(FIXTURES, 'plan.json') }] }),
    );
    const result = await ws.run('scan', '--config', config, '--format', 'json', '--fail-on', 'high');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      results: Array<{ test: string; resource: string; status: string }>;
    };
    expect(report.results).toContainEqual(
      expect.objectContaining({ test: 'terraform.sg_no_public_ssh', status: 'fail' }),
    );
  });
});
