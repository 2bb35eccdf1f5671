import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeFor } from '../src/entry/cli/exit-codes.ts';
import { cliWorkspace } from './support/cli.ts';
import { ENGINE } from './support/database.ts';

// `attestly demo` in a data directory, and `attestly serve --demo` opening the seeded demo.

const BIN = join(import.meta.dirname, '../bin/attestly.js');
let ws: Awaited<ReturnType<typeof cliWorkspace>>;
let child: ChildProcess | undefined;
beforeAll(async () => {
  ws = await cliWorkspace();
});
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});
afterAll(() => ws.drop());

function waitFor(stream: NodeJS.ReadableStream, pattern: RegExp, ms = 60_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; saw: ${seen}`)), ms);
    stream.on('data', (chunk) => {
      seen += String(chunk);
      const match = seen.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
  });
}

describe(`attestly demo on ${ENGINE}`, () => {
  it('seeds the demo with progress and prints a one-time sign-in link', async () => {
    const result = await ws.run('demo');
    expect(result.stderr).toMatch(/attestly: replaying week 1 of 11/);
    expect(result.stdout).toMatch(
      /Seeded Demo Cloud Inc\. \(slug demo\) in [\d.]+ s: \d+ controls implemented, \d+ in progress, 2 not applicable/,
    );
    expect(result.stdout).toMatch(
      /open http:\/\/127\.0\.0\.1:3000\/demo\?token=atld_\S+ \(valid 24 hours, once\)/,
    );
    expect(result.code).toBe(0);

    const controls = await ws.run('controls', '--org', 'demo');
    expect(controls.code).toBe(0);
    expect(controls.stdout).toMatch(/implemented/);
  }, 180_000);

  it('refuses to seed a second time', async () => {
    const again = await ws.run('demo');
    expect(again.code).toBe(exitCodeFor('CONFLICT'));
    expect(again.stderr).toMatch(/the demo organization \(slug "demo"\) already exists/);
  });

  it('serve --demo prints a fresh link that signs in, beside the first-run setup link', async () => {
    child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--demo'], {
      env: { PATH: process.env.PATH, ...ws.env, ATTESTLY_LOG_LEVEL: 'warn', ATTESTLY_SCHEDULER_SECONDS: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout = child.stdout as NodeJS.ReadableStream;
    const demoLine = waitFor(stdout, /Demo: open (\S+)/);
    const setupLine = waitFor(stdout, /create the owner account at (\S+)/);
    const [, link] = await demoLine;
    const token = new URL(link ?? '').searchParams.get('token');
    const base = new URL(link ?? '').origin;
    await setupLine;
    const signIn = () =>
      fetch(`${base}/api/v1/demo/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
    const first = await signIn();
    expect(first.status).toBe(200);
    const view = (await first.json()) as { organizations: Array<{ organization: { slug: string } }> };
    expect(view.organizations.map((o) => o.organization.slug)).toEqual(['demo']);
    expect((await signIn()).status).toBe(401);
  }, 120_000);
});
