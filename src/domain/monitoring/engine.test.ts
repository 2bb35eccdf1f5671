import { describe, expect, it } from 'vitest';
import { diffOutcomes, indexStates, judgeRun, type TPairState } from './diff.ts';
import { evaluateInventory, summarize } from './evaluate.ts';
import { fail, pass, type TResource, type TTestDefinition } from './model.ts';

const users: TResource[] = [
  { type: 'idp.user', id: 'u1', name: 'alice', attributes: { mfa: true } },
  { type: 'idp.user', id: 'u2', name: 'bob', attributes: { mfa: false } },
  { type: 'other.thing', id: 'x', name: 'x', attributes: {} },
];

const mfa: TTestDefinition = {
  id: 'idp.mfa',
  title: 'MFA for every user',
  severity: 'high',
  resourceType: 'idp.user',
  rationale: 'r',
  remediation: 'm',
  controls: ['AC-02'],
  evaluate: (r) => (r.attributes.mfa ? pass('MFA on', { mfa: true }) : fail('MFA off', { mfa: false })),
};

const broken: TTestDefinition = {
  ...mfa,
  id: 'idp.broken',
  evaluate: () => {
    throw new Error('boom');
  },
};

describe('evaluateInventory', () => {
  it('judges each resource of the test type, and only those, with reasons and fields', () => {
    const outcomes = evaluateInventory(users, [mfa], { now: new Date() });
    expect(outcomes).toEqual([
      {
        testId: 'idp.mfa',
        resourceType: 'idp.user',
        resourceId: 'u1',
        resourceName: 'alice',
        status: 'pass',
        reason: 'MFA on',
        fields: { mfa: true },
      },
      {
        testId: 'idp.mfa',
        resourceType: 'idp.user',
        resourceId: 'u2',
        resourceName: 'bob',
        status: 'fail',
        reason: 'MFA off',
        fields: { mfa: false },
      },
    ]);
    expect(summarize(3, outcomes)).toEqual({
      resources: 3,
      outcomes: 2,
      pass: 1,
      fail: 1,
      not_applicable: 0,
      error: 0,
    });
  });

  it('turns a test that throws into an error outcome, never a pass', () => {
    const outcomes = evaluateInventory(users, [broken], { now: new Date() });
    expect(outcomes.map((o) => o.status)).toEqual(['error', 'error']);
    expect(outcomes[0]?.reason).toBe('the test failed: boom');
  });
});

describe('diffOutcomes', () => {
  const since = new Date('2026-01-01T00:00:00Z');
  const state = (resourceId: string, status: TPairState['status'], testId = 'idp.mfa'): TPairState => ({
    testId,
    resourceId,
    status,
    reason: '',
    since,
  });

  it('writes nothing when nothing changed', () => {
    const outcomes = evaluateInventory(users, [mfa], { now: new Date() });
    expect(diffOutcomes(indexStates([state('u1', 'pass'), state('u2', 'fail')]), outcomes)).toEqual([]);
  });

  it('reports new pairs, changed statuses and resources that are gone', () => {
    const outcomes = evaluateInventory(users, [mfa], { now: new Date() });
    const transitions = diffOutcomes(indexStates([state('u2', 'pass'), state('u9', 'fail')]), outcomes);
    expect(transitions.map((t) => [t.kind, t.kind === 'gone' ? t.resourceId : t.outcome.resourceId])).toEqual(
      [
        ['new', 'u1'],
        ['changed', 'u2'],
        ['gone', 'u9'],
      ],
    );
  });

  it('treats every pair of a test that no longer runs as gone, and the same resource id under another test as its own pair', () => {
    const outcomes = evaluateInventory(users, [mfa], { now: new Date() });
    const previous = indexStates([
      state('u1', 'pass'),
      state('u2', 'fail'),
      state('u1', 'pass', 'idp.retired'),
      state('x', 'fail', 'idp.retired'),
    ]);
    expect(diffOutcomes(previous, outcomes)).toEqual([
      { kind: 'gone', testId: 'idp.retired', resourceId: 'u1', from: 'pass' },
      { kind: 'gone', testId: 'idp.retired', resourceId: 'x', from: 'fail' },
    ]);
  });

  it('finds the pairs of one test wherever its outcomes sit in the list', () => {
    const [u1, u2] = evaluateInventory(users, [mfa], { now: new Date() });
    const [b1] = evaluateInventory(users, [broken], { now: new Date() });
    const previous = indexStates([
      state('u1', 'pass'),
      state('u2', 'fail'),
      state('u1', 'error', 'idp.broken'),
    ]);
    expect(
      diffOutcomes(
        previous,
        [u1, b1, u2].filter((o) => o !== undefined),
      ),
    ).toEqual([]);
  });
});

describe('judgeRun', () => {
  const since = new Date('2026-01-01T00:00:00Z');
  const now = new Date('2026-02-01T00:00:00Z');
  const more: TResource[] = [
    ...users,
    { type: 'idp.user', id: 'u3', name: 'carol', attributes: { mfa: true } },
    { type: 'other.thing', id: 'u2', name: 'not a user', attributes: {} },
  ];
  const things: TTestDefinition = {
    ...mfa,
    id: 'other.named',
    resourceType: 'other.thing',
    evaluate: (r) => (r.name === 'x' ? pass('named x') : fail(`named ${r.name}`)),
  };
  const previous = indexStates<TPairState>([
    { testId: 'idp.mfa', resourceId: 'u1', status: 'fail', reason: '', since },
    { testId: 'idp.mfa', resourceId: 'u2', status: 'fail', reason: '', since },
    { testId: 'idp.mfa', resourceId: 'u9', status: 'pass', reason: '', since },
    { testId: 'other.named', resourceId: 'x', status: 'pass', reason: '', since },
    { testId: 'idp.broken', resourceId: 'u3', status: 'error', reason: '', since },
    { testId: 'idp.retired', resourceId: 'u1', status: 'pass', reason: '', since },
  ]);

  it('gives the counts and transitions of evaluating then diffing, without keeping every outcome', () => {
    const tests = [mfa, things, broken];
    const outcomes = evaluateInventory(more, tests, { now });
    const judged = judgeRun(more, tests, { now }, previous);
    expect(judged.summary).toEqual(summarize(more.length, outcomes));
    expect(judged.transitions).toEqual(diffOutcomes(previous, outcomes));
    expect(judged.transitions.map((t) => [t.kind, t.kind === 'gone' ? t.testId : t.outcome.testId])).toEqual([
      ['changed', 'idp.mfa'],
      ['new', 'idp.mfa'],
      ['new', 'other.named'],
      ['new', 'idp.broken'],
      ['new', 'idp.broken'],
      ['gone', 'idp.mfa'],
      ['gone', 'idp.retired'],
    ]);
  });

  it('writes nothing on a second run over the same resources', () => {
    const tests = [mfa, things, broken];
    const first = judgeRun(more, tests, { now }, new Map());
    const states = first.transitions.flatMap((t) =>
      t.kind === 'gone' ? [] : [{ ...t.outcome, since: now }],
    );
    expect(states).toHaveLength(first.summary.outcomes);
    expect(judgeRun(more, tests, { now }, indexStates(states)).transitions).toEqual([]);
  });
});
