import { AttestlyError } from '../../domain/errors.ts';
import { formatToken, hashToken } from '../../domain/secret-tokens.ts';
import { type AppDeps, type Repositories, scopeOf, type TOrganization, type TUserAuth } from '../ports.ts';
import { DEMO_OWNER_EMAIL, DEMO_SLUG } from './demo-story.ts';
import { seedDemo, type TDemoSeedResult } from './seed-demo.ts';

const LINK_HOURS = 24;

/** What the empty first-run page needs: whether "try the demo" may be used, and whether a demo exists. */
export async function getDemoStatus(deps: AppDeps): Promise<{ available: boolean; seeded: boolean }> {
  const { repos } = deps.store;
  return {
    available: (await repos.users.count()) === 0,
    seeded: (await repos.organizations.findBySlug(DEMO_SLUG)) !== null,
  };
}

async function demoOwner(repos: Repositories): Promise<{ org: TOrganization; user: TUserAuth } | null> {
  const org = await repos.organizations.findBySlug(DEMO_SLUG);
  const user = await repos.users.findAuthByEmail(DEMO_OWNER_EMAIL);
  if (!org || !user) return null;
  const role = await repos.memberships.find(scopeOf(org), user.id);
  return role === 'owner' ? { org, user } : null;
}

/** A one-time link token that signs in as the demo's owner (printed by `attestly serve --demo`). */
export async function createDemoSignInToken(deps: AppDeps): Promise<string> {
  const owner = await demoOwner(deps.store.repos);
  if (!owner)
    throw new AttestlyError('NOT_FOUND', 'there is no demo organization; run "attestly demo" first');
  const token = formatToken('demo', deps.randomBytes(32));
  const now = deps.clock.now();
  await deps.store.repos.demoSignIns.create(
    hashToken(token),
    owner.user.id,
    now,
    new Date(now.getTime() + LINK_HOURS * 3_600_000),
  );
  return token;
}

/** Spends a demo sign-in token: the demo's owner, and the organization the session is limited to. */
export async function useDemoSignInToken(
  deps: AppDeps,
  token: string,
): Promise<{ user: TUserAuth; org: TOrganization }> {
  const invalid = new AttestlyError('UNAUTHENTICATED', 'this demo sign-in link is invalid, used or expired');
  const userId = await deps.store.repos.demoSignIns.consume(hashToken(token), deps.clock.now());
  if (userId === null) throw invalid;
  const owner = await demoOwner(deps.store.repos);
  if (!owner || owner.user.id !== userId) throw invalid;
  return owner;
}

/**
 * "Try the demo" on an empty first run: seeds the demo and returns its owner to sign in. Refused as soon as
 * the instance has any user, so nobody can use it to get into a server that is in use.
 */
export async function startDemo(
  deps: AppDeps,
): Promise<{ user: TUserAuth; org: TOrganization; seeded: TDemoSeedResult }> {
  if ((await deps.store.repos.users.count()) > 0) {
    throw new AttestlyError(
      'CONFLICT',
      'this instance already has users: the demo can only be started on an empty instance (or with "attestly serve --demo")',
    );
  }
  const seeded = await seedDemo(deps);
  const owner = await demoOwner(deps.store.repos);
  if (!owner) throw new AttestlyError('INTERNAL', 'the demo owner is missing after seeding');
  return { ...owner, seeded };
}
