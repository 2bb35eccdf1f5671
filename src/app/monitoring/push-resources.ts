import { z } from 'zod';
import { AttestlyError } from '../../domain/errors.ts';
import type { TResource } from '../../domain/monitoring/model.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TIntegration, TMonitorRun } from '../ports.ts';
import { integrationContext } from './add-integration.ts';
import { runIntegration } from './run-integration.ts';

/** The integration type of a connection created by the push API; imports name their format instead. */
export const PUSH_TYPE = 'push';
export const MAX_PUSHED_RESOURCES = 50_000;

export interface TPushInput {
  /** The connection's name; created as a pushed connection on its first push. */
  integration: string;
  resourceType: string;
  resources: ReadonlyArray<{ id: string; name?: string | undefined; attributes: unknown }>;
  /** The type a new connection is given: `push`, or the imported format (`openscap`, `ocsf`). */
  kind?: string;
}

function refuse(field: string, message: string, index?: number): never {
  throw new AttestlyError('INVALID_INPUT', `${field}: ${message}`, {
    field,
    ...(index === undefined ? {} : { index }),
  });
}

/** Unknown attributes are refused rather than dropped: a misspelt field must not pass as a missing one. */
function strictly(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodObject ? schema.strict() : schema;
}

/** Checks every pushed resource against its type's schema; an error names the resource's index and field. */
function checkPushed(deps: AppDeps, input: TPushInput): TResource[] {
  const declared = deps.monitoring.library.resourceTypes.get(input.resourceType);
  if (!declared) throw new AttestlyError('NOT_FOUND', `no resource type "${input.resourceType}"`);
  if (input.resources.length > MAX_PUSHED_RESOURCES)
    refuse('resources', `at most ${MAX_PUSHED_RESOURCES} resources per push`);
  const schema = strictly(declared.schema);
  const seen = new Map<string, number>();
  return input.resources.map((resource, index) => {
    const at = `resources[${index}]`;
    const id = resource.id.trim();
    if (!id || id.length > 500) refuse(`${at}.id`, 'an id of 1 to 500 characters is required', index);
    const first = seen.get(id);
    if (first !== undefined) refuse(`${at}.id`, `"${id}" is also resources[${first}]`, index);
    seen.set(id, index);
    const parsed = schema.safeParse(resource.attributes);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const keys = issue?.code === 'unrecognized_keys' ? issue.keys : [];
      const path = [...(issue?.path ?? []), ...keys.slice(0, 1)]
        .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
        .join('');
      refuse(`${at}.attributes${path}`, issue?.message ?? 'invalid', index);
    }
    return {
      type: declared.type,
      id,
      name: (resource.name?.trim() || id).slice(0, 500),
      attributes: parsed.data as Record<string, unknown>,
    };
  });
}

/** The named pushed connection, created on first use; a collected one of that name is refused. */
async function pushedConnection(deps: AppDeps, scope: OrgScope, input: TPushInput): Promise<TIntegration> {
  const name = input.integration.trim();
  if (!name || name.length > 100)
    refuse('integration', 'a connection name of 1 to 100 characters is required');
  const now = deps.clock.now();
  const id = deps.newId();
  const created: TIntegration = {
    id,
    orgId: scope.orgId,
    type: input.kind ?? PUSH_TYPE,
    name,
    configSealed: (await deps.secrets()).seal('{}', integrationContext(scope, id)),
    scheduleMinutes: 60,
    enabled: true,
    status: 'new',
    lastError: null,
    lastRunAt: null,
    nextRunAt: now,
    createdAt: now,
    delivery: 'pushed',
  };
  return deps.store.transaction(async (repos) => {
    const existing = await repos.monitoring.findIntegration(scope, name);
    if (existing?.delivery === 'collected')
      throw new AttestlyError(
        'CONFLICT',
        `"${name}" is collected by its ${existing.type} collector; push to a connection of its own`,
        { field: 'integration' },
      );
    // A connection keeps one kind: a push cannot overwrite what the host agent or an import reported.
    if (existing && existing.type !== created.type)
      throw new AttestlyError(
        'CONFLICT',
        `"${name}" is a connection of type ${existing.type}; push to a connection of its own`,
        { field: 'integration' },
      );
    if (existing) return existing;
    await repos.monitoring.createIntegration(scope, created);
    await recordChange(
      repos,
      scope,
      deps,
      'integration.added',
      { type: 'integration', id },
      { type: created.type, name, delivery: 'pushed' },
    );
    return created;
  });
}

/**
 * A push from a system Attestly cannot reach (or an imported scan report): the resources replace the
 * connection's whole inventory of that type and are judged like a collection, through runIntegration, so
 * the run, its snapshot, the changed results and the audit entry are the same as a collected run's.
 */
export async function pushResources(
  deps: AppDeps,
  scope: OrgScope,
  input: TPushInput,
): Promise<{ integration: TIntegration; run: TMonitorRun }> {
  const resources = checkPushed(deps, input);
  const integration = await pushedConnection(deps, scope, input);
  const run = await runIntegration(deps, scope, integration, undefined, {
    pushed: { resources, resourceTypes: [input.resourceType] },
  });
  return { integration, run };
}
