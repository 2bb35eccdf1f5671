import { describe, expect, it } from 'vitest';
import type { TFrequency } from '../catalog-types.ts';
import type { TOutcomeStatus } from '../monitoring/model.ts';
import { addDays } from '../report-period.ts';
import {
  addMonths,
  buildControlTimelines,
  missingReviews,
  type TTimelineInputs,
  type TTimelineTransition,
} from './timeline.ts';

// A ten-day window, 2026-03-01 … 2026-03-10, one GitHub integration testing CHG-02 on two repositories.

const FROM = '2026-03-01';
const TO = '2026-03-10';
const GH = 'int-github';

const at = (day: number, hour = 9) =>
  new Date(`${addDays(FROM, day)}T${String(hour).padStart(2, '0')}:00:00Z`);
const t = (day: number, resourceId: string, toStatus: TOutcomeStatus | null, testId = 'github.protected') =>
  ({ integrationId: GH, testId, resourceId, toStatus, at: at(day) }) satisfies TTimelineTransition;
const everyDay = (except: number[] = []) =>
  Array.from({ length: 10 }, (_, i) => i)
    .filter((i) => !except.includes(i))
    .map((i) => ({ integrationId: GH, day: addDays(FROM, i) }));

function inputs(change: Partial<TTimelineInputs> = {}): TTimelineInputs {
  return {
    period: { from: FROM, to: TO },
    through: TO,
    controls: [{ code: 'CHG-02', frequency: 'continuous' }],
    tests: new Map([
      ['github.protected', { title: 'The default branch is protected', controls: ['CHG-02'] }],
      ['github.unrelated', { title: 'Unrelated', controls: ['AC-04'] }],
    ]),
    transitions: [t(-30, 'repo:1', 'pass'), t(-30, 'repo:2', 'pass')],
    runDays: everyDay(),
    integrationNames: new Map([[GH, 'GitHub']]),
    evidence: [],
    ...change,
  };
}

const only = (change: Partial<TTimelineInputs> = {}) => {
  const [timeline] = buildControlTimelines(inputs(change));
  if (!timeline) throw new Error('no timeline');
  return timeline;
};
const testsOf = (change: Partial<TTimelineInputs>) =>
  only(change)
    .days.map((d) => d.tests[0])
    .join('');

