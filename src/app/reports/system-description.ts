import { OWNER_ROLE_LABELS, type TCategoryId } from '../../domain/catalog-types.ts';
import type { TControlStatus } from '../../domain/control.ts';
import { COMPONENT_KINDS, type TComponentKind } from '../../domain/program.ts';
import { componentKindOfResourceType } from '../../domain/reports/resource-component.ts';
import {
  CHANGE_ACTIONS,
  significantChanges,
  type TSignificantChange,
} from '../../domain/reports/significant-changes.ts';
import type { AppDeps, OrgScope, TOrganization } from '../ports.ts';
import { loggedChanges } from './logged-changes.ts';
import { resolveReportWindow, type TReportWindow } from './report-window.ts';
import { subserviceDisclosures, type TSubserviceDisclosures } from './subservice-disclosures.ts';

// The draft of the system description (description criteria DC 200): what the organization can already say
// from its program, controls, integrations, policies and audit log, with marked places for what only people
// can write. A model first; system-description-markdown.ts turns it into the editable Markdown draft.

export interface TDescribedComponent {
  kind: TComponentKind;
  /** The program names this kind of component as part of the system. */
  inScope: boolean;
  items: Array<{ name: string; source: 'program' | 'monitoring' | 'policies' | 'members' }>;
}

export interface TSystemDescription extends TSubserviceDisclosures {
  organization: { slug: string; name: string };
  generatedAt: string;
  window: TReportWindow;
  categories: Array<{ id: TCategoryId; name: string }>;
  commitments: Array<{ category: string; commitment: string }>;
  /** Published policies: the system requirements the organization set itself. */
  systemRequirements: Array<{ title: string; version: number; publishedOn: string | null }>;
  components: TDescribedComponent[];
  /** Incidents in the window from the incident population (an import or a register); empty when none is on record. */
  incidents: Array<{ date: string; title: string }>;
  criteria: Array<{
    id: string;
    seriesName: string;
    topic: string;
    controls: Array<{ code: string; title: string; status: TControlStatus }>;
  }>;
  notApplicable: {
    criteria: Array<{ id: string; topic: string; reason: string }>;
    controls: Array<{ code: string; title: string; reason: string; criteria: string[] }>;
  };
  /** Significant changes in a Type 2 window; null for a Type 1 description, which has none to give. */
  changes: TSignificantChange[] | null;
}

/** The commitment each category in scope usually stands for, in Attestly's words, as a starting point. */
const COMMITMENTS: Record<TCategoryId, string> = {
  security:
    'Protect the system and the customer data it holds against unauthorized access, use, disclosure, change and destruction.',
  availability:
    'Keep the service available for operation and use as committed to customers, including agreed uptime and recovery times.',
  confidentiality:
    'Protect information designated confidential from the moment it is received until it is disposed of, as agreed with customers.',
  'processing-integrity':
    'Process customer transactions and data completely, accurately, on time and only as authorized.',
  privacy:
    'Collect, use, keep, disclose and dispose of personal information only as the privacy notice commits.',
};

const byText = (a: string, b: string) => a.localeCompare(b, 'en');

async function describedComponents(
  deps: AppDeps,
  scope: OrgScope,
  kinds: TComponentKind[],
): Promise<TDescribedComponent[]> {
  const { repos } = deps.store;
  const [named, integrations, states, members, owners, policies, devices] = await Promise.all([
    repos.components.list(scope),
    repos.monitoring.listIntegrations(scope),
    repos.monitoring.states(scope),
    repos.memberships.list(scope),
    repos.ownerRoles.list(scope),
    repos.policies.list(scope),
    repos.agent.listDevices(scope),
  ]);
  const items = new Map<TComponentKind, TDescribedComponent['items']>(COMPONENT_KINDS.map((k) => [k, []]));
  const add = (kind: TComponentKind, item: TDescribedComponent['items'][number]) =>
    items.get(kind)?.push(item);
  for (const c of [...named].sort((a, b) => byText(a.name, b.name)))
    add(c.kind, { name: c.name, source: 'program' });

  // What each integration monitors, by resource type: resources counted once across tests.
  const titles = deps.monitoring.library.resourceTypes;
  const seen = new Map<string, Map<string, Set<string>>>();
  for (const s of states) {
    const types = seen.get(s.integrationId) ?? new Map<string, Set<string>>();
    types.set(s.resourceType, (types.get(s.resourceType) ?? new Set()).add(s.resourceId));
    seen.set(s.integrationId, types);
  }
  for (const integration of [...integrations].sort((a, b) => byText(a.name, b.name))) {
    const byKind = new Map<TComponentKind, string[]>();
    for (const [type, resources] of [...(seen.get(integration.id) ?? [])].sort(([a], [b]) => byText(a, b))) {
      const kind = componentKindOfResourceType(type);
      byKind.set(kind, [
        ...(byKind.get(kind) ?? []),
        `${titles.get(type)?.title ?? type} (${resources.size})`,
      ]);
    }
    for (const [kind, what] of byKind)
      add(kind, {
        name: `${integration.name} (${integration.type}): ${what.join(', ')}`,
        source: 'monitoring',
      });
  }
  const liveDevices = devices.filter((d) => d.revokedAt === null).length;
  if (liveDevices > 0)
    add('infrastructure', {
      name: `${liveDevices} workforce device${liveDevices === 1 ? '' : 's'} reporting through the host agent`,
      source: 'monitoring',
    });

  const roles = new Map<string, number>();
  for (const m of members) roles.set(m.role, (roles.get(m.role) ?? 0) + 1);
  if (members.length > 0)
    add('people', {
      name: `People with access to the compliance program: ${[...roles].map(([role, n]) => `${n} ${role}${n === 1 ? '' : 's'}`).join(', ')}`,
      source: 'members',
    });
  const assigned = [...new Set(owners.map((o) => OWNER_ROLE_LABELS[o.ownerRole]))].sort(byText);
  if (assigned.length > 0)
    add('people', { name: `Named control owners: ${assigned.join(', ')}`, source: 'members' });
  for (const p of policies
    .filter((p) => p.publishedVersion !== null)
    .sort((a, b) => byText(a.title, b.title)))
    add('procedures', { name: `${p.title} (version ${p.publishedVersion})`, source: 'policies' });

  return COMPONENT_KINDS.map((kind) => ({
    kind,
    inScope: kinds.includes(kind),
    items: items.get(kind) ?? [],
  }));
}

