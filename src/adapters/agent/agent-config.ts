import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { AttestlyError } from '../../domain/errors.ts';

// Where an enrolled machine keeps its server URL and device credential: a file only its owner can read,
// in the user's configuration directory.

export const ZAgentConfig = z.strictObject({
  url: z.string(),
  deviceId: z.string(),
  hostname: z.string(),
  credential: z.string(),
  enrolledAt: z.string(),
});
export type TAgentConfig = z.infer<typeof ZAgentConfig>;

/** The per-user configuration directory: XDG on Linux, Application Support on macOS, APPDATA on Windows. */
export function agentConfigPath(platform: NodeJS.Platform, env: Record<string, string | undefined>): string {
  if (env.ATTESTLY_AGENT_CONFIG) return env.ATTESTLY_AGENT_CONFIG;
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  const base =
    platform === 'win32'
      ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? join(home, '.config'));
  return join(base, 'attestly', 'agent.json');
}

export async function saveAgentConfig(path: string, config: TAgentConfig): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  // writeFile keeps the mode of a file that already existed: set it again.
  await chmod(path, 0o600);
}

export async function loadAgentConfig(path: string): Promise<TAgentConfig> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new AttestlyError(
      'NOT_INITIALIZED',
      `this machine is not enrolled (no ${path}): run attestly agent enrol URL TOKEN`,
    );
  });
  const parsed = ZAgentConfig.safeParse(
    (() => {
      try {
        return JSON.parse(text);
      } catch {
        return undefined;
      }
    })(),
  );
  if (!parsed.success)
    throw new AttestlyError('INVALID_INPUT', `${path} is not an agent configuration: enrol again`);
  return parsed.data;
}
