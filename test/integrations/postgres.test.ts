import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresCollector } from '../../src/adapters/integrations/postgres/collector.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';
import { buildLibrary } from '../../src/catalog/monitoring/library.ts';
import { postgresLibrary, prefixLength } from '../../src/catalog/monitoring/postgres.ts';
import { AttestlyError } from '../../src/domain/errors.ts';
import { evaluateInventory } from '../../src/domain/monitoring/evaluate.ts';
import type { TOutcome, TResource } from '../../src/domain/monitoring/model.ts';
import { startCluster, type TCluster } from '../support/pg-cluster.ts';

// Two real PostgreSQL clusters, one configured the way an auditor would flag and one the way they would
// accept; every test of the library must fail on the first and pass on the second.

const library = buildLibrary([postgresLibrary], new Set(loadCatalog().controls.map((c) => c.id)));
const context = { progress: () => undefined };
// PostgreSQL 15 is supported until 2027-11-11.
const SUPPORTED = new Date('2026-06-01T00:00:00Z');
const RETIRED = new Date('2028-01-01T00:00:00Z');

const BAD = {
  settings: {
    password_encryption: 'md5',
    ssl_min_protocol_version: 'TLSv1',
    log_connections: 'off',
    log_disconnections: 'off',
    log_statement: 'none',
  },
  hba: ['local all all trust', 'host all all 127.0.0.1/32 password', 'host all all 0.0.0.0/0 md5'],
  setup: `CREATE ROLE legacy LOGIN PASSWORD 'legacy-secret';
    CREATE ROLE admin1 LOGIN SUPERUSER; CREATE ROLE admin2 LOGIN SUPERUSER; CREATE ROLE admin3 LOGIN SUPERUSER;`,
};

const GOOD = {
  ssl: true,
  settings: {
    password_encryption: 'scram-sha-256',
    ssl_min_protocol_version: 'TLSv1.2',
    log_connections: 'on',
    log_disconnections: 'on',
    log_statement: 'ddl',
  },
  hba: [
    'hostnossl all all 0.0.0.0/0 reject',
    'hostnossl all all ::/0 reject',
    'hostssl all all 127.0.0.1/32 scram-sha-256',
    'hostssl all all 10.20.0.0/16 scram-sha-256',
    'host all all ::1/128 scram-sha-256',
  ],
  setup: `CREATE ROLE admin LOGIN SUPERUSER PASSWORD 'admin-secret';
    CREATE ROLE app LOGIN PASSWORD 'app-secret';
    CREATE ROLE app_owner NOLOGIN;
    CREATE ROLE reader LOGIN PASSWORD 'reader-secret'; GRANT pg_read_all_settings TO reader;
    CREATE ROLE plain LOGIN PASSWORD 'plain-secret';`,
};

let bad: TCluster | undefined;
let good: TCluster | undefined;
let badResources: TResource[] = [];
let goodResources: TResource[] = [];

/** Collects and checks each resource against its type's schema, as a scan does. */
async function collect(url: string): Promise<TResource[]> {
  const resources = await postgresCollector.collect(postgresCollector.configSchema.parse({ url }), context);
  for (const resource of resources)
    library.resourceTypes.get(resource.type)?.schema.parse(resource.attributes);
  return resources;
}

async function failureOf(url: string): Promise<AttestlyError> {
  try {
    await postgresCollector.collect({ url }, context);
  } catch (error) {
    if (error instanceof AttestlyError) return error;
    throw error;
  }
  throw new Error('expected the collection to fail');
}

function outcomesOf(resources: TResource[], testId: string, now = SUPPORTED): TOutcome[] {
  const tests = library.tests.filter((t) => t.id === testId);
  expect(tests).toHaveLength(1);
  return evaluateInventory(resources, tests, { now });
}

beforeAll(async () => {
  // allSettled: a cluster that started is stopped in afterAll even when the other one failed.
  const [b, g] = await Promise.allSettled([startCluster(BAD), startCluster(GOOD)]);
  bad = b.status === 'fulfilled' ? b.value : undefined;
  good = g.status === 'fulfilled' ? g.value : undefined;
  if (b.status === 'rejected') throw b.reason;
  if (g.status === 'rejected') throw g.reason;
  if (!bad || !good) throw new Error('clusters did not start');
  // A line the server cannot parse: it stays on disk, unloaded, as after a careless edit.
  await bad.appendHba('host all all 10.0.0.0/33 md5');
  badResources = await collect(bad.url('postgres', bad.superuserPassword));
  goodResources = await collect(good.url('postgres', good.superuserPassword));
}, 180_000);

afterAll(async () => {
  await Promise.all([bad?.stop(), good?.stop()]);
});

