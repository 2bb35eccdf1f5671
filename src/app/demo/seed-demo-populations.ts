import { toIsoDate } from '../../domain/dates.ts';
import { drawAuditSample } from '../audits/draw-sample.ts';
import { importPopulation } from '../audits/import-population.ts';
import type { AppDeps, OrgScope } from '../ports.ts';

// The demo's populations for its audit: merged changes come from the GitHub sample's runs (each run adds
// its merged pull requests); hires and leavers come from the people register when the demo has one, else
// from an HR system's export imported as CSV. The auditor has drawn a first sample of changes.

const DAY_MS = 86_400_000;

/** Days before today each person started or left, as an HR system exports them. */
const HIRES: Array<[string, number, string, string]> = [
  ['E-1042', 50, 'Riley Stone', 'Engineering'],
  ['E-1043', 38, 'Morgan Diaz', 'Customer support'],
  ['E-1044', 21, 'Jamie Ortiz', 'Sales'],
  ['E-1045', 9, 'Casey Nguyen', 'Engineering'],
];
const LEAVERS: Array<[string, number, string, string]> = [
  ['E-0877', 33, 'Avery Quinn', 'Sales'],
  ['E-0731', 12, 'Chris Morgan', 'Engineering'],
];

function csv(rows: Array<[string, number, string, string]>, today: Date): string {
  const lines = rows.map(([id, daysAgo, name, department]) => {
    const day = toIsoDate(new Date(today.getTime() - daysAgo * DAY_MS));
    return `${id},${day},${name},${department}`;
  });
  return ['id,occurred_at,title,department', ...lines, ''].join('\n');
}

/** Seeds hires and leavers (unless the people register already fed them) and the auditor's first sample. */
export async function seedDemoPopulations(owner: AppDeps, auditor: AppDeps, scope: OrgScope): Promise<void> {
  const { repos } = owner.store;
  const today = owner.clock.now();
  const everything = { from: new Date(0), to: today };
  if ((await repos.populations.list(scope, 'hire', everything)).length === 0)
    await importPopulation(owner, scope, {
      kind: 'hire',
      text: csv(HIRES, today),
      fileName: 'hris-hires.csv',
    });
  if ((await repos.populations.list(scope, 'leaver', everything)).length === 0)
    await importPopulation(owner, scope, {
      kind: 'leaver',
      text: csv(LEAVERS, today),
      fileName: 'hris-leavers.csv',
    });
  const [audit] = await repos.audits.list(scope);
  if (audit) await drawAuditSample(auditor, scope, audit, { controlCode: 'CHG-01', kind: 'change' });
}
