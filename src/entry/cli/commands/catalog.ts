import { summarizeCatalog } from '../../../app/catalog/summarize-catalog.ts';
import { loadCatalog } from '../../../catalog/load-catalog.ts';
import { parseCommand } from '../command.ts';
import { type CliIo, json, table } from '../io.ts';

export const CATALOG_HELP = `attestly catalog: the SOC 2 criteria, the control library and the policy templates

  --json    print {criteria, controls, policies} as JSON`;

/** Prints the catalog; needs no database. */
export async function runCatalog(args: string[], io: CliIo): Promise<void> {
  const { values } = parseCommand(args, { json: { type: 'boolean' } });
  if (values.help) return io.out(CATALOG_HELP);
  const summary = summarizeCatalog(loadCatalog());
  if (values.json) return json(io, summary);
  io.out(`Criteria (${summary.criteria.length})`);
  let series = '';
  for (const c of summary.criteria) {
    if (c.series !== series) {
      series = c.series;
      io.out(`  ${c.series} ${c.seriesName}`);
    }
    io.out(`    ${c.id.padEnd(6)} ${c.summary}`);
  }
  io.out('');
  io.out(`Controls (${summary.controls.length})`);
  for (const line of table(
    summary.controls.map((c) => [c.id, c.frequency, c.ownerRole, c.criteria.join(','), c.title]),
  )) {
    io.out(`  ${line}`);
  }
  io.out('');
  io.out(`Policies (${summary.policies.length})`);
  for (const line of table(summary.policies.map((p) => [p.id, p.title]))) io.out(`  ${line}`);
}
