import { testLibrary } from '../../monitoring.ts';
import { parseCommand } from '../command.ts';
import { type CliIo, json, table } from '../io.ts';

export const TESTS_HELP = `attestly tests: the built-in test library

  --json   print [{"id","title","severity","resourceTypes","controls"}]`;

export async function runTests(args: string[], io: CliIo): Promise<void> {
  const { values } = parseCommand(args, { json: { type: 'boolean' } });
  if (values.help) return io.out(TESTS_HELP);
  const tests = testLibrary().tests.map((t) => ({
    id: t.id,
    title: t.title,
    severity: t.severity,
    resourceTypes: [t.resourceType],
    controls: t.controls,
  }));
  if (values.json) return json(io, tests);
  for (const line of table([
    ['ID', 'SEVERITY', 'RESOURCE', 'CONTROLS', 'TITLE'],
    ...tests.map((t) => [t.id, t.severity, t.resourceTypes.join(','), t.controls.join(','), t.title]),
  ])) {
    io.out(line);
  }
  io.out(`${tests.length} tests`);
}
