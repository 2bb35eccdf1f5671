// Significant changes to the system and its controls during a Type 2 period, read from the audit log:
// scope changes, criteria marked (not) applicable, control status changes (grouped by day and new status),
// controls adopted, policies published, monitoring connected. Pure: the entries are passed in.

export const CHANGE_ACTIONS = [
  'program.created',
  'program.changed',
  'criterion.excluded',
  'criterion.included',
  'control.updated',
  'controls.adopted',
  'policy.version_published',
  'integration.added',
] as const;

export interface TLoggedChange {
  occurredAt: Date;
  action: string;
  targetId: string | null;
  details: Record<string, unknown>;
}

export interface TSignificantChange {
  /** YYYY-MM-DD */
  date: string;
  kind: 'scope' | 'criteria' | 'controls' | 'policies' | 'monitoring';
  summary: string;
}

const STATUS_WORDS: Record<string, string> = {
  not_started: 'not started',
  in_progress: 'in progress',
  implemented: 'implemented',
  not_applicable: 'not applicable',
};

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

function programDates(program: Record<string, unknown>): string {
  const window = record(program.window);
  return program.reportType === 'type1'
    ? `Type 1 as of ${text(program.asOf)}`
    : `Type 2 window ${text(window.start)} to ${text(window.end)}`;
}

function scopeChange(details: Record<string, unknown>): string {
  const before = record(details.before);
  const after = record(details.after);
  const parts: string[] = [];
  const was = list(before.categories);
  const now = list(after.categories);
  const added = now.filter((c) => !was.includes(c));
  const removed = was.filter((c) => !now.includes(c));
  if (added.length > 0) parts.push(`categories brought into scope: ${added.join(', ')}`);
  if (removed.length > 0) parts.push(`categories taken out of scope: ${removed.join(', ')}`);
  if (programDates(before) !== programDates(after))
    parts.push(`report period changed from ${programDates(before)} to ${programDates(after)}`);
  const components = Array.isArray(details.addedComponents) ? details.addedComponents.map(record) : [];
  if (components.length > 0)
    parts.push(`components added: ${components.map((c) => `${text(c.name)} (${text(c.kind)})`).join(', ')}`);
  return parts.length > 0
    ? `Program scope changed: ${parts.join('; ')}`
    : 'Program settings saved again, unchanged';
}

/** The changes an auditor reads in the description, oldest first; control changes grouped per day. */
export function significantChanges(entries: TLoggedChange[]): TSignificantChange[] {
  const sorted = [...entries].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const created = new Set(
    sorted.filter((e) => e.action === 'program.created').map((e) => e.occurredAt.getTime()),
  );
  const changes: TSignificantChange[] = [];
  const controlDays = new Map<string, Map<string, string[]>>();
  for (const entry of sorted) {
    const date = entry.occurredAt.toISOString().slice(0, 10);
    const d = entry.details;
    switch (entry.action) {
      case 'program.created':
        changes.push({ date, kind: 'scope', summary: `SOC 2 program set up (${programDates(d)})` });
        break;
      case 'program.changed':
        changes.push({ date, kind: 'scope', summary: scopeChange(d) });
        break;
      case 'criterion.excluded':
        changes.push({
          date,
          kind: 'criteria',
          summary: `${entry.targetId ?? 'A criterion'} marked not applicable: ${text(d.reason)}`,
        });
        break;
      case 'criterion.included':
        changes.push({ date, kind: 'criteria', summary: `${entry.targetId ?? 'A criterion'} applies again` });
        break;
      case 'controls.adopted':
        // The library adopted when the program is set up is the starting point, not a change.
        if (created.has(entry.occurredAt.getTime())) break;
        changes.push({
          date,
          kind: 'controls',
          summary: `${list(d.codes).length} controls adopted: ${list(d.codes).join(', ')}`,
        });
        break;
      case 'control.updated': {
        const before = text(record(d.before).status);
        const after = text(record(d.after).status);
        if (!after || before === after) break;
        const day = controlDays.get(date) ?? new Map<string, string[]>();
        day.set(after, [...(day.get(after) ?? []), text(d.code)]);
        controlDays.set(date, day);
        break;
      }
      case 'policy.version_published': {
        const superseded =
          typeof d.supersededVersion === 'number' ? `, superseding version ${d.supersededVersion}` : '';
        changes.push({
          date,
          kind: 'policies',
          summary: `Policy "${text(d.title)}" version ${String(d.version)} published${superseded}`,
        });
        break;
      }
      case 'integration.added':
        changes.push({
          date,
          kind: 'monitoring',
          summary: `Monitoring connected: ${text(d.name)} (${text(d.type)})`,
        });
        break;
    }
  }
  for (const [date, byStatus] of controlDays) {
    const parts = [...byStatus]
      .sort(([a], [b]) => a.localeCompare(b, 'en'))
      .map(
        ([status, codes]) => `${STATUS_WORDS[status] ?? status}: ${[...new Set(codes)].sort().join(', ')}`,
      );
    changes.push({ date, kind: 'controls', summary: `Control status changed (${parts.join('; ')})` });
  }
  return changes.sort((a, b) => a.date.localeCompare(b.date));
}
