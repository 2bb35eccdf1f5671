import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordScheme } from '../../src/adapters/integrations/ldap/accounts.ts';
import { ldapCollector } from '../../src/adapters/integrations/ldap/collector.ts';
import { scan } from '../../src/app/monitoring/scan.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';
import {
  accountDisabled,
  ldapLibrary,
  logsOperations,
  passwordSchemeStrength,
} from '../../src/catalog/monitoring/ldap.ts';
import { buildLibrary } from '../../src/catalog/monitoring/library.ts';
import { AttestlyError } from '../../src/domain/errors.ts';
import { evaluateInventory } from '../../src/domain/monitoring/evaluate.ts';
import type { TOutcome, TResource } from '../../src/domain/monitoring/model.ts';
import { startSlapd, type TSlapd } from '../support/slapd.ts';

// Two real slapd servers from Debian's package: one as `apt-get install slapd` leaves it (every directory
// test must fail) and one hardened (every test must pass). Both listen on 127.0.0.1 only.

const library = buildLibrary([ldapLibrary], new Set(loadCatalog().controls.map((c) => c.id)));
const context = { progress: () => undefined };
const NOW = new Date('2026-06-01T00:00:00Z');
const DIRECTORY_TESTS = [
  'ldap.anonymous_read_refused',
  'ldap.tls_required',
  'ldap.password_hash_strong',
  'ldap.password_policy',
  'ldap.account_lockout',
  'ldap.operation_logging',
];

let debian: TSlapd | undefined;
let hardened: TSlapd | undefined;
let debianResources: TResource[] = [];
let hardenedResources: TResource[] = [];

function settings(server: TSlapd, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    url: server.url,
    bindDn: server.adminDn,
    password: server.adminPassword,
    baseDn: server.baseDn,
    configBindDn: server.configDn,
    configPassword: server.configPassword,
    ...(server.ca ? { ca: server.ca } : {}),
    ...overrides,
  };
}

/** Collects and checks each resource against its type's schema, as a scan does. */
async function collect(server: TSlapd, overrides: Record<string, unknown> = {}): Promise<TResource[]> {
  const config = ldapCollector.configSchema.parse(settings(server, overrides));
  const resources = await ldapCollector.collect(config, context);
  for (const resource of resources)
    library.resourceTypes.get(resource.type)?.schema.parse(resource.attributes);
  return resources;
}

async function failureOf(server: TSlapd, overrides: Record<string, unknown>): Promise<AttestlyError> {
  try {
    await collect(server, overrides);
  } catch (error) {
    if (error instanceof AttestlyError) return error;
    throw error;
  }
  throw new Error('expected the collection to fail');
}

function outcome(resources: TResource[], testId: string, resourceName?: string): TOutcome {
  const tests = library.tests.filter((t) => t.id === testId);
  expect(tests).toHaveLength(1);
  const found = evaluateInventory(resources, tests, { now: NOW }).filter(
    (o) => resourceName === undefined || o.resourceName === resourceName,
  );
  expect(found).toHaveLength(1);
  return found[0] as TOutcome;
}

function directory(resources: TResource[]): Record<string, unknown> {
  const found = resources.filter((r) => r.type === 'ldap.directory');
  expect(found).toHaveLength(1);
  return found[0]?.attributes as Record<string, unknown>;
}

function account(resources: TResource[], uid: string): Record<string, unknown> {
  const found = resources.find((r) => r.type === 'ldap.account' && r.name === uid);
  if (!found) throw new Error(`no account ${uid}`);
  return found.attributes;
}

beforeAll(async () => {
  [debian, hardened] = await Promise.all([startSlapd('debian-default'), startSlapd('hardened')]);
  [debianResources, hardenedResources] = await Promise.all([collect(debian), collect(hardened)]);
});

afterAll(async () => {
  await Promise.all([debian?.stop(), hardened?.stop()]);
});

