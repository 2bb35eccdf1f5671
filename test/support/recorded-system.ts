import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TCommandResult, TSystem } from '../../src/adapters/agent/system.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/agent');

/** A recorded command output from test/fixtures/agent/<os>/. */
export function recording(os: 'linux' | 'macos' | 'windows', file: string): string {
  return readFileSync(join(FIXTURES, os, file), 'utf8');
}

type TAnswer = Partial<TCommandResult> | null;

/**
 * A machine that answers commands from recordings: keyed by "command arg arg"; a command without an
 * answer is not installed. Every command asked is kept, so a test can show what a probe ran.
 */
export function recordedSystem(
  answers: Record<string, TAnswer>,
  options: { files?: Record<string, string>; env?: Record<string, string>; uid?: number | null } = {},
): TSystem & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    hostname: 'recorded-host',
    env: options.env ?? {},
    uid: options.uid === undefined ? 1000 : options.uid,
    async run(command, args) {
      const key = [command, ...args].join(' ');
      asked.push(key);
      const answer = answers[key];
      if (answer === undefined || answer === null) return null;
      return { code: answer.code ?? 0, stdout: answer.stdout ?? '', stderr: answer.stderr ?? '' };
    },
    async read(path) {
      return options.files?.[path] ?? null;
    },
  };
}
