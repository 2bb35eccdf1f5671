import { z } from 'zod';
import { AttestlyError } from '../../../domain/errors.ts';
import { type TTfBlock, UNKNOWN } from './blocks.ts';

// `terraform show -json` output, of a saved plan (`terraform show -json plan.out`) or of the state
// (`terraform show -json`): the JSON output format, version 1.x. A plan's planned_values hold what will
// exist after apply; its resource_changes say which of those values are unknown until then, and its
// configuration says which resource each expression refers to. Only managed resources are read.

const ZValues = z.record(z.string(), z.unknown());

const ZStateResource = z.object({
  address: z.string(),
  mode: z.enum(['managed', 'data']),
  type: z.string(),
  name: z.string(),
  index: z.union([z.number(), z.string()]).optional(),
  values: ZValues.optional(),
});

interface TModule {
  resources?: z.infer<typeof ZStateResource>[] | undefined;
  child_modules?: TModule[] | undefined;
}
const ZModule: z.ZodType<TModule> = z.object({
  address: z.string().optional(),
  resources: z.array(ZStateResource).optional(),
  get child_modules() {
    return z.array(ZModule).optional();
  },
});

const ZResourceChange = z.object({
  address: z.string(),
  mode: z.string(),
  change: z.object({ actions: z.array(z.string()), after_unknown: z.unknown().optional() }),
});

interface TConfigModule {
  resources?: Array<{ address: string; expressions?: Record<string, unknown> | undefined }> | undefined;
  module_calls?: Record<string, { module?: TConfigModule | undefined }> | undefined;
}
const ZConfigModule: z.ZodType<TConfigModule> = z.object({
  resources: z
    .array(z.object({ address: z.string(), expressions: z.record(z.string(), z.unknown()).optional() }))
    .optional(),
  get module_calls() {
    return z.record(z.string(), z.object({ module: ZConfigModule.optional() })).optional();
  },
});

export const ZShowJson = z.object({
  format_version: z.string().regex(/^1\.\d+$/, 'not a JSON output format this reader knows (1.x)'),
  terraform_version: z.string().optional(),
  values: z.object({ root_module: ZModule }).optional(),
  planned_values: z.object({ root_module: ZModule }).optional(),
  resource_changes: z.array(ZResourceChange).optional(),
  configuration: z.object({ root_module: ZConfigModule }).optional(),
});
export type TShowJson = z.infer<typeof ZShowJson>;

/** Writes UNKNOWN wherever after_unknown marks a value (or a part of one) as computed at apply. */
function markUnknown(value: unknown, unknown: unknown): unknown {
  if (unknown === true) return UNKNOWN;
  if (Array.isArray(unknown)) {
    const list = Array.isArray(value) ? [...value] : [];
    unknown.forEach((u, i) => {
      if (u !== false && u !== undefined) list[i] = markUnknown(list[i], u);
    });
    return list;
  }
  if (unknown && typeof unknown === 'object') {
    const object = { ...((value && typeof value === 'object' ? value : {}) as Record<string, unknown>) };
    for (const [key, u] of Object.entries(unknown)) {
      if (u !== false) object[key] = markUnknown(object[key], u);
    }
    return object;
  }
  return value;
}

/** module.a.aws_x.b["k"] → its instance key and the address without it. */
function splitAddress(address: string): { base: string; index: string | null; module: string } {
  const keyed = /^(.*)\[([^\]]+)\]$/.exec(address);
  const base = keyed?.[1] ?? address;
  const parts = base.split('.');
  return {
    base,
    index: keyed?.[2] ?? null,
    module: parts.length > 2 ? `${parts.slice(0, -2).join('.')}.` : '',
  };
}

/** Per resource (full address without key), per attribute: the addresses its expression refers to. */
function configurationRefs(
  module: TConfigModule | undefined,
  prefix = '',
  into = new Map<string, Record<string, string[]>>(),
) {
  for (const resource of module?.resources ?? []) {
    const refs: Record<string, string[]> = {};
    for (const [attribute, expression] of Object.entries(resource.expressions ?? {})) {
      const references = (expression as { references?: unknown } | null)?.references;
      if (Array.isArray(references)) refs[attribute] = references.filter((r) => typeof r === 'string');
    }
    into.set(`${prefix}${resource.address}`, refs);
  }
  for (const [name, call] of Object.entries(module?.module_calls ?? {}))
    configurationRefs(call.module, `${prefix}module.${name}.`, into);
  return into;
}

function moduleResources(module: TModule | undefined): z.infer<typeof ZStateResource>[] {
  if (!module) return [];
  return [...(module.resources ?? []), ...(module.child_modules ?? []).flatMap(moduleResources)];
}

/** The managed resources of a plan (as planned) or of a state. */
export function blocksFromShowJson(
  json: TShowJson,
  where: string,
): { kind: 'plan' | 'state'; blocks: TTfBlock[] } {
  const kind = json.planned_values ? 'plan' : 'state';
  const root = json.planned_values?.root_module ?? json.values?.root_module;
  if (!root)
    throw new AttestlyError(
      'COLLECTION_FAILED',
      `${where} holds no resources: it is the output of \`terraform show -json\` for an empty state`,
    );
  const unknown = new Map(
    (json.resource_changes ?? []).map((c) => [c.address, c.change.after_unknown] as const),
  );
  const refs = configurationRefs(json.configuration?.root_module);
  const blocks = moduleResources(root)
    .filter((r) => r.mode === 'managed')
    .map((r): TTfBlock => {
      const { base, index, module } = splitAddress(r.address);
      return {
        address: r.address,
        base,
        module,
        type: r.type,
        index,
        values: markUnknown(r.values ?? {}, unknown.get(r.address)) as Record<string, unknown>,
        refs: refs.get(base) ?? {},
        file: null,
      };
    });
  return { kind, blocks };
}
