import { randomBytes, randomUUID } from 'node:crypto';
import { link, mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AttestlyError } from '../../domain/errors.ts';

const KEY_BYTES = 32;
const HEX_KEY = /^[0-9a-fA-F]{64}$/;
// 32 bytes are 43 base64 characters and one pad; both alphabets are accepted, as operators paste either.
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}=?$/;
const BAD_ENV = 'ATTESTLY_MASTER_KEY must be 32 bytes, as 64 hex characters or base64';

/** A new master key as 64 hex characters, for `attestly secrets rotate-key` and for first runs. */
export function generateMasterKey(): string {
  return randomBytes(KEY_BYTES).toString('hex');
}

/**
 * The key that seals every stored credential. A server (DATABASE_URL) takes it from ATTESTLY_MASTER_KEY,
 * as its data directory may be ephemeral; the embedded mode keeps it in `<data-dir>/master.key`, created on
 * first use, so a laptop install needs no setup. Losing this key loses every sealed credential.
 *
 * No error message ever includes the value or the file's content: these messages reach terminals and logs.
 */
export async function loadMasterKey(opts: {
  envValue: string | undefined;
  dataDir: string | null;
}): Promise<Uint8Array> {
  // Empty counts as unset, as for DATABASE_URL: `ATTESTLY_MASTER_KEY=` in a .env file means "none".
  const envValue = opts.envValue?.trim();
  if (envValue) {
    const key = decodeKey(envValue);
    if (!key) throw new AttestlyError('INVALID_INPUT', BAD_ENV);
    return key;
  }
  if (opts.dataDir === null) {
    throw new AttestlyError('INVALID_INPUT', 'ATTESTLY_MASTER_KEY is required when DATABASE_URL is set');
  }
  const path = join(opts.dataDir, 'master.key');
  try {
    return await readKeyFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await createKeyFile(opts.dataDir, path);
  return readKeyFile(path);
}

function decodeKey(text: string): Uint8Array | undefined {
  if (HEX_KEY.test(text)) return new Uint8Array(Buffer.from(text, 'hex'));
  if (!BASE64_KEY.test(text)) return undefined;
  const bytes = Buffer.from(text.replace(/=$/, ''), 'base64url');
  const canonical = text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=$/, '');
  // A last character with stray low bits decodes to the same bytes; refuse it rather than guess.
  if (bytes.length !== KEY_BYTES || bytes.toString('base64url') !== canonical) return undefined;
  return new Uint8Array(bytes);
}

async function readKeyFile(path: string): Promise<Uint8Array> {
  const info = await stat(path);
  if (!info.isFile()) throw new AttestlyError('INVALID_INPUT', `${path} is not a file`);
  // Windows has no POSIX modes (Node reports 0o666 for every file), so the check would refuse every key.
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
    throw new AttestlyError(
      'INVALID_INPUT',
      `${path} can be read by other users (mode ${(info.mode & 0o777).toString(8)}); run chmod 600 ${path}`,
    );
  }
  const text = (await readFile(path, 'utf8')).trim();
  if (!HEX_KEY.test(text)) {
    throw new AttestlyError('INVALID_INPUT', `${path} does not hold a master key (64 hex characters)`);
  }
  return new Uint8Array(Buffer.from(text, 'hex'));
}

/**
 * The key is written whole to a private temporary file, flushed, then hard-linked into place. The link
 * fails when the name exists, so of two processes starting at once exactly one key wins and the other
 * reads it; a rename would silently replace a key that may already have sealed something.
 */
async function createKeyFile(dataDir: string, path: string): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const tmp = `${path}.${randomUUID()}.tmp`;
  try {
    const handle = await open(tmp, 'wx', 0o600);
    try {
      // The umask may only narrow the mode, but set it outright so the file never depends on it.
      await handle.chmod(0o600);
      await handle.writeFile(`${generateMasterKey()}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(tmp, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return;
    }
    await syncDir(dataDir);
  } finally {
    await rm(tmp, { force: true });
  }
}

// Flush the directory entry too, so a crash right after the first run cannot lose a key already in use.
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot open or sync a directory; the file itself is already flushed.
  }
}
