import { type Repositories, scopeOf } from '../ports.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_SLUG } from './demo-story.ts';

/**
 * Users that belong to the demo only: members of the organization "demo" with an address at the demo's
 * domain and no other membership. The first-run rules ("no user yet") do not count them.
 */
export async function countUsersBesideDemo(repos: Repositories): Promise<number> {
  const total = await repos.users.count();
  if (total === 0) return 0;
  const demo = await repos.organizations.findBySlug(DEMO_SLUG);
  if (!demo) return total;
  let demoOnly = 0;
  for (const member of await repos.memberships.list(scopeOf(demo))) {
    if (!member.email.endsWith(`@${DEMO_EMAIL_DOMAIN}`)) continue;
    const orgs = await repos.memberships.listForUser(member.userId);
    if (orgs.every((m) => m.org.id === demo.id)) demoOnly++;
  }
  return total - demoOnly;
}
