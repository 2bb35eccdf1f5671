import type { TFrequency } from '../catalog-types.ts';
import type { TOutcomeStatus } from '../monitoring/model.ts';
import { addDays, daysBetween } from '../report-period.ts';

// How each control operated on each day of the audit period, as an auditor testing operating effectiveness
// would reconstruct it: from the monitoring history (test_transitions say when each test × resource pair
// changed status; a succeeded monitor run says the control was looked at that day) and the validity of the
// evidence linked to the control. Days are UTC calendar days. A Type 1 is the same view for its one day.

/**
 * passed: every integration that tests the control ran that day and no mapped test failed on any resource;
 * failed: a mapped test failed (or could not judge) on some resource at some point of the day;
 * not_run: the control is monitored but some integration that tests it did not run that day (or had not
 * started yet); none: the control has no automated test.
 */
export type TDayTests = 'passed' | 'failed' | 'not_run' | 'none';
/** valid: a linked evidence item was valid that day; expired: the control had evidence, all lapsed; none. */
export type TDayEvidence = 'valid' | 'expired' | 'none';

export interface TTimelineDay {
  date: string;
  tests: TDayTests;
  evidence: TDayEvidence;
}

export const TIMELINE_EXCEPTION_KINDS = [
  'failing',
  'unmonitored',
  'evidence_expired',
  'review_missing',
] as const;
export type TTimelineExceptionKind = (typeof TIMELINE_EXCEPTION_KINDS)[number];

/** A stretch of days (inclusive) on which the control did not operate as described. */
export interface TTimelineException {
  kind: TTimelineExceptionKind;
  from: string;
  to: string;
  detail: string;
}

export interface TControlTimeline {
  controlCode: string;
  days: TTimelineDay[];
  /** Share of the judged days the control operated effectively, 0..100, rounded down to one decimal. */
  coverage: number;
  exceptions: TTimelineException[];
}

/** One change of a test × resource pair; toStatus null: the resource was gone from that run on. */
export interface TTimelineTransition {
  integrationId: string;
  testId: string;
  resourceId: string;
  toStatus: TOutcomeStatus | null;
  at: Date;
}

export interface TTimelineInputs {
  /** The audit period, inclusive. */
  period: { from: string; to: string };
  /** The last day that can be judged (today): days after it have not happened yet and are left out. */
  through: string;
  controls: ReadonlyArray<{ code: string; frequency: TFrequency }>;
  /** Control codes each test (built-in or custom) is mapped to, and its title for the exceptions' detail. */
  tests: ReadonlyMap<string, { title: string; controls: readonly string[] }>;
  /**
   * Every transition up to the period's end. Those before the period only set where each pair started
   * (the latest one per pair is enough), those in it are walked in order of time.
   */
  transitions: ReadonlyArray<TTimelineTransition>;
  /** Each day an integration had at least one succeeded run (failed collections do not count). */
  runDays: ReadonlyArray<{ integrationId: string; day: string }>;
  integrationNames: ReadonlyMap<string, string>;
  evidence: ReadonlyArray<{ controlCode: string; validFrom: string; validUntil: string | null }>;
}

/** Months in one period of a periodic control: each such period needs its own evidence. */
export const REVIEW_PERIOD_MONTHS: Partial<Record<TFrequency, number>> = {
  monthly: 1,
  quarterly: 3,
  annual: 12,
};

const FREQUENCY_NOUN: Partial<Record<TFrequency, string>> = {
  monthly: 'month',
  quarterly: 'quarter',
  annual: 'year',
};

const DAY_MS = 86_400_000;
const isFailing = (status: TOutcomeStatus | null) => status === 'fail' || status === 'error';

/** The date months later, clamped to the month's last day (Jan 31 + 1 month = Feb 28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** The judged days: the period up to `through`; empty when the period has not started. */
export function judgedDays(period: { from: string; to: string }, through: string): string[] {
  const last = period.to < through ? period.to : through;
  const count = daysBetween(period.from, last) + 1;
  return Array.from({ length: Math.max(0, count) }, (_, i) => addDays(period.from, i));
}

interface TControlTrack {
  code: string;
  frequency: TFrequency;
  /** Per day: 1 when a mapped test failed. */
  failing: Uint8Array;
  /** (test, first day, last day) of each failing stretch of one pair, for the detail. */
  failingTests: Array<{ testId: string; from: number; to: number }>;
  /** The first day index each integration tested the control (negative: before the period). */
  integrations: Map<string, number>;
}

