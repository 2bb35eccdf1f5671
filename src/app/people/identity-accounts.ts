import { awsIamUser } from '../../catalog/monitoring/aws-resources.ts';
import { githubMember } from '../../catalog/monitoring/github.ts';
import { idpUser } from '../../catalog/monitoring/idp.ts';
import { accountDisabled, ldapAccount } from '../../catalog/monitoring/ldap.ts';
import { toIsoDate } from '../../domain/dates.ts';
import type { TResource } from '../../domain/monitoring/model.ts';
import type { AppDeps, OrgScope, TIntegration } from '../ports.ts';

// The accounts connected systems hold, read from each integration's latest successful collection (its
// stored snapshot), so the register is compared with what the systems actually showed: identity-provider
// users (Okta, or anything pushing idp.user), directory accounts (LDAP), AWS IAM users and GitHub members.

/** Integration types that never hold workforce accounts: their snapshots are not read. */
const NO_ACCOUNTS = new Set(['agent', 'people', 'openscap', 'ocsf', 'terraform', 'postgres']);
/** Integration types that may hold identity-provider or directory accounts: the scheduler syncs people for them. */
export const IDENTITY_INTEGRATION_TYPES = ['okta', 'ldap', 'push', 'sample'] as const;
/** How many recent runs of a pushed connection are read to find the latest push of each account type. */
const PUSHED_RUNS = 20;

const ACCOUNT_TYPES = new Set([idpUser.type, ldapAccount.type, awsIamUser.type, githubMember.type]);
/** Okta statuses of an account that can sign in; SUSPENDED and DEPROVISIONED ones are removed. */
const SIGN_IN_CAPABLE = new Set(['ACTIVE', 'RECOVERY', 'PASSWORD_EXPIRED', 'LOCKED_OUT']);
const REMOVED = new Set(['SUSPENDED', 'DEPROVISIONED']);

export interface TSeenAccount {
  integrationId: string;
  system: string;
  resourceType: string;
  accountId: string;
  accountName: string;
  /** Emails, logins and uids naming the holder, for matching to the register. */
  identifiers: Array<string | null>;
  status: string;
  active: boolean;
  /** An identity-provider account that can sign in, with an email: a person to add when unknown. */
  newPerson: { email: string; name: string; startDate: string } | null;
}

const emailLike = (value: string | null | undefined) =>
  value && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? value.trim().toLowerCase() : null;

/** One resource as an account, or null when it is not an account (or does not parse as one). */
export function accountFromResource(
  resource: TResource,
  integration: Pick<TIntegration, 'id' | 'name'>,
  now: Date,
): TSeenAccount | null {
  const base = {
    integrationId: integration.id,
    system: integration.name,
    resourceType: resource.type,
    accountId: resource.id,
  };
  if (resource.type === idpUser.type) {
    const parsed = idpUser.schema.safeParse(resource.attributes);
    if (!parsed.success) return null;
    const u = parsed.data;
    const email = emailLike(u.email) ?? emailLike(u.login);
    return {
      ...base,
      accountName: u.login,
      identifiers: [u.email, u.login],
      status: u.status,
      active: !REMOVED.has(u.status),
      newPerson:
        email && SIGN_IN_CAPABLE.has(u.status)
          ? {
              email,
              name: u.displayName?.trim() || email,
              startDate: (u.activated ?? u.created).slice(0, 10),
            }
          : null,
    };
  }
  if (resource.type === ldapAccount.type) {
    const parsed = ldapAccount.schema.safeParse(resource.attributes);
    if (!parsed.success) return null;
    const a = parsed.data;
    const disabled = accountDisabled(a, now);
    const email = emailLike(a.mail);
    return {
      ...base,
      accountName: a.uid ?? a.dn,
      identifiers: [a.mail ?? null, a.uid],
      status: disabled ?? 'active',
      active: disabled === null,
      newPerson:
        email && disabled === null
          ? { email, name: a.cn?.trim() || a.uid || email, startDate: toIsoDate(now) }
          : null,
    };
  }
  if (resource.type === awsIamUser.type) {
    const parsed = awsIamUser.schema.safeParse(resource.attributes);
    if (!parsed.success) return null;
    const u = parsed.data;
    const active = u.passwordEnabled || u.accessKeys.some((k) => k.active);
    return {
      ...base,
      accountName: u.userName,
      identifiers: [u.userName],
      status: active ? 'active' : 'no password and no active access key',
      active,
      newPerson: null,
    };
  }
  if (resource.type === githubMember.type) {
    const parsed = githubMember.schema.safeParse(resource.attributes);
    if (!parsed.success) return null;
    return {
      ...base,
      accountName: parsed.data.login,
      identifiers: [parsed.data.login],
      status: `${parsed.data.role} member`,
      active: true,
      newPerson: null,
    };
  }
  return null;
}

interface TSnapshotFile {
  resources: TResource[];
}

/** The resources of a run's stored snapshot. */
async function snapshotResources(deps: AppDeps, key: string): Promise<TResource[]> {
  const parsed = JSON.parse(new TextDecoder().decode(await deps.blobs.get(key))) as TSnapshotFile;
  return Array.isArray(parsed.resources) ? parsed.resources : [];
}

/**
 * Every account in the latest successful collection of each integration: a collected integration's last
 * run holds all its types; a pushed connection receives one type per push, so its recent runs are read
 * until each account type's latest push is found.
 */
export async function latestAccounts(deps: AppDeps, scope: OrgScope): Promise<TSeenAccount[]> {
  const { repos } = deps.store;
  const now = deps.clock.now();
  const out: TSeenAccount[] = [];
  for (const integration of await repos.monitoring.listIntegrations(scope)) {
    if (NO_ACCOUNTS.has(integration.type)) continue;
    const pushed = integration.delivery === 'pushed';
    const runs = await repos.monitoring.listRuns(scope, integration.id, pushed ? PUSHED_RUNS : 5);
    const found = new Set<string>();
    for (const run of runs) {
      if (run.status !== 'succeeded' || !run.snapshotBlobKey) continue;
      const resources = await snapshotResources(deps, run.snapshotBlobKey);
      const types = new Set(
        resources.map((r) => r.type).filter((t) => ACCOUNT_TYPES.has(t) && !found.has(t)),
      );
      for (const resource of resources) {
        if (!types.has(resource.type)) continue;
        const account = accountFromResource(resource, integration, now);
        if (account) out.push(account);
      }
      for (const t of types) found.add(t);
      if (!pushed || found.size === ACCOUNT_TYPES.size) break;
    }
  }
  return out;
}
