import { describe, expect, it } from 'vitest';
import { evaluateInventory } from '../../domain/monitoring/evaluate.ts';
import type { TOutcomeStatus, TResource } from '../../domain/monitoring/model.ts';
import { loadCatalog } from '../load-catalog.ts';
import { buildLibrary } from './library.ts';
import { openscapLibrary, openscapRuleResult, type TXccdfResult, type TXccdfSeverity } from './openscap.ts';

const library = buildLibrary([openscapLibrary], new Set(loadCatalog().controls.map((c) => c.id)));
const NOW = { now: new Date('2025-06-30T12:00:00Z') };

function ruleResult(
  result: TXccdfResult,
  severity: TXccdfSeverity,
  rule = `rule_${result}_${severity}`,
): TResource {
  const attributes = openscapRuleResult.schema.parse({
    host: 'web-01',
    benchmark: 'xccdf_org.ssgproject.content_benchmark_DEBIAN-12',
    profile: 'xccdf_org.ssgproject.content_profile_standard',
    ruleId: `xccdf_org.ssgproject.content_rule_${rule}`,
    title: rule,
    result,
    severity,
    cce: null,
    idents: [],
    checkedAt: '2025-06-30T11:00:00+00:00',
    message: result === 'error' ? 'probe failed' : null,
  });
  return { type: openscapRuleResult.type, id: `web-01/${rule}`, name: rule, attributes };
}

/** The verdict of each band's test on one rule result: [high, medium, low]. */
function verdicts(resource: TResource): TOutcomeStatus[] {
  const outcomes = evaluateInventory([resource], library.tests, NOW);
  return ['high', 'medium', 'low'].map(
    (band) => outcomes.find((o) => o.testId === `openscap.${band}_severity_rules_pass`)?.status ?? 'error',
  );
}

describe('the OpenSCAP tests', () => {
  it('fail a failed rule in its own severity band only', () => {
    expect(verdicts(ruleResult('fail', 'high'))).toEqual(['fail', 'not_applicable', 'not_applicable']);
    expect(verdicts(ruleResult('fail', 'medium'))).toEqual(['not_applicable', 'fail', 'not_applicable']);
    expect(verdicts(ruleResult('fail', 'low'))).toEqual(['not_applicable', 'not_applicable', 'fail']);
  });

  it('judge a rule of unknown severity as medium and leave informational rules alone', () => {
    expect(verdicts(ruleResult('fail', 'unknown'))).toEqual(['not_applicable', 'fail', 'not_applicable']);
    expect(verdicts(ruleResult('fail', 'info'))).toEqual([
      'not_applicable',
      'not_applicable',
      'not_applicable',
    ]);
  });

  it.each<[TXccdfResult, TOutcomeStatus]>([
    ['pass', 'pass'],
    ['fixed', 'pass'],
    ['fail', 'fail'],
    ['error', 'error'],
    ['unknown', 'error'],
    ['notapplicable', 'not_applicable'],
    ['notchecked', 'not_applicable'],
    ['notselected', 'not_applicable'],
    ['informational', 'not_applicable'],
  ])('map the XCCDF result %s to %s', (result, status) => {
    expect(verdicts(ruleResult(result, 'high'))[0]).toBe(status);
  });

  it('say what was judged, with oscap message when it could not judge', () => {
    const [outcome] = evaluateInventory([ruleResult('error', 'high')], library.tests, NOW).filter(
      (o) => o.testId === 'openscap.high_severity_rules_pass',
    );
    expect(outcome?.reason).toBe('web-01: rule_error_high: oscap could not judge it (error: probe failed)');
    expect(outcome?.fields).toMatchObject({ host: 'web-01', result: 'error', severity: 'high' });
  });

  it('map every test to the hardening-baseline control with the severity of its band', () => {
    expect(library.tests.map((t) => [t.id, t.severity, t.controls])).toEqual([
      ['openscap.high_severity_rules_pass', 'high', ['OPS-11']],
      ['openscap.low_severity_rules_pass', 'low', ['OPS-11']],
      ['openscap.medium_severity_rules_pass', 'medium', ['OPS-11']],
    ]);
  });
});
