import { AttestlyError } from '../../domain/errors.ts';
import { normalizeEmail } from '../../domain/secret-tokens.ts';
import { recordChange } from '../audit/record-change.ts';
import { type AppDeps, type OrgScope, type Repositories, scopeOf, type TOrganization } from '../ports.ts';

export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

export interface TNewOrganization {
  name: string;
  slug?: string | undefined;
  /** The first owner: an existing user's id, or an email for a user created (without password) if new. */
  owner?: { userId: string } | { email: string } | undefined;
}

/** Checks a new organization's name and slug before anything is written. */
export function checkNewOrganization(input: TNewOrganization): { name: string; slug: string } {
  const name = input.name.trim();
  if (!name || name.length > 200) {
    throw new AttestlyError('INVALID_INPUT', 'an organization name (1 to 200 characters) is required');
  }
  const slug = input.slug?.trim() || slugify(name);
  if (!slug)
    throw new AttestlyError('INVALID_INPUT', `cannot make a slug from "${name}"; give one with --slug`);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) {
    throw new AttestlyError(
      'INVALID_INPUT',
      `slug "${slug}" must be lower-case letters, digits and single dashes`,
    );
  }
  if (input.owner && 'email' in input.owner && !normalizeEmail(input.owner.email)) {
    throw new AttestlyError('INVALID_INPUT', `"${input.owner.email}" is not an email address`);
  }
  return { name, slug };
}

/** Creates the organization and its owner's membership inside the caller's transaction. */
export async function createOrganizationIn(
  repos: Repositories,
  deps: Pick<AppDeps, 'newId' | 'clock' | 'actor'>,
  input: TNewOrganization,
): Promise<{ org: TOrganization; scope: OrgScope }> {
  const { name, slug } = checkNewOrganization(input);
  if (await repos.organizations.findBySlug(slug)) {
    throw new AttestlyError(
      'CONFLICT',
      `an organization with slug "${slug}" already exists; choose another slug`,
    );
  }
  const org: TOrganization = { id: deps.newId(), slug, name };
  await repos.organizations.create(org);
  const scope = scopeOf(org);
  await recordChange(
    repos,
    scope,
    deps,
    'organization.created',
    { type: 'organization', id: org.id },
    { name, slug },
  );
  if (input.owner) {
    let userId: string;
    let email: string;
    if ('userId' in input.owner) {
      userId = input.owner.userId;
      email = (await repos.users.getAuth(userId)).email;
    } else {
      email = normalizeEmail(input.owner.email) ?? '';
      const existing = await repos.users.findByEmail(email);
      userId = existing?.id ?? deps.newId();
      if (!existing) await repos.users.create({ id: userId, email });
    }
    await repos.memberships.add(scope, userId, 'owner');
    await recordChange(
      repos,
      scope,
      deps,
      'membership.added',
      { type: 'user', id: userId },
      { email, role: 'owner' },
    );
  }
  return { org, scope };
}
