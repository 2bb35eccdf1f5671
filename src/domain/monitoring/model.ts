import type { z } from 'zod';

// The monitoring model (DESIGN.md): collectors turn a provider's API into typed resources; tests are pure
// functions over one resource type that judge each resource; a run keeps only what changed.

export const OUTCOME_STATUSES = ['pass', 'fail', 'not_applicable', 'error'] as const;
export type TOutcomeStatus = (typeof OUTCOME_STATUSES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type TSeverity = (typeof SEVERITIES)[number];

/** One thing observed in a system: a user, a repository, a database server's settings. */
export interface TResource<A = Record<string, unknown>> {
  type: string;
  /** Stable within its integration: the provider's id, ARN or DN. */
  id: string;
  name: string;
  attributes: A;
}

/** What a test says of one resource, with the fields it looked at, so a reader can check the verdict. */
export interface TVerdict {
  status: TOutcomeStatus;
  reason: string;
  fields: Record<string, unknown>;
}

export interface TEvaluationContext {
  now: Date;
}

/** A resource type: its name and the zod schema every collected resource of that type must satisfy. */
export interface TResourceType<S extends z.ZodType = z.ZodType> {
  type: string;
  title: string;
  schema: S;
}

/**
 * A built-in test. Code, reviewed in git; it never fetches and never reads the clock (the context says
 * what "now" is), so the same resources always give the same verdicts.
 */
export interface TTestDefinition<A = Record<string, unknown>> {
  id: string;
  title: string;
  severity: TSeverity;
  resourceType: string;
  rationale: string;
  remediation: string;
  /** Control ids of the library; the criteria follow from the controls. */
  controls: string[];
  evaluate(resource: TResource<A>, context: TEvaluationContext): TVerdict;
}

export interface TOutcome extends TVerdict {
  testId: string;
  resourceType: string;
  resourceId: string;
  resourceName: string;
}

export function pass(reason: string, fields: Record<string, unknown> = {}): TVerdict {
  return { status: 'pass', reason, fields };
}

export function fail(reason: string, fields: Record<string, unknown> = {}): TVerdict {
  return { status: 'fail', reason, fields };
}

export function notApplicable(reason: string, fields: Record<string, unknown> = {}): TVerdict {
  return { status: 'not_applicable', reason, fields };
}

const SEVERITY_RANK: Record<TSeverity, number> = { low: 1, medium: 2, high: 3, critical: 4 };

export function atLeast(severity: TSeverity, threshold: TSeverity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}
