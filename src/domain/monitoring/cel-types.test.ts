import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadCatalog } from '../../catalog/load-catalog.ts';
import { loadTestLibrary } from '../../catalog/monitoring/library.ts';
import { celBinding, celSchemaOf, celTypeName } from './cel-types.ts';
import type { TResourceType } from './model.ts';

const account: TResourceType = {
  type: 'demo.account',
  title: 'Demo account',
  schema: z.object({
    login: z.string(),
    logins: z.number().int(),
    score: z.number(),
    mfaEnabled: z.boolean(),
    role: z.enum(['admin', 'member']),
    lastLogin: z.iso.datetime({ offset: true }).nullable(),
    birthday: z.iso.date(),
    email: z.string().nullable(),
    nickname: z.string().optional(),
    groups: z.array(z.string()),
    factors: z.array(z.object({ kind: z.string(), active: z.boolean() })),
    manager: z.object({ login: z.string(), depth: z.number().int() }).nullable(),
    labels: z.record(z.string(), z.string()),
    tags: z.array(z.string().nullable()),
    either: z.union([z.string(), z.number()]),
    level: z.union([z.literal('low'), z.literal('high')]),
  }),
};

const fields = () => {
  const root = celSchemaOf(account).messages.get('demo.account');
  return Object.fromEntries(
    Object.entries(root?.fields ?? {}).map(([k, f]) => [k, `${celTypeName(f.type)}${f.nullable ? '?' : ''}`]),
  );
};

const alice = {
  login: 'alice',
  logins: 12,
  score: 0.5,
  mfaEnabled: true,
  role: 'admin',
  lastLogin: '2026-06-01T00:00:00Z',
  birthday: '1990-01-01',
  email: null,
  groups: ['eng'],
  factors: [{ kind: 'webauthn', active: true }],
  manager: { login: 'carol', depth: 1 },
  labels: { team: 'core' },
  tags: ['a', null],
  either: 3,
  level: 'low',
};

describe('CEL declarations from a resource schema', () => {
  it('maps every JSON Schema kind, and marks nullable and optional fields', () => {
    expect(fields()).toEqual({
      login: 'string',
      logins: 'int',
      score: 'double',
      mfaEnabled: 'bool',
      role: 'string',
      lastLogin: 'google.protobuf.Timestamp?',
      birthday: 'string',
      email: 'string?',
      nickname: 'string?',
      groups: 'list<string>',
      factors: 'list<demo.account.factors>',
      manager: 'demo.account.manager?',
      labels: 'map<string, string>',
      tags: 'list<dyn>',
      either: 'dyn',
      level: 'string',
    });
    const messages = celSchemaOf(account).messages;
    expect(Object.keys(messages.get('demo.account.factors')?.fields ?? {})).toEqual(['kind', 'active']);
    expect(messages.get('demo.account.manager')?.fields.depth?.type).toEqual({ kind: 'int' });
  });

  it('declares every resource type of the built-in library', () => {
    const library = loadTestLibrary(new Set(loadCatalog().controls.map((c) => c.id)));
    for (const type of library.resourceTypes.values()) {
      const schema = celSchemaOf(type);
      const [first] = Object.keys(schema.messages.get(type.type)?.fields ?? {});
      const { environment } = celBinding(schema);
      expect(environment.check(`has(resource.${first})`).valid).toBe(true);
      expect(environment.check('resource.no_such_field == 1').valid).toBe(false);
    }
  });
});

describe('CEL values from a resource', () => {
  const binding = celBinding(celSchemaOf(account));
  const now = new Date('2026-06-15T00:00:00Z');
  const run = (expression: string, attributes: unknown = alice) =>
    binding.environment.parse(expression)(binding.variables(attributes, { now }));

  it('gives ints as ints, doubles as doubles and date-times as timestamps, against `now`', () => {
    expect(run('resource.logins + 1 == 13 && resource.score < 1')).toBe(true);
    expect(run('now - resource.lastLogin < duration("720h")')).toBe(true);
    expect(run('now - resource.lastLogin < duration("240h")')).toBe(false);
    expect(run('resource.lastLogin.getFullYear() == 2026 && resource.birthday.startsWith("1990")')).toBe(
      true,
    );
  });

  it('leaves null fields out, so has() tells them apart and reading one is an error', () => {
    expect(run('has(resource.email)')).toBe(false);
    expect(run('has(resource.email)', { ...alice, email: 'a@x.test' })).toBe(true);
    expect(run('resource.?email.orValue("none")')).toBe('none');
    expect(() => run('resource.email.endsWith("@x.test")')).toThrow(/No such key: email/);
    expect(run('has(resource.manager) && resource.manager.depth == 1')).toBe(true);
    expect(run('has(resource.manager)', { ...alice, manager: null })).toBe(false);
  });

  it('converts nested messages, lists, maps and dyn values', () => {
    expect(run('resource.factors.exists(f, f.kind == "webauthn" && f.active)')).toBe(true);
    expect(run('resource.factors.exists(f, f.kind == "sms")')).toBe(false);
    expect(run('resource.labels.team == "core" && !("x" in resource.labels)')).toBe(true);
    expect(run('size(resource.tags) == 2 && resource.tags[1] == null')).toBe(true);
    expect(run('resource.either == 3.0')).toBe(true);
  });

  it('refuses attributes that do not match the schema instead of guessing', () => {
    expect(() => run('resource.logins > 0', { ...alice, logins: 1.5 })).toThrow(
      'resource.logins is not a int',
    );
    expect(() => run('true', { ...alice, lastLogin: 'yesterday' })).toThrow('resource.lastLogin');
  });
});
