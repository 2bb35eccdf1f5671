import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';

// What a probe may do to the machine: run a program and read a file. Passed in, so the macOS and Windows
// probes run in tests over recorded output, and the Linux one over this machine.

export interface TCommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface TSystem {
  /** Runs a program (never through a shell); null when it is not installed. */
  run(command: string, args: string[]): Promise<TCommandResult | null>;
  /** A file's text; null when it does not exist or cannot be read. */
  read(path: string): Promise<string | null>;
  env: Record<string, string | undefined>;
  hostname: string;
  /** The user id the agent runs as (null on Windows): some probes need root, some a desktop user. */
  uid: number | null;
}

/** The real machine: programs run with a timeout and a C locale, so their output has the recorded shape. */
export function localSystem(hostname: string, env: Record<string, string | undefined>): TSystem {
  return {
    env,
    hostname,
    uid: process.getuid?.() ?? null,
    run: (command, args) =>
      new Promise((resolve) => {
        execFile(
          command,
          args,
          { timeout: 20_000, maxBuffer: 8 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C', LANG: 'C' } },
          (error, stdout, stderr) => {
            const code = (error as { code?: unknown } | null)?.code;
            if (code === 'ENOENT') return resolve(null);
            resolve({ code: error ? (typeof code === 'number' ? code : 1) : 0, stdout, stderr });
          },
        );
      }),
    read: (path) => readFile(path, 'utf8').catch(() => null),
  };
}

/** The first line of what a failed command said, for a probe's detail. */
export function said(result: TCommandResult): string {
  return (result.stderr.trim() || result.stdout.trim()).split('\n')[0]?.slice(0, 300) ?? '';
}
