import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliWorkspace } from '../support/cli.ts';
import { ENGINE } from '../support/database.ts';

// `attestly serve` as a process: first-run link, health, and a clean stop on SIGTERM.

const BIN = join(import.meta.dirname, '../../bin/attestly.js');
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

function waitFor(stream: NodeJS.ReadableStream, pattern: RegExp, ms = 30_000): Promise<RegExpMatchArray> {
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

describe(`attestly serve on ${ENGINE}`, () => {
  it('prints the setup link, answers health checks, and stops cleanly on SIGTERM', async () => {
    const ws = await cliWorkspace();
    try {
      child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
        env: { PATH: process.env.PATH, ...ws.env, ATTESTLY_LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const stdout = child.stdout as NodeJS.ReadableStream;
      const [, base] = await waitFor(stdout, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const [, link] = await waitFor(stdout, /create the owner account at (\S+)/);
      expect(link).toMatch(new RegExp(`^${base}/setup\\?token=atlu_`));
      expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
      expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready' });
      const token = new URL(link ?? '').searchParams.get('token');
      const setup = await fetch(`${base}/api/v1/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          token,
          email: 'me@acme.test',
          password: 'a long enough password',
          organizationName: 'Acme',
        }),
      });
      expect(setup.status).toBe(201);
      const exited = new Promise<number | null>((resolve) => child?.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      if (!ws.env.DATABASE_URL) expect(existsSync(join(ws.dataDir, 'attestly.lock'))).toBe(false);
    } finally {
      await ws.drop();
    }
  });

  it('refuses a bad setting in one line naming it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'attestly-serve-'));
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const p = spawn(process.execPath, [BIN, 'serve'], {
        env: { PATH: process.env.PATH, ATTESTLY_DATA_DIR: dataDir, ATTESTLY_PORT: 'eighty' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      p.stderr?.on('data', (d) => (stderr += d));
      p.on('exit', (code) => resolve({ code, stderr }));
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^attestly: error: ATTESTLY_PORT \(--port\): .+\n$/);
  });
});
