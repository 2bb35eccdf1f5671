import { AttestlyError } from './errors.ts';
import { can, type TMemberRole } from './permissions.ts';

// The life of a policy's versions, as pure decisions over the versions' numbers and statuses:
//   draft -> approved -> published -> superseded
//   approved -> superseded (someone edited it again before it was published: the approval no longer applies)
// A policy has at most one working version (draft or approved) and at most one published version; the
// database enforces both. Only the latest version can be approved or published, so a stale approval can
// never be published over a newer text.

export const POLICY_VERSION_STATUSES = ['draft', 'approved', 'published', 'superseded'] as const;
export type TPolicyVersionStatus = (typeof POLICY_VERSION_STATUSES)[number];

/** A policy body may be up to 200 KiB of UTF-8. */
export const MAX_POLICY_BODY_BYTES = 200 * 1024;

export interface TVersionState {
  version: number;
  status: TPolicyVersionStatus;
}

export function isPolicyVersionStatus(value: string): value is TPolicyVersionStatus {
  return (POLICY_VERSION_STATUSES as readonly string[]).includes(value);
}

export function latestVersion<T extends TVersionState>(versions: readonly T[]): T | null {
  let latest: T | null = null;
  for (const v of versions) if (!latest || v.version > latest.version) latest = v;
  return latest;
}

/** The version employees accept: the one published now (earlier ones are superseded). */
export function publishedVersion<T extends TVersionState>(versions: readonly T[]): T | null {
  return versions.find((v) => v.status === 'published') ?? null;
}

/** The version being worked on (draft, or approved and waiting to be published), if any. */
export function workingVersion<T extends TVersionState>(versions: readonly T[]): T | null {
  return versions.find((v) => v.status === 'draft' || v.status === 'approved') ?? null;
}

export function checkPolicyBody(bodyMarkdown: string): void {
  if (bodyMarkdown.trim() === '') throw new AttestlyError('INVALID_INPUT', 'a policy body cannot be empty');
  const bytes = new TextEncoder().encode(bodyMarkdown).byteLength;
  if (bytes > MAX_POLICY_BODY_BYTES) {
    throw new AttestlyError(
      'PAYLOAD_TOO_LARGE',
      `a policy body is at most ${MAX_POLICY_BODY_BYTES} bytes (this one has ${bytes})`,
      { maxBytes: MAX_POLICY_BODY_BYTES, bytes },
    );
  }
}

export type TEditPlan =
  /** Save over the existing draft. */
  | { kind: 'update'; version: number }
  /** Start a new draft numbered `version` from `baseVersion`; `supersedes` is an approval that lapses. */
  | { kind: 'create'; version: number; baseVersion: number | null; supersedes: number | null };

/**
 * Where an edit goes: into the draft when there is one, otherwise into a new draft after the latest version
 * (an approved or published text is never changed in place). With expectedVersion, the editor says which
 * version it loaded; a newer one means someone else moved the policy on, and the edit is refused.
 */
export function planPolicyEdit(versions: readonly TVersionState[], expectedVersion?: number): TEditPlan {
  const latest = latestVersion(versions);
  if (expectedVersion !== undefined && (latest?.version ?? 0) !== expectedVersion) {
    throw new AttestlyError(
      'CONFLICT',
      `the policy is at version ${latest?.version ?? 0}, not ${expectedVersion}; reload and try again`,
      { currentVersion: latest?.version ?? 0 },
    );
  }
  if (!latest) return { kind: 'create', version: 1, baseVersion: null, supersedes: null };
  if (latest.status === 'draft') return { kind: 'update', version: latest.version };
  return {
    kind: 'create',
    version: latest.version + 1,
    baseVersion: latest.version,
    supersedes: latest.status === 'approved' ? latest.version : null,
  };
}

function findVersion(versions: readonly TVersionState[], version: number): TVersionState {
  const found = versions.find((v) => v.version === version);
  if (!found) throw new AttestlyError('NOT_FOUND', `the policy has no version ${version}`);
  return found;
}

function requireLatest(versions: readonly TVersionState[], version: number, verb: string): void {
  const latest = latestVersion(versions);
  if (latest && latest.version !== version) {
    throw new AttestlyError(
      'CONFLICT',
      `version ${version} is not the latest (${latest.version} is); only the latest version can be ${verb}`,
      { latestVersion: latest.version },
    );
  }
}

