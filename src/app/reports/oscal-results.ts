import {
  hasValidEvidence,
  type TControlMonitoring,
  type TEvidenceValidity,
  type TReadiness,
} from '../../domain/readiness.ts';
import type { TOscalAssessmentResults } from '../../domain/reports/oscal-schema.ts';
import {
  ATTESTLY_NS,
  applicableCriteria,
  componentUuid,
  controlIdOf,
  controlsInScope,
  oscalMetadata,
  type TOscalContext,
} from './oscal-context.ts';

// OSCAL Assessment Results for the report period: one result whose observations are what Attestly saw of
// each control (its automated tests, its evidence on file, and, inside an audit, its timeline over the
// window) and whose findings judge each applicable criterion from the readiness assessment.

type TResult = TOscalAssessmentResults['assessment-results']['results'][number];
type TObservation = NonNullable<TResult['observations']>[number];
type TFinding = NonNullable<TResult['findings']>[number];

/** A control's day-by-day record over an audit window (helper C's control timelines), when there is an audit. */
export interface TTimelineFact {
  controlCode: string;
  coverage: number;
  exceptions: Array<{ kind: string; from: string; to: string; detail: string }>;
}

export interface TResultFacts {
  /** The date the readiness was judged at: the period's end, or today when that is earlier. */
  asOf: string;
  readiness: TReadiness;
  monitoring: ReadonlyMap<string, TControlMonitoring>;
  /** Evidence validity by control id. */
  evidence: ReadonlyMap<string, TEvidenceValidity[]>;
  timelines: TTimelineFact[];
}

const prop = (name: string, value: string) => ({ name, ns: ATTESTLY_NS, value });

function observations(ctx: TOscalContext, facts: TResultFacts): TObservation[] {
  const out: TObservation[] = [];
  const timelines = new Map(facts.timelines.map((t) => [t.controlCode, t]));
  for (const control of controlsInScope(ctx)) {
    if (control.status === 'not_applicable') continue;
    const subjects = [{ 'subject-uuid': componentUuid(ctx, control.code), type: 'component' as const }];
    const monitoring = facts.monitoring.get(control.code);
    if (monitoring) {
      const failing = monitoring.failing;
      out.push({
        uuid: ctx.uuid('observation', 'tests', control.code, facts.asOf),
        title: `Automated tests of ${control.code}`,
        description:
          failing.length === 0
            ? `Every automated test mapped to ${control.code} passes on the latest results.`
            : `${failing.length} failing result${failing.length === 1 ? '' : 's'} for ${control.code}: ${failing
                .map((f) => `${f.title} on ${f.resourceName}`)
                .join('; ')}.`,
        props: [prop('control-code', control.code), prop('monitoring-status', monitoring.status)],
        methods: ['TEST'],
        types: [failing.length === 0 ? 'control-objective' : 'finding'],
        subjects,
        collected: ctx.generatedAt,
      });
    }
    const evidenced = hasValidEvidence(facts.evidence.get(control.id) ?? [], facts.asOf);
    out.push({
      uuid: ctx.uuid('observation', 'evidence', control.code, facts.asOf),
      title: `Evidence on file for ${control.code}`,
      description: evidenced
        ? `Evidence linked to ${control.code} is valid on ${facts.asOf}.`
        : `No evidence linked to ${control.code} is valid on ${facts.asOf}.`,
      props: [prop('control-code', control.code), prop('control-status', control.status)],
      methods: ['EXAMINE'],
      types: [evidenced ? 'control-objective' : 'finding'],
      subjects,
      collected: ctx.generatedAt,
    });
    const timeline = timelines.get(control.code);
    if (timeline)
      out.push({
        uuid: ctx.uuid('observation', 'timeline', control.code, ctx.window.from, ctx.window.to),
        title: `${control.code} over ${ctx.window.from} to ${ctx.window.to}`,
        description:
          timeline.exceptions.length === 0
            ? `${control.code} was covered on ${timeline.coverage}% of the days of the window, without exceptions.`
            : `${control.code} was covered on ${timeline.coverage}% of the days of the window; exceptions: ${timeline.exceptions
                .map((e) => `${e.kind} from ${e.from} to ${e.to} (${e.detail})`)
                .join('; ')}.`,
        props: [prop('control-code', control.code), prop('coverage-percent', String(timeline.coverage))],
        methods: ['TEST'],
        types: [timeline.exceptions.length === 0 ? 'control-objective' : 'finding'],
        subjects,
        collected: ctx.generatedAt,
      });
  }
  return out;
}

