import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';

/** Stops a token from enrolling more machines; devices it already enrolled keep their credentials. */
export async function revokeEnrolmentToken(deps: AppDeps, scope: OrgScope, id: string): Promise<void> {
  await deps.store.transaction(async (repos) => {
    if (!(await repos.agent.revokeEnrolmentToken(scope, id, deps.clock.now())))
      throw new AttestlyError('NOT_FOUND', 'no such active enrolment token');
    await recordChange(repos, scope, deps, 'agent.enrolment_token_revoked', {
      type: 'agent_enrolment_token',
      id,
    });
  });
}
