import { z } from 'zod';
import { SAMPLE_TYPE } from '../../../app/demo/sample-collector.ts';
import type { Collector } from '../../../app/monitoring/collector.ts';
import { celSchemaOf, celTypeName, type TCelType } from '../../../domain/monitoring/cel-types.ts';
import type { TResourceType } from '../../../domain/monitoring/model.ts';
import type { ZodApp } from '../zod-app.ts';

// What a client needs to connect a system and write a custom test without knowing any provider: each
// integration type's settings as JSON Schema (a form is generated from it), and each resource type's fields
// as a CEL expression sees them.

type TJsonSchema = Record<string, unknown>;

/** Settings that hold credentials: declared with `.meta({ secret: true })`, or named like one. */
const SECRET_NAME = /(password|passphrase|token|secret|privatekey|apikey|credential)/i;

/**
 * The collector's settings as JSON Schema (the input side: what a person types), each credential property
 * marked `writeOnly` (JSON Schema's word for a value that is sent and never shown back) and listed.
 */
export function integrationTypeView(collector: Collector) {
  const json = z.toJSONSchema(collector.configSchema, { io: 'input', unrepresentable: 'any' }) as TJsonSchema;
  const properties = (json.properties ?? {}) as Record<string, TJsonSchema>;
  const secretFields: string[] = [];
  for (const [name, property] of Object.entries(properties)) {
    if (property.secret === true || SECRET_NAME.test(name)) {
      property.writeOnly = true;
      secretFields.push(name);
    }
  }
  return { type: collector.type, title: collector.title, configSchema: json, secretFields };
}

const kindName = (type: TCelType): string => (type.kind === 'timestamp' ? 'timestamp' : celTypeName(type));

/** Every field `resource.…` offers, nested messages flattened to dotted paths, in schema order. */
export function resourceFields(type: TResourceType) {
  const schema = celSchemaOf(type);
  const out: { path: string; type: string; nullable: boolean }[] = [];
  const visit = (message: string, prefix: string, depth: number) => {
    const fields = schema.messages.get(message)?.fields ?? {};
    for (const [name, field] of Object.entries(fields)) {
      const path = prefix ? `${prefix}.${name}` : name;
      if (field.type.kind === 'message' && depth < 5) visit(field.type.name, path, depth + 1);
      else out.push({ path, type: kindName(field.type), nullable: field.nullable });
    }
  };
  visit(type.type, '', 0);
  return out;
}

const ZIntegrationType = z.object({
  type: z.string(),
  title: z.string(),
  configSchema: z.record(z.string(), z.unknown()),
  secretFields: z.array(z.string()),
});

const ZResourceType = z.object({
  type: z.string(),
  title: z.string(),
  fields: z.array(z.object({ path: z.string(), type: z.string(), nullable: z.boolean() })),
});

export function registerMonitoringCatalogRoutes(app: ZodApp): void {
  app.get(
    '/api/v1/integration-types',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'The systems this server can connect, with their settings as JSON Schema',
        tags: ['monitoring'],
        response: { 200: z.array(ZIntegrationType) },
      },
    },
    async (request) =>
      [...request.deps.monitoring.collectors.values()]
        // Sample data replays the demo's story; it is not a system anyone connects.
        .filter((c) => c.type !== SAMPLE_TYPE)
        .map(integrationTypeView)
        .sort((a, b) => a.title.localeCompare(b.title, 'en')),
  );

  app.get(
    '/api/v1/resource-types',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'The resource types tests judge, with the fields a custom test can read',
        tags: ['monitoring'],
        response: { 200: z.array(ZResourceType) },
      },
    },
    async (request) =>
      [...request.deps.monitoring.library.resourceTypes.values()]
        .map((t) => ({ type: t.type, title: t.title, fields: resourceFields(t) }))
        .sort((a, b) => a.type.localeCompare(b.type, 'en')),
  );
}