describe('ldap library', () => {
  it('has a test per finding, each mapped to controls', () => {
    expect(library.tests.map((t) => t.id)).toEqual(
      [...DIRECTORY_TESTS, 'ldap.disabled_accounts_unprivileged', 'ldap.account_password_hashed'].sort(),
    );
    for (const test of library.tests) {
      expect(test.rationale.length).toBeGreaterThan(40);
      expect(test.remediation.length).toBeGreaterThan(40);
      expect(test.controls.length).toBeGreaterThanOrEqual(1);
      expect(test.controls.length).toBeLessThanOrEqual(3);
    }
  });

  it('reads log levels, password schemes and disabled states as OpenLDAP means them', () => {
    expect(logsOperations(['none'])).toBe(false);
    expect(logsOperations(['conns filter'])).toBe(false);
    expect(logsOperations(['stats'])).toBe(true);
    expect(logsOperations(['256'])).toBe(true);
    expect(logsOperations(['0x100'])).toBe(true);
    expect(logsOperations(['-1'])).toBe(true);
    expect(passwordSchemeStrength('{ARGON2}')).toBe('ok');
    expect(passwordSchemeStrength('{SSHA512}')).toBe('ok');
    expect(passwordSchemeStrength('{SSHA}')).toBe('weak');
    expect(passwordSchemeStrength('{MD5}')).toBe('weak');
    expect(passwordSchemeStrength('cleartext')).toBe('weak');
    expect(passwordSchemeStrength('{CRYPT}$6$')).toBe('ok');
    expect(passwordSchemeStrength('{CRYPT}$1$')).toBe('weak');
    expect(passwordSchemeStrength('{CRYPT}', '$6$%.16s')).toBe('ok');
    expect(passwordSchemeStrength('{CRYPT}', null)).toBe('weak');
    expect(passwordScheme(Buffer.from('{crypt}$6$salt$hash'))).toBe('{CRYPT}$6$');
    expect(passwordScheme(Buffer.from('hunter2'))).toBe('cleartext');
    const active = { shadowExpire: null, pwdAccountLockedTime: null };
    expect(accountDisabled(active, NOW)).toBeNull();
    expect(accountDisabled({ ...active, shadowExpire: -1 }, NOW)).toBeNull();
    expect(accountDisabled({ ...active, shadowExpire: 0 }, NOW)).toBeNull();
    expect(accountDisabled({ ...active, shadowExpire: 99_999 }, NOW)).toBeNull();
    expect(accountDisabled({ ...active, shadowExpire: 1 }, NOW)).toMatch(/expired/);
    expect(accountDisabled({ ...active, pwdAccountLockedTime: '000001010000Z' }, NOW)).toMatch(/locked/);
    // A lock after failed binds is temporary, not an offboarding.
    expect(accountDisabled({ ...active, pwdAccountLockedTime: '20260101000000Z' }, NOW)).toBeNull();
  });
});

describe('ldap collector against slapd as Debian installs it', () => {
  it('observes anonymous read, no TLS and the default cn=config', () => {
    const d = directory(debianResources);
    expect(d).toMatchObject({ anonymousRead: true, anonymousBind: true, tlsAvailable: false, tlsVia: null });
    expect(d.tlsRequired).toBe(false);
    expect(d.config).toMatchObject({ readable: true, logLevel: ['none'], passwordHash: [], ppolicy: null });
    expect(d.accounts).toBe(3);
  });

  it('fails every directory test', () => {
    for (const id of DIRECTORY_TESTS) expect(outcome(debianResources, id).status, id).toBe('fail');
    expect(outcome(debianResources, 'ldap.anonymous_read_refused').reason).toMatch(/returned \d+ entries/);
    expect(outcome(debianResources, 'ldap.password_hash_strong').reason).toMatch(/\{SSHA\}/);
  });

  it('fails the disabled account still in the admin groups, and cleartext or SHA-1 passwords', () => {
    expect(account(debianResources, 'carol').privilegedGroups).toEqual([
      `cn=admins,ou=groups,${debian?.baseDn}`,
      `cn=sudo,ou=groups,${debian?.baseDn}`,
    ]);
    expect(outcome(debianResources, 'ldap.disabled_accounts_unprivileged', 'carol').status).toBe('fail');
    expect(outcome(debianResources, 'ldap.disabled_accounts_unprivileged', 'alice').status).toBe(
      'not_applicable',
    );
    expect(account(debianResources, 'alice').passwordSchemes).toEqual(['cleartext']);
    // cn and mail are kept so the personnel register can recognise an account's holder.
    expect(account(debianResources, 'alice')).toMatchObject({ cn: 'alice', mail: null });
    expect(outcome(debianResources, 'ldap.account_password_hashed', 'alice').status).toBe('fail');
    expect(outcome(debianResources, 'ldap.account_password_hashed', 'bob').status).toBe('fail');
  });

  it('says "error", never pass, for the cn=config tests when the config cannot be read', async () => {
    if (!debian) throw new Error('slapd did not start');
    const resources = await collect(debian, { configBindDn: undefined, configPassword: undefined });
    expect(directory(resources).config).toMatchObject({ readable: false });
    for (const id of ['ldap.password_hash_strong', 'ldap.password_policy', 'ldap.operation_logging']) {
      expect(outcome(resources, id).status, id).toBe('error');
      expect(outcome(resources, id).reason).toMatch(/cn=config could not be read/);
    }
    // What is observed live is still judged.
    expect(outcome(resources, 'ldap.anonymous_read_refused').status).toBe('fail');
  });

  it('fails collection with the server message on a wrong password or a closed port', async () => {
    if (!debian) throw new Error('slapd did not start');
    const wrong = await failureOf(debian, { password: 'not-the-password' });
    expect(wrong.code).toBe('COLLECTION_FAILED');
    expect(wrong.message).toMatch(/bind as cn=admin,dc=example,dc=test failed: invalid credentials \(49\)/);
    expect(wrong.details).toMatchObject({ resultCode: 49 });
    const wrongConfig = await failureOf(debian, { configPassword: 'nope' });
    expect(wrongConfig.message).toMatch(/bind as cn=admin,cn=config failed/);
    const closed = await failureOf(debian, { url: 'ldap://127.0.0.1:1' });
    expect(closed.code).toBe('COLLECTION_FAILED');
    expect(closed.message).toMatch(/could not connect: .*ECONNREFUSED/);
  });

  it('reports a failed integration through a scan, with the password taken from the environment', async () => {
    if (!debian) throw new Error('slapd did not start');
    const deps = {
      collectors: new Map([[ldapCollector.type, ldapCollector]]),
      library,
      now: () => NOW,
      env: { LDAP_PASSWORD: debian.adminPassword, LDAP_CONFIG_PASSWORD: debian.configPassword },
    };
    const base = { type: 'ldap', ...settings(debian), configPassword: { env: 'LDAP_CONFIG_PASSWORD' } };
    const ok = await scan(deps, { integrations: [{ ...base, password: { env: 'LDAP_PASSWORD' } }] }, context);
    expect(ok.integrations[0]).toMatchObject({ status: 'collected', resources: 4 });
    expect(ok.summary.fail).toBeGreaterThan(0);
    const bad = await scan(deps, { integrations: [{ ...base, password: 'wrong' }] }, context);
    expect(bad.integrations[0]).toMatchObject({ status: 'failed', resources: 0 });
    expect(bad.integrations[0]?.error?.message).toMatch(/invalid credentials/);
    expect(bad.outcomes).toEqual([]);
  });
});

