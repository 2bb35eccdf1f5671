import type {
  TPopulationAttribute,
  TPopulationKind,
  TPopulationSourceKind,
} from '../../domain/audit/populations.ts';
import type { TSamplingOverrides } from '../../domain/audit/sampling.ts';
import type { TTimelineTransition } from '../../domain/audit/timeline.ts';
import type { OrgScope } from '../org-scope.ts';

// The repositories of Type 2 testing: populations, samples, the organization's sample sizes, and the
// whole-organization reads the control timelines are built from.

/** One population item to store; the same kind and external id update the stored item in place. */
export interface TPopulationItemInput {
  kind: TPopulationKind;
  externalId: string;
  occurredAt: Date;
  title: string;
  attributes: Record<string, TPopulationAttribute>;
  source: { kind: TPopulationSourceKind; ref: string; collectedAt: Date };
}

export interface TStoredPopulationItem extends TPopulationItemInput {
  id: string;
}

/** One kind's items in a period: how many, and from which sources. */
export interface TPopulationSummary {
  kind: string;
  count: number;
  sources: Array<{ kind: TPopulationSourceKind; ref: string; count: number; lastCollectedAt: Date }>;
}

export interface PopulationsRepo {
  /**
   * Inserts new items and updates those whose content changed (an unchanged item keeps when it was first
   * collected); returns how many were inserted or changed.
   */
  upsert(scope: OrgScope, items: TPopulationItemInput[]): Promise<number>;
  /** Items of the kind that occurred in [from, to] (both inclusive), by time then external id. */
  list(scope: OrgScope, kind: string, range: { from: Date; to: Date }): Promise<TStoredPopulationItem[]>;
  /** Each kind with items in [from, to], with their sources. */
  summarize(scope: OrgScope, range: { from: Date; to: Date }): Promise<TPopulationSummary[]>;
  /** Items of the kind with these external ids (any date). */
  findByExternalIds(scope: OrgScope, kind: string, externalIds: string[]): Promise<TStoredPopulationItem[]>;
}

/** A sample drawn for one control of an audit, from one population. */
export interface TSample {
  id: string;
  controlCode: string;
  kind: string;
  seed: string;
  size: number;
  populationCount: number;
  populationDigest: string;
  /** External ids of the items drawn, sorted. */
  itemIds: string[];
  drawnBy: string;
  drawnAt: Date;
}

export interface SamplesRepo {
  insert(scope: OrgScope, auditId: string, sample: TSample): Promise<void>;
  /** Oldest first. */
  list(scope: OrgScope, auditId: string): Promise<TSample[]>;
}

export interface TSamplingSettings {
  sizes: TSamplingOverrides;
  updatedBy: string;
  updatedAt: Date;
}

export interface SamplingSettingsRepo {
  find(scope: OrgScope): Promise<TSamplingSettings | null>;
  save(scope: OrgScope, settings: TSamplingSettings): Promise<void>;
}

/** The reads behind the control timelines: one query per table for the whole organization. */
export interface TimelineSourcesRepo {
  /**
   * The transitions of every pair in [from, to], plus the latest one of each pair before from (where the
   * pair stood when the period began), in time order.
   */
  transitions(scope: OrgScope, range: { from: Date; to: Date }): Promise<TTimelineTransition[]>;
  /** Each (integration, UTC day) in [from, to] with at least one succeeded run. */
  runDays(
    scope: OrgScope,
    range: { from: Date; to: Date },
  ): Promise<Array<{ integrationId: string; day: string }>>;
  /** The validity of every evidence item linked to a control, by control code. */
  evidenceValidity(
    scope: OrgScope,
  ): Promise<Array<{ controlCode: string; validFrom: string; validUntil: string | null }>>;
}