describe('control timelines', () => {
  it('passes every day when every run passed, with full coverage and no exception', () => {
    const timeline = only();
    expect(timeline.days).toHaveLength(10);
    expect(timeline.days.every((d) => d.tests === 'passed' && d.evidence === 'none')).toBe(true);
    expect(timeline.coverage).toBe(100);
    expect(timeline.exceptions).toEqual([]);
  });

  it('fails from the day a resource failed through the day it passed again', () => {
    const timeline = only({
      transitions: [
        t(-30, 'repo:1', 'pass'),
        t(-30, 'repo:2', 'pass'),
        t(3, 'repo:2', 'fail'),
        t(6, 'repo:2', 'pass'),
        // An unmapped test failing does not touch CHG-02.
        t(1, 'repo:1', 'fail', 'github.unrelated'),
      ],
    });
    expect(timeline.days.map((d) => d.tests[0]).join('')).toBe('pppffffppp');
    expect(timeline.coverage).toBe(60);
    expect(timeline.exceptions).toEqual([
      { kind: 'failing', from: '2026-03-04', to: '2026-03-07', detail: 'The default branch is protected' },
    ]);
  });

  it('counts an error (could not judge) as failing, and a failure held from before the period', () => {
    expect(testsOf({ transitions: [t(-5, 'repo:1', 'fail'), t(2, 'repo:1', 'pass')] })).toBe('fffppppppp');
    expect(testsOf({ transitions: [t(-5, 'repo:1', 'pass'), t(8, 'repo:1', 'error')] })).toBe('ppppppppff');
    // A resource that is gone no longer fails.
    expect(testsOf({ transitions: [t(-5, 'repo:1', 'fail'), t(4, 'repo:1', null)] })).toBe('fffffppppp');
  });

  it('marks days without a run as not run, as an unmonitored stretch naming the integration', () => {
    const timeline = only({ runDays: everyDay([4, 5, 6]) });
    expect(timeline.days.map((d) => d.tests[0]).join('')).toBe('ppppnnnppp');
    expect(timeline.coverage).toBe(70);
    expect(timeline.exceptions).toEqual([
      {
        kind: 'unmonitored',
        from: '2026-03-05',
        to: '2026-03-07',
        detail: 'no successful monitoring run of GitHub',
      },
    ]);
  });

  it('leaves days before monitoring started unmonitored, and a failure wins over a missing run', () => {
    const timeline = only({
      transitions: [t(3, 'repo:1', 'pass'), t(8, 'repo:1', 'fail')],
      runDays: everyDay([0, 1, 2, 8]),
    });
    expect(timeline.days.map((d) => d.tests[0]).join('')).toBe('nnnpppppff');
    expect(timeline.exceptions.map((e) => [e.kind, e.from, e.detail])).toEqual([
      ['unmonitored', '2026-03-01', 'monitoring of this control had not started'],
      ['failing', '2026-03-09', 'The default branch is protected'],
    ]);
  });

  it('gives a control without automated tests "none", its coverage from valid evidence', () => {
    const timeline = only({
      controls: [{ code: 'HR-03', frequency: 'per-event' }],
      evidence: [{ controlCode: 'HR-03', validFrom: '2026-02-01', validUntil: '2026-03-05' }],
    });
    expect(timeline.days.every((d) => d.tests === 'none')).toBe(true);
    expect(timeline.days.map((d) => d.evidence[0]).join('')).toBe('vvvvveeeee');
    expect(timeline.coverage).toBe(50);
    expect(timeline.exceptions).toEqual([
      {
        kind: 'evidence_expired',
        from: '2026-03-06',
        to: '2026-03-10',
        detail: 'every linked evidence item had lapsed and none was renewed',
      },
    ]);
  });

  it('counts evidence valid from the day it was renewed, and none before any evidence', () => {
    const timeline = only({
      controls: [{ code: 'HR-03', frequency: 'per-event' }],
      evidence: [
        { controlCode: 'HR-03', validFrom: '2026-03-03', validUntil: '2026-03-05' },
        { controlCode: 'HR-03', validFrom: '2026-03-08', validUntil: null },
      ],
    });
    expect(timeline.days.map((d) => d.evidence[0]).join('')).toBe('nnvvveevvv');
    expect(timeline.exceptions.map((e) => [e.kind, e.from, e.to])).toEqual([
      ['evidence_expired', '2026-03-06', '2026-03-07'],
    ]);
  });

  it('judges only the days up to today of a window still running', () => {
    const timeline = only({ through: '2026-03-04' });
    expect(timeline.days.map((d) => d.date)).toEqual([
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
    ]);
    expect(timeline.coverage).toBe(100);
    expect(only({ through: '2026-02-20' }).days).toEqual([]);
  });

  it('finds a quarter of a quarterly control without evidence dated in it', () => {
    const control = { code: 'AC-09', frequency: 'quarterly' as TFrequency };
    const review = (validFrom: string) => ({ controlCode: 'AC-09', validFrom, validUntil: null });
    const timeline = only({
      period: { from: '2026-01-01', to: '2026-12-31' },
      through: '2026-12-31',
      controls: [control],
      evidence: [review('2026-02-10'), review('2026-05-02'), review('2026-11-20')],
    });
    expect(timeline.exceptions).toEqual([
      {
        kind: 'review_missing',
        from: '2026-07-01',
        to: '2026-09-30',
        detail: 'quarterly control: no evidence dated in this quarter',
      },
    ]);
    // Only complete quarters are judged while the window runs: Q3 has not ended on 2026-09-15.
    expect(
      only({
        period: { from: '2026-01-01', to: '2026-12-31' },
        through: '2026-09-15',
        controls: [control],
        evidence: [review('2026-02-10'), review('2026-05-02')],
      }).exceptions.filter((e) => e.kind === 'review_missing'),
    ).toEqual([]);
  });

  it('is the same view for one day (Type 1): the day, and the latest cycle of a periodic control', () => {
    const asOf = { from: '2026-03-06', to: '2026-03-06' };
    const timeline = only({
      period: asOf,
      through: '2026-06-01',
      transitions: [t(-30, 'repo:1', 'pass'), t(5, 'repo:1', 'fail')],
    });
    expect(timeline.days).toEqual([{ date: '2026-03-06', tests: 'failed', evidence: 'none' }]);
    expect(timeline.coverage).toBe(0);
    expect(timeline.exceptions.map((e) => [e.kind, e.from, e.to])).toEqual([
      ['failing', '2026-03-06', '2026-03-06'],
    ]);
    const [quarterly] = buildControlTimelines(
      inputs({
        period: asOf,
        through: '2026-06-01',
        controls: [{ code: 'AC-09', frequency: 'quarterly' }],
        evidence: [{ controlCode: 'AC-09', validFrom: '2025-11-30', validUntil: null }],
      }),
    );
    expect(quarterly?.exceptions).toEqual([
      {
        kind: 'review_missing',
        from: '2025-12-07',
        to: '2026-03-06',
        detail: 'quarterly control: no evidence dated in this quarter',
      },
    ]);
  });
});

describe('review periods', () => {
  it('adds months, clamping to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-03-06', -3)).toBe('2025-12-06');
  });

  it('lays periods from the window start and ignores non-periodic controls', () => {
    const window = { from: '2026-01-15', to: '2026-07-14' };
    expect(missingReviews('monthly', window, '2026-07-14', ['2026-01-20', '2026-03-01'])).toEqual([
      { from: '2026-03-15', to: '2026-04-14' },
      { from: '2026-04-15', to: '2026-05-14' },
      { from: '2026-05-15', to: '2026-06-14' },
      { from: '2026-06-15', to: '2026-07-14' },
    ]);
    expect(missingReviews('daily', window, '2026-07-14', [])).toEqual([]);
    // A window shorter than a year: once it ended, the year ending on its last day must hold the review;
    // while it runs, the review may still come.
    expect(missingReviews('annual', window, '2026-07-14', ['2025-08-01'])).toEqual([]);
    expect(missingReviews('annual', window, '2026-07-14', ['2025-07-14'])).toEqual([
      { from: '2025-07-15', to: '2026-07-14' },
    ]);
    expect(missingReviews('annual', window, '2026-07-13', [])).toEqual([]);
    expect(missingReviews('quarterly', window, '2026-03-01', [])).toEqual([]);
  });
});
