import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/adapters/db/connect.ts';
import { cliWorkspace } from './support/cli.ts';
import { ENGINE } from './support/database.ts';

// The journey of the Foundation issue from the command line: init, readiness, controls, evidence.

type Workspace = Awaited<ReturnType<typeof cliWorkspace>>;
let ws: Workspace;

const INIT = [
  'init',
  '--name',
  'Acme Cloud',
  '--type',
  'type2',
  '--window-start',
  '2026-01-01',
  '--window-end',
  '2026-06-30',
];

async function readiness(extra: string[] = []) {
  const result = await ws.run('readiness', '--json', ...extra);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

beforeAll(async () => {
  ws = await cliWorkspace();
});
afterAll(() => ws.drop());

describe(`attestly command line on ${ENGINE}`, () => {
  it('refuses to assess before init, with a hint', async () => {
    expect(await ws.run('readiness')).toMatchObject({
      code: 5,
      stderr: 'attestly: error: no organization yet: run "attestly init" first',
    });
  });

  it('init creates the program for its scope and readiness assesses exactly that scope', async () => {
    const init = await ws.run(
      ...INIT,
      '--tsc',
      'availability,confidentiality',
      '--component',
      'infrastructure:AWS production',
    );
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('Created Acme Cloud (slug acme-cloud).');
    expect(init.stdout).toContain('SOC 2 Type 2 over 2026-01-01 to 2026-06-30.');

    const report = await readiness();
    expect(report.organization).toEqual({ slug: 'acme-cloud', name: 'Acme Cloud' });
    expect(report.program).toMatchObject({
      reportType: 'type2',
      window: { start: '2026-01-01', end: '2026-06-30' },
      categories: ['security', 'availability', 'confidentiality'],
    });
    expect(report.criteria).toHaveLength(33 + 3 + 2);
    expect(report.criteria.map((c: { id: string }) => c.id)).toContain('C1.2');
    expect(report.criteria.map((c: { id: string }) => c.id)).not.toContain('PI1.1');
    expect(report.categories.map((c: { id: string }) => c.id)).toEqual([
      'security',
      'availability',
      'confidentiality',
    ]);
    expect(report.overall).toEqual({
      status: 'gap',
      score: 0,
      criteria: { ready: 0, partial: 0, gap: 38, not_applicable: 0 },
    });
    expect(report.gaps).toHaveLength(38);
    expect(report.gaps[0].nextAction).toMatch(/^Start implementing /);
    const cc61 = report.criteria.find((c: { id: string }) => c.id === 'CC6.1');
    expect(cc61.controlCodes).toContain('AC-01');
  });

  it('readiness changes when a control is implemented, then when it is evidenced', async () => {
    const before = (await readiness()).criteria.find((c: { id: string }) => c.id === 'CC6.1');
    const set = await ws.run(
      'controls',
      'set',
      'AC-01',
      '--status',
      'implemented',
      '--owner',
      'it@acme.test',
    );
    expect(set).toMatchObject({ code: 0, stderr: '' });
    expect(set.stdout).toBe('AC-01 is now implemented, owner it@acme.test.');
    const implemented = (await readiness()).criteria.find((c: { id: string }) => c.id === 'CC6.1');
    expect(implemented.controls.implemented).toBe(before.controls.implemented + 1);
    expect(implemented.score).toBeGreaterThan(before.score);

    const file = join(ws.dataDir, 'sso-settings.txt');
    writeFileSync(file, 'SSO enforced for all apps\n');
    const added = await ws.run(
      'evidence',
      'add',
      file,
      '--control',
      'AC-01',
      '--valid-until',
      '2027-01-31',
      '--json',
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({
      fileName: 'sso-settings.txt',
      sha256: createHash('sha256').update('SSO enforced for all apps\n').digest('hex'),
      controlCodes: ['AC-01'],
      validUntil: '2027-01-31',
    });
    const evidenced = (await readiness()).criteria.find((c: { id: string }) => c.id === 'CC6.1');
    expect(evidenced.controls.evidenced).toBe(before.controls.evidenced + 1);
    expect(evidenced.score).toBeGreaterThan(implemented.score);
    const later = (await readiness(['--as-of', '2027-02-01'])).criteria.find(
      (c: { id: string }) => c.id === 'CC6.1',
    );
    expect(later.controls.evidenced).toBe(before.controls.evidenced);
  });

  it('lists and filters controls, and marks one not applicable with its reason', async () => {
    const listed = await ws.run('controls', '--criterion', 'cc6.4', '--json');
    expect(listed.code).toBe(0);
    const controls = JSON.parse(listed.stdout);
    expect(controls.length).toBeGreaterThan(0);
    expect(controls.every((c: { criteria: string[] }) => c.criteria.includes('CC6.4'))).toBe(true);
    const code = controls[0].code;
    const na = await ws.run('controls', 'set', code, '--not-applicable', 'fully remote company');
    expect(na.stdout).toContain(`${code} is now not applicable (fully remote company)`);
    const implemented = JSON.parse(
      (await ws.run('controls', 'list', '--status', 'implemented', '--json')).stdout,
    );
    expect(implemented.map((c: { code: string }) => c.code)).toEqual(['AC-01']);
  });

  it('marks a criterion not applicable and brings it back', async () => {
    expect(
      (await ws.run('criteria', 'exclude', 'CC6.4', '--reason', 'no offices or data centres')).code,
    ).toBe(0);
    const excluded = (await readiness()).criteria.find((c: { id: string }) => c.id === 'CC6.4');
    expect(excluded).toMatchObject({
      status: 'not_applicable',
      notApplicableReason: 'no offices or data centres',
    });
    expect((await ws.run('criteria', 'include', 'CC6.4')).code).toBe(0);
    expect((await readiness()).criteria.find((c: { id: string }) => c.id === 'CC6.4').status).not.toBe(
      'not_applicable',
    );
  });

  it('says what is wrong in one line, with a non-zero exit, and writes nothing', async () => {
    const cases: Array<[string[], number, string]> = [
      [['controls', 'set', 'ZZ-99', '--status', 'implemented'], 3, 'unknown control "ZZ-99"'],
      [['controls', 'set', 'AC-01', '--status', 'finished'], 2, 'unknown control status "finished"'],
      [['controls', 'set', 'AC-01', '--status', 'not-applicable'], 2, 'needs a reason'],
      [['controls', '--criterion', 'CC10.1'], 3, 'unknown criterion "CC10.1"'],
      [['criteria', 'exclude', 'CC8.2', '--reason', 'x'], 3, 'unknown criterion "CC8.2"'],
      [['evidence', 'add', 'no-such-file.pdf', '--control', 'AC-01'], 3, 'no such file: no-such-file.pdf'],
      [
        [
          'evidence',
          'add',
          join(ws.dataDir, 'sso-settings.txt'),
          '--control',
          'AC-01',
          '--valid-until',
          '2026-02-30',
        ],
        2,
        'not a real date',
      ],
      [
        ['evidence', 'add', join(ws.dataDir, 'sso-settings.txt'), '--control', 'NOPE-01'],
        3,
        'unknown control "NOPE-01"',
      ],
      [['readiness', '--as-of', '2026-13-01'], 2, 'not a real date'],
      [['readiness', '--bogus'], 2, "Unknown option '--bogus'"],
      [['frobnicate'], 2, 'unknown command "frobnicate"'],
      [[...INIT], 4, 'already exists'],
      [
        [
          'init',
          '--name',
          'Other',
          '--type',
          'type2',
          '--window-start',
          '2026-06-01',
          '--window-end',
          '2026-01-01',
        ],
        2,
        'ends (2026-01-01) before it starts (2026-06-01)',
      ],
      [['init', '--name', 'Other', '--type', 'type1', '--as-of', '2026-02-30'], 2, 'not a real date'],
      [
        ['init', '--name', 'Other', '--type', 'type1', '--as-of', '2026-12-31', '--tsc', 'security,secrecy'],
        2,
        'unknown trust services category "secrecy"',
      ],
    ];
    const evidenceBefore = JSON.parse((await ws.run('evidence', 'list', '--json')).stdout).length;
    for (const [argv, code, message] of cases) {
      const result = await ws.run(...argv);
      expect({ argv, code: result.code }).toEqual({ argv, code });
      expect(result.stderr.split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(message);
      expect(result.stderr).toMatch(/^attestly: error: /);
    }
    const list = await ws.run('evidence', 'list', '--json');
    expect(JSON.parse(list.stdout)).toHaveLength(evidenceBefore);
    const other = await ws.run('readiness', '--org', 'other');
    expect(other).toMatchObject({ code: 3, stderr: 'attestly: error: no organization with slug "other"' });
  });

  it('prints the catalog with the documented JSON shape, without a database', async () => {
    const result = await ws.run('catalog', '--json');
    const catalog = JSON.parse(result.stdout);
    expect(Object.keys(catalog)).toEqual(['criteria', 'controls', 'policies']);
    expect(Object.keys(catalog.criteria[0])).toEqual([
      'id',
      'category',
      'series',
      'seriesName',
      'summary',
      'cosoPrinciple',
      'pointsOfFocus',
    ]);
    expect(catalog.criteria[0]).toMatchObject({
      id: 'CC1.1',
      category: 'security',
      series: 'CC1',
      seriesName: 'Control Environment',
      cosoPrinciple: 1,
      pointsOfFocus: 5,
    });
    expect(Object.keys(catalog.controls[0])).toEqual([
      'id',
      'title',
      'criteria',
      'frequency',
      'ownerRole',
      'automatable',
    ]);
    expect(Object.keys(catalog.policies[0])).toEqual(['id', 'title', 'controls']);
  });
});

describe(`attestly audit-log verify on ${ENGINE}`, () => {
  it('passes on an intact log and names the entry edited in the database', async () => {
    const ok = await ws.run('audit-log', 'verify');
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout).toMatch(/^The audit log is intact: \d+ entries, head [0-9a-f]{64}\.$/);

    const database = await openDatabase(
      ws.env.DATABASE_URL
        ? { kind: 'postgres', url: ws.env.DATABASE_URL }
        : { kind: 'pglite', dataDir: ws.dataDir },
    );
    try {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(database.db);
      await database.db
        .updateTable('audit_log')
        .set({ actor: 'someone-else' })
        .where('seq', '=', 4)
        .execute();
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(database.db);
    } finally {
      await database.close();
    }
    const broken = await ws.run('audit-log', 'verify');
    expect(broken.code).toBe(8);
    expect(broken.stderr).toMatch(
      /^attestly: error: the audit log does not verify: entry 4 \(.+\) was altered/,
    );
  });
});

describe(`attestly user create on ${ENGINE}`, () => {
  it('creates a user with a password read from stdin, owning a new organization', async () => {
    const created = await ws.runAnswering(
      ['a long enough password'],
      'user',
      'create',
      '--email',
      'Lead@Acme.test',
      '--org-name',
      'Acme Two',
    );
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toBe(
      'Created lead@acme.test, owner of Acme Two (slug acme-two). Sign in with "attestly serve".',
    );
    const weak = await ws.runAnswering(
      ['short'],
      'user',
      'create',
      '--email',
      'x@acme.test',
      '--org-name',
      'Acme Three',
    );
    expect(weak).toMatchObject({
      code: 2,
      stderr: 'attestly: error: a password needs at least 12 characters',
    });
    const again = await ws.runAnswering(
      ['a long enough password'],
      'user',
      'create',
      '--email',
      'lead@acme.test',
      '--org-name',
      'Acme Four',
    );
    expect(again.code).toBe(4);
  });
});

describe(`interactive init on ${ENGINE}`, () => {
  it('asks for what the flags did not give, and takes the defaults on empty answers', async () => {
    const fresh = await cliWorkspace();
    try {
      const result = await fresh.runAnswering(['Initech', '', '2026-02-01', '2026-07-31', 'privacy'], 'init');
      expect(result.asked).toHaveLength(5);
      expect(result.asked[1]).toContain('type1');
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain('SOC 2 Type 2 over 2026-02-01 to 2026-07-31.');
      expect(result.stdout).toContain('In scope: security, privacy;');
      const flagged = await fresh.runAnswering(
        [],
        'init',
        '--name',
        'Hooli',
        '--type',
        'type1',
        '--as-of',
        '2026-12-31',
        '--tsc',
        '',
      );
      expect(flagged).toMatchObject({ code: 0, asked: [] });
    } finally {
      await fresh.drop();
    }
  });
});

describe(`attestly processes on ${ENGINE}`, () => {
  it('two processes initializing at once both succeed, each migration applied once', async () => {
    const fresh = await cliWorkspace();
    try {
      const [one, two] = await Promise.all([
        fresh.spawnCli(['init', '--name', 'First', '--type', 'type1', '--as-of', '2026-12-31']),
        fresh.spawnCli(['init', '--name', 'Second', '--type', 'type1', '--as-of', '2026-12-31']),
      ]);
      expect([one.stderr, two.stderr]).toEqual(['', '']);
      expect([one.code, two.code]).toEqual([0, 0]);
      const both = await fresh.run('readiness', '--json');
      expect(both).toMatchObject({
        code: 2,
        stderr: expect.stringContaining('choose one with --org (first, second)'),
      });
    } finally {
      await fresh.drop();
    }
  });

  it('the binary reports an unreachable DATABASE_URL in one line, without a stack trace', async () => {
    const result = await ws.spawnCli(['readiness'], {
      DATABASE_URL: 'postgres://attestly@127.0.0.1:1/nowhere',
    });
    expect(result.code).toBe(6);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^attestly: error: cannot reach PostgreSQL at 127\.0\.0\.1:1\/nowhere: .+\n$/,
    );
  });
});