describe('ldap collector against a hardened slapd', () => {
  it('observes refused anonymous access, required TLS, ppolicy and stats logging', () => {
    const d = directory(hardenedResources);
    expect(d).toMatchObject({
      anonymousRead: false,
      anonymousBind: false,
      tlsAvailable: true,
      tlsVia: 'starttls',
    });
    expect(d.tlsRequired).toBe(true);
    expect(d.config).toMatchObject({
      readable: true,
      disallows: ['bind_anon'],
      security: ['tls=1'],
      passwordHash: ['{ARGON2}'],
      logLevel: ['stats'],
      ppolicy: {
        hashCleartext: true,
        policy: { pwdMinLength: 14, pwdCheckQuality: 2, pwdMaxFailure: 5, pwdLockout: true },
      },
    });
  });

  it('passes every directory test', () => {
    for (const id of DIRECTORY_TESTS) expect(outcome(hardenedResources, id).status, id).toBe('pass');
  });

  it('passes the disabled account kept out of the admin groups, and argon2 passwords', () => {
    expect(account(hardenedResources, 'carol')).toMatchObject({
      pwdAccountLockedTime: '000001010000Z',
      privilegedGroups: [],
    });
    expect(outcome(hardenedResources, 'ldap.disabled_accounts_unprivileged', 'carol').status).toBe('pass');
    expect(outcome(hardenedResources, 'ldap.disabled_accounts_unprivileged', 'alice').status).toBe(
      'not_applicable',
    );
    for (const uid of ['alice', 'bob', 'carol'])
      expect(outcome(hardenedResources, 'ldap.account_password_hashed', uid).status, uid).toBe('pass');
  });

  it('fails TLS when it is offered but binds without it are still accepted', async () => {
    const optional = await startSlapd('hardened', { requireTls: false });
    try {
      const resources = await collect(optional);
      expect(directory(resources)).toMatchObject({
        tlsAvailable: true,
        tlsVia: 'starttls',
        tlsRequired: false,
      });
      const tls = outcome(resources, 'ldap.tls_required');
      expect(tls.status).toBe('fail');
      expect(tls.reason).toMatch(/offered \(starttls\) but a simple bind without TLS is checked/);
    } finally {
      await optional.stop();
    }
  });

  it('refuses to send the password when the certificate cannot be verified', async () => {
    if (!hardened) throw new Error('slapd did not start');
    const error = await failureOf(hardened, { ca: undefined });
    expect(error.code).toBe('COLLECTION_FAILED');
    expect(error.message).toMatch(/certificate was not accepted/);
  });
});
