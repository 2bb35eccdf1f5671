import { getReadiness } from '../../../app/readiness/get-readiness.ts';
import { parseIsoDate } from '../../../domain/dates.ts';
import type { TRollup } from '../../../domain/readiness.ts';
import { parseCommand, stringFlag, withOrg } from '../command.ts';
import { type CliIo, json, table } from '../io.ts';

export const READINESS_HELP = `attestly readiness: the gap assessment of every criterion in scope

  --as-of YYYY-MM-DD   judge evidence validity at this date (default today)
  --json               print the assessment as JSON (shape in README.md)`;

const score = (s: number | null) => (s === null ? 'n/a' : `${s}%`);
const counts = (r: Pick<TRollup, 'criteria'>) =>
  `${r.criteria.ready} ready, ${r.criteria.partial} partial, ${r.criteria.gap} gap, ${r.criteria.not_applicable} n/a`;

export async function runReadiness(args: string[], io: CliIo): Promise<void> {
  const { values } = parseCommand(args, { 'as-of': { type: 'string' }, json: { type: 'boolean' } });
  if (values.help) return io.out(READINESS_HELP);
  const asOfFlag = stringFlag(values['as-of']);
  const asOf = asOfFlag === undefined ? undefined : parseIsoDate(asOfFlag, 'as-of date');
  const report = await withOrg(io, values, ({ deps, org, scope }) => getReadiness(deps, org, scope, asOf));
  if (values.json) return json(io, report);

  io.out(`${report.organization.name}: SOC 2 readiness as of ${report.asOf}`);
  io.out(`Overall ${score(report.overall.score)} (${counts(report.overall)})`);
  io.out('');
  const rollups = [...report.categories.map((c) => ({ ...c, id: '' })), ...report.series];
  for (const line of table(
    rollups.map((r) => [r.id, r.name, score(r.score), r.status.replace('_', ' '), counts(r)]),
  )) {
    io.out(`  ${line}`);
  }
  io.out('');
  if (report.gaps.length === 0) return io.out('No gaps: every criterion in scope is ready.');
  io.out(`Gaps (${report.gaps.length})`);
  for (const line of table(report.gaps.map((g) => [g.criterionId, score(g.score), g.nextAction])))
    io.out(`  ${line}`);
}
