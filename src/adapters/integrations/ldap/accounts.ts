import type { Client } from 'ldapts';
import { normalizeDn, search, type TEntry } from './ldap-client.ts';

// Lists the directory's accounts and groups and works out each account's groups (member and uniqueMember
// hold DNs, posixGroup's memberUid holds uids). Of userPassword only the scheme leaves this file.

const PAGE_SIZE = 200;

const ACCOUNT_FILTER =
  '(|(objectClass=posixAccount)(objectClass=inetOrgPerson)(objectClass=person)(objectClass=account)(objectClass=shadowAccount))';
const GROUP_FILTER = '(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames)(objectClass=posixGroup))';

/** Group names that usually carry administrative rights, used when the integration names none. */
const PRIVILEGED_NAMES = /admin|root|wheel|sudo|superuser/i;

export interface TAccount {
  dn: string;
  uid: string | null;
  mail: string | null;
  cn: string | null;
  shadowExpire: number | null;
  pwdAccountLockedTime: string | null;
  groups: string[];
  privilegedGroups: string[];
  passwordSchemes: string[];
}

export interface TGroup {
  dn: string;
  name: string;
  privileged: boolean;
  memberDns: Set<string>;
  memberUids: Set<string>;
}

/** "{SSHA}", "{CRYPT}$6$" (crypt's algorithm id matters), or "cleartext" when there is no scheme. */
export function passwordScheme(value: Buffer): string {
  const text = value.subarray(0, 64).toString('latin1');
  const scheme = /^\{([A-Za-z0-9._-]+)\}/.exec(text);
  if (!scheme) return 'cleartext';
  const prefix = `{${scheme[1]?.toUpperCase()}}`;
  if (prefix !== '{CRYPT}') return prefix;
  const id = /^\$([A-Za-z0-9]+)\$/.exec(text.slice(prefix.length));
  return id ? `${prefix}$${id[1]}$` : prefix;
}

function isPrivileged(entry: TEntry, name: string, named: readonly string[] | undefined): boolean {
  if (!named) return PRIVILEGED_NAMES.test(name);
  const dn = normalizeDn(entry.dn);
  return named.some((n) => n.toLowerCase() === name.toLowerCase() || normalizeDn(n) === dn);
}

export async function listGroups(
  client: Client,
  baseDn: string,
  privilegedGroups: readonly string[] | undefined,
): Promise<TGroup[]> {
  const entries = await search(client, baseDn, {
    scope: 'sub',
    filter: GROUP_FILTER,
    attributes: ['cn', 'member', 'uniqueMember', 'memberUid'],
    paged: { pageSize: PAGE_SIZE },
  });
  return entries.map((entry) => {
    const name = entry.one('cn') ?? entry.dn;
    // uniqueMember may end with an optional "#'0101'B" unique identifier after the DN.
    const unique = entry.values('uniqueMember').map((v) => v.replace(/#'[01]*'B$/, ''));
    return {
      dn: entry.dn,
      name,
      privileged: isPrivileged(entry, name, privilegedGroups),
      memberDns: new Set([...entry.values('member'), ...unique].map(normalizeDn)),
      memberUids: new Set(entry.values('memberUid')),
    };
  });
}

export async function listAccounts(
  client: Client,
  baseDn: string,
  groups: readonly TGroup[],
): Promise<TAccount[]> {
  const entries = await search(client, baseDn, {
    scope: 'sub',
    filter: ACCOUNT_FILTER,
    // pwdAccountLockedTime is operational: it comes back only when asked for by name.
    attributes: ['uid', 'mail', 'cn', 'shadowExpire', 'pwdAccountLockedTime', 'userPassword'],
    explicitBufferAttributes: ['userPassword'],
    paged: { pageSize: PAGE_SIZE },
  });
  return entries.map((entry) => {
    const dn = normalizeDn(entry.dn);
    const uid = entry.one('uid');
    const memberOf = groups.filter((g) => g.memberDns.has(dn) || (uid !== null && g.memberUids.has(uid)));
    return {
      dn: entry.dn,
      uid,
      mail: entry.one('mail'),
      cn: entry.one('cn'),
      shadowExpire: entry.int('shadowExpire'),
      pwdAccountLockedTime: entry.one('pwdAccountLockedTime'),
      groups: memberOf.map((g) => g.dn),
      privilegedGroups: memberOf.filter((g) => g.privileged).map((g) => g.dn),
      passwordSchemes: entry.buffers('userPassword').map(passwordScheme),
    };
  });
}
