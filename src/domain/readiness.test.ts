import { describe, expect, it } from 'vitest';
import { aControl } from '../../test/support/builders.ts';
import { loadCatalog } from '../catalog/load-catalog.ts';
import type { TCategoryId } from './catalog-types.ts';
import { assessReadiness, type TReadinessControl } from './readiness.ts';

const catalog = loadCatalog();
const ASOF = '2026-06-01';

function assess(
  controls: TReadinessControl[],
  scope: TCategoryId[] = ['security'],
  exclusions = new Map<string, string>(),
) {
  return assessReadiness({
    asOf: ASOF,
    categories: catalog.categories,
    series: catalog.series,
    criteria: catalog.criteria,
    scope,
    exclusions,
    controls,
  });
}

const criterion = (r: ReturnType<typeof assess>, id: string) => r.criteria.find((c) => c.id === id);

describe('assessReadiness', () => {
  it('assesses only the criteria of the categories in scope, in catalog order', () => {
    const security = assess([]);
    expect(security.criteria.map((c) => c.id)).toEqual(
      catalog.criteria.filter((c) => c.category === 'security').map((c) => c.id),
    );
    expect(security.criteria).toHaveLength(33);
    const withAvailability = assess([], ['security', 'availability']);
    expect(withAvailability.criteria).toHaveLength(36);
    expect(withAvailability.categories.map((c) => c.id)).toEqual(['security', 'availability']);
    expect(withAvailability.series.map((s) => s.id)).toContain('A1');
    expect(withAvailability.series.map((s) => s.id)).not.toContain('C1');
  });

  it('calls a criterion ready only when every applicable control is implemented and evidenced', () => {
    const r = assess([
      aControl('A-01').mappedTo('CC6.1').implemented().evidenced().build(),
      aControl('A-02').mappedTo('CC6.1').implemented().evidenced().build(),
      aControl('A-03').mappedTo('CC6.2').implemented().evidenced().build(),
      aControl('A-04').mappedTo('CC6.2').implemented().build(),
    ]);
    expect(criterion(r, 'CC6.1')).toMatchObject({ status: 'ready', score: 100 });
    expect(criterion(r, 'CC6.2')).toMatchObject({
      status: 'partial',
      score: 75,
      controls: { total: 2, applicable: 2, implemented: 2, evidenced: 1 },
    });
    expect(r.gaps.find((g) => g.criterionId === 'CC6.2')).toMatchObject({
      controlCode: 'A-04',
      nextAction: expect.stringContaining('Add evidence'),
    });
    expect(r.gaps.some((g) => g.criterionId === 'CC6.1')).toBe(false);
  });

  it('gives half the weight to implementation and half to current evidence', () => {
    const r = assess([
      aControl('B-01').mappedTo('CC1.1').inProgress().build(),
      aControl('B-02').mappedTo('CC1.2').evidenced().build(),
      aControl('B-03').mappedTo('CC1.3').build(),
    ]);
    expect(criterion(r, 'CC1.1')).toMatchObject({ status: 'partial', score: 25 });
    expect(criterion(r, 'CC1.2')).toMatchObject({ status: 'partial', score: 50 });
    expect(criterion(r, 'CC1.3')).toMatchObject({ status: 'gap', score: 0 });
  });

  it('does not count evidence that expired or is not yet valid, and says to renew expired evidence', () => {
    const r = assess([
      aControl('C-01').mappedTo('CC7.1').implemented().evidenced('2025-01-01', '2026-05-31').build(),
      aControl('C-02').mappedTo('CC7.2').implemented().evidenced('2026-06-02').build(),
      aControl('C-03').mappedTo('CC7.3').implemented().evidenced('2026-06-01', '2026-06-01').build(),
    ]);
    expect(criterion(r, 'CC7.1')).toMatchObject({ status: 'partial', score: 50 });
    expect(r.gaps.find((g) => g.criterionId === 'CC7.1')?.nextAction).toContain('expired on 2026-05-31');
    expect(criterion(r, 'CC7.2')).toMatchObject({ status: 'partial', score: 50 });
    expect(criterion(r, 'CC7.3')).toMatchObject({ status: 'ready', score: 100 });
  });

  it('leaves not-applicable controls out, and flags a criterion whose every control is not applicable', () => {
    const r = assess([
      aControl('D-01').mappedTo('CC6.4').notApplicable('fully remote, no offices').build(),
      aControl('D-02').mappedTo('CC6.4').implemented().evidenced().build(),
      aControl('D-03').mappedTo('CC6.5').notApplicable().build(),
    ]);
    expect(criterion(r, 'CC6.4')).toMatchObject({ status: 'ready', controls: { total: 2, applicable: 1 } });
    expect(criterion(r, 'CC6.5')).toMatchObject({ status: 'gap', score: 0 });
    expect(r.gaps.find((g) => g.criterionId === 'CC6.5')?.nextAction).toContain('marked not applicable');
  });

  it('reports an unaddressed criterion as a gap that asks for a control', () => {
    const r = assess([]);
    expect(r.gaps).toHaveLength(33);
    expect(r.gaps[0]).toMatchObject({ criterionId: 'CC1.1', status: 'gap', controlCode: null });
    expect(r.gaps[0]?.nextAction).toContain('No control addresses CC1.1');
  });

  it('lets automated tests decide whether a control is evidenced, and names the failing test to fix', () => {
    const failing = {
      status: 'failing' as const,
      failing: [
        { testId: 't.mfa', title: 'Every user has MFA', resourceName: 'bob', reason: 'off' },
        { testId: 't.mfa', title: 'Every user has MFA', resourceName: 'eve', reason: 'off' },
      ],
    };
    const withFile = aControl('M-01').mappedTo('CC6.2').implemented().evidenced().build();
    const r = assess([
      { ...withFile, monitoring: failing },
      {
        ...aControl('M-02').mappedTo('CC6.3').implemented().build(),
        monitoring: { status: 'passing', failing: [] },
      },
    ]);
    expect(criterion(r, 'CC6.2')).toMatchObject({ status: 'partial', controls: { evidenced: 0 } });
    expect(r.gaps.find((g) => g.criterionId === 'CC6.2')?.nextAction).toBe(
      'Fix M-01: "Every user has MFA" fails on bob and 1 more',
    );
    expect(criterion(r, 'CC6.3')).toMatchObject({ status: 'ready', score: 100 });
  });

  it('names the owner in the next action, or the role that usually owns the control', () => {
    const r = assess([
      aControl('E-01').mappedTo('CC2.1').ownedBy('alice@example.com').build(),
      aControl('E-02').mappedTo('CC2.2').build(),
    ]);
    expect(r.gaps.find((g) => g.criterionId === 'CC2.2')?.nextAction).toBe(
      'Start implementing E-02 "Control E-02" (no owner yet: usually the Head of Security)',
    );
    expect(r.gaps.find((g) => g.criterionId === 'CC2.1')?.nextAction).toBe(
      'Start implementing E-01 "Control E-01" (owner alice@example.com)',
    );
  });

  it('excludes criteria marked not applicable from the scores, keeping the reason', () => {
    const r = assess(
      [aControl('F-01').mappedTo('CC9.1').implemented().evidenced().build()],
      ['security'],
      new Map([['CC6.4', 'no physical facilities']]),
    );
    expect(criterion(r, 'CC6.4')).toMatchObject({
      status: 'not_applicable',
      score: null,
      notApplicableReason: 'no physical facilities',
    });
    expect(r.overall.criteria).toEqual({ ready: 1, partial: 0, gap: 31, not_applicable: 1 });
    expect(r.overall.score).toBe(Math.round(100 / 32));
    const cc6 = r.series.find((s) => s.id === 'CC6');
    expect(cc6?.criteria.not_applicable).toBe(1);
  });

  it('rolls up series and categories as the mean of their criteria scores', () => {
    const controls = ['CC8.1', 'CC9.1'].map((id) =>
      aControl().mappedTo(id).implemented().evidenced().build(),
    );
    controls.push(aControl().mappedTo('CC9.2').implemented().build());
    controls.push(aControl().mappedTo('A1.1').implemented().evidenced().build());
    const r = assess(controls, ['security', 'availability']);
    expect(r.series.find((s) => s.id === 'CC8')).toMatchObject({ status: 'ready', score: 100 });
    expect(r.series.find((s) => s.id === 'CC9')).toMatchObject({ status: 'partial', score: 75 });
    expect(r.series.find((s) => s.id === 'CC1')).toMatchObject({ status: 'gap', score: 0 });
    expect(r.categories.find((c) => c.id === 'availability')).toMatchObject({ score: 33, status: 'partial' });
    expect(r.categories.find((c) => c.id === 'security')?.score).toBe(Math.round(250 / 33));
  });
});
