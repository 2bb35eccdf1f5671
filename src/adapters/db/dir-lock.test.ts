import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDirLock } from './dir-lock.ts';

describe('data directory lock', () => {
  it('makes a second holder wait until the first releases', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attestly-lock-'));
    const release = await acquireDirLock(dir);
    const events: string[] = [];
    const second = acquireDirLock(dir).then((r) => {
      events.push('second acquired');
      return r;
    });
    await new Promise((r) => setTimeout(r, 300));
    events.push('first releasing');
    release();
    (await second)();
    expect(events).toEqual(['first releasing', 'second acquired']);
    expect(existsSync(join(dir, 'attestly.lock'))).toBe(false);
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attestly-lock-'));
    writeFileSync(join(dir, 'attestly.lock'), '999999999');
    const release = await acquireDirLock(dir, 1_000);
    release();
  });

  it('gives up with a clear error when the holder stays', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attestly-lock-'));
    const release = await acquireDirLock(dir);
    await expect(acquireDirLock(dir, 200)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(`in use by process ${process.pid}`),
    });
    release();
  });
});
