import { createInterface } from 'node:readline/promises';
import { AttestlyError, isAttestlyError } from '../../domain/errors.ts';
import { AGENT_HELP, runAgent } from './commands/agent.ts';
import { AUDIT_LOG_HELP, runAuditLog } from './commands/audit-log.ts';
import { CATALOG_HELP, runCatalog } from './commands/catalog.ts';
import { CONTROLS_HELP, runControls } from './commands/controls.ts';
import { CRITERIA_HELP, runCriteria } from './commands/criteria.ts';
import { CUSTOM_TESTS_HELP, runCustomTests } from './commands/custom-tests.ts';
import { DEMO_HELP, runDemo } from './commands/demo.ts';
import { EVIDENCE_HELP, runEvidence } from './commands/evidence.ts';
import { EXPORT_HELP, runExport } from './commands/export.ts';
import { INIT_HELP, runInit } from './commands/init.ts';
import { INTEGRATIONS_HELP, runIntegrations } from './commands/integrations.ts';
import { NOTIFICATIONS_HELP, runNotifications } from './commands/notifications.ts';
import { READINESS_HELP, runReadiness } from './commands/readiness.ts';
import { REPORT_HELP, runReport } from './commands/report.ts';
import { runScan, SCAN_HELP } from './commands/scan.ts';
import { runSecrets, SECRETS_HELP } from './commands/secrets.ts';
import { runServe, SERVE_HELP } from './commands/serve.ts';
import { runTests, TESTS_HELP } from './commands/tests.ts';
import { runUser, USER_HELP } from './commands/user.ts';
import { runVerify, VERIFY_HELP } from './commands/verify.ts';
import { runWorker, WORKER_HELP } from './commands/worker.ts';
import { exitCodeFor } from './exit-codes.ts';
import type { CliIo } from './io.ts';

const COMMANDS: Record<string, { run: (args: string[], io: CliIo) => Promise<unknown>; help: string }> = {
  init: { run: runInit, help: INIT_HELP },
  catalog: { run: runCatalog, help: CATALOG_HELP },
  controls: { run: runControls, help: CONTROLS_HELP },
  criteria: { run: runCriteria, help: CRITERIA_HELP },
  evidence: { run: runEvidence, help: EVIDENCE_HELP },
  readiness: { run: runReadiness, help: READINESS_HELP },
  report: { run: runReport, help: REPORT_HELP },
  'audit-log': { run: runAuditLog, help: AUDIT_LOG_HELP },
  verify: { run: runVerify, help: VERIFY_HELP },
  export: { run: runExport, help: EXPORT_HELP },
  serve: { run: runServe, help: SERVE_HELP },
  worker: { run: runWorker, help: WORKER_HELP },
  user: { run: runUser, help: USER_HELP },
  secrets: { run: runSecrets, help: SECRETS_HELP },
  tests: { run: runTests, help: TESTS_HELP },
  scan: { run: runScan, help: SCAN_HELP },
  integrations: { run: runIntegrations, help: INTEGRATIONS_HELP },
  'custom-tests': { run: runCustomTests, help: CUSTOM_TESTS_HELP },
  agent: { run: runAgent, help: AGENT_HELP },
  demo: { run: runDemo, help: DEMO_HELP },
  notifications: { run: runNotifications, help: NOTIFICATIONS_HELP },
};

const USAGE = `Attestly: SOC 2 compliance automation

Usage: attestly COMMAND [options]

Commands:
  serve        the web app and the HTTP API on 127.0.0.1:3000
  worker       run scheduled monitoring runs from the queue (with DATABASE_URL)
  user         create a user and the organization they own
  secrets      rotate the master key that seals stored secrets
  init         create the organization and its SOC 2 program
  catalog      the criteria, control library and policy templates
  controls     list controls; set status, owner or not applicable
  criteria     mark a criterion not applicable, or include it again
  evidence     attach evidence files to controls
  readiness    the gap assessment
  report       readiness PDF, system description draft, OSCAL JSON
  audit-log    verify the audit log's hash chain
  verify       check the evidence ledger: every evidence item, run and audit-log entry
               (attestly verify PACKAGE.zip checks an audit package offline)
  export       export audit-package: the signed zip of everything an auditor needs
  notifications send the notification digests that are due (serve does it hourly)
  tests        the built-in test library
  scan         collect from integrations and run the tests, for pipelines
  integrations connect systems, run their tests and see the results
  custom-tests your own tests: CEL expressions over a resource type
  agent        check this machine and report it to a server (enrol, report)
  demo         seed a sample organization to explore (serve --demo opens it)

Every command takes --data-dir DIR (default ./.attestly, or ATTESTLY_DATA_DIR) and --org SLUG.
With DATABASE_URL set, Attestly uses that PostgreSQL server instead of the embedded database.
"attestly help COMMAND" tells more.`;

/** Runs one command line and returns the exit status. Errors are one line on stderr, never a stack trace. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === 'help' && args[0] !== undefined && COMMANDS[args[0]]) {
    io.out(COMMANDS[args[0]]?.help ?? USAGE);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return 0;
  }
  const command = COMMANDS[name];
  try {
    if (!command)
      throw new AttestlyError('INVALID_INPUT', `unknown command "${name}"; run "attestly --help"`);
    // Only a command that decides its own exit status (scan) says so; the others succeed or throw.
    const result = await command.run(args, io);
    return result && typeof result === 'object' && 'exitCode' in result ? Number(result.exitCode) : 0;
  } catch (error) {
    if (isAttestlyError(error)) {
      io.err(`attestly: error: ${error.message}`);
      return exitCodeFor(error.code);
    }
    io.err(`attestly: internal error: ${(error as Error)?.message ?? String(error)}`);
    if (io.env.ATTESTLY_DEBUG) io.err(String((error as Error)?.stack));
    return exitCodeFor('INTERNAL');
  }
}

export function processIo(): CliIo {
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    interactive,
    async ask(question, fallback) {
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        const answer = (
          await rl.question(`${question}${fallback !== undefined ? ` [${fallback}]` : ''}: `)
        ).trim();
        return answer || fallback || '';
      } finally {
        rl.close();
      }
    },
    async readSecret(prompt) {
      if (!process.stdin.isTTY) {
        const rl = createInterface({ input: process.stdin, terminal: false });
        try {
          for await (const line of rl) return line;
          return '';
        } finally {
          rl.close();
        }
      }
      // In a terminal, read key by key in raw mode so the password is never echoed.
      process.stderr.write(`${prompt}: `);
      process.stdin.setRawMode(true);
      process.stdin.resume();
      let secret = '';
      try {
        for await (const chunk of process.stdin) {
          for (const char of String(chunk)) {
            if (char === '\r' || char === '\n') return secret;
            if (char === '\u0003') throw new AttestlyError('INVALID_INPUT', 'cancelled');
            secret = char === '\u007f' ? secret.slice(0, -1) : secret + char;
          }
        }
        return secret;
      } finally {
        process.stdin.setRawMode(false);
        process.stdin.pause();
        process.stderr.write('\n');
      }
    },
  };
}
