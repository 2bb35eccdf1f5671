import { boxOf, loadKeyRing, rotateEmbeddedKey } from '../../../adapters/secrets/key-ring.ts';
import { loadMasterKey } from '../../../adapters/secrets/master-key.ts';
import { keyIdOf } from '../../../adapters/secrets/secret-box.ts';
import { resealSecrets } from '../../../app/secrets/reseal-secrets.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { loadConfig } from '../../config.ts';
import { keyRingSource } from '../../wire.ts';
import { parseCommand, stringFlag, withApp } from '../command.ts';
import type { CliIo } from '../io.ts';

export const SECRETS_HELP = `attestly secrets rotate-key: re-seal every stored secret under a new master key

  Embedded mode: a new <data-dir>/master.key is generated; the old one is kept as master.key.previous.
  Server mode (ATTESTLY_MASTER_KEY set): give the new key in ATTESTLY_NEW_MASTER_KEY (64 hex characters);
  afterwards set ATTESTLY_MASTER_KEY to it and restart every Attestly process.
  Stop running servers first: a server still holding the old key cannot open the re-sealed values.`;

export async function runSecrets(args: string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  const { values } = parseCommand(rest, {});
  if (values.help || sub === undefined) return io.out(SECRETS_HELP);
  if (sub !== 'rotate-key')
    throw new AttestlyError('INVALID_INPUT', `unknown secrets subcommand "${sub}"; use rotate-key`);
  const dataDir = stringFlag(values['data-dir']);
  const config = loadConfig(io.env, { dataDir });
  const source = keyRingSource(config);
  const result = await withApp(io, dataDir, async (deps) => {
    if (source.envValue?.trim()) {
      const next = io.env.ATTESTLY_NEW_MASTER_KEY;
      if (!next?.trim())
        throw new AttestlyError(
          'INVALID_INPUT',
          'with ATTESTLY_MASTER_KEY set, give the new key in ATTESTLY_NEW_MASTER_KEY',
        );
      const nextKey = await loadMasterKey({ envValue: next, dataDir: null });
      const keyId = keyIdOf(nextKey);
      const resealed = await resealSecrets(
        deps,
        boxOf(await loadKeyRing(source)),
        boxOf({ current: nextKey, previous: [] }),
        keyId,
      );
      return {
        resealed,
        keyId,
        hint: 'Now set ATTESTLY_MASTER_KEY to the new key and restart every Attestly process.',
      };
    }
    if (!source.dataDir)
      throw new AttestlyError('INVALID_INPUT', 'ATTESTLY_MASTER_KEY is required when DATABASE_URL is set');
    const rotated = await rotateEmbeddedKey(source.dataDir, (from, to, keyId) =>
      resealSecrets(deps, from, to, keyId),
    );
    return { ...rotated, hint: `The previous key is kept in ${source.dataDir}/master.key.previous.` };
  });
  io.out(`Re-sealed ${result.resealed} secrets under key ${result.keyId}. ${result.hint}`);
}
