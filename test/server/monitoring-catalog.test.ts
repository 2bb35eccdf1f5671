import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Collector } from '../../src/app/monitoring/collector.ts';
import { resourceType } from '../../src/catalog/monitoring/define.ts';
import {
  integrationTypeView,
  resourceFields,
} from '../../src/entry/server/routes/monitoring-catalog-routes.ts';
import { serverHarness } from '../support/server.ts';

// The integration types and resource types the web app builds its forms and the custom-test editor from.

let h: Awaited<ReturnType<typeof serverHarness>>;
beforeAll(async () => {
  h = await serverHarness();
});
afterAll(() => h.close());

const get = async (url: string) => {
  const response = await h.server.inject({ method: 'GET', url });
  expect(response.statusCode).toBe(200);
  return response.json();
};

describe('integration types', () => {
  it('lists every connectable collector with its settings as JSON Schema, never the demo sample', async () => {
    const types = (await get('/api/v1/integration-types')) as {
      type: string;
      title: string;
      configSchema: { properties: Record<string, { writeOnly?: boolean }>; required?: string[] };
      secretFields: string[];
    }[];
    const byType = new Map(types.map((t) => [t.type, t]));
    expect(byType.has('sample')).toBe(false);
    const postgres = byType.get('postgres');
    expect(postgres?.title).toBe('PostgreSQL');
    expect(postgres?.configSchema.required).toEqual(['url']);
    expect(Object.keys(postgres?.configSchema.properties ?? {})).toContain('url');
    const ldap = byType.get('ldap');
    expect(ldap?.secretFields).toEqual(['password', 'configPassword']);
    expect(ldap?.configSchema.properties.password?.writeOnly).toBe(true);
    expect(ldap?.configSchema.properties.bindDn?.writeOnly).toBeUndefined();
    expect(byType.get('github')?.secretFields).toEqual(['token']);
  });

  it('marks a setting declared secret by its metadata, and documents a transformed one by its input', () => {
    const collector: Collector = {
      type: 'vault',
      title: 'Vault',
      configSchema: z.strictObject({
        address: z.url(),
        roleKey: z.string().meta({ secret: true, description: 'AppRole secret' }),
        mounts: z.array(z.string()).transform((m) => new Set(m)),
      }),
      collect: async () => [],
    };
    const view = integrationTypeView(collector);
    expect(view.secretFields).toEqual(['roleKey']);
    const properties = view.configSchema.properties as Record<string, Record<string, unknown>>;
    expect(properties.roleKey).toMatchObject({
      type: 'string',
      writeOnly: true,
      description: 'AppRole secret',
    });
    expect(properties.mounts).toMatchObject({ type: 'array', items: { type: 'string' } });
  });
});

describe('resource types', () => {
  it('lists every resource type with the fields a CEL expression reads', async () => {
    const types = (await get('/api/v1/resource-types')) as {
      type: string;
      fields: { path: string; type: string; nullable: boolean }[];
    }[];
    const role = types.find((t) => t.type === 'postgres.role');
    expect(role?.fields).toContainEqual({ path: 'superuser', type: 'bool', nullable: false });
    expect(role?.fields).toContainEqual({ path: 'validUntil', type: 'string', nullable: true });
  });

  it('flattens nested objects into dotted paths and names timestamps plainly', () => {
    const type = resourceType(
      'demo.repo',
      'Repository',
      z.object({
        protection: z.object({ reviews: z.number().int() }).nullable(),
        pushedAt: z.iso.datetime(),
        topics: z.array(z.string()),
      }),
    );
    expect(resourceFields(type)).toEqual([
      { path: 'protection.reviews', type: 'int', nullable: false },
      { path: 'pushedAt', type: 'timestamp', nullable: false },
      { path: 'topics', type: 'list<string>', nullable: false },
    ]);
  });
});
