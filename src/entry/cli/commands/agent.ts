import { readFileSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';
import { enrolWithServer, parseServerUrl, sendReport } from '../../../adapters/agent/agent-client.ts';
import { agentConfigPath, loadAgentConfig, saveAgentConfig } from '../../../adapters/agent/agent-config.ts';
import { probeDevice } from '../../../adapters/agent/probe.ts';
import { localSystem } from '../../../adapters/agent/system.ts';
import type { TEndpointDevice } from '../../../catalog/monitoring/endpoint.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { parseCommand, stringFlag } from '../command.ts';
import { type CliIo, json, table } from '../io.ts';

export const AGENT_HELP = `attestly agent: check this machine and report it to an Attestly server

  attestly agent enrol URL TOKEN [--hostname NAME]
      enrol with an enrolment token (Settings > Integrations, or POST /api/v1/orgs/ORG/agent/enrolment-tokens);
      keeps the server URL and this device's credential in a file only you can read
  attestly agent report [--dry-run] [--json]
      runs the checks (disk encryption, firewall, screen lock, automatic updates, OS release, password
      manager, anti-malware) and posts them; --dry-run prints the report without sending it

  --config FILE   where the enrolment is kept (default: ~/.config/attestly/agent.json on Linux,
                  ~/Library/Application Support/attestly/agent.json on macOS, %APPDATA%\\attestly\\agent.json
                  on Windows; or ATTESTLY_AGENT_CONFIG)

On Linux, run the report as root to read the firewall rules; the screen lock is read from the desktop
session's user. Schedule it (cron, a systemd timer, launchd, Task Scheduler) to report daily.`;

const AGENT_VERSION: string = (() => {
  try {
    return JSON.parse(readFileSync(join(import.meta.dirname, '../../../../package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
})();

const OPTIONS = {
  config: { type: 'string' },
  hostname: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

function configPath(io: CliIo, flag: string | undefined): string {
  return flag ?? agentConfigPath(process.platform, io.env);
}

const shown = (value: boolean | null, yes = 'on', no = 'off') =>
  value === null ? 'unknown' : value ? yes : no;

/** The report as lines a person reads: one check per line, with what the agent saw. */
function reportLines(d: TEndpointDevice): string[] {
  return table([
    ['CHECK', 'VALUE', 'DETAIL'],
    [
      'os',
      d.os.name,
      `${d.os.id} ${d.os.release}, supported ${shown(d.os.supported, 'yes', 'no')}${d.os.endOfSupport ? ` until ${d.os.endOfSupport}` : ''}`,
    ],
    ['disk encryption', shown(d.diskEncryption.enabled), d.diskEncryption.detail],
    ['firewall', shown(d.firewall.enabled), d.firewall.detail],
    [
      'screen lock',
      d.screenLock.applicable
        ? `${shown(d.screenLock.enabled)}${d.screenLock.timeoutSeconds !== null ? ` after ${d.screenLock.timeoutSeconds} s` : ''}`
        : 'n/a',
      d.screenLock.detail,
    ],
    ['automatic updates', shown(d.automaticUpdates.enabled), d.automaticUpdates.detail],
    ['password manager', d.passwordManager.installed ? 'yes' : 'no', d.passwordManager.names.join(', ')],
    [
      'anti-malware',
      d.antiMalware.required ? shown(d.antiMalware.installed, 'yes', 'no') : 'not required',
      d.antiMalware.names.join(', '),
    ],
  ]);
}

async function enrol(io: CliIo, positionals: string[], values: Record<string, unknown>): Promise<void> {
  const [url, token] = positionals;
  if (!url || !token) throw new AttestlyError('INVALID_INPUT', 'usage: attestly agent enrol URL TOKEN');
  const server = parseServerUrl(url);
  const hostname = stringFlag(values.hostname as string | undefined) ?? osHostname();
  const enrolled = await enrolWithServer(server, { token, hostname });
  const path = configPath(io, stringFlag(values.config as string | undefined));
  await saveAgentConfig(path, {
    url: server.href,
    deviceId: enrolled.deviceId,
    hostname: enrolled.hostname,
    credential: enrolled.credential,
    enrolledAt: new Date().toISOString(),
  });
  io.out(`enrolled ${enrolled.hostname} with ${server.origin} (device ${enrolled.deviceId})`);
  io.out(`credential kept in ${path}; next: attestly agent report`);
}

async function report(io: CliIo, values: Record<string, unknown>): Promise<void> {
  const path = configPath(io, stringFlag(values.config as string | undefined));
  const dryRun = values['dry-run'] === true;
  // The enrolment is read first: a machine that cannot send its report should not spend time probing.
  const config = dryRun ? null : await loadAgentConfig(path);
  const device = await probeDevice(
    process.platform,
    localSystem(config?.hostname ?? osHostname(), io.env),
    new Date(),
    AGENT_VERSION,
  );
  if (!config) {
    if (values.json) json(io, device);
    else for (const line of reportLines(device)) io.out(line);
    return;
  }
  const result = await sendReport(parseServerUrl(config.url), config.credential, device);
  if (values.json) {
    json(io, { device, ...result });
    return;
  }
  for (const line of reportLines(device)) io.out(line);
  io.out('');
  for (const line of table([
    ['TEST', 'STATUS', 'REASON'],
    ...result.results.map((r) => [r.testId, r.status, r.reason]),
  ]))
    io.out(line);
}

export async function runAgent(args: string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    io.out(AGENT_HELP);
    return;
  }
  if (sub === 'enrol' || sub === 'enroll') {
    const { values, positionals } = parseCommand(rest, OPTIONS, 2);
    if (values.help) return void io.out(AGENT_HELP);
    return enrol(io, positionals, values);
  }
  if (sub === 'report') {
    const { values } = parseCommand(rest, OPTIONS, 0);
    if (values.help) return void io.out(AGENT_HELP);
    return report(io, values);
  }
  throw new AttestlyError('INVALID_INPUT', `unknown agent command "${sub}"; run "attestly help agent"`);
}
