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
import { type AppDeps, scopeOf, type TOrganization } from '../ports.ts';

export interface TInitInput extends TProgramInput {
  name: string;
  slug?: string | undefined;
  ownerEmail?: string | undefined;
  /** Named components, written "kind:name" (e.g. "infrastructure:AWS production account"). */
  components: string[];
}

export interface TInitResult {
  org: TOrganization;
  program: TProgram;
  warnings: string[];
  adoptedControls: number;
  adoptedPolicies: number;
}

export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
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

/**
 * Creates an organization and its SOC 2 program, and adopts the library's controls and policy templates
 * for the categories in scope. One transaction: on any error nothing is written.
 */
export async function initProgram(deps: AppDeps, input: TInitInput): Promise<TInitResult> {
  const name = input.name.trim();
  if (!name || name.length > 200)
    throw new AttestlyError('INVALID_INPUT', 'an organization name (1 to 200 characters) is required');
  const slug = input.slug?.trim() || slugify(name);
  if (!slug)
    throw new AttestlyError('INVALID_INPUT', `cannot make a slug from "${name}"; give one with --slug`);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) {
    throw new AttestlyError(
      'INVALID_INPUT',
      `slug "${slug}" must be lower-case letters, digits and single dashes`,
    );
  }
  const ownerEmail = input.ownerEmail?.trim().toLowerCase();
  if (ownerEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(ownerEmail)) {
    throw new AttestlyError('INVALID_INPUT', `"${input.ownerEmail}" is not an email address`);
  }
  const components = parseComponents(input.components);
  const { program, warnings } = defineProgram({
    ...input,
    componentKinds: [...input.componentKinds, ...components.map((c) => c.kind)],
  });

  const inScope = new Set(
    deps.catalog.criteria.filter((c) => program.categories.includes(c.category)).map((c) => c.id),
  );
  const controls = deps.catalog.controls
    .filter((c) => c.criteria.some((id) => inScope.has(id)))
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
  const idByCode = new Map(controls.map((c) => [c.code, c.id]));
  const today = toIsoDate(deps.clock.now());
  const policies = deps.catalog.policies
    .map((template) => ({
      template,
      controlIds: template.controls.flatMap((code) => idByCode.get(code) ?? []),
    }))
    .filter(({ controlIds }) => controlIds.length > 0)
    .map(({ template, controlIds }) => {
      const bodyMarkdown = renderPolicyTemplate(template.body, {
        companyName: name,
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

  const org: TOrganization = { id: deps.newId(), slug, name };
  await deps.store.transaction(async (repos) => {
    if (await repos.organizations.findBySlug(slug)) {
      throw new AttestlyError(
        'CONFLICT',
        `an organization with slug "${slug}" already exists; choose another --slug`,
      );
    }
    await repos.organizations.create(org);
    const scope = scopeOf(org);
    await recordChange(
      repos,
      scope,
      deps,
      'organization.created',
      { type: 'organization', id: org.id },
      { name, slug },
    );
    if (ownerEmail) {
      let user = await repos.users.findByEmail(ownerEmail);
      if (!user) {
        user = { id: deps.newId(), email: ownerEmail };
        await repos.users.create(user);
      }
      await repos.memberships.add(scope, user.id, 'owner');
      await recordChange(
        repos,
        scope,
        deps,
        'membership.added',
        { type: 'user', id: user.id },
        { email: ownerEmail, role: 'owner' },
      );
    }
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
  });
  return { org, program, warnings, adoptedControls: controls.length, adoptedPolicies: policies.length };
}
