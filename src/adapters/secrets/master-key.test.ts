import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { generateMasterKey, loadMasterKey } from './master-key.ts';

const BAD_ENV = 'ATTESTLY_MASTER_KEY must be 32 bytes, as 64 hex characters or base64';
const freshDir = () => mkdtempSync(join(tmpdir(), 'attestly-master-key-'));
const posixOnly = it.skipIf(process.platform === 'win32');

describe('master key', () => {
  it('takes ATTESTLY_MASTER_KEY as hex or base64, before any key file', async () => {
    const bytes = randomBytes(32);
    const dataDir = freshDir();
    for (const envValue of [
      bytes.toString('hex'),
      bytes.toString('hex').toUpperCase(),
      bytes.toString('base64'),
      bytes.toString('base64url'),
      ` ${bytes.toString('base64')}\n`,
    ]) {
      expect(Buffer.from(await loadMasterKey({ envValue, dataDir }))).toEqual(bytes);
    }
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses a malformed ATTESTLY_MASTER_KEY without echoing it', async () => {
    const bytes = randomBytes(33);
    const lastChar = bytes.subarray(0, 32).toString('base64url').at(-1) ?? 'A';
    const strayBits = String.fromCharCode(lastChar === 'Z' ? 'Y'.charCodeAt(0) : lastChar.charCodeAt(0) + 1);
    for (const envValue of [
      'correct-horse-battery-staple',
      bytes.subarray(0, 31).toString('hex'),
      bytes.toString('hex').slice(0, 63),
      bytes.toString('hex'),
      `${bytes.subarray(0, 32).toString('hex').slice(0, 63)}g`,
      bytes.subarray(0, 31).toString('base64'),
      bytes.toString('base64'),
      `${bytes.subarray(0, 32).toString('base64url').slice(0, 42)}${strayBits}`,
    ]) {
      const attempt = loadMasterKey({ envValue, dataDir: null });
      await expect(attempt).rejects.toMatchObject({ code: 'INVALID_INPUT', message: BAD_ENV });
      await attempt.catch((error: Error) => expect(error.message).not.toContain(envValue));
    }
  });

  it('requires ATTESTLY_MASTER_KEY when there is no data directory (server mode)', async () => {
    for (const envValue of [undefined, '', '  ']) {
      await expect(loadMasterKey({ envValue, dataDir: null })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: 'ATTESTLY_MASTER_KEY is required when DATABASE_URL is set',
      });
    }
  });

  posixOnly('creates <data-dir>/master.key with mode 0600 on first use and reuses it', async () => {
    const dataDir = join(freshDir(), 'nested');
    const first = await loadMasterKey({ envValue: undefined, dataDir });
    const path = join(dataDir, 'master.key');
    expect(first.byteLength).toBe(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe(`${Buffer.from(first).toString('hex')}\n`);

    const second = await loadMasterKey({ envValue: undefined, dataDir });
    expect(Buffer.from(second)).toEqual(Buffer.from(first));
    expect(readdirSync(dataDir)).toEqual(['master.key']);
  });

  posixOnly('refuses a key file that other users can read, naming the file and the fix', async () => {
    const dataDir = freshDir();
    const path = join(dataDir, 'master.key');
    const hex = generateMasterKey();
    writeFileSync(path, `${hex}\n`);
    chmodSync(path, 0o644);
    const attempt = loadMasterKey({ envValue: undefined, dataDir });
    await expect(attempt).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await attempt.catch((error: Error) => {
      expect(error.message).toContain(path);
      expect(error.message).toContain(`chmod 600 ${path}`);
      expect(error.message).not.toContain(hex);
    });
    chmodSync(path, 0o600);
    expect(Buffer.from(await loadMasterKey({ envValue: undefined, dataDir })).toString('hex')).toBe(hex);
  });

  posixOnly('refuses a key file that does not hold a key, without echoing its content', async () => {
    const dataDir = freshDir();
    const path = join(dataDir, 'master.key');
    writeFileSync(path, 'hunter2\n', { mode: 0o600 });
    const attempt = loadMasterKey({ envValue: undefined, dataDir });
    await expect(attempt).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await attempt.catch((error: Error) => {
      expect(error.message).toContain(path);
      expect(error.message).not.toContain('hunter2');
    });
  });

  it('gives every concurrent first load on a fresh directory the same key', async () => {
    const dataDir = freshDir();
    // Staggered starts, so some loads find the name taken between their own check and their link.
    const keys = await Promise.all(
      Array.from({ length: 32 }, async (_, i) => {
        await sleep(i % 8);
        return loadMasterKey({ envValue: undefined, dataDir });
      }),
    );
    const hexes = new Set(keys.map((key) => Buffer.from(key).toString('hex')));
    expect(hexes.size).toBe(1);
    expect(readdirSync(dataDir)).toEqual(['master.key']);
    expect(readFileSync(join(dataDir, 'master.key'), 'utf8').trim()).toBe([...hexes][0]);
  });

  it('generates 32 random bytes as 64 hex characters', () => {
    const key = generateMasterKey();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(generateMasterKey()).not.toBe(key);
  });
});
