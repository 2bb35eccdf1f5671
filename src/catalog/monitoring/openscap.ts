import { z } from 'zod';
import { fail, notApplicable, pass, type TSeverity, type TVerdict } from '../../domain/monitoring/model.ts';
import { defineTest, resourceType, type TProviderLibrary } from './define.ts';

// OpenSCAP: the rule results of an XCCDF 1.2 scan (`oscap xccdf eval`), one resource per rule per host, read
// from the XCCDF results or the ARF report. The benchmark (SCAP Security Guide, CIS, a company's own) is the
// documented hardening baseline; each rule result says whether the host meets one of its settings.

/** XCCDF 1.2 `resultEnumType`, as oscap writes it. */
export const XCCDF_RESULTS = [
  'pass',
  'fail',
  'error',
  'unknown',
  'notapplicable',
  'notchecked',
  'notselected',
  'informational',
  'fixed',
] as const;
export type TXccdfResult = (typeof XCCDF_RESULTS)[number];

/** XCCDF 1.2 `severityEnumType`. */
export const XCCDF_SEVERITIES = ['unknown', 'info', 'low', 'medium', 'high'] as const;
export type TXccdfSeverity = (typeof XCCDF_SEVERITIES)[number];

export const openscapRuleResult = resourceType(
  'openscap.rule_result',
  'OpenSCAP rule result',
  z.strictObject({
    /** The scanned host as oscap names it (the TestResult's target). */
    host: z.string().min(1).max(253),
    benchmark: z.string().max(300),
    /** The XCCDF profile evaluated; null when the scan ran without one. */
    profile: z.string().max(300).nullable(),
    /** The rule's XCCDF id (`xccdf_org.ssgproject.content_rule_…`). */
    ruleId: z.string().min(1).max(300),
    /** From the benchmark; the rule id when the file carries no benchmark. */
    title: z.string().max(1000),
    result: z.enum(XCCDF_RESULTS),
    severity: z.enum(XCCDF_SEVERITIES),
    /** The rule's CCE identifier, when the benchmark gives one. */
    cce: z.string().max(50).nullable(),
    /** Every identifier of the rule (CCE, DISA CCI, …) with its naming system. */
    idents: z.array(z.strictObject({ system: z.string().max(300), value: z.string().max(200) })).max(50),
    /** When oscap judged the rule (ISO 8601); null when the file does not say. */
    checkedAt: z.string().max(40).nullable(),
    /** oscap's own message about the rule, e.g. why it could not be checked. */
    message: z.string().max(2000).nullable(),
  }),
);

type TRuleResult = z.infer<typeof openscapRuleResult.schema>;

/** The test library's severity for an XCCDF one; `unknown` is judged as medium, `info` is not judged. */
export function severityOfRule(severity: TXccdfSeverity): TSeverity | null {
  if (severity === 'info') return null;
  return severity === 'unknown' ? 'medium' : severity;
}

const fieldsOf = (r: TRuleResult) => ({
  host: r.host,
  ruleId: r.ruleId,
  result: r.result,
  severity: r.severity,
  profile: r.profile,
  ...(r.cce ? { cce: r.cce } : {}),
});

/**
 * One rule result against the tests of one severity band: a rule that failed (or errored) in the band fails
 * (or errors) the test, one that passed or was fixed passes it, and everything oscap did not judge is not
 * applicable with oscap's own word for why.
 */
export function judgeRuleResult(r: TRuleResult, band: TSeverity): TVerdict {
  const severity = severityOfRule(r.severity);
  const fields = fieldsOf(r);
  if (severity !== band)
    return notApplicable(
      severity === null ? 'an informational rule' : `a ${r.severity}-severity rule`,
      fields,
    );
  const on = `${r.host}: ${r.title}`;
  switch (r.result) {
    case 'pass':
      return pass(`${on}: pass`, fields);
    case 'fixed':
      return pass(`${on}: fixed by the scan's remediation`, fields);
    case 'fail':
      return fail(`${on}: fail`, fields);
    case 'error':
    case 'unknown':
      return {
        status: 'error',
        reason: `${on}: oscap could not judge it (${r.result}${r.message ? `: ${r.message}` : ''})`,
        fields,
      };
    case 'notapplicable':
      return notApplicable(`${on}: does not apply to this host`, fields);
    case 'notchecked':
      return notApplicable(`${on}: not checked automatically; review it by hand`, fields);
    case 'notselected':
      return notApplicable(`${on}: not in the evaluated profile`, fields);
    case 'informational':
      return notApplicable(`${on}: informational`, fields);
  }
}

const BANDS: Array<{ band: TSeverity; id: string; title: string }> = [
  { band: 'high', id: 'openscap.high_severity_rules_pass', title: 'High-severity baseline rules pass' },
  { band: 'medium', id: 'openscap.medium_severity_rules_pass', title: 'Medium-severity baseline rules pass' },
  { band: 'low', id: 'openscap.low_severity_rules_pass', title: 'Low-severity baseline rules pass' },
];

export const openscapLibrary: TProviderLibrary = {
  provider: 'openscap',
  resourceTypes: [openscapRuleResult],
  // One test per severity band, so `--fail-on high` and the control status weigh a failed high-severity
  // rule as high and a failed low one as low. OPS-11 asks for hosts configured to a documented baseline
  // and a scanner that reports deviations: each failed rule is one such deviation.
  tests: BANDS.map(({ band, id, title }) =>
    defineTest(openscapRuleResult, {
      id,
      title,
      severity: band,
      rationale:
        'A host that departs from its hardening baseline (SCAP Security Guide, CIS or your own XCCDF ' +
        'benchmark) carries the weakness the rule was written against.',
      remediation:
        "Apply the rule's fix (oscap can generate it: `oscap xccdf generate fix --result-id …`), or tailor " +
        'the profile to exclude the rule with a documented reason, then scan again.',
      controls: ['OPS-11'],
      evaluate: (resource) => judgeRuleResult(resource.attributes, band),
    }),
  ),
};
