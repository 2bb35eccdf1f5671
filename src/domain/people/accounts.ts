import { localPart } from './person.ts';

// Matching accounts in connected systems (identity-provider users, directory accounts, cloud IAM users) to
// people in the register. An account names its holder by an email, a login or a uid: an exact email wins;
// otherwise the part before the @ is compared with each person's (maria.chen in LDAP, maria.chen@ in Okta),
// and only when exactly one person has it, so two people never share an account by guesswork.

export interface TPeopleIndex {
  byEmail: Map<string, string>;
  byLocal: Map<string, string[]>;
}

export function indexPeople(people: ReadonlyArray<{ id: string; email: string }>): TPeopleIndex {
  const byEmail = new Map<string, string>();
  const byLocal = new Map<string, string[]>();
  for (const p of people) {
    const email = p.email.toLowerCase();
    byEmail.set(email, p.id);
    const local = localPart(email);
    byLocal.set(local, [...(byLocal.get(local) ?? []), p.id]);
  }
  return { byEmail, byLocal };
}

/** The person an account belongs to, by its identifiers (emails, logins, uids); null when none or unclear. */
export function matchAccount(identifiers: ReadonlyArray<string | null>, index: TPeopleIndex): string | null {
  const names = identifiers.flatMap((i) => (i?.trim() ? [i.trim().toLowerCase()] : []));
  for (const name of names) {
    const exact = index.byEmail.get(name);
    if (exact) return exact;
  }
  for (const name of names) {
    const candidates = index.byLocal.get(localPart(name)) ?? [];
    if (candidates.length === 1) return candidates[0] ?? null;
  }
  return null;
}
