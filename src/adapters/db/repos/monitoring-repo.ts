import type { Kysely } from 'kysely';
import type { Repositories, TIntegration, TMonitorRun, TTestState } from '../../../app/ports.ts';
import { type TTransitionFacts, transitionsDigest } from '../../../domain/ledger.ts';
import type { TTransition } from '../../../domain/monitoring/diff.ts';
import type { TOutcomeStatus } from '../../../domain/monitoring/model.ts';
import type { DB } from '../schema.ts';
import { appendLedgerEntry, inTransaction } from './ledger-append.ts';

const BATCH = 1000;

function toIntegration(r: {
  id: string;
  org_id: string;
  type: string;
  name: string;
  config_sealed: string;
  schedule_minutes: number;
  enabled: boolean;
  status: string;
  last_error: Record<string, unknown> | null;
  last_run_at: Date | null;
  next_run_at: Date;
  created_at: Date;
  delivery: string;
}): TIntegration {
  return {
    id: r.id,
    orgId: r.org_id,
    type: r.type,
    name: r.name,
    configSealed: r.config_sealed,
    scheduleMinutes: r.schedule_minutes,
    enabled: r.enabled,
    status: r.status as TIntegration['status'],
    lastError: r.last_error as TIntegration['lastError'],
    lastRunAt: r.last_run_at,
    nextRunAt: r.next_run_at,
    createdAt: r.created_at,
    delivery: r.delivery === 'pushed' ? 'pushed' : 'collected',
  };
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

/** The transitions as test_transitions stores them, which is what their ledger digest covers. */
function* transitionFacts(transitions: TTransition[], at: Date): Iterable<TTransitionFacts> {
  const iso = at.toISOString();
  for (const t of transitions) {
    yield t.kind === 'gone'
      ? { testId: t.testId, resourceId: t.resourceId, fromStatus: t.from, toStatus: null, at: iso }
      : {
          testId: t.outcome.testId,
          resourceId: t.outcome.resourceId,
          fromStatus: t.kind === 'new' ? null : t.from,
          toStatus: t.outcome.status,
          at: iso,
        };
  }
}

export function monitoringRepo(db: Kysely<DB>): Repositories['monitoring'] {
  return {
    async createIntegration(scope, i) {
      await db
        .insertInto('integrations')
        .values({
          id: i.id,
          org_id: scope.orgId,
          type: i.type,
          name: i.name,
          config_sealed: i.configSealed,
          schedule_minutes: i.scheduleMinutes,
          enabled: i.enabled,
          status: i.status,
          last_error: i.lastError ? JSON.stringify(i.lastError) : null,
          last_run_at: i.lastRunAt,
          next_run_at: i.nextRunAt,
          created_at: i.createdAt,
          delivery: i.delivery,
        })
        .execute();
    },
    async listIntegrations(scope) {
      const rows = await db
        .selectFrom('integrations')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .orderBy('name')
        .execute();
      return rows.map(toIntegration);
    },
    async findIntegration(scope, idOrName) {
      const isUuid = /^[0-9a-f-]{36}$/i.test(idOrName);
      const row = await db
        .selectFrom('integrations')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .where(isUuid ? 'id' : 'name', '=', idOrName)
        .executeTakeFirst();
      return row ? toIntegration(row) : null;
    },
    async dueIntegrations(now, limit) {
      const rows = await db
        .selectFrom('integrations')
        .selectAll()
        .where('enabled', '=', true)
        .where('delivery', '=', 'collected')
        .where('next_run_at', '<=', now)
        .orderBy('next_run_at')
        .limit(limit)
        .execute();
      return rows.map(toIntegration);
    },
    async insertRun(scope, run: TMonitorRun, scheduledFor = null) {
      const inserted = await db
        .insertInto('monitor_runs')
        .values({
          id: run.id,
          org_id: scope.orgId,
          integration_id: run.integrationId,
          started_at: run.startedAt,
          finished_at: run.finishedAt,
          status: run.status,
          error: run.error ? JSON.stringify(run.error) : null,
          resources: run.resources,
          passed: run.passed,
          failed: run.failed,
          errors: run.errors,
          not_applicable: run.notApplicable,
          transitions: run.transitions,
          snapshot_sha256: run.snapshotSha256,
          snapshot_blob_key: run.snapshotBlobKey,
          scheduled_for: scheduledFor,
        })
        .onConflict((oc) => oc.columns(['org_id', 'integration_id', 'scheduled_for']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return inserted !== undefined;
    },
    async updateIntegrationAfterRun(scope, id, update) {
      await db
        .updateTable('integrations')
        .set({
          status: update.status,
          last_error: update.lastError ? JSON.stringify(update.lastError) : null,
          last_run_at: update.lastRunAt,
          next_run_at: update.nextRunAt,
        })
        .where('org_id', '=', scope.orgId)
        .where('id', '=', id)
        .execute();
    },
    async claimDue(id, expectedNextRunAt, nextRunAt) {
      const result = await db
        .updateTable('integrations')
        .set({ next_run_at: nextRunAt })
        .where('id', '=', id)
        .where('next_run_at', '=', expectedNextRunAt)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async replaceIntegrationConfig(scope, id, configSealed) {
      await db
        .updateTable('integrations')
        .set({ config_sealed: configSealed })
        .where('org_id', '=', scope.orgId)
        .where('id', '=', id)
        .execute();
    },
    async states(scope, integrationId) {
      let query = db.selectFrom('test_states').selectAll().where('org_id', '=', scope.orgId);
      if (integrationId !== undefined) query = query.where('integration_id', '=', integrationId);
      const rows = await query.orderBy('test_id').orderBy('resource_id').execute();
      return rows.map(
        (r): TTestState => ({
          integrationId: r.integration_id,
          testId: r.test_id,
          resourceId: r.resource_id,
          resourceType: r.resource_type,
          resourceName: r.resource_name,
          status: r.status as TOutcomeStatus,
          reason: r.reason,
          fields: r.fields,
          since: r.since,
        }),
      );
    },
    applyTransitions: (scope, integrationId, runId, transitions, at) =>
      inTransaction(db, async (db) => {
        const upserts = transitions.flatMap((t) => (t.kind === 'gone' ? [] : [t.outcome]));
        for (const batch of chunks(upserts)) {
          await db
            .insertInto('test_states')
            .values(
              batch.map((o) => ({
                org_id: scope.orgId,
                integration_id: integrationId,
                test_id: o.testId,
                resource_id: o.resourceId,
                resource_type: o.resourceType,
                resource_name: o.resourceName,
                status: o.status,
                reason: o.reason,
                fields: JSON.stringify(o.fields),
                since: at,
              })),
            )
            .onConflict((oc) =>
              oc.columns(['org_id', 'integration_id', 'test_id', 'resource_id']).doUpdateSet((eb) => ({
                status: eb.ref('excluded.status'),
                reason: eb.ref('excluded.reason'),
                fields: eb.ref('excluded.fields'),
                resource_name: eb.ref('excluded.resource_name'),
                since: eb.ref('excluded.since'),
              })),
            )
            .execute();
        }
        const gone = transitions.filter((t) => t.kind === 'gone');
        for (const batch of chunks(gone)) {
          await db
            .deleteFrom('test_states')
            .where('org_id', '=', scope.orgId)
            .where('integration_id', '=', integrationId)
            .where((eb) =>
              eb.or(
                batch.map((t) =>
                  eb.and([eb('test_id', '=', t.testId), eb('resource_id', '=', t.resourceId)]),
                ),
              ),
            )
            .execute();
        }
        for (const batch of chunks(transitions)) {
          await db
            .insertInto('test_transitions')
            .values(
              batch.map((t) => ({
                org_id: scope.orgId,
                integration_id: integrationId,
                run_id: runId,
                test_id: t.kind === 'gone' ? t.testId : t.outcome.testId,
                resource_id: t.kind === 'gone' ? t.resourceId : t.outcome.resourceId,
                from_status: t.kind === 'new' ? null : t.from,
                to_status: t.kind === 'gone' ? null : t.outcome.status,
                reason: t.kind === 'gone' ? 'the resource is no longer there' : t.outcome.reason,
                at,
              })),
            )
            .execute();
        }
        // One ledger entry per run, even one that changed nothing: the ledger shows the run happened.
        await appendLedgerEntry(db, scope.orgId, {
          occurredAt: at,
          kind: 'test_transitions',
          refId: runId,
          digest: transitionsDigest(runId, transitionFacts(transitions, at)),
        });
      }),
    async listRuns(scope, integrationId, limit) {
      const rows = await db
        .selectFrom('monitor_runs')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .where('integration_id', '=', integrationId)
        .orderBy('started_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map(
        (r): TMonitorRun => ({
          id: r.id,
          integrationId: r.integration_id,
          startedAt: r.started_at,
          finishedAt: r.finished_at,
          status: r.status as TMonitorRun['status'],
          error: r.error as TMonitorRun['error'],
          resources: r.resources,
          passed: r.passed,
          failed: r.failed,
          errors: r.errors,
          notApplicable: r.not_applicable,
          transitions: r.transitions,
          snapshotSha256: r.snapshot_sha256,
          snapshotBlobKey: r.snapshot_blob_key,
        }),
      );
    },
  };
}
