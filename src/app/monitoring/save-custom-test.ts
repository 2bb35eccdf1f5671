import { AttestlyError } from '../../domain/errors.ts';
import { SEVERITIES, type TSeverity } from '../../domain/monitoring/model.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TCustomTest } from '../ports.ts';
import { compileCustomTest, customTestId } from './custom-tests.ts';

export interface TCustomTestInput {
  /** custom.<slug> or just the slug; made from the title when not given. */
  id?: string | undefined;
  title: string;
  resourceType: string;
  expression: string;
  severity?: string | undefined;
  controls: string[];
  rationale?: string | undefined;
  remediation?: string | undefined;
  /** Replace a test with the same id instead of refusing it. */
  replace?: boolean | undefined;
}

/**
 * Saves a custom test: type-checked against its resource type first (nothing is stored when it does not
 * check), mapped only to controls the organization has, and audited with its expression.
 */
export async function saveCustomTest(
  deps: AppDeps,
  scope: OrgScope,
  input: TCustomTestInput,
): Promise<TCustomTest> {
  const title = input.title.trim();
  if (!title || title.length > 200)
    throw new AttestlyError('INVALID_INPUT', 'a title (1 to 200 characters) is required');
  const severity = (input.severity ?? 'medium').trim().toLowerCase();
  if (!(SEVERITIES as readonly string[]).includes(severity))
    throw new AttestlyError('INVALID_INPUT', `severity is one of ${SEVERITIES.join(', ')}`);
  const wanted = [...new Set(input.controls.map((c) => c.trim().toUpperCase()).filter(Boolean))];
  if (wanted.length === 0 || wanted.length > 20)
    throw new AttestlyError('INVALID_INPUT', 'map the test to 1 to 20 controls (e.g. AC-02)');
  const definition = {
    id: customTestId(input.id, title),
    title,
    resourceType: input.resourceType.trim(),
    expression: input.expression,
    severity: severity as TSeverity,
    controls: wanted,
    rationale: input.rationale?.trim() ?? '',
    remediation: input.remediation?.trim() ?? '',
  };
  compileCustomTest(definition, deps.monitoring.library);

  return deps.store.transaction(async (repos) => {
    const codes = new Map((await repos.controls.list(scope)).map((c) => [c.code.toUpperCase(), c.code]));
    const unknown = wanted.filter((c) => !codes.has(c));
    if (unknown.length > 0)
      throw new AttestlyError(
        'INVALID_INPUT',
        `unknown control ${unknown.join(', ')} (see "attestly controls")`,
        { controls: unknown },
      );
    const before = await repos.customTests.find(scope, definition.id);
    if (before && !input.replace)
      throw new AttestlyError(
        'CONFLICT',
        `a custom test ${definition.id} exists; replace it or choose another id`,
      );
    const test: TCustomTest = {
      ...definition,
      controls: wanted.map((c) => codes.get(c) ?? c),
      createdBy: before?.createdBy ?? deps.actor.id,
      createdAt: before?.createdAt ?? deps.clock.now(),
    };
    await repos.customTests.save(scope, { ...test, rowId: deps.newId() });
    await recordChange(
      repos,
      scope,
      deps,
      'custom_test.saved',
      { type: 'custom_test', id: test.id },
      {
        title: test.title,
        resourceType: test.resourceType,
        expression: test.expression,
        severity: test.severity,
        controls: test.controls,
        replaced: before !== null,
      },
    );
    return test;
  });
}
