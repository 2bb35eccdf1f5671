import type { TAudit } from '../../domain/audit/audit.ts';
import { POPULATION_KIND_LABELS, parsePopulationKind } from '../../domain/audit/populations.ts';
import { checkSeed, drawSample, populationDigest, sampleSize } from '../../domain/audit/sampling.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import type { TSample } from './audit-testing-ports.ts';
import { auditRange } from './control-timelines.ts';

export interface TDrawSampleInput {
  controlCode: string;
  kind: string;
  /** The auditor's size; by default the organization's or the guide's for the control's frequency. */
  size?: number | undefined;
  /** To draw again from a recorded seed; by default a new random 128-bit seed. */
  seed?: string | undefined;
}

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Draws a sample for one control of the audit from the population of the audit's period, and records it
 * with its seed, size and the population's digest. The same seed over the same population gives the same
 * items, so a sample can be re-drawn by anyone to show it was not picked by hand.
 */
export async function drawAuditSample(
  deps: AppDeps,
  scope: OrgScope,
  audit: TAudit,
  input: TDrawSampleInput,
): Promise<TSample> {
  const kind = parsePopulationKind(input.kind);
  const seed = input.seed !== undefined ? checkSeed(input.seed) : hex(deps.randomBytes(16));
  return deps.store.transaction(async (repos) => {
    const control = await repos.controls.findByCode(scope, input.controlCode);
    if (!control)
      throw new AttestlyError('NOT_FOUND', `no control "${input.controlCode}"`, { field: 'controlCode' });
    const population = await repos.populations.list(scope, kind, auditRange(audit));
    if (population.length === 0)
      throw new AttestlyError(
        'INVALID_INPUT',
        `no ${POPULATION_KIND_LABELS[kind].toLowerCase()} in the audit period: collect or import the population first`,
        { field: 'kind' },
      );
    const overrides = (await repos.samplingSettings.find(scope))?.sizes ?? {};
    const size = sampleSize(control.frequency, population.length, { requested: input.size, overrides });
    const itemIds = drawSample(
      seed,
      population.map((i) => i.externalId),
      size,
    );
    const sample: TSample = {
      id: deps.newId(),
      controlCode: control.code,
      kind,
      seed,
      size: itemIds.length,
      populationCount: population.length,
      populationDigest: populationDigest(population),
      itemIds,
      drawnBy: deps.actor.id,
      drawnAt: deps.clock.now(),
    };
    await repos.samples.insert(scope, audit.id, sample);
    await recordChange(
      repos,
      scope,
      deps,
      'sample.drawn',
      { type: 'audit', id: audit.id },
      {
        sample: sample.id,
        controlCode: sample.controlCode,
        kind,
        seed,
        size: sample.size,
        populationCount: sample.populationCount,
        populationDigest: sample.populationDigest,
        itemIds,
      },
    );
    return sample;
  });
}
