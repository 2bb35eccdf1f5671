import { checkCustomExpression, listCustomTests } from '../../../app/monitoring/custom-tests.ts';
import { deleteCustomTest } from '../../../app/monitoring/delete-custom-test.ts';
import { saveCustomTest } from '../../../app/monitoring/save-custom-test.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { testLibrary } from '../../monitoring.ts';
import { listFlag, parseCommand, stringFlag, withOrg } from '../command.ts';
import { type CliIo, json, table } from '../io.ts';

export const CUSTOM_TESTS_HELP = `attestly custom-tests: your own tests, CEL expressions over one resource type

  attestly custom-tests add --type TYPE --title TITLE --expression CEL --control CODE [--control CODE]
                            [--id ID] [--severity low|medium|high|critical] [--rationale TEXT]
                            [--remediation TEXT] [--replace]
      e.g. --type github.repository --id protected_default_branch --control CHG-01
           --expression 'has(resource.protection) && resource.protection.requiresPullRequest'
  attestly custom-tests check --type TYPE --expression CEL    type-check without saving
  attestly custom-tests list [--json]
  attestly custom-tests remove ID

The expression sees \`resource\` (the resource's attributes, typed by its schema) and \`now\` (a timestamp).
A field that can be null is absent when it is: test it with has(resource.field). Integrations run the
saved tests with the built-in ones, from their next run on.`;

export async function runCustomTests(args: string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseCommand(
    rest,
    {
      type: { type: 'string' },
      id: { type: 'string' },
      title: { type: 'string' },
      expression: { type: 'string' },
      control: { type: 'string', multiple: true },
      severity: { type: 'string' },
      rationale: { type: 'string' },
      remediation: { type: 'string' },
      replace: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    1,
  );
  if (values.help || sub === undefined) return io.out(CUSTOM_TESTS_HELP);
  if (sub === 'add') {
    const type = stringFlag(values.type);
    const title = stringFlag(values.title);
    const expression = stringFlag(values.expression);
    if (!type || !title || !expression)
      throw new AttestlyError('INVALID_INPUT', '--type, --title, --expression and --control are required');
    const test = await withOrg(io, values, ({ deps, scope }) =>
      saveCustomTest(deps, scope, {
        id: stringFlag(values.id),
        title,
        resourceType: type,
        expression,
        controls: listFlag(values.control),
        severity: stringFlag(values.severity),
        rationale: stringFlag(values.rationale),
        remediation: stringFlag(values.remediation),
        replace: values.replace === true,
      }),
    );
    return io.out(
      `Saved ${test.id} (${test.resourceType}, ${test.severity}) for ${test.controls.join(', ')}; it runs with the next run of each integration.`,
    );
  }
  if (sub === 'check') {
    const type = stringFlag(values.type);
    const expression = stringFlag(values.expression);
    if (!type || !expression)
      throw new AttestlyError('INVALID_INPUT', '--type and --expression are required');
    const { references } = checkCustomExpression(testLibrary(), type, expression);
    return io.out(`OK: a bool over ${type}, reading ${references.join(', ') || 'no fields'}`);
  }
  if (sub === 'list') {
    const tests = await withOrg(io, values, ({ deps, scope }) => listCustomTests(deps, scope));
    if (values.json) return json(io, tests);
    for (const line of table([
      ['ID', 'SEVERITY', 'RESOURCE', 'CONTROLS', 'EXPRESSION'],
      ...tests.map((t) => [t.id, t.severity, t.resourceType, t.controls.join(','), t.expression]),
    ]))
      io.out(line);
    return io.out(`${tests.length} custom tests`);
  }
  if (sub === 'remove') {
    const id = positionals[0];
    if (!id) throw new AttestlyError('INVALID_INPUT', 'which custom test? give its id');
    await withOrg(io, values, ({ deps, scope }) => deleteCustomTest(deps, scope, id));
    return io.out(`Removed ${id.startsWith('custom.') ? id : `custom.${id}`}.`);
  }
  throw new AttestlyError(
    'INVALID_INPUT',
    `unknown custom-tests subcommand "${sub}"; use add, check, list or remove`,
  );
}
