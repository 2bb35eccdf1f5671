import { describe, expect, it } from 'vitest';
import { errorOf } from '../../test/support/errors.ts';
import { checkRiskAcceptance, checkRiskAssessment, heatMap, ratingOf, riskScore } from './risk.ts';

describe('risk scoring', () => {
  it('scores likelihood x impact and refuses levels outside 1 to 5', () => {
    expect(riskScore({ likelihood: 4, impact: 5 })).toBe(20);
    expect(riskScore({ likelihood: 1, impact: 1 })).toBe(1);
    expect(errorOf(() => riskScore({ likelihood: 0, impact: 3 })).details).toEqual({ field: 'likelihood' });
    expect(errorOf(() => riskScore({ likelihood: 3, impact: 6 })).details).toEqual({ field: 'impact' });
    expect(errorOf(() => riskScore({ likelihood: 2.5, impact: 3 })).code).toBe('INVALID_INPUT');
  });

  it('rates by band at each boundary, covering every possible score', () => {
    expect([1, 4, 5, 9, 10, 16, 20, 25].map(ratingOf)).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'critical',
      'critical',
    ]);
    const scores = new Set<number>();
    for (let l = 1; l <= 5; l++) for (let i = 1; i <= 5; i++) scores.add(l * i);
    expect([...scores].filter((s) => s > 16 && s < 20)).toEqual([]);
  });
});

describe('risk rules', () => {
  const base = { inherentLikelihood: 4, inherentImpact: 4, residualLikelihood: 2, residualImpact: 4 };

  it('refuses a residual score above the inherent one, and allows equal', () => {
    expect(() => checkRiskAssessment({ ...base, treatment: 'mitigate' })).not.toThrow();
    expect(() =>
      checkRiskAssessment({ ...base, residualLikelihood: 4, residualImpact: 4, treatment: 'mitigate' }),
    ).not.toThrow();
    const e = errorOf(() => checkRiskAssessment({ ...base, inherentImpact: 1, treatment: 'mitigate' }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.details).toEqual({ field: 'residualLikelihood' });
  });

  it('accepts only with treatment "accept", only for owners and admins, with a reason', () => {
    const open = { treatment: 'accept' as const, status: 'open' as const };
    expect(() => checkRiskAcceptance(open, 'owner', 'within appetite')).not.toThrow();
    expect(() => checkRiskAcceptance(open, 'admin', 'within appetite')).not.toThrow();
    for (const role of ['member', 'auditor', 'viewer', 'employee'] as const)
      expect(errorOf(() => checkRiskAcceptance(open, role, 'ok')).code).toBe('FORBIDDEN');
    const mitigate = errorOf(() => checkRiskAcceptance({ ...open, treatment: 'mitigate' }, 'owner', 'ok'));
    expect(mitigate.details).toEqual({ field: 'treatment' });
    expect(errorOf(() => checkRiskAcceptance(open, 'owner', '  ')).details).toEqual({ field: 'note' });
    expect(errorOf(() => checkRiskAcceptance({ ...open, status: 'closed' }, 'owner', 'ok')).code).toBe(
      'INVALID_INPUT',
    );
  });
});

describe('heat map', () => {
  it('has 25 cells, likelihood 5 first, counting each point in its cell', () => {
    const cells = heatMap([
      { likelihood: 5, impact: 5 },
      { likelihood: 5, impact: 5 },
      { likelihood: 1, impact: 2 },
    ]);
    expect(cells).toHaveLength(25);
    expect(cells[0]).toEqual({ likelihood: 5, impact: 1, score: 5, rating: 'medium', count: 0 });
    expect(cells.find((c) => c.likelihood === 5 && c.impact === 5)).toMatchObject({
      count: 2,
      rating: 'critical',
    });
    expect(cells.find((c) => c.likelihood === 1 && c.impact === 2)?.count).toBe(1);
    expect(cells.reduce((n, c) => n + c.count, 0)).toBe(3);
  });
});
