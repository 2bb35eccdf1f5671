import { AttestlyError } from '../../domain/errors.ts';
import { type OrgScope, type Repositories, scopeOf, type TOrganization } from '../ports.ts';

/**
 * Finds the organization a command acts on: the one named, or the only one there is. The scope it returns
 * is what every later repository call needs.
 */
export async function resolveOrganization(
  repos: Repositories,
  slug: string | undefined,
): Promise<{ org: TOrganization; scope: OrgScope }> {
  if (slug) {
    const org = await repos.organizations.findBySlug(slug);
    if (!org) throw new AttestlyError('NOT_FOUND', `no organization with slug "${slug}"`);
    return { org, scope: scopeOf(org) };
  }
  const all = await repos.organizations.list();
  const [only] = all;
  if (!only) throw new AttestlyError('NOT_INITIALIZED', 'no organization yet: run "attestly init" first');
  if (all.length > 1) {
    throw new AttestlyError(
      'INVALID_INPUT',
      `there are ${all.length} organizations; choose one with --org (${all.map((o) => o.slug).join(', ')})`,
    );
  }
  return { org: only, scope: scopeOf(only) };
}