function findings(ctx: TOscalContext, facts: TResultFacts, observed: TObservation[]): TFinding[] {
  const byControl = new Map<string, string[]>();
  for (const o of observed) {
    const code = o.props?.find((p) => p.name === 'control-code')?.value;
    if (code) byControl.set(code, [...(byControl.get(code) ?? []), o.uuid]);
  }
  const gaps = new Map(facts.readiness.gaps.map((g) => [g.criterionId, g]));
  return facts.readiness.criteria
    .filter((c) => c.status !== 'not_applicable')
    .map((c) => {
      const gap = gaps.get(c.id);
      const related = c.controlCodes.flatMap((code) => byControl.get(code) ?? []);
      return {
        uuid: ctx.uuid('finding', c.id, facts.asOf),
        title: `${c.id}: ${c.status === 'ready' ? 'ready' : `${c.status} (${c.score ?? 0}%)`}`,
        description: gap
          ? `${c.id} is ${c.status} on ${facts.asOf} (score ${gap.score}%). Next: ${gap.nextAction}.`
          : `Every applicable control for ${c.id} is implemented and shown to operate on ${facts.asOf}.`,
        props: [prop('readiness-score', String(c.score ?? 0))],
        target: {
          type: 'objective-id' as const,
          'target-id': controlIdOf(c.id),
          status:
            c.status === 'ready' ? { state: 'satisfied' as const } : { state: 'not-satisfied' as const },
        },
        ...(related.length > 0
          ? { 'related-observations': related.map((u) => ({ 'observation-uuid': u })) }
          : {}),
      };
    });
}

/** The Assessment Results of the period. */
export function oscalAssessmentResults(ctx: TOscalContext, facts: TResultFacts): TOscalAssessmentResults {
  const plan = {
    uuid: ctx.uuid('resource', 'assessment-plan', ctx.window.from, ctx.window.to),
    title: 'Attestly readiness assessment and continuous monitoring',
    description: `Attestly judges each criterion in scope from its controls' status, evidence and automated tests${ctx.window.source === 'audit' ? ", over the audit's window" : ''}; there is no separate OSCAL assessment plan.`,
  };
  const observed = observations(ctx, facts);
  const found = findings(ctx, facts, observed);
  const criteria = applicableCriteria(ctx);
  return {
    'assessment-results': {
      uuid: ctx.uuid('assessment-results', ctx.window.from, ctx.window.to),
      metadata: oscalMetadata(ctx, `Assessment results: ${ctx.org.name} (SOC 2)`),
      'import-ap': { href: `#${plan.uuid}` },
      results: [
        {
          uuid: ctx.uuid('result', ctx.window.from, ctx.window.to),
          title: `SOC 2 readiness and monitoring, ${ctx.window.from} to ${ctx.window.to}`,
          description: `What Attestly recorded of ${ctx.org.name}'s controls for the ${ctx.window.source === 'audit' ? 'audit' : 'report'} period, judged on ${facts.asOf}.`,
          start: `${ctx.window.from}T00:00:00Z`,
          end: `${ctx.window.to}T23:59:59Z`,
          props: [prop('readiness-score', String(facts.readiness.overall.score ?? 0))],
          'reviewed-controls': {
            'control-selections': [
              { 'include-controls': criteria.map((c) => ({ 'control-id': controlIdOf(c.id) })) },
            ],
          },
          ...(observed.length > 0 ? { observations: observed } : {}),
          ...(found.length > 0 ? { findings: found } : {}),
        },
      ],
      'back-matter': { resources: [plan] },
    },
  };
}
