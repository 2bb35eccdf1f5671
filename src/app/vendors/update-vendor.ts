import { AttestlyError } from '../../domain/errors.ts';
import { checkDataCategories } from '../../domain/vendor.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TVendor } from '../ports.ts';
import {
  checkContractDates,
  checkText,
  checkUniqueName,
  optionalDate,
  resolveOwner,
  type TVendorInput,
} from './vendor-input.ts';

export function conflict(expectedVersion: number, current: number): AttestlyError {
  return new AttestlyError(
    'CONFLICT',
    `the vendor changed since version ${expectedVersion} (now ${current}); reload and try again`,
    { currentVersion: current },
  );
}

/** Changes a vendor at the version the caller edited; offboarding is a status change. */
export async function updateVendor(
  deps: AppDeps,
  scope: OrgScope,
  id: string,
  expectedVersion: number,
  input: TVendorInput,
): Promise<TVendor> {
  return deps.store.transaction(async (repos) => {
    const before = await repos.vendors.find(scope, id);
    if (!before) throw new AttestlyError('NOT_FOUND', 'no such vendor');
    const after: TVendor = {
      ...before,
      name:
        input.name !== undefined ? checkText(input.name, 'name', 'a vendor name', 200, true) : before.name,
      services:
        input.services !== undefined
          ? checkText(input.services, 'services', 'what the vendor does', 2000, false)
          : before.services,
      dataCategories:
        input.dataCategories !== undefined
          ? checkDataCategories(input.dataCategories)
          : before.dataCategories,
      operationalDependency: input.operationalDependency ?? before.operationalDependency,
      productionAccess: input.productionAccess ?? before.productionAccess,
      ownerUserId:
        input.ownerEmail !== undefined
          ? await resolveOwner(repos, scope, input.ownerEmail)
          : before.ownerUserId,
      contractStart:
        input.contractStart !== undefined
          ? optionalDate(input.contractStart, 'contract start', 'contractStart')
          : before.contractStart,
      renewalDate:
        input.renewalDate !== undefined
          ? optionalDate(input.renewalDate, 'renewal date', 'renewalDate')
          : before.renewalDate,
      reviewCadence: input.reviewCadence !== undefined ? input.reviewCadence : before.reviewCadence,
      status: input.status ?? before.status,
      version: expectedVersion + 1,
    };
    checkContractDates(after);
    if (after.name !== before.name) await checkUniqueName(repos, scope, after.name, id);
    if (!(await repos.vendors.update(scope, after, expectedVersion, deps.clock.now())))
      throw conflict(expectedVersion, before.version);
    const { createdAt: _b, subservice: _bs, ...was } = before;
    const { createdAt: _a, subservice: _as, ...now } = after;
    await recordChange(
      repos,
      scope,
      deps,
      after.status !== before.status && after.status === 'offboarded'
        ? 'vendor.offboarded'
        : 'vendor.updated',
      { type: 'vendor', id },
      { before: was, after: now },
    );
    return after;
  });
}
