import { excludeCriterion, includeCriterion } from '../../../app/scope/set-criterion-applicability.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { parseCommand, stringFlag, withOrg } from '../command.ts';
import type { CliIo } from '../io.ts';

export const CRITERIA_HELP = `attestly criteria: mark a criterion not applicable to the system, or bring it back

  attestly criteria exclude ID --reason "why it does not apply"
  attestly criteria include ID`;

export async function runCriteria(args: string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseCommand(rest, { reason: { type: 'string' } }, 1);
  if (values.help || sub === undefined) return io.out(CRITERIA_HELP);
  const id = positionals[0];
  if (!id) throw new AttestlyError('INVALID_INPUT', `which criterion? attestly criteria ${sub} ID`);
  if (sub === 'exclude') {
    const reason = stringFlag(values.reason) ?? '';
    const done = await withOrg(io, values, ({ deps, scope }) => excludeCriterion(deps, scope, id, reason));
    return io.out(`${done} is marked not applicable.`);
  }
  if (sub === 'include') {
    if (values.reason !== undefined) throw new AttestlyError('INVALID_INPUT', '--reason is only for exclude');
    const done = await withOrg(io, values, ({ deps, scope }) => includeCriterion(deps, scope, id));
    return io.out(`${done} is back in the assessment.`);
  }
  throw new AttestlyError('INVALID_INPUT', `unknown criteria subcommand "${sub}"; use exclude or include`);
}
