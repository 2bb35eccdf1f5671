import { toIsoDate } from '../../domain/dates.ts';
import type { TReportType } from '../../domain/program.ts';
import { isEvidenced } from '../../domain/readiness.ts';
import {
  reportStatus,
  type TReportStatus,
  type TSubprocessor,
  type TTrustAreaState,
  type TTrustDocumentAccess,
  type TTrustDocumentKind,
  type TTrustFaq,
  trustAreaState,
} from '../../domain/trust-center.ts';
import { controlMonitoring } from '../monitoring/control-monitoring.ts';
import {
  type AppDeps,
  type OrgScope,
  scopeOf,
  type TOrganization,
  type TTrustCenterRecord,
} from '../ports.ts';
import { assessProgram } from '../readiness/get-readiness.ts';

// What anyone may read at /trust/<slug>. Built field by field from what the organization chose to show:
// areas carry a state, never a finding, a resource, a score or an id; documents and policies are named by
// their public ids.

export interface TPublishedTrustCenter {
  org: TOrganization;
  scope: OrgScope;
  settings: TTrustCenterRecord;
}

/** The organization behind a public slug, only while its trust center is published. */
export async function findPublishedTrustCenter(
  deps: AppDeps,
  slug: string,
): Promise<TPublishedTrustCenter | null> {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 60) return null;
  const org = await deps.store.repos.organizations.findBySlug(slug);
  if (!org) return null;
  const scope = scopeOf(org);
  const settings = await deps.store.repos.trustCenter.find(scope);
  if (!settings?.published) return null;
  return { org, scope, settings };
}

export interface TPublicTrustCenter {
  organizationName: string;
  slug: string;
  headline: string;
  description: string;
  securityContact: string | null;
  asOf: string;
  program: {
    reportType: TReportType;
    asOf: string | null;
    window: { start: string; end: string } | null;
    categories: string[];
    status: TReportStatus;
  } | null;
  areas: Array<{ title: string; description: string; state: TTrustAreaState }>;
  policies: Array<{ publicId: string; title: string; version: number; publishedOn: string }>;
  documents: Array<{
    publicId: string;
    title: string;
    description: string;
    kind: TTrustDocumentKind;
    access: TTrustDocumentAccess;
  }>;
  subprocessors: TSubprocessor[];
  faq: TTrustFaq[];
}

/** The public page's content, or null when the organization is unknown or has not published. */
export async function getPublicTrustCenter(deps: AppDeps, slug: string): Promise<TPublicTrustCenter | null> {
  const found = await findPublishedTrustCenter(deps, slug);
  if (!found) return null;
  const { org, scope, settings } = found;
  const { repos } = deps.store;
  const asOf = toIsoDate(deps.clock.now());
  const [assessed, controls, validity, monitoring, documents, policies, shown] = await Promise.all([
    assessProgram(deps, scope, asOf),
    repos.controls.list(scope),
    repos.evidence.validityByControl(scope),
    controlMonitoring(deps, scope),
    repos.trustCenter.listDocuments(scope),
    repos.policies.list(scope),
    repos.trustCenter.listPublicPolicies(scope),
  ]);

  const criteria = (assessed?.criteria ?? []).filter((c) => c.status !== 'not_applicable');
  const areas = settings.areas.flatMap((area) => {
    const codes = new Set(area.controls);
    for (const criterion of criteria)
      if (area.series.includes(criterion.series)) for (const code of criterion.controlCodes) codes.add(code);
    const state = trustAreaState(
      controls
        .filter((c) => codes.has(c.code))
        .map((c) => ({
          status: c.status,
          evidenced: isEvidenced(
            { ...c, evidence: validity.get(c.id) ?? [], monitoring: monitoring.get(c.code) },
            asOf,
          ),
          monitored: monitoring.has(c.code),
        })),
    );
    return state ? [{ title: area.title, description: area.description, state }] : [];
  });

  const publicIds = new Map(shown.map((s) => [s.policyId, s.publicId]));
  const categoryNames = new Map(deps.catalog.categories.map((c) => [c.id, c.name]));
  return {
    organizationName: org.name,
    slug: org.slug,
    headline: settings.headline,
    description: settings.description,
    securityContact: settings.securityContact,
    asOf,
    program: assessed
      ? {
          reportType: assessed.program.reportType,
          asOf: assessed.program.asOf,
          window: assessed.program.window,
          categories: assessed.program.categories.map((c) => categoryNames.get(c) ?? c),
          status: reportStatus(documents),
        }
      : null,
    areas,
    policies: policies.flatMap((p) => {
      const publicId = publicIds.get(p.id);
      return publicId && p.publishedVersion !== null && p.publishedAt
        ? [{ publicId, title: p.title, version: p.publishedVersion, publishedOn: toIsoDate(p.publishedAt) }]
        : [];
    }),
    documents: documents.map((d) => ({
      publicId: d.publicId,
      title: d.title,
      description: d.description,
      kind: d.kind,
      access: d.access,
    })),
    subprocessors: settings.subprocessors,
    faq: settings.faq,
  };
}
