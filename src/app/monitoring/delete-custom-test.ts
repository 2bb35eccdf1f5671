import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { customTestId } from './custom-tests.ts';

/**
 * Deletes a custom test. Its results stop counting for controls at once; the next run of each integration
 * records its pairs as gone.
 */
export async function deleteCustomTest(deps: AppDeps, scope: OrgScope, id: string): Promise<void> {
  const testId = customTestId(id, '');
  await deps.store.transaction(async (repos) => {
    const before = await repos.customTests.find(scope, testId);
    if (!before || !(await repos.customTests.remove(scope, testId)))
      throw new AttestlyError('NOT_FOUND', `no custom test ${testId}`);
    await recordChange(
      repos,
      scope,
      deps,
      'custom_test.deleted',
      { type: 'custom_test', id: testId },
      { resourceType: before.resourceType, expression: before.expression, controls: before.controls },
    );
  });
}
