import type { TSubserviceMethod } from '../../domain/vendor.ts';
import type { AppDeps, OrgScope } from '../ports.ts';

/** What the description says of other parties' controls: CUECs, and subservice organizations with their method. */
export interface TSubserviceDisclosures {
  cuecs: Array<{ description: string; criteria: string[] }>;
  subserviceOrganizations: Array<{
    name: string;
    services: string;
    method: TSubserviceMethod;
    /** Complementary subservice organization controls the system relies on (carve-out). */
    csocs: string[];
    reportSections: string | null;
  }>;
}

/** The CUECs and subservice organizations recorded in the vendor register. */
export async function subserviceDisclosures(deps: AppDeps, scope: OrgScope): Promise<TSubserviceDisclosures> {
  const [cuecs, subservice] = await Promise.all([
    deps.store.repos.vendors.listCuecs(scope),
    deps.store.repos.vendors.listSubserviceOrganizations(scope),
  ]);
  return {
    cuecs: cuecs.map((c) => ({ description: c.description, criteria: c.criteria })),
    subserviceOrganizations: subservice.map((s) => ({
      name: s.name,
      services: s.services,
      method: s.method,
      csocs: s.csocs,
      reportSections: s.reportSections,
    })),
  };
}
