import { POPULATION_KINDS } from '../../domain/audit/populations.ts';
import type { TControlTimeline } from '../../domain/audit/timeline.ts';
import { PACKAGE_PATHS, populationPath, samplePath } from '../../domain/audit-package/package-format.ts';
import {
  coverageCsv,
  daysCsv,
  populationCsv,
  requestsCsv,
  samplesCsv,
} from '../../domain/audit-package/package-tables.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import type { PackageArchive, TArchivedFile } from './package-archive.ts';
import type { TPackageSubject } from './package-subject.ts';

// The testing part of the package: every population of the period (all kinds, empty ones too, so a missing
// file is never mistaken for "none"), the audit's samples with the items drawn, the control timelines, and
// the audit's requests. Without an audit there are no samples or requests: those files hold a header only.

export async function writeTestingFiles(
  deps: Pick<AppDeps, 'store'>,
  scope: OrgScope,
  archive: PackageArchive,
  subject: TPackageSubject,
  timelines: TControlTimeline[],
): Promise<TArchivedFile[]> {
  const { repos } = deps.store;
  const written: TArchivedFile[] = [];
  const add = async (path: string, text: string) =>
    written.push(await archive.add(path, new TextEncoder().encode(text)));

  for (const kind of POPULATION_KINDS) {
    await add(populationPath(kind), populationCsv(await repos.populations.list(scope, kind, subject.range)));
  }
  const samples = subject.audit ? await repos.samples.list(scope, subject.audit.id) : [];
  await add(PACKAGE_PATHS.samples, samplesCsv(samples));
  for (const sample of samples) {
    const items = await repos.populations.findByExternalIds(scope, sample.kind, sample.itemIds);
    const byId = new Map(items.map((i) => [i.externalId, i]));
    const drawn = sample.itemIds.flatMap((id) => {
      const item = byId.get(id);
      return item ? [item] : [];
    });
    await add(samplePath(sample.id), populationCsv(drawn));
  }
  await add(PACKAGE_PATHS.coverage, coverageCsv(timelines));
  await add(PACKAGE_PATHS.days, daysCsv(timelines));
  const requests = subject.audit ? await repos.auditRequests.list(scope, subject.audit.id) : [];
  await add(PACKAGE_PATHS.requests, requestsCsv(requests));
  return written;
}
