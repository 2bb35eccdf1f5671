import type { z } from 'zod';
import { toCsv } from '../../domain/csv.ts';
import { AttestlyError } from '../../domain/errors.ts';
import {
  deadlineOf,
  entryLabel,
  PRIVACY_REGISTERS,
  REGISTER_LABELS,
  registerOpen,
  type TDeadline,
  type TPrivacyRegister,
} from '../../domain/privacy.ts';
import { recordChange } from '../audit/record-change.ts';
import { addEvidence } from '../evidence/add-evidence.ts';
import type { AppDeps, OrgScope, TEvidenceRecord } from '../ports.ts';
import type { TPrivacyEntry } from './privacy-ports.ts';

export interface TPrivacyEntryView extends TPrivacyEntry {
  label: string;
  deadline: TDeadline;
}

/** Refuses a register the organization's scope does not open (the privacy ones need Privacy in scope). */
async function openRegister(deps: Pick<AppDeps, 'store'>, scope: OrgScope, register: TPrivacyRegister) {
  const program = await deps.store.repos.programs.find(scope);
  if (!program) throw new AttestlyError('NOT_INITIALIZED', 'define the SOC 2 program first');
  if (!registerOpen(register, program.categories))
    throw new AttestlyError(
      'INVALID_INPUT',
      `${REGISTER_LABELS[register]} are kept when Privacy is in scope; add the Privacy category to the program first`,
    );
}

function parseEntry(register: TPrivacyRegister, data: unknown): Record<string, unknown> {
  const parsed = (PRIVACY_REGISTERS[register].schema as z.ZodType).safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'data';
    throw new AttestlyError('INVALID_INPUT', `${field}: ${issue?.message ?? 'invalid'}`, { field });
  }
  return parsed.data as Record<string, unknown>;
}

const view = (entry: TPrivacyEntry, now: Date): TPrivacyEntryView => ({
  ...entry,
  label: entryLabel(entry.register, entry.data),
  deadline: deadlineOf(entry.register, entry.data, now),
});

export async function listPrivacyEntries(
  deps: Pick<AppDeps, 'store' | 'clock'>,
  scope: OrgScope,
  register: TPrivacyRegister,
): Promise<TPrivacyEntryView[]> {
  await openRegister(deps, scope, register);
  const now = deps.clock.now();
  return (await deps.store.repos.privacy.list(scope, register)).map((e) => view(e, now));
}

export async function recordPrivacyEntry(
  deps: AppDeps,
  scope: OrgScope,
  register: TPrivacyRegister,
  data: unknown,
): Promise<TPrivacyEntryView> {
  await openRegister(deps, scope, register);
  const now = deps.clock.now();
  const entry: TPrivacyEntry = {
    id: deps.newId(),
    register,
    data: parseEntry(register, data),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.transaction(async (repos) => {
    await repos.privacy.insert(scope, entry);
    await recordChange(
      repos,
      scope,
      deps,
      'privacy.entry_recorded',
      { type: register, id: entry.id },
      {
        label: entryLabel(register, entry.data),
      },
    );
  });
  return view(entry, now);
}

/** Replaces an entry's fields at the version the caller read; the audit log keeps the fields that changed. */
export async function updatePrivacyEntry(
  deps: AppDeps,
  scope: OrgScope,
  register: TPrivacyRegister,
  id: string,
  expectedVersion: number,
  data: unknown,
): Promise<TPrivacyEntryView> {
  await openRegister(deps, scope, register);
  const parsed = parseEntry(register, data);
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    const before = await repos.privacy.find(scope, id);
    if (!before || before.register !== register) throw new AttestlyError('NOT_FOUND', 'no such entry');
    if (!(await repos.privacy.update(scope, id, parsed, expectedVersion, now)))
      throw new AttestlyError(
        'CONFLICT',
        `the entry changed since version ${expectedVersion} (now ${before.version}); reload and try again`,
        { currentVersion: before.version },
      );
    const changed = Object.keys(parsed).filter(
      (k) => JSON.stringify(parsed[k]) !== JSON.stringify(before.data[k]),
    );
    await recordChange(
      repos,
      scope,
      deps,
      'privacy.entry_updated',
      { type: register, id },
      {
        changed: Object.fromEntries(changed.map((k) => [k, { from: before.data[k] ?? null, to: parsed[k] }])),
      },
    );
    return view({ ...before, data: parsed, version: expectedVersion + 1, updatedAt: now }, now);
  });
}

/**
 * Files the register as it stands today as evidence (a CSV), linked to the in-scope controls that address
 * the register's criteria: the data inventory for C1.1 and C1.2, the request log for P5 and P6.7, and so on.
 */
export async function fileRegisterAsEvidence(
  deps: AppDeps,
  scope: OrgScope,
  register: TPrivacyRegister,
): Promise<TEvidenceRecord> {
  const entries = await listPrivacyEntries(deps, scope, register);
  if (entries.length === 0)
    throw new AttestlyError('INVALID_INPUT', `${REGISTER_LABELS[register]} has no entries yet`);
  const criteria = new Set<string>(PRIVACY_REGISTERS[register].criteria);
  const controls = (await deps.store.repos.controls.list(scope)).filter(
    (c) => c.status !== 'not_applicable' && c.criteria.some((id) => criteria.has(id)),
  );
  if (controls.length === 0)
    throw new AttestlyError('NOT_FOUND', `no control in scope addresses ${[...criteria].join(', ')}`);
  const fields = [...new Set(entries.flatMap((e) => Object.keys(e.data)))].sort();
  const csv = toCsv(
    ['id', 'recorded_at', ...fields, 'deadline', 'overdue'],
    entries.map((e) => [
      e.id,
      e.createdAt.toISOString(),
      ...fields.map((f) => {
        const value = e.data[f];
        if (value === undefined || value === null) return null;
        return Array.isArray(value) ? value.join('; ') : (value as string | number | boolean);
      }),
      e.deadline?.due ?? null,
      e.deadline ? e.deadline.overdue : null,
    ]),
  );
  const today = deps.clock.now().toISOString().slice(0, 10);
  return addEvidence(deps, scope, {
    bytes: new TextEncoder().encode(csv),
    fileName: `${register.replaceAll('_', '-')}-${today}.csv`,
    title: `${REGISTER_LABELS[register]} as of ${today}`,
    controlCodes: controls.map((c) => c.code),
    source: 'import',
  });
}
