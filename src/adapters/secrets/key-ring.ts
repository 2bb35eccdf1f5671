import { randomUUID } from 'node:crypto';
import { access, link, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AttestlyError } from '../../domain/errors.ts';
import { generateMasterKey, loadMasterKey } from './master-key.ts';
import { createSecretBox, keyIdOf, type SecretBox } from './secret-box.ts';

// The master key and the keys it replaced. Sealed values name their key, so while a rotation is under way
// (or after one was interrupted) every value still opens: the ring holds the current key and the others.

export interface TKeyRingSource {
  envValue: string | undefined;
  previousEnvValue: string | undefined;
  dataDir: string | null;
}

const PREVIOUS_FILE = 'master.key.previous';
const NEXT_FILE = 'master.key.next';

async function readHexKey(path: string): Promise<Uint8Array | null> {
  try {
    const text = (await readFile(path, 'utf8')).trim();
    return /^[0-9a-f]{64}$/i.test(text) ? new Uint8Array(Buffer.from(text, 'hex')) : null;
  } catch {
    return null;
  }
}

/** The current key and every older key still around: ATTESTLY_PREVIOUS_MASTER_KEY, or the embedded key files. */
export async function loadKeyRing(
  source: TKeyRingSource,
): Promise<{ current: Uint8Array; previous: Uint8Array[] }> {
  const current = await loadMasterKey({ envValue: source.envValue, dataDir: source.dataDir });
  const previous: Uint8Array[] = [];
  if (source.previousEnvValue?.trim()) {
    previous.push(await loadMasterKey({ envValue: source.previousEnvValue, dataDir: null }));
  }
  if (!source.envValue?.trim() && source.dataDir) {
    for (const name of [PREVIOUS_FILE, NEXT_FILE]) {
      const key = await readHexKey(join(source.dataDir, name));
      if (key) previous.push(key);
    }
  }
  return { current, previous };
}

export function boxOf(ring: { current: Uint8Array; previous: Uint8Array[] }): SecretBox {
  const seen = new Set([keyIdOf(ring.current)]);
  const previous = ring.previous.filter((key) => !seen.has(keyIdOf(key)) && seen.add(keyIdOf(key)));
  return createSecretBox({
    current: { id: keyIdOf(ring.current), key: ring.current },
    previous: previous.map((key) => ({ id: keyIdOf(key), key })),
  });
}

async function writePrivate(path: string, text: string): Promise<void> {
  const tmp = `${path}.${randomUUID()}.tmp`;
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
}

/**
 * Rotates the embedded master key. The new key is written beside the old one first, then `reseal` moves
 * every sealed value to it (one database transaction), then the files are swapped. A crash at any point
 * leaves a ring that still opens every value.
 */
export async function rotateEmbeddedKey(
  dataDir: string,
  reseal: (from: SecretBox, to: SecretBox, keyId: string) => Promise<number>,
): Promise<{ resealed: number; keyId: string }> {
  const ring = await loadKeyRing({ envValue: undefined, previousEnvValue: undefined, dataDir });
  const nextPath = join(dataDir, NEXT_FILE);
  const next = new Uint8Array(Buffer.from(generateMasterKey(), 'hex'));
  await writePrivate(nextPath, `${Buffer.from(next).toString('hex')}\n`);
  const resealed = await reseal(boxOf(ring), boxOf({ current: next, previous: [] }), keyIdOf(next));
  const keyPath = join(dataDir, 'master.key');
  await rm(join(dataDir, PREVIOUS_FILE), { force: true });
  await link(keyPath, join(dataDir, PREVIOUS_FILE));
  await rename(nextPath, keyPath);
  await access(keyPath).catch(() => {
    throw new AttestlyError(
      'INTERNAL',
      `${keyPath} is missing after rotation; the new key is in ${nextPath}`,
    );
  });
  return { resealed, keyId: keyIdOf(next) };
}
