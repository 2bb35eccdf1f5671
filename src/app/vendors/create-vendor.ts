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

/** Adds a vendor to the inventory with the rubric's answers (its tier follows from them). */
export async function createVendor(deps: AppDeps, scope: OrgScope, input: TVendorInput): Promise<TVendor> {
  const name = checkText(input.name ?? '', 'name', 'a vendor name', 200, true);
  const vendor: TVendor = {
    id: deps.newId(),
    version: 1,
    name,
    services: checkText(input.services ?? '', 'services', 'what the vendor does', 2000, false),
    dataCategories: checkDataCategories(input.dataCategories ?? []),
    operationalDependency: input.operationalDependency ?? 'minor',
    productionAccess: input.productionAccess ?? 'none',
    ownerUserId: null,
    contractStart: optionalDate(input.contractStart ?? null, 'contract start', 'contractStart'),
    renewalDate: optionalDate(input.renewalDate ?? null, 'renewal date', 'renewalDate'),
    reviewCadence: input.reviewCadence ?? null,
    status: input.status ?? 'active',
    subservice: null,
    createdAt: deps.clock.now(),
  };
  checkContractDates(vendor);
  return deps.store.transaction(async (repos) => {
    await checkUniqueName(repos, scope, name, null);
    vendor.ownerUserId = await resolveOwner(repos, scope, input.ownerEmail ?? null);
    await repos.vendors.insert(scope, vendor);
    const { createdAt: _at, ...details } = vendor;
    await recordChange(repos, scope, deps, 'vendor.created', { type: 'vendor', id: vendor.id }, details);
    return vendor;
  });
}
