import { AttestlyError } from '../../domain/errors.ts';
import {
  defaultTrustCenterSettings,
  normalizeTrustCenterSettings,
  type TTrustCenterSettings,
} from '../../domain/trust-center.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TOrganization, TTrustCenterRecord } from '../ports.ts';

// What an organization shows on its public trust center. Until an admin saves anything, the settings are the
// defaults: unpublished, so /trust/<slug> answers 404.

/** The settings as stored, or the defaults (NDA version 1) when none were saved. */
export async function getTrustCenterSettings(
  deps: AppDeps,
  org: TOrganization,
  scope: OrgScope,
): Promise<TTrustCenterRecord> {
  const stored = await deps.store.repos.trustCenter.find(scope);
  if (stored) return stored;
  return {
    ...defaultTrustCenterSettings(org.name),
    ndaVersion: 1,
    updatedAt: deps.clock.now(),
    updatedBy: 'default',
  };
}

/**
 * Replaces the settings. Every control area must name series or controls the organization has; a change
 * of the NDA text starts a new NDA version, so each access request says which text its visitor accepted.
 */
export async function saveTrustCenter(
  deps: AppDeps,
  org: TOrganization,
  scope: OrgScope,
  input: TTrustCenterSettings,
): Promise<TTrustCenterRecord> {
  const settings = normalizeTrustCenterSettings(input);
  const seriesIds = new Set(deps.catalog.series.map((s) => s.id));
  return deps.store.transaction(async (repos) => {
    const codes = new Set((await repos.controls.list(scope)).map((c) => c.code));
    settings.areas.forEach((area, i) => {
      const series = area.series.find((s) => !seriesIds.has(s));
      if (series)
        throw new AttestlyError('INVALID_INPUT', `unknown series "${series}" in "${area.title}"`, {
          field: `areas.${i}`,
        });
      const control = area.controls.find((c) => !codes.has(c));
      if (control)
        throw new AttestlyError('NOT_FOUND', `unknown control "${control}" in "${area.title}"`, {
          field: `areas.${i}`,
        });
    });
    const before = await repos.trustCenter.find(scope);
    const ndaVersion = !before
      ? 1
      : before.ndaText === settings.ndaText
        ? before.ndaVersion
        : before.ndaVersion + 1;
    const record: TTrustCenterRecord = {
      ...settings,
      ndaVersion,
      updatedAt: deps.clock.now(),
      updatedBy: deps.actor.id,
    };
    await repos.trustCenter.save(scope, record);
    await recordChange(
      repos,
      scope,
      deps,
      'trust_center.updated',
      { type: 'trust_center', id: org.slug },
      {
        published: record.published,
        publishedBefore: before?.published ?? false,
        ndaVersion,
        areas: record.areas.map((a) => a.title),
        subprocessors: record.subprocessors.length,
        faq: record.faq.length,
      },
    );
    return record;
  });
}
