import type { TCatalog } from '../../domain/catalog-types.ts';
import { toIsoDate } from '../../domain/dates.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { renderPolicyTemplate, sha256Hex } from '../../domain/policy-template.ts';
import {
  COMPONENT_KINDS,
  defineProgram,
  type TComponentKind,
  type TProgram,
  type TProgramInput,
} from '../../domain/program.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, Repositories, TOrganization } from '../ports.ts';
import { recordReadinessSnapshot } from '../readiness/record-readiness-snapshot.ts';

export interface TProgramRequest extends TProgramInput {
  /** Named components, written "kind:name" (e.g. "infrastructure:AWS production account"). */
  components: string[];
}

export interface TEstablished {
  program: TProgram;
  warnings: string[];
  adoptedControls: number;
  adoptedPolicies: number;
}

function parseComponents(raw: string[]): Array<{ kind: TComponentKind; name: string }> {
  return raw.map((entry) => {
    const at = entry.indexOf(':');
    const kind = entry.slice(0, at).trim().toLowerCase();
    const name = entry.slice(at + 1).trim();
    if (at < 0 || !name || !(COMPONENT_KINDS as readonly string[]).includes(kind)) {
      throw new AttestlyError(
        'INVALID_INPUT',
        `component "${entry}" must be written kind:name with kind one of ${COMPONENT_KINDS.join(', ')}`,
      );
    }
    return { kind: kind as TComponentKind, name };
  });
}

/** Parses and checks a program request; throws before anything is written. */
export function planProgram(deps: Pick<AppDeps, 'catalog'>, request: TProgramRequest) {
  const components = parseComponents(request.components);
  const { program, warnings } = defineProgram({
    ...request,
    componentKinds: [...request.componentKinds, ...components.map((c) => c.kind)],
  });
  const inScope = new Set(
    deps.catalog.criteria.filter((c) => program.categories.includes(c.category)).map((c) => c.id),
  );
  const templates = deps.catalog.controls.filter((c) => c.criteria.some((id) => inScope.has(id)));
  return { program, warnings, components, templates };
}

/**
 * The controls of `templates` not adopted yet (`adopted.controls`: code to id), and the policy templates the
 * controls need that the organization does not hold yet, ready to insert.
 */
export function libraryFor(
  deps: Pick<AppDeps, 'newId' | 'clock' | 'catalog'>,
  org: TOrganization,
  templates: TCatalog['controls'],
  adopted: { controls: ReadonlyMap<string, string>; policyTemplates: ReadonlySet<string> } = {
    controls: new Map(),
    policyTemplates: new Set(),
  },
) {
  const controls = templates
    .filter((c) => !adopted.controls.has(c.id))
    .map((c) => ({
      id: deps.newId(),
      code: c.id,
      libraryId: c.id,
      title: c.title,
      requirement: c.requirement,
      evidenceGuidance: c.evidence,
      frequency: c.frequency,
      ownerRole: c.ownerRole,
      automatable: c.automatable,
      criteria: c.criteria,
    }));
  const idByCode = new Map([...adopted.controls, ...controls.map((c) => [c.code, c.id] as const)]);
  const today = toIsoDate(deps.clock.now());
  const policies = deps.catalog.policies
    .map((template) => ({
      template,
      controlIds: template.controls.flatMap((code) => idByCode.get(code) ?? []),
    }))
    .filter(({ template, controlIds }) => controlIds.length > 0 && !adopted.policyTemplates.has(template.id))
    .map(({ template, controlIds }) => {
      const bodyMarkdown = renderPolicyTemplate(template.body, {
        companyName: org.name,
        ownerRole: template.ownerRole,
        reviewCadence: template.reviewCadence,
        effectiveDate: today,
      });
      return {
        id: deps.newId(),
        versionId: deps.newId(),
        templateId: template.id,
        title: template.title,
        ownerRole: template.ownerRole,
        reviewCadence: template.reviewCadence,
        bodyMarkdown,
        sha256: sha256Hex(bodyMarkdown),
        controlIds,
      };
    });

  return { controls, policies };
}

/**
 * Records the program and its scope, and adopts the library's controls for the categories in scope and
 * the policy templates those controls need, inside the caller's transaction.
 */
export async function establishProgramIn(
  repos: Repositories,
  deps: Pick<AppDeps, 'newId' | 'clock' | 'actor' | 'catalog'>,
  org: TOrganization,
  scope: OrgScope,
  request: TProgramRequest,
): Promise<TEstablished> {
  const { program, warnings, components, templates } = planProgram(deps, request);
  if (await repos.programs.find(scope)) {
    throw new AttestlyError('CONFLICT', `organization "${org.slug}" already has a SOC 2 program`);
  }
  const { controls, policies } = libraryFor(deps, org, templates);

  await repos.programs.create(scope, program);
  await repos.components.add(
    scope,
    components.map((c) => ({ id: deps.newId(), ...c })),
  );
  await recordChange(
    repos,
    scope,
    deps,
    'program.created',
    { type: 'program', id: org.id },
    { ...program, components },
  );
  await repos.controls.insertMany(scope, controls);
  await recordChange(
    repos,
    scope,
    deps,
    'controls.adopted',
    { type: 'control', id: null },
    {
      count: controls.length,
      codes: controls.map((c) => c.code),
    },
  );
  for (const policy of policies) await repos.policies.insert(scope, policy);
  await recordChange(
    repos,
    scope,
    deps,
    'policies.adopted',
    { type: 'policy', id: null },
    {
      templates: policies.map((p) => p.templateId),
    },
  );
  return { program, warnings, adoptedControls: controls.length, adoptedPolicies: policies.length };
}

/** The program of an existing organization (the server's onboarding), in one transaction. */
export async function establishProgram(
  deps: AppDeps,
  org: TOrganization,
  scope: OrgScope,
  request: TProgramRequest,
): Promise<TEstablished> {
  planProgram(deps, request);
  const established = await deps.store.transaction((repos) =>
    establishProgramIn(repos, deps, org, scope, request),
  );
  await recordReadinessSnapshot(deps, scope);
  return established;
}