/** Marks the failing days of one pair on every control its test is mapped to. */
function walkPair(
  transitions: TTimelineTransition[],
  periodFrom: string,
  dayCount: number,
  tracks: TControlTrack[],
  testId: string,
): void {
  let status: TOutcomeStatus | null = null;
  let failingSince: number | null = null;
  const mark = (from: number, to: number) => {
    const a = Math.max(0, from);
    const b = Math.min(dayCount - 1, to);
    if (a > b) return;
    for (const track of tracks) {
      track.failing.fill(1, a, b + 1);
      track.failingTests.push({ testId, from: a, to: b });
    }
  };
  const start = Date.parse(`${periodFrom}T00:00:00Z`);
  for (const t of transitions) {
    const day = Math.floor((t.at.getTime() - start) / DAY_MS);
    for (const track of tracks) {
      const since = track.integrations.get(t.integrationId);
      if (since === undefined || day < since) track.integrations.set(t.integrationId, day);
    }
    status = t.toStatus;
    if (isFailing(status)) {
      if (failingSince === null) failingSince = day;
    } else if (failingSince !== null) {
      // The day it stopped failing still had the failure in it.
      mark(failingSince, day);
      failingSince = null;
    }
  }
  if (failingSince !== null) mark(failingSince, dayCount - 1);
}

/** Consecutive days matching `pick`, as inclusive index stretches. */
function stretches(count: number, pick: (i: number) => boolean): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start: number | null = null;
  for (let i = 0; i <= count; i++) {
    const on = i < count && pick(i);
    if (on && start === null) start = i;
    if (!on && start !== null) {
      out.push([start, i - 1]);
      start = null;
    }
  }
  return out;
}

function evidenceOn(
  date: string,
  items: ReadonlyArray<{ validFrom: string; validUntil: string | null }>,
): TDayEvidence {
  let lapsed = false;
  for (const e of items) {
    if (e.validFrom <= date && (e.validUntil === null || date <= e.validUntil)) return 'valid';
    if (e.validUntil !== null && e.validUntil < date) lapsed = true;
  }
  return lapsed ? 'expired' : 'none';
}

/**
 * Periods of a periodic control (monthly, quarterly, annual) that have no evidence dated in them. Periods
 * are laid from the period's start; each one complete by `through` is judged, a period still running is
 * not (its review may yet come). When the audit period is shorter than one cycle (a Type 1, an annual
 * control in a six-month window), the cycle ending on its last day is judged once that day has passed:
 * the latest review must fall within one cycle of the as-of date or the window's end.
 */
export function missingReviews(
  frequency: TFrequency,
  period: { from: string; to: string },
  through: string,
  evidenceDates: readonly string[],
): Array<{ from: string; to: string }> {
  const months = REVIEW_PERIOD_MONTHS[frequency];
  if (months === undefined) return [];
  const last = period.to < through ? period.to : through;
  if (last < period.from) return [];
  const periods: Array<{ from: string; to: string }> = [];
  for (let k = 0; ; k++) {
    const start = addMonths(period.from, k * months);
    const end = addDays(addMonths(period.from, (k + 1) * months), -1);
    if (end > last) break;
    periods.push({ from: start, to: end });
  }
  const shorterThanACycle = addDays(addMonths(period.from, months), -1) > period.to;
  if (periods.length === 0 && shorterThanACycle && through >= period.to)
    periods.push({ from: addDays(addMonths(period.to, -months), 1), to: period.to });
  return periods.filter((p) => !evidenceDates.some((d) => p.from <= d && d <= p.to));
}

const titles = (ids: Iterable<string>, tests: TTimelineInputs['tests']) =>
  [...new Set(ids)]
    .map((id) => tests.get(id)?.title ?? id)
    .sort()
    .join('; ');

/**
 * Every control's timeline over the judged days. The work is linear in the transitions plus controls ×
 * days; nothing is read per control or per day.
 */
