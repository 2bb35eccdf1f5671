import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { type Database, openDatabase } from '../../src/adapters/db/connect.ts';
import { createStore } from '../../src/adapters/db/create-store.ts';
import { migrate } from '../../src/adapters/db/migrate.ts';
import { type OrgScope, scopeOf, type TIntegration, type TMonitorRun } from '../../src/app/ports.ts';
import { diffOutcomes, indexStates, type TTransition } from '../../src/domain/monitoring/diff.ts';
import type { TOutcome } from '../../src/domain/monitoring/model.ts';

// The write side of a run against a real database (PGlite in memory): the first run stores a state row
// and a transition row for every (test, resource) pair; the next run reads the states back, diffs, and
// writes only the transitions, the way app/monitoring/run-integration.ts does, in one transaction each.

export interface TDbFigures {
  firstRunRows: number;
  firstRunMs: number;
  readStatesMs: number;
  changedRunRows: number;
  changedRunMs: number;
  storedTransitions: number;
}

const elapsed = (start: number) => performance.now() - start;

export async function measureDbWrites(
  first: readonly TOutcome[],
  changed: readonly TOutcome[],
  at: Date,
): Promise<TDbFigures> {
  const database = await openDatabase({ kind: 'pglite-memory' });
  try {
    await migrate(database);
    const store = createStore(database.db);
    const org = { id: randomUUID(), slug: 'bench', name: 'Benchmark' };
    await store.repos.organizations.create(org);
    const scope = scopeOf(org);
    const integration: Omit<TIntegration, 'orgId'> = {
      id: randomUUID(),
      type: 'bench',
      name: 'synthetic inventory',
      configSealed: 'not used by the benchmark',
      scheduleMinutes: 60,
      enabled: true,
      status: 'new',
      lastError: null,
      lastRunAt: null,
      nextRunAt: at,
      createdAt: at,
      delivery: 'collected',
    };
    await store.repos.monitoring.createIntegration(scope, integration);

    const write = async (transitions: TTransition[], when: Date) => {
      const run = runRow(integration.id, when, transitions.length);
      const start = performance.now();
      await store.transaction(async (repos) => {
        await repos.monitoring.insertRun(scope, run);
        await repos.monitoring.applyTransitions(scope, integration.id, run.id, transitions, when);
      });
      return elapsed(start);
    };

    const firstTransitions = diffOutcomes(new Map(), first);
    const firstRunMs = await write(firstTransitions, at);

    const readStart = performance.now();
    const states = await store.repos.monitoring.states(scope, integration.id);
    const previous = indexStates(states);
    const readStatesMs = elapsed(readStart);

    const changedTransitions = diffOutcomes(previous, changed);
    const changedRunMs = await write(changedTransitions, new Date(at.getTime() + 3_600_000));
    return {
      firstRunRows: firstTransitions.length,
      firstRunMs,
      readStatesMs,
      changedRunRows: changedTransitions.length,
      changedRunMs,
      storedTransitions: await countTransitions(database.db, scope),
    };
  } finally {
    await database.close();
  }
}

function runRow(integrationId: string, at: Date, transitions: number): TMonitorRun {
  return {
    id: randomUUID(),
    integrationId,
    startedAt: at,
    finishedAt: at,
    status: 'succeeded',
    error: null,
    resources: 0,
    passed: 0,
    failed: 0,
    errors: 0,
    notApplicable: 0,
    transitions,
    snapshotSha256: null,
    snapshotBlobKey: null,
  };
}

/** What the database holds afterwards, to show the rows were written and not merely counted. */
async function countTransitions(db: Database['db'], scope: OrgScope): Promise<number> {
  const row = await db
    .selectFrom('test_transitions')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('org_id', '=', scope.orgId)
    .executeTakeFirstOrThrow();
  return row.n;
}
