import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/entry/cli/main.ts';
import { freshDatabase } from './database.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A place for the command line to keep its data: a temporary data directory for the embedded database, or
 * a fresh database on the PostgreSQL server when DATABASE_URL is set (blobs still go to the directory).
 */
export async function cliWorkspace() {
  const dataDir = mkdtempSync(join(tmpdir(), 'attestly-cli-'));
  const fresh = await freshDatabase();
  const env: NodeJS.ProcessEnv = {
    ATTESTLY_DATA_DIR: dataDir,
    // A server keeps its master key in the environment (the embedded mode creates a key file).
    ...(fresh.url ? { DATABASE_URL: fresh.url, ATTESTLY_MASTER_KEY: randomBytes(32).toString('hex') } : {}),
  };

  /**
   * Runs a command in this process, as the binary would, capturing its output. With answers, it runs as in
   * a terminal and answers the prompts in order; the questions asked are returned.
   */
  async function run(...argv: string[]): Promise<CliResult> {
    return runAnswering(null, ...argv);
  }

  async function runAnswering(
    answers: string[] | null,
    ...argv: string[]
  ): Promise<CliResult & { asked: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const asked: string[] = [];
    const queue = [...(answers ?? [])];
    const code = await runCli(argv, {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      env,
      interactive: answers !== null,
      ask: async (question, fallback) => {
        asked.push(question);
        const answer = queue.shift();
        if (answer === undefined) throw new Error(`unexpected question: ${question}`);
        return answer || fallback || '';
      },
      readSecret: async () => {
        const answer = queue.shift();
        if (answer === undefined) throw new Error('no secret given');
        return answer;
      },
    });
    return { code, stdout: out.join('\n'), stderr: err.join('\n'), asked };
  }

  /** Runs the real binary in a child process. */
  function spawnCli(argv: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(import.meta.dirname, '../../bin/attestly.js'), ...argv], {
        env: { PATH: process.env.PATH, ...env, ...extraEnv },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
  }

  return { dataDir, env, run, runAnswering, spawnCli, drop: () => fresh.drop() };
}