export function buildControlTimelines(inputs: TTimelineInputs): TControlTimeline[] {
  const { period, through, tests } = inputs;
  const days = judgedDays(period, through);
  const n = days.length;
  const tracks = new Map<string, TControlTrack>();
  for (const c of inputs.controls)
    tracks.set(c.code, {
      code: c.code,
      frequency: c.frequency,
      failing: new Uint8Array(n),
      failingTests: [],
      integrations: new Map(),
    });

  // Pairs, each walked in time order; only tests mapped to a control in scope matter.
  const pairs = new Map<string, TTimelineTransition[]>();
  const sorted = [...inputs.transitions].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const t of sorted) {
    const key = `${t.integrationId}\u0000${t.testId}\u0000${t.resourceId}`;
    const list = pairs.get(key);
    if (list) list.push(t);
    else pairs.set(key, [t]);
  }
  for (const list of pairs.values()) {
    const testId = (list[0] as TTimelineTransition).testId;
    const mapped = (tests.get(testId)?.controls ?? []).flatMap((code) => {
      const track = tracks.get(code);
      return track ? [track] : [];
    });
    if (mapped.length > 0) walkPair(list, period.from, n, mapped, testId);
  }

  const ran = new Map<string, Uint8Array>();
  for (const { integrationId, day } of inputs.runDays) {
    const i = daysBetween(period.from, day);
    if (i < 0 || i >= n) continue;
    let row = ran.get(integrationId);
    if (!row) {
      row = new Uint8Array(n);
      ran.set(integrationId, row);
    }
    row[i] = 1;
  }
  const evidenceByControl = new Map<string, Array<{ validFrom: string; validUntil: string | null }>>();
  for (const e of inputs.evidence)
    evidenceByControl.set(e.controlCode, [...(evidenceByControl.get(e.controlCode) ?? []), e]);

  return [...tracks.values()].map((track) => {
    const evidence = evidenceByControl.get(track.code) ?? [];
    const monitored = track.integrations.size > 0;
    const missingOn = (i: number) =>
      [...track.integrations].filter(([id, since]) => since <= i && ran.get(id)?.[i] !== 1).map(([id]) => id);
    const timeline: TTimelineDay[] = days.map((date, i) => {
      let tests: TDayTests = 'none';
      if (monitored) {
        const started = [...track.integrations.values()].some((since) => since <= i);
        if (track.failing[i] === 1) tests = 'failed';
        else tests = !started || missingOn(i).length > 0 ? 'not_run' : 'passed';
      }
      return { date, tests, evidence: evidenceOn(date, evidence) };
    });
    const effective = timeline.filter((d) => (monitored ? d.tests === 'passed' : d.evidence === 'valid'));
    const coverage = n === 0 ? 0 : Math.floor((effective.length / n) * 1000) / 10;

    const exceptions: TTimelineException[] = [];
    for (const [a, b] of stretches(n, (i) => timeline[i]?.tests === 'failed')) {
      const failed = track.failingTests.filter((f) => f.from <= b && f.to >= a).map((f) => f.testId);
      exceptions.push({
        kind: 'failing',
        from: days[a] as string,
        to: days[b] as string,
        detail: titles(failed, tests),
      });
    }
    for (const [a, b] of stretches(n, (i) => timeline[i]?.tests === 'not_run')) {
      const missing = new Set<string>();
      for (let i = a; i <= b; i++) for (const id of missingOn(i)) missing.add(id);
      const names = [...missing].map((id) => inputs.integrationNames.get(id) ?? id).sort();
      exceptions.push({
        kind: 'unmonitored',
        from: days[a] as string,
        to: days[b] as string,
        detail:
          names.length > 0
            ? `no successful monitoring run of ${names.join(', ')}`
            : 'monitoring of this control had not started',
      });
    }
    for (const [a, b] of stretches(n, (i) => timeline[i]?.evidence === 'expired')) {
      exceptions.push({
        kind: 'evidence_expired',
        from: days[a] as string,
        to: days[b] as string,
        detail: 'every linked evidence item had lapsed and none was renewed',
      });
    }
    const noun = FREQUENCY_NOUN[track.frequency];
    for (const p of missingReviews(
      track.frequency,
      period,
      through,
      evidence.map((e) => e.validFrom),
    )) {
      exceptions.push({
        kind: 'review_missing',
        from: p.from,
        to: p.to,
        detail: `${track.frequency} control: no evidence dated in this ${noun}`,
      });
    }
    exceptions.sort((x, y) => x.from.localeCompare(y.from) || x.kind.localeCompare(y.kind));
    return { controlCode: track.code, days: timeline, coverage, exceptions };
  });
}
