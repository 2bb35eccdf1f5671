import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TCuec } from '../ports.ts';
import { checkText, resolveCriteria } from './vendor-input.ts';

// Complementary user entity controls (CUECs): the controls the organization expects its own customers to
// operate (managing their users' access, protecting their credentials …), each with the criteria it
// supports. They are listed in the system description.

export interface TCuecInput {
  description: string;
  criteria?: string[] | undefined;
}

function checked(deps: AppDeps, input: TCuecInput) {
  return {
    description: checkText(input.description, 'description', 'a CUEC', 2000, true),
    criteria: resolveCriteria(deps, input.criteria ?? [], 'criteria'),
  };
}

export async function addCuec(deps: AppDeps, scope: OrgScope, input: TCuecInput): Promise<TCuec> {
  const cuec: TCuec = { id: deps.newId(), ...checked(deps, input) };
  return deps.store.transaction(async (repos) => {
    await repos.vendors.insertCuec(scope, cuec);
    await recordChange(repos, scope, deps, 'cuec.added', { type: 'cuec', id: cuec.id }, { ...cuec });
    return cuec;
  });
}

export async function updateCuec(
  deps: AppDeps,
  scope: OrgScope,
  id: string,
  input: TCuecInput,
): Promise<TCuec> {
  const cuec: TCuec = { id, ...checked(deps, input) };
  return deps.store.transaction(async (repos) => {
    const before = (await repos.vendors.listCuecs(scope)).find((c) => c.id === id);
    if (!before || !(await repos.vendors.updateCuec(scope, cuec)))
      throw new AttestlyError('NOT_FOUND', 'no such CUEC');
    await recordChange(repos, scope, deps, 'cuec.updated', { type: 'cuec', id }, { before, after: cuec });
    return cuec;
  });
}

export async function removeCuec(deps: AppDeps, scope: OrgScope, id: string): Promise<void> {
  await deps.store.transaction(async (repos) => {
    const before = (await repos.vendors.listCuecs(scope)).find((c) => c.id === id);
    if (!before || !(await repos.vendors.removeCuec(scope, id)))
      throw new AttestlyError('NOT_FOUND', 'no such CUEC');
    await recordChange(repos, scope, deps, 'cuec.removed', { type: 'cuec', id }, { ...before });
  });
}