/** A draft, and only the latest one, can be approved. */
export function decideApproval(versions: readonly TVersionState[], version: number): void {
  const target = findVersion(versions, version);
  if (target.status !== 'draft') {
    throw new AttestlyError(
      'CONFLICT',
      `version ${version} is ${target.status}; only a draft can be approved`,
      {
        status: target.status,
      },
    );
  }
  requireLatest(versions, version, 'approved');
}

/** An approved version, the latest, can be published; it supersedes the one published before. */
export function decidePublication(
  versions: readonly TVersionState[],
  version: number,
): { supersedes: number | null } {
  const target = findVersion(versions, version);
  if (target.status === 'draft') {
    throw new AttestlyError('CONFLICT', `version ${version} is a draft: the policy owner approves it first`, {
      status: target.status,
    });
  }
  if (target.status !== 'approved') {
    throw new AttestlyError(
      'CONFLICT',
      `version ${version} is ${target.status}; only an approved version can be published`,
      {
        status: target.status,
      },
    );
  }
  requireLatest(versions, version, 'published');
  return { supersedes: publishedVersion(versions)?.version ?? null };
}

export interface TApprover {
  userId: string | null;
  role: TMemberRole;
}

/**
 * Who approves a policy: its owner user. A policy without an owner user is approved by an organization owner
 * or admin (someone accountable for the whole program), never by just any member. An API token is no
 * person and never approves: the approval names who approved.
 */
export function mayApprovePolicy(policy: { ownerUserId: string | null }, approver: TApprover): boolean {
  if (approver.userId === null) return false;
  if (policy.ownerUserId !== null) return policy.ownerUserId === approver.userId;
  return approver.role === 'owner' || approver.role === 'admin';
}

/** A policy owner must be able to approve: a member with the approve permission. */
export function mayOwnPolicy(role: TMemberRole): boolean {
  return can(role, 'policies:approve');
}

/** Who is expected to accept published policies: every member who may accept. */
export function mustAcceptPolicies(role: TMemberRole): boolean {
  return can(role, 'policies:accept');
}

/** Employees read only what was published; everyone else who reads policies sees drafts too. */
export function seesPolicyDrafts(role: TMemberRole): boolean {
  return role !== 'employee';
}

export type TDiffOp = 'same' | 'add' | 'del';
export interface TDiffLine {
  op: TDiffOp;
  text: string;
}

/** Above this many table cells (after trimming the common head and tail), the diff replaces the block whole. */
const MAX_LCS_CELLS = 4_000_000;

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * A line diff of two Markdown bodies by longest common subsequence: the lines of `from` not kept are
 * 'del', the lines of `to` not kept are 'add'. Deletions come before additions within a changed block.
 */
export function diffLines(from: string, to: string): TDiffLine[] {
  const a = splitLines(from);
  const b = splitLines(to);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const out: TDiffLine[] = a.slice(0, head).map((text) => ({ op: 'same', text }));
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  out.push(...diffMiddle(midA, midB));
  for (const text of a.slice(a.length - tail)) out.push({ op: 'same', text });
  return out;
}

function diffMiddle(a: string[], b: string[]): TDiffLine[] {
  const n = a.length;
  const m = b.length;
  if ((n + 1) * (m + 1) > MAX_LCS_CELLS) {
    return [
      ...a.map((text) => ({ op: 'del' as const, text })),
      ...b.map((text) => ({ op: 'add' as const, text })),
    ];
  }
  // lcs[i * (m + 1) + j]: length of the LCS of a[i..] and b[j..].
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  const out: TDiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const ai = a[i] as string;
    const bj = b[j] as string;
    if (ai === bj) {
      out.push({ op: 'same', text: ai });
      i++;
      j++;
    } else if ((lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0)) {
      out.push({ op: 'del', text: ai });
      i++;
    } else {
      out.push({ op: 'add', text: bj });
      j++;
    }
  }
  for (; i < n; i++) out.push({ op: 'del', text: a[i] as string });
  for (; j < m; j++) out.push({ op: 'add', text: b[j] as string });
  return out;
}
