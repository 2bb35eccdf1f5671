import { listControls } from '../../../app/controls/list-controls.ts';
import { updateControl } from '../../../app/controls/update-control.ts';
import type { TControl } from '../../../domain/control.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { parseCommand, stringFlag, withOrg } from '../command.ts';
import { type CliIo, json, table } from '../io.ts';

export const CONTROLS_HELP = `attestly controls: list the organization's controls, or change one

  attestly controls [list] [--status S] [--criterion CC6.1] [--owner-role R] [--frequency F] [--json]
  attestly controls set ID --status not-started|in-progress|implemented
  attestly controls set ID --owner EMAIL
  attestly controls set ID --not-applicable "REASON"
  (--org SLUG picks the organization when there are several)`;

const describe = (c: TControl) => [
  c.code,
  c.status.replace('_', ' '),
  c.ownerEmail ?? `(${c.ownerRole})`,
  c.criteria.join(','),
  c.title,
];

export async function runControls(args: string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args[0]?.startsWith('-') || args.length === 0 ? ['list', ...args] : args;
  if (sub === 'list') {
    const { values } = parseCommand(rest, {
      status: { type: 'string' },
      criterion: { type: 'string' },
      'owner-role': { type: 'string' },
      frequency: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help) return io.out(CONTROLS_HELP);
    const controls = await withOrg(io, values, ({ deps, scope }) =>
      listControls(deps, scope, {
        status: stringFlag(values.status),
        criterion: stringFlag(values.criterion),
        ownerRole: stringFlag(values['owner-role']),
        frequency: stringFlag(values.frequency),
      }),
    );
    if (values.json) return json(io, controls);
    for (const line of table([['ID', 'STATUS', 'OWNER', 'CRITERIA', 'TITLE'], ...controls.map(describe)]))
      io.out(line);
    io.out(`${controls.length} controls`);
    return;
  }
  if (sub === 'set') {
    const { values, positionals } = parseCommand(
      rest,
      {
        status: { type: 'string' },
        owner: { type: 'string' },
        'not-applicable': { type: 'string' },
        json: { type: 'boolean' },
      },
      1,
    );
    if (values.help) return io.out(CONTROLS_HELP);
    const code = positionals[0];
    if (!code)
      throw new AttestlyError('INVALID_INPUT', 'which control? attestly controls set ID --status ...');
    const control = await withOrg(io, values, ({ deps, scope }) =>
      updateControl(deps, scope, code, {
        status: stringFlag(values.status),
        ownerEmail: stringFlag(values.owner),
        notApplicableReason: stringFlag(values['not-applicable']),
      }),
    );
    if (values.json) return json(io, control);
    io.out(
      `${control.code} is now ${control.status.replace('_', ' ')}${control.notApplicableReason ? ` (${control.notApplicableReason})` : ''}, owner ${control.ownerEmail ?? `(${control.ownerRole})`}.`,
    );
    return;
  }
  throw new AttestlyError('INVALID_INPUT', `unknown controls subcommand "${sub}"; use list or set`);
}
