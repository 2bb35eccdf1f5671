import { checkNewOrganization, createOrganizationIn } from '../organizations/create-organization.ts';
import { type AppDeps, scopeOf, type TOrganization } from '../ports.ts';
import { recordReadinessSnapshot } from '../readiness/record-readiness-snapshot.ts';
import {
  establishProgramIn,
  planProgram,
  type TEstablished,
  type TProgramRequest,
} from './establish-program.ts';

export interface TInitInput extends TProgramRequest {
  name: string;
  slug?: string | undefined;
  ownerEmail?: string | undefined;
}

export interface TInitResult extends TEstablished {
  org: TOrganization;
}

/**
 * The command line's init: creates an organization and its SOC 2 program, adopting the library for its
 * scope. One transaction: on any error nothing is written.
 */
export async function initProgram(deps: AppDeps, input: TInitInput): Promise<TInitResult> {
  const owner = input.ownerEmail !== undefined ? { email: input.ownerEmail } : undefined;
  checkNewOrganization({ name: input.name, slug: input.slug, owner });
  planProgram(deps, input);
  const result = await deps.store.transaction(async (repos) => {
    const { org, scope } = await createOrganizationIn(repos, deps, {
      name: input.name,
      slug: input.slug,
      owner,
    });
    const established = await establishProgramIn(repos, deps, org, scope, input);
    return { org, ...established };
  });
  await recordReadinessSnapshot(deps, scopeOf(result.org));
  return result;
}