describe('postgres library on real clusters', () => {
  const ids = postgresLibrary.tests.map((t) => t.id);

  it('has at least eight tests, each with rationale, remediation and controls', () => {
    expect(ids.length).toBeGreaterThanOrEqual(8);
    for (const test of library.tests) {
      expect(test.rationale.length).toBeGreaterThan(40);
      expect(test.remediation.length).toBeGreaterThan(40);
      expect(test.controls.length).toBeGreaterThanOrEqual(1);
      expect(test.controls.length).toBeLessThanOrEqual(3);
    }
  });

  for (const id of ids.filter((id) => id !== 'postgres.supported_version')) {
    it(`${id} fails on the bad cluster and passes on the good one`, () => {
      const onBad = outcomesOf(badResources, id);
      const onGood = outcomesOf(goodResources, id);
      expect(onBad.filter((o) => o.status === 'fail').length, JSON.stringify(onBad)).toBeGreaterThan(0);
      expect(
        onGood.filter((o) => o.status === 'fail' || o.status === 'error'),
        JSON.stringify(onGood),
      ).toEqual([]);
      expect(onGood.filter((o) => o.status === 'pass').length).toBeGreaterThan(0);
    });
  }

  it('postgres.supported_version passes before PostgreSQL 15 retires and fails after', () => {
    const before = outcomesOf(goodResources, 'postgres.supported_version', SUPPORTED);
    const after = outcomesOf(goodResources, 'postgres.supported_version', RETIRED);
    expect(before.map((o) => o.status)).toEqual(['pass']);
    expect(after.map((o) => o.status)).toEqual(['fail']);
    expect(after[0]?.reason).toContain('2027-11-11');
  });

  it('reads what the clusters were given', () => {
    const server = goodResources.find((r) => r.type === 'postgres.server');
    expect(server?.attributes).toMatchObject({
      ssl: true,
      sslMinProtocolVersion: 'TLSv1.2',
      logStatement: 'ddl',
    });
    expect(server?.attributes.loginSuperusers).toEqual(['admin', 'postgres']);
    expect(server?.attributes.bootstrapSuperuser).toBe('postgres');
    const roles = Object.fromEntries(
      badResources.filter((r) => r.type === 'postgres.role').map((r) => [r.name, r.attributes.passwordKind]),
    );
    expect(roles).toMatchObject({ legacy: 'md5', postgres: 'scram-sha-256', admin1: 'none' });
    const broken = badResources.find((r) => r.type === 'postgres.hba_rule' && r.attributes.error !== null);
    expect(broken?.attributes.error).toMatch(/mask/i);
    // Only the kind of hash is read, never the hash.
    const text = JSON.stringify([...badResources, ...goodResources]);
    expect(text).not.toContain('SCRAM-SHA-256$');
    expect(text).not.toMatch(/md5[0-9a-f]{32}/);
  });
});

describe('postgres collector failures', () => {
  it('an unreachable server is COLLECTION_FAILED with the driver message', async () => {
    const error = await failureOf('postgres://postgres:x@127.0.0.1:1/postgres');
    expect(error.code).toBe('COLLECTION_FAILED');
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).not.toContain('postgres:x');
  });

  it('a wrong password is COLLECTION_FAILED with the server message', async () => {
    const error = await failureOf(good?.url('postgres', 'wrong') ?? '');
    expect(error.code).toBe('COLLECTION_FAILED');
    expect(error.message).toContain('password authentication failed');
    expect(error.details).toMatchObject({ code: '28P01' });
  });

  it('a plain connection refused by hostnossl reject is COLLECTION_FAILED', async () => {
    const error = await failureOf(good?.url('postgres', good.superuserPassword, { tls: false }) ?? '');
    expect(error.code).toBe('COLLECTION_FAILED');
    expect(error.message).toContain('pg_hba.conf rejects connection');
  });

  it('a role with pg_read_all_settings but not superuser cannot read pg_hba_file_rules', async () => {
    const error = await failureOf(good?.url('reader', 'reader-secret') ?? '');
    expect(error.code).toBe('COLLECTION_FAILED');
    expect(error.message).toContain('permission denied for view pg_hba_file_rules');
    expect(error.details?.permission).toMatch(/superuser/);
  });

  it('a role without pg_read_all_settings is told which settings it cannot see', async () => {
    const error = await failureOf(good?.url('plain', 'plain-secret') ?? '');
    expect(error.code).toBe('COLLECTION_FAILED');
    expect(error.details?.permission).toMatch(/pg_read_all_settings/);
    expect(error.details?.missing).toContain('ssl_min_protocol_version');
  });

  it('refuses a config that is not a postgres URL', () => {
    expect(postgresCollector.configSchema.safeParse({ url: 'mysql://x@h/db' }).success).toBe(false);
    expect(postgresCollector.configSchema.safeParse({ url: 'postgres://x@h/db', extra: 1 }).success).toBe(
      false,
    );
  });
});

describe('postgres tests on edge values', () => {
  const server = () => goodResources.find((r) => r.type === 'postgres.server') as TResource;
  const judge = (id: string, resource: TResource) => outcomesOf([resource], id)[0]?.status;

  it('TLS on but accepting TLS 1.0 fails', () => {
    const s = server();
    expect(
      judge('postgres.ssl_enabled', {
        ...s,
        attributes: { ...s.attributes, sslMinProtocolVersion: 'TLSv1' },
      }),
    ).toBe('fail');
  });

  it('PostgreSQL 18 connection stage lists count as logging', () => {
    const s = server();
    const at = (logConnections: string) =>
      judge('postgres.connection_logging', { ...s, attributes: { ...s.attributes, logConnections } });
    expect(at('receipt,authentication,authorization')).toBe('pass');
    expect(at('all')).toBe('pass');
    expect(at('')).toBe('fail');
  });

  it('netmask prefix lengths', () => {
    expect(prefixLength('0.0.0.0')).toBe(0);
    expect(prefixLength('255.255.0.0')).toBe(16);
    expect(prefixLength('::')).toBe(0);
    expect(prefixLength('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toBe(128);
    expect(prefixLength('ffff:ff00::')).toBe(24);
  });
});
