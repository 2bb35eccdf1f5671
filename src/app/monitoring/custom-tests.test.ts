import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../catalog/load-catalog.ts';
import { githubLibrary } from '../../catalog/monitoring/github.ts';
import { buildLibrary } from '../../catalog/monitoring/library.ts';
import { postgresLibrary } from '../../catalog/monitoring/postgres.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { evaluateInventory } from '../../domain/monitoring/evaluate.ts';
import type { TResource } from '../../domain/monitoring/model.ts';
import {
  checkCustomExpression,
  compileCustomTest,
  customTestId,
  type TCustomTestDefinition,
} from './custom-tests.ts';

const library = buildLibrary(
  [postgresLibrary, githubLibrary],
  new Set(loadCatalog().controls.map((c) => c.id)),
);
const now = new Date('2026-06-15T09:00:00Z');

const server = (over: Record<string, unknown> = {}): TResource => ({
  type: 'postgres.server',
  id: 'db1',
  name: 'db1',
  attributes: {
    version: '16.4',
    versionNum: 160004,
    ssl: true,
    sslMinProtocolVersion: 'TLSv1.2',
    passwordEncryption: 'scram-sha-256',
    logConnections: 'on',
    logDisconnections: true,
    logStatement: 'ddl',
    loggingCollector: true,
    logDestination: 'stderr',
    listenAddresses: '*',
    loginSuperusers: ['postgres'],
    bootstrapSuperuser: 'postgres',
    ...over,
  },
});

const protection = {
  protected: true,
  sources: [{ kind: 'classic', name: 'main', bindsAdmins: true }],
  requiresPullRequest: true,
  requiredApprovingReviewCount: 2,
  dismissStaleReviews: true,
  requireCodeOwnerReview: false,
  allowForcePushes: false,
  allowDeletions: false,
  requiredStatusChecks: ['ci'],
  enforceAdmins: null,
};

const repository = (over: Record<string, unknown> = {}): TResource => ({
  type: 'github.repository',
  id: 'acme/api',
  name: 'acme/api',
  attributes: {
    fullName: 'acme/api',
    visibility: 'private',
    archived: false,
    fork: false,
    defaultBranch: 'main',
    protection,
    dependabotAlertsEnabled: true,
    secretScanning: 'enabled',
    pushProtection: null,
    unavailable: {},
    ...over,
  },
});

const definition = (resourceType: string, expression: string): TCustomTestDefinition => ({
  id: 'custom.check',
  title: 'A custom check',
  resourceType,
  expression,
  severity: 'high',
  controls: ['CHG-01'],
  rationale: '',
  remediation: '',
});

const compile = (resourceType: string, expression: string) =>
  compileCustomTest(definition(resourceType, expression), library);

/** The INVALID_INPUT message an expression is refused with. */
function refusal(resourceType: string, expression: string): string {
  try {
    checkCustomExpression(library, resourceType, expression);
  } catch (error) {
    expect(error).toBeInstanceOf(AttestlyError);
    expect((error as AttestlyError).code).toBe('INVALID_INPUT');
    return (error as AttestlyError).message;
  }
  throw new Error(`"${expression}" was accepted`);
}

