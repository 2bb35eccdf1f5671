import { parseControlStatus, type TControl } from '../../domain/control.ts';
import { AttestlyError } from '../../domain/errors.ts';
import type { AppDeps, OrgScope } from '../ports.ts';

export interface TControlFilter {
  status?: string | undefined;
  criterion?: string | undefined;
  ownerRole?: string | undefined;
  frequency?: string | undefined;
}

/** Lists the organization's controls, narrowed by the filters a user gives. Unknown filter values are errors. */
export async function listControls(
  deps: AppDeps,
  scope: OrgScope,
  filter: TControlFilter = {},
): Promise<TControl[]> {
  const status = filter.status !== undefined ? parseControlStatus(filter.status) : undefined;
  const criterion = filter.criterion?.toUpperCase();
  if (criterion !== undefined && !deps.catalog.criteria.some((c) => c.id === criterion)) {
    throw new AttestlyError('NOT_FOUND', `unknown criterion "${filter.criterion}" (see "attestly catalog")`);
  }
  const controls = await deps.store.repos.controls.list(scope);
  return controls.filter(
    (c) =>
      (status === undefined || c.status === status) &&
      (criterion === undefined || c.criteria.includes(criterion)) &&
      (filter.ownerRole === undefined || c.ownerRole === filter.ownerRole) &&
      (filter.frequency === undefined || c.frequency === filter.frequency),
  );
}
