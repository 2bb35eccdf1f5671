import { initProgram } from '../../../app/program/init-program.ts';
import { CATEGORY_IDS } from '../../../domain/catalog-types.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { COMPONENT_KINDS } from '../../../domain/program.ts';
import { listFlag, parseCommand, stringFlag, withApp } from '../command.ts';
import { type CliIo, json } from '../io.ts';

export const INIT_HELP = `attestly init: create the organization and its SOC 2 program, and adopt the library for its scope

  --name NAME                 organization name (asked for in a terminal)
  --slug SLUG                 short id used by --org (default: from the name)
  --type type1|type2          Type 1 proves design at a date; Type 2 proves operation over a window
  --as-of YYYY-MM-DD          Type 1: the date the report speaks to
  --window-start YYYY-MM-DD   Type 2: first day of the observation window
  --window-end YYYY-MM-DD     Type 2: last day (3 to 12 months after the start is usual)
  --tsc LIST                  categories in scope, comma-separated: ${CATEGORY_IDS.join(',')}
                              (security is always in scope)
  --components LIST           system components in scope (default all): ${COMPONENT_KINDS.join(',')}
  --component KIND:NAME       a named component, e.g. "infrastructure:AWS production"; repeatable
  --owner EMAIL               the program's owner
  --json                      print the result as JSON`;

const split = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

export async function runInit(args: string[], io: CliIo): Promise<void> {
  const { values } = parseCommand(args, {
    name: { type: 'string' },
    slug: { type: 'string' },
    type: { type: 'string' },
    'as-of': { type: 'string' },
    'window-start': { type: 'string' },
    'window-end': { type: 'string' },
    tsc: { type: 'string' },
    components: { type: 'string' },
    component: { type: 'string', multiple: true },
    owner: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) return io.out(INIT_HELP);

  let name = stringFlag(values.name);
  let type = stringFlag(values.type);
  let asOf = stringFlag(values['as-of']);
  let windowStart = stringFlag(values['window-start']);
  let windowEnd = stringFlag(values['window-end']);
  let tsc = stringFlag(values.tsc);
  if (io.interactive) {
    name ??= await io.ask('Organization name');
    type ??= await io.ask(
      'Report type: type1 (design at a date) or type2 (operation over a window)',
      'type2',
    );
    if (type === 'type1') asOf ??= await io.ask('As-of date (YYYY-MM-DD)');
    if (type === 'type2') {
      windowStart ??= await io.ask('Observation window start (YYYY-MM-DD)');
      windowEnd ??= await io.ask('Observation window end (YYYY-MM-DD, 3 to 12 months later)');
    }
    tsc ??= await io.ask(
      'Categories besides Security (availability,confidentiality,processing-integrity,privacy)',
      '',
    );
  }
  if (!name)
    throw new AttestlyError(
      'INVALID_INPUT',
      '--name is required (or run "attestly init" in a terminal to be asked)',
    );
  if (!type) throw new AttestlyError('INVALID_INPUT', '--type type1|type2 is required');

  const result = await withApp(io, stringFlag(values['data-dir']), (deps) =>
    initProgram(deps, {
      name,
      slug: stringFlag(values.slug),
      ownerEmail: stringFlag(values.owner),
      reportType: type,
      asOf,
      windowStart,
      windowEnd,
      categories: split(tsc),
      componentKinds:
        values.components === undefined ? [...COMPONENT_KINDS] : split(stringFlag(values.components)),
      components: listFlag(values.component),
    }),
  );
  for (const warning of result.warnings) io.err(`attestly: warning: ${warning}`);
  if (values.json) return json(io, result);
  const { program } = result;
  io.out(`Created ${result.org.name} (slug ${result.org.slug}).`);
  io.out(
    program.reportType === 'type1'
      ? `SOC 2 Type 1 as of ${program.asOf}.`
      : `SOC 2 Type 2 over ${program.window?.start} to ${program.window?.end}.`,
  );
  io.out(`In scope: ${program.categories.join(', ')}; components: ${program.componentKinds.join(', ')}.`);
  io.out(`Adopted ${result.adoptedControls} controls and ${result.adoptedPolicies} policy templates.`);
  io.out('Next: "attestly readiness" shows the gaps.');
}