/** Builds the draft system description for the program's period, or an audit's (by id) when one is given. */
export async function buildSystemDescription(
  deps: AppDeps,
  org: TOrganization,
  scope: OrgScope,
  auditId: string | null = null,
): Promise<TSystemDescription> {
  const { repos } = deps.store;
  const { program, window } = await resolveReportWindow(deps, scope, auditId);
  const [controls, exclusions, policies, components, disclosures, logged, incidents] = await Promise.all([
    repos.controls.list(scope),
    repos.exclusions.list(scope),
    repos.policies.list(scope),
    describedComponents(deps, scope, program.componentKinds),
    subserviceDisclosures(deps, scope),
    window.reportType === 'type2'
      ? loggedChanges(deps, scope, CHANGE_ACTIONS, window)
      : Promise.resolve(null),
    repos.populations.list(scope, 'incident', {
      from: new Date(`${window.from}T00:00:00Z`),
      to: new Date(`${window.to}T23:59:59.999Z`),
    }),
  ]);
  const seriesNames = new Map(deps.catalog.series.map((s) => [s.id, s.name]));
  const inScope = deps.catalog.criteria.filter((c) => program.categories.includes(c.category));
  const sortedControls = [...controls].sort((a, b) => byText(a.code, b.code));
  const inScopeIds = new Set(inScope.map((c) => c.id));

  return {
    organization: { slug: org.slug, name: org.name },
    generatedAt: deps.clock.now().toISOString(),
    window,
    categories: deps.catalog.categories
      .filter((c) => program.categories.includes(c.id))
      .map((c) => ({ id: c.id, name: c.name })),
    commitments: deps.catalog.categories
      .filter((c) => program.categories.includes(c.id))
      .map((c) => ({ category: c.name, commitment: COMMITMENTS[c.id] })),
    systemRequirements: policies
      .filter((p) => p.publishedVersion !== null)
      .map((p) => ({
        title: p.title,
        version: p.publishedVersion ?? 0,
        publishedOn: p.publishedAt ? p.publishedAt.toISOString().slice(0, 10) : null,
      }))
      .sort((a, b) => byText(a.title, b.title)),
    components,
    incidents: incidents.map((i) => ({ date: i.occurredAt.toISOString().slice(0, 10), title: i.title })),
    ...disclosures,
    criteria: inScope
      .filter((c) => !exclusions.has(c.id))
      .map((c) => ({
        id: c.id,
        seriesName: seriesNames.get(c.series) ?? c.series,
        topic: c.summary,
        controls: sortedControls
          .filter((k) => k.status !== 'not_applicable' && k.criteria.includes(c.id))
          .map((k) => ({ code: k.code, title: k.title, status: k.status })),
      })),
    notApplicable: {
      criteria: inScope
        .filter((c) => exclusions.has(c.id))
        .map((c) => ({ id: c.id, topic: c.summary, reason: exclusions.get(c.id) ?? '' })),
      controls: sortedControls
        .filter((k) => k.status === 'not_applicable' && k.criteria.some((id) => inScopeIds.has(id)))
        .map((k) => ({
          code: k.code,
          title: k.title,
          reason: k.notApplicableReason ?? '',
          criteria: k.criteria,
        })),
    },
    changes: logged === null ? null : significantChanges(logged),
  };
}
