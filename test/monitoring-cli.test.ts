import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliWorkspace } from './support/cli.ts';
import { ENGINE } from './support/database.ts';
import { startCluster, type TCluster } from './support/pg-cluster.ts';

// The monitoring journey from the command line, against a real PostgreSQL server whose settings we change:
// connect it, see failing and passing tests move readiness, fix a setting, see the test pass; and
// `attestly scan --fail-on high` failing a pipeline.

let cluster: TCluster;
let ws: Awaited<ReturnType<typeof cliWorkspace>>;

beforeAll(async () => {
  cluster = await startCluster({
    settings: { log_connections: 'off', log_disconnections: 'off' },
    hba: ['host all all 127.0.0.1/32 scram-sha-256'],
  });
  ws = await cliWorkspace();
});
afterAll(async () => {
  await cluster?.stop();
  await ws?.drop();
});

const url = () => cluster.url('postgres', cluster.superuserPassword, { tls: false });

describe(`monitoring from the command line on ${ENGINE}`, () => {
  it('connects PostgreSQL, fails the logging test, and passes it once the setting is fixed', async () => {
    expect((await ws.run('init', '--name', 'Acme', '--type', 'type1', '--as-of', '2026-12-31')).code).toBe(0);
    const added = await ws.run(
      'integrations',
      'add',
      '--type',
      'postgres',
      '--name',
      'app-db',
      '--config',
      JSON.stringify({ url: url() }),
    );
    expect(added).toMatchObject({ code: 0, stderr: '' });

    const first = await ws.run('integrations', 'run', 'app-db');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^app-db: \d+ resources, \d+ passed, [1-9]\d* failed/);
    const failing = JSON.parse(
      (await ws.run('integrations', 'results', 'app-db', '--failing', '--json')).stdout,
    );
    expect(failing.map((s: { testId: string }) => s.testId)).toContain('postgres.connection_logging');

    const evidencedCC72 = async () =>
      JSON.parse((await ws.run('readiness', '--json')).stdout).criteria.find(
        (c: { id: string }) => c.id === 'CC7.2',
      ).controls.evidenced as number;
    const before = await evidencedCC72();

    await cluster.sql(
      "ALTER SYSTEM SET log_connections = 'on'; ALTER SYSTEM SET log_disconnections = 'on'; ALTER SYSTEM SET log_statement = 'ddl'; SELECT pg_reload_conf();",
    );
    const second = await ws.run('integrations', 'run', 'app-db');
    expect(second.stdout).toMatch(/[1-9]\d* changes$/);
    const after = JSON.parse((await ws.run('integrations', 'results', 'app-db', '--json')).stdout);
    expect(after.find((s: { testId: string }) => s.testId === 'postgres.connection_logging')).toMatchObject({
      status: 'pass',
    });
    expect(await evidencedCC72()).toBe(before + 1);
  });

  it('records an unreachable server as a failed run, with the driver message', async () => {
    await ws.run(
      'integrations',
      'add',
      '--type',
      'postgres',
      '--name',
      'gone-db',
      '--config',
      JSON.stringify({ url: 'postgres://x:y@127.0.0.1:1/db' }),
    );
    const run = await ws.run('integrations', 'run', 'gone-db');
    expect(run.code).toBe(10);
    expect(run.stdout).toMatch(/^gone-db: collection failed: .*ECONNREFUSED|connect/);
    const list = JSON.parse((await ws.run('integrations', 'list', '--json')).stdout);
    expect(list.find((i: { name: string }) => i.name === 'gone-db')).toMatchObject({ status: 'failed' });
    expect(JSON.stringify(list)).not.toContain(cluster.superuserPassword);
  });

  it('fails a pipeline with attestly scan --fail-on high, and passes it below the threshold', async () => {
    const file = join(ws.dataDir, 'scan.json');
    writeFileSync(
      file,
      JSON.stringify({ integrations: [{ type: 'postgres', url: { env: 'SCAN_DB_URL' } }] }),
    );
    ws.env.SCAN_DB_URL = url();
    await cluster.sql("ALTER SYSTEM SET password_encryption = 'md5'; SELECT pg_reload_conf();");
    const strict = await ws.run('scan', '--config', file, '--format', 'json', '--fail-on', 'medium');
    expect(strict.code).toBe(1);
    const report = JSON.parse(strict.stdout);
    expect(Object.keys(report)).toEqual(['results', 'integrations', 'summary']);
    expect(
      report.results.find((r: { test: string }) => r.test === 'postgres.password_encryption_scram'),
    ).toMatchObject({ status: 'fail', severity: 'medium' });
    const lenient = await ws.run('scan', '--config', file, '--fail-on', 'critical');
    expect(lenient.code).toBe(0);
    const sarif = JSON.parse((await ws.run('scan', '--config', file, '--format', 'sarif')).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(
      sarif.runs[0].results.some(
        (r: { ruleId: string }) => r.ruleId === 'postgres.password_encryption_scram',
      ),
    ).toBe(true);
    writeFileSync(
      file,
      JSON.stringify({ integrations: [{ type: 'postgres', url: 'postgres://x:y@127.0.0.1:1/db' }] }),
    );
    expect((await ws.run('scan', '--config', file)).code).toBe(2);
  });
});