describe('compiling a custom test', () => {
  it('passes and fails a PostgreSQL server on its settings, with the fields it read', () => {
    const test = compile('postgres.server', 'resource.ssl && resource.versionNum >= 150000');
    expect(test.evaluate(server(), { now })).toEqual({
      status: 'pass',
      reason: 'holds: resource.ssl && resource.versionNum >= 150000',
      fields: { ssl: true, versionNum: 160004 },
    });
    expect(test.evaluate(server({ versionNum: 140011 }), { now })).toEqual({
      status: 'fail',
      reason: 'does not hold: resource.ssl && resource.versionNum >= 150000',
      fields: { ssl: true, versionNum: 140011 },
    });
    const superusers = compile(
      'postgres.server',
      'resource.loginSuperusers.all(u, u == resource.bootstrapSuperuser)',
    );
    expect(superusers.evaluate(server(), { now }).status).toBe('pass');
    expect(superusers.evaluate(server({ loginSuperusers: ['postgres', 'app'] }), { now })).toMatchObject({
      status: 'fail',
      fields: { bootstrapSuperuser: 'postgres', loginSuperusers: ['postgres', 'app'] },
    });
  });

  it('reaches into nested objects and handles nullable ones with has()', () => {
    const test = compile(
      'github.repository',
      'has(resource.protection) && resource.protection.requiredApprovingReviewCount >= 1 && !resource.protection.allowForcePushes',
    );
    expect(test.evaluate(repository(), { now })).toMatchObject({
      status: 'pass',
      fields: { 'protection.allowForcePushes': false, 'protection.requiredApprovingReviewCount': 2 },
    });
    expect(test.evaluate(repository({ protection: null }), { now })).toMatchObject({
      status: 'fail',
      fields: { 'protection.allowForcePushes': null },
    });
    const sources = compile(
      'github.repository',
      'resource.protection.sources.exists(s, s.kind == "ruleset")',
    );
    expect(sources.evaluate(repository(), { now }).status).toBe('fail');
  });

  it('records a null field read without has() as an error outcome, pointing at it', () => {
    const test = compile('github.repository', 'resource.protection.requiresPullRequest');
    const [ok, broken] = evaluateInventory(
      [repository(), { ...repository({ protection: null }), id: 'acme/old' }],
      [test],
      { now },
    );
    expect(ok?.status).toBe('pass');
    expect(broken).toMatchObject({
      status: 'error',
      reason:
        'the test failed: resource.protection is null or absent on this resource (column 10); guard it with has(resource.protection)',
    });
  });

  it('refuses an unknown field, naming it, its position and the closest one', () => {
    expect(refusal('postgres.server', 'resource.ssl && resource.sssl')).toBe(
      'resource.sssl: no such field on postgres.server (column 26); did you mean ssl?',
    );
    expect(refusal('github.repository', 'has(resource.protection.requiresPullRequst)')).toBe(
      'resource.protection.requiresPullRequst: no such field on github.repository.protection (column 25); did you mean requiresPullRequest?',
    );
    expect(refusal('github.repository', 'resource.protection.sources.all(s, s.knd == "classic")')).toContain(
      's.knd: no such field on github.repository.protection.sources (column 38); did you mean kind?',
    );
    expect(refusal('postgres.server', 'resource.zzzzzz')).toBe(
      'resource.zzzzzz: no such field on postgres.server (column 10)',
    );
  });

  it('refuses an operator on the wrong types, and explains null comparisons', () => {
    expect(refusal('postgres.server', 'resource.version < 90')).toBe(
      'resource.version < 90: < does not apply to string and int (column 1)',
    );
    expect(refusal('postgres.server', 'resource.ssl && resource.versionNum == "16"')).toBe(
      'resource.versionNum == "16": == does not apply to int and string (column 17)',
    );
    expect(refusal('github.repository', 'resource.pushProtection != null')).toContain(
      'test it with has(resource.field)',
    );
  });

  it('refuses a result that is not a bool, a syntax error, another variable and an unknown type', () => {
    expect(refusal('postgres.server', 'resource.versionNum + 1')).toContain(
      'the expression gives int, not bool',
    );
    expect(refusal('postgres.server', 'resource.ssl &&')).toBe(
      'syntax error at column 16: Unexpected token: EOF',
    );
    expect(refusal('postgres.server', 'server.ssl')).toBe(
      'server: unknown variable (column 1); use resource or now',
    );
    expect(refusal('postgres.srever', 'resource.ssl')).toBe(
      'unknown resource type "postgres.srever"; did you mean postgres.server?',
    );
    expect(refusal('postgres.server', ' ')).toBe('the expression is empty');
  });

  it('points at the line and column of an expression written over several lines', () => {
    expect(refusal('postgres.server', 'resource.ssl &&\n  resource.sslMin == "TLSv1.2"')).toBe(
      'resource.sslMin: no such field on postgres.server (line 2, column 12)',
    );
  });

  it('refuses matches(), whose regular expression could stall the server', () => {
    expect(refusal('postgres.server', 'resource.version.matches("^(a+)+$")')).toBe(
      'matches() is not allowed in custom tests (column 17): use startsWith, endsWith or contains',
    );
  });

  it('makes test ids custom.<slug>, from the id or the title', () => {
    expect(customTestId('admins_mfa', 'x')).toBe('custom.admins_mfa');
    expect(customTestId('custom.admins_mfa', 'x')).toBe('custom.admins_mfa');
    expect(customTestId(undefined, 'Admins have MFA!')).toBe('custom.admins_have_mfa');
    expect(() => customTestId('Admins MFA', 'x')).toThrow('custom.admins_have_mfa');
  });
});
