import type { z } from 'zod';
import type { TTestLibrary } from '../../catalog/monitoring/library.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { evaluateInventory, summarize, type TSummary } from '../../domain/monitoring/evaluate.ts';
import type { TOutcome, TResource } from '../../domain/monitoring/model.ts';
import type { Collector, TCollectorContext } from './collector.ts';

export interface TIntegrationResult {
  type: string;
  name: string;
  status: 'collected' | 'failed';
  resources: number;
  error?: { message: string; details?: Record<string, unknown> };
}

export interface TScanResult {
  integrations: TIntegrationResult[];
  outcomes: TOutcome[];
  summary: TSummary;
}

/** Replaces {"env": "NAME"} anywhere in a scan file with that environment variable, so secrets stay out of it. */
export function resolveEnv(value: unknown, env: Record<string, string | undefined>, path = ''): unknown {
  if (Array.isArray(value)) return value.map((v, i) => resolveEnv(v, env, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1 && entries[0]?.[0] === 'env' && typeof entries[0][1] === 'string') {
      const name = entries[0][1];
      const resolved = env[name];
      if (resolved === undefined)
        throw new AttestlyError(
          'INVALID_INPUT',
          `${path || 'value'}: environment variable ${name} is not set`,
        );
      return resolved;
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, resolveEnv(v, env, path ? `${path}.${k}` : k)]));
  }
  return value;
}

function parseConfig<S extends z.ZodType>(collector: Collector<S>, raw: unknown, where: string): z.infer<S> {
  const parsed = collector.configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AttestlyError(
      'INVALID_INPUT',
      `${where}${issue?.path.length ? `.${issue.path.join('.')}` : ''}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

/** A collected resource must match its declared type's schema, or the collector has a bug: say so. */
export function checkResources(library: TTestLibrary, resources: TResource[], type: string): TResource[] {
  return resources.map((resource) => {
    const declared = library.resourceTypes.get(resource.type);
    if (!declared)
      throw new AttestlyError(
        'COLLECTION_FAILED',
        `${type} emitted an unknown resource type ${resource.type}`,
      );
    const parsed = declared.schema.safeParse(resource.attributes);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AttestlyError(
        'COLLECTION_FAILED',
        `${type} emitted a ${resource.type} (${resource.id}) that does not match its schema at ${issue?.path.join('.')}: ${issue?.message}`,
      );
    }
    return { ...resource, attributes: parsed.data as Record<string, unknown> };
  });
}

/**
 * Collects from every integration of a scan file and runs the whole library over what was collected. A
 * failed integration is reported as failed with the provider's message; its tests are not run, so nothing
 * about it looks green.
 */
export async function scan(
  deps: {
    collectors: ReadonlyMap<string, Collector>;
    library: TTestLibrary;
    now: () => Date;
    env: Record<string, string | undefined>;
  },
  file: { integrations: Array<Record<string, unknown>> },
  context: TCollectorContext,
): Promise<TScanResult> {
  const planned = file.integrations.map((raw, index) => {
    const where = `integrations[${index}]`;
    const { type, name, ...settings } = raw as { type?: unknown; name?: unknown };
    const collector = typeof type === 'string' ? deps.collectors.get(type) : undefined;
    if (!collector) {
      throw new AttestlyError(
        'INVALID_INPUT',
        `${where}.type: unknown integration type "${String(type)}"; known: ${[...deps.collectors.keys()].join(', ')}`,
      );
    }
    const config = parseConfig(collector, resolveEnv(settings, deps.env, where), where);
    return { collector, config, name: typeof name === 'string' ? name : `${collector.type} #${index + 1}` };
  });
  const integrations: TIntegrationResult[] = [];
  const resources: TResource[] = [];
  for (const { collector, config, name } of planned) {
    context.progress(`collecting ${name} (${collector.title})`);
    try {
      const collected = checkResources(
        deps.library,
        await collector.collect(config, context),
        collector.type,
      );
      resources.push(...collected);
      integrations.push({ type: collector.type, name, status: 'collected', resources: collected.length });
      context.progress(`collected ${collected.length} resources from ${name}`);
    } catch (error) {
      if (!(error instanceof AttestlyError) || error.code !== 'COLLECTION_FAILED') throw error;
      integrations.push({
        type: collector.type,
        name,
        status: 'failed',
        resources: 0,
        error: { message: error.message, ...(error.details ? { details: error.details } : {}) },
      });
      context.progress(`could not collect ${name}: ${error.message}`);
    }
  }
  const outcomes = evaluateInventory(resources, deps.library.tests, { now: deps.now() });
  return { integrations, outcomes, summary: summarize(resources.length, outcomes) };
}
