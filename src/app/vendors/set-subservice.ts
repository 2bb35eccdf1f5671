import { AttestlyError } from '../../domain/errors.ts';
import type { TSubserviceMethod } from '../../domain/vendor.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TSubservice, TVendor } from '../ports.ts';
import { conflict } from './update-vendor.ts';
import { checkText, resolveCriteria } from './vendor-input.ts';

export interface TSubserviceInput {
  /** null: the vendor is not a subservice organization. */
  method: TSubserviceMethod | null;
  reportSections?: string | null | undefined;
  csocs?: Array<{ description: string; criteria?: string[] | undefined }> | undefined;
}

/**
 * Marks a vendor as a subservice organization of the system description (carve-out or inclusive), where
 * it appears in the report, and the complementary subservice organization controls expected of it; or
 * clears that (method null).
 */
export async function setSubservice(
  deps: AppDeps,
  scope: OrgScope,
  id: string,
  expectedVersion: number,
  input: TSubserviceInput,
): Promise<TVendor> {
  let subservice: TSubservice | null = null;
  if (input.method !== null) {
    const sections = input.reportSections?.trim() ?? '';
    subservice = {
      method: input.method,
      reportSections: sections
        ? checkText(sections, 'reportSections', 'where it appears in the report', 500, false)
        : null,
      csocs: (input.csocs ?? []).map((c, i) => ({
        description: checkText(c.description, `csocs.${i}`, 'a CSOC', 2000, true),
        criteria: resolveCriteria(deps, c.criteria ?? [], `csocs.${i}`),
      })),
    };
  } else if ((input.csocs ?? []).length > 0) {
    throw new AttestlyError('INVALID_INPUT', 'CSOCs belong to a subservice organization: choose its method', {
      field: 'method',
    });
  }
  return deps.store.transaction(async (repos) => {
    const before = await repos.vendors.find(scope, id);
    if (!before) throw new AttestlyError('NOT_FOUND', 'no such vendor');
    const after: TVendor = { ...before, subservice, version: expectedVersion + 1 };
    if (!(await repos.vendors.update(scope, after, expectedVersion, deps.clock.now())))
      throw conflict(expectedVersion, before.version);
    await recordChange(
      repos,
      scope,
      deps,
      'vendor.subservice_set',
      { type: 'vendor', id },
      { before: before.subservice, after: subservice },
    );
    return after;
  });
}
