import { describe, expect, it } from 'vitest';
import { diffOutcomes, pairKey, type TPairState } from './diff.ts';
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
  const state = (resourceId: string, status: TPairState['status']): [string, TPairState] => [
    pairKey('idp.mfa', resourceId),
    { testId: 'idp.mfa', resourceId, status, reason: '', since },
  ];

  it('writes nothing when nothing changed', () => {
    const outcomes = evaluateInventory(users, [mfa], { now: new Date() });
    expect(diffOutcomes(new Map([state('u1', 'pass'), state('u2', 'fail')]), outcomes)).toEqual([]);
  });

  it('reports new pairs, changed statuses and resources that are gone', () => {
    const outcomes = evaluateInventory(users, [mfa], { now: new Date() });
    const transitions = diffOutcomes(new Map([state('u2', 'pass'), state('u9', 'fail')]), outcomes);
    expect(transitions.map((t) => [t.kind, t.kind === 'gone' ? t.resourceId : t.outcome.resourceId])).toEqual(
      [
        ['new', 'u1'],
        ['changed', 'u2'],
        ['gone', 'u9'],
      ],
    );
  });
});
