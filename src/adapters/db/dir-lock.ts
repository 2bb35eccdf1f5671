import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AttestlyError } from '../../domain/errors.ts';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An embedded database must be opened by one process at a time, so the data directory carries a lock
 * file with the holder's pid. A second process waits for it; a lock left by a dead process is taken over.
 */
export async function acquireDirLock(dir: string, waitMs = 30_000): Promise<() => void> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'attestly.lock');
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(readFileSafe(path), 10);
    if (Number.isFinite(holder) && !isAlive(holder)) {
      rmSync(path, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new AttestlyError(
        'CONFLICT',
        `the data directory ${dir} is in use by process ${holder}; stop it or set ATTESTLY_DATA_DIR to another directory`,
      );
    }
    await sleep(100);
  }
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
