import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TOrganization } from '../ports.ts';
import { recordReadinessSnapshot } from '../readiness/record-readiness-snapshot.ts';
import {
  establishProgramIn,
  libraryFor,
  planProgram,
  type TEstablished,
  type TProgramRequest,
} from './establish-program.ts';

/**
 * Defines the program, or changes the one the organization has (onboarding run again): report type, dates
 * and scope. A category brought into scope adopts its controls and the policy templates they need; nothing
 * is removed when one leaves, so the work done on its controls is kept (they stop counting for readiness).
 */
export async function saveProgram(
  deps: AppDeps,
  org: TOrganization,
  scope: OrgScope,
  request: TProgramRequest,
): Promise<TEstablished & { created: boolean }> {
  const { program, warnings, components, templates } = planProgram(deps, request);
  const saved = await deps.store.transaction(async (repos) => {
    const before = await repos.programs.find(scope);
    if (!before) return { ...(await establishProgramIn(repos, deps, org, scope, request)), created: true };

    const [controls, policies, named] = await Promise.all([
      repos.controls.list(scope),
      repos.policies.list(scope),
      repos.components.list(scope),
    ]);
    const library = libraryFor(deps, org, templates, {
      controls: new Map(controls.map((c) => [c.code, c.id])),
      policyTemplates: new Set(policies.flatMap((p) => (p.templateId ? [p.templateId] : []))),
    });
    const known = new Set(named.map((c) => `${c.kind}:${c.name}`));
    const newComponents = components.filter((c) => !known.has(`${c.kind}:${c.name}`));

    await repos.programs.update(scope, program);
    await repos.components.add(
      scope,
      newComponents.map((c) => ({ id: deps.newId(), ...c })),
    );
    await recordChange(
      repos,
      scope,
      deps,
      'program.changed',
      { type: 'program', id: org.id },
      { before, after: program, addedComponents: newComponents },
    );
    if (library.controls.length > 0) {
      await repos.controls.insertMany(scope, library.controls);
      await recordChange(
        repos,
        scope,
        deps,
        'controls.adopted',
        { type: 'control', id: null },
        { count: library.controls.length, codes: library.controls.map((c) => c.code) },
      );
    }
    for (const policy of library.policies) await repos.policies.insert(scope, policy);
    if (library.policies.length > 0) {
      await recordChange(
        repos,
        scope,
        deps,
        'policies.adopted',
        { type: 'policy', id: null },
        { templates: library.policies.map((p) => p.templateId) },
      );
    }
    return {
      program,
      warnings,
      adoptedControls: library.controls.length,
      adoptedPolicies: library.policies.length,
      created: false,
    };
  });
  await recordReadinessSnapshot(deps, scope);
  return saved;
}
