import { releaseSupport, type TEndpointDevice, type TEndpointOs } from '../../catalog/monitoring/endpoint.ts';
import { ANTI_MALWARE, matchSoftware, PASSWORD_MANAGERS } from './known-software.ts';
import { said, type TSystem } from './system.ts';

// The macOS probes: pure parsers over the output of Apple's own tools (recorded samples in
// test/fixtures/agent/macos/), and the probe that runs them. None of these commands needs root.

type TDevice = TEndpointDevice;

/** `sw_vers`: "ProductName:\tmacOS", "ProductVersion:\t14.5", "BuildVersion:\t23F79". */
export function parseSwVers(stdout: string, now: Date): TEndpointOs {
  const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'm').exec(stdout)?.[1]?.trim() ?? '';
  const version = field('ProductVersion');
  const build = field('BuildVersion');
  const major = version.split('.')[0] ?? '';
  // Before macOS 11 the major release was the second number (10.15).
  const release = major === '10' ? version.split('.').slice(0, 2).join('.') : major;
  return {
    family: 'macos',
    id: 'macos',
    name: `${field('ProductName') || 'macOS'} ${version}`.trim(),
    version: build ? `${version} (${build})` : version,
    release,
    ...releaseSupport({ id: 'macos', release }, now),
  };
}

/** `fdesetup status`: "FileVault is On.", "FileVault is Off.", or a conversion in progress. */
export function parseFdesetupStatus(stdout: string): TDevice['diskEncryption'] {
  const text = stdout.trim();
  const first = text.split('\n')[0] ?? '';
  // "FileVault is On." comes first while the disk is still being converted: not yet encrypted.
  const progress = /Encryption in progress.*/i.exec(text)?.[0];
  if (progress) return { enabled: false, method: 'FileVault', detail: progress };
  if (/FileVault is On/i.test(text)) return { enabled: true, method: 'FileVault', detail: first };
  if (/FileVault is Off|Decryption in progress/i.test(text))
    return { enabled: false, method: null, detail: first };
  return { enabled: null, method: null, detail: `fdesetup: ${first || 'no answer'}` };
}

/** `socketfilterfw --getglobalstate`: "Firewall is enabled. (State = 1)"; state 2 blocks all incoming. */
export function parseSocketFilterState(stdout: string): TDevice['firewall'] {
  const text = stdout.trim();
  const state = /\(State = (\d)\)/.exec(text)?.[1];
  const enabled =
    state !== undefined
      ? state !== '0'
      : /enabled|blocking/i.test(text)
        ? true
        : /disabled/i.test(text)
          ? false
          : null;
  return {
    enabled,
    tool: enabled === null ? null : 'Application Firewall',
    detail: text.split('\n')[0] ?? '',
  };
}

/**
 * `sysadminctl -screenLock status` (written to stderr): "screenLock delay is immediate", "… is 300
 * seconds" or "screenLock is off": how long after the screen saver starts or the display sleeps the
 * password is asked for. null when the line is missing.
 */
export function parseScreenLockDelay(output: string): { on: boolean; delaySeconds: number } | null {
  if (/screenLock is off/i.test(output)) return { on: false, delaySeconds: 0 };
  if (/screenLock delay is immediate/i.test(output)) return { on: true, delaySeconds: 0 };
  const seconds = /screenLock delay is (\d+) seconds?/i.exec(output)?.[1];
  return seconds === undefined ? null : { on: true, delaySeconds: Number(seconds) };
}

/** `pmset -g`: the current power source's settings; `displaysleep` in minutes (0: never). */
export function parsePmsetDisplaySleep(stdout: string): number | null {
  const minutes = /^\s*displaysleep\s+(\d+)/m.exec(stdout)?.[1];
  return minutes === undefined ? null : Number(minutes);
}

/**
 * The screen locks when the screen saver starts (idleTime seconds, 0: never) or the display sleeps,
 * whichever comes first, plus the password delay.
 */
export function macScreenLock(input: {
  delay: { on: boolean; delaySeconds: number } | null;
  idleTimeSeconds: number | null;
  displaySleepMinutes: number | null;
}): TDevice['screenLock'] {
  const { delay, idleTimeSeconds, displaySleepMinutes } = input;
  const detail = `password ${delay === null ? 'delay unknown' : delay.on ? `after ${delay.delaySeconds} s` : 'not required'}; screen saver after ${idleTimeSeconds ?? 'default'} s; display sleeps after ${displaySleepMinutes ?? 'unknown'} min`;
  if (delay === null) return { applicable: true, enabled: null, timeoutSeconds: null, detail };
  const idle = [idleTimeSeconds, displaySleepMinutes === null ? null : displaySleepMinutes * 60].filter(
    (v): v is number => v !== null && v > 0,
  );
  if (!delay.on || idle.length === 0)
    return { applicable: true, enabled: false, timeoutSeconds: null, detail };
  return { applicable: true, enabled: true, timeoutSeconds: Math.min(...idle) + delay.delaySeconds, detail };
}

/** `defaults read <domain>` in the old-style plist text: `Key = value;` lines. */
export function parseDefaults(stdout: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const match of stdout.matchAll(/^\s*"?([A-Za-z0-9_.-]+)"?\s*=\s*"?([^";]*)"?;\s*$/gm))
    if (match[1]) values[match[1]] = match[2] ?? '';
  return values;
}

/** `softwareupdate --schedule` and the com.apple.SoftwareUpdate preferences (absent keys are macOS's defaults: on). */
export function macUpdates(schedule: string, prefs: Record<string, string>): TDevice['automaticUpdates'] {
  const check = /(turned on|is on)/i.test(schedule);
  const setting = (key: string) => prefs[key] !== '0';
  const download = setting('AutomaticDownload');
  const security = setting('CriticalUpdateInstall') && setting('ConfigDataInstall');
  const detail = `automatic check ${check ? 'on' : 'off'}; download ${download ? 'on' : 'off'}; security responses and system files ${security ? 'on' : 'off'}; macOS updates ${prefs.AutomaticallyInstallMacOSUpdates === '1' ? 'on' : 'off'}`;
  return { enabled: check && download && security, tool: 'softwareupdate', detail };
}

/** `ls -1 /Applications`: application bundles. */
export function parseApplications(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Everything the agent checks on a Mac, as one endpoint.device. */
export async function probeMacos(system: TSystem, now: Date, agentVersion: string): Promise<TEndpointDevice> {
  const swVers = await system.run('sw_vers', []);
  const fde = await system.run('fdesetup', ['status']);
  const firewall = await system.run('/usr/libexec/ApplicationFirewall/socketfilterfw', ['--getglobalstate']);
  const lock = await system.run('sysadminctl', ['-screenLock', 'status']);
  const idle = await system.run('defaults', ['-currentHost', 'read', 'com.apple.screensaver', 'idleTime']);
  const pmset = await system.run('pmset', ['-g']);
  const schedule = await system.run('softwareupdate', ['--schedule']);
  const prefs = await system.run('defaults', ['read', '/Library/Preferences/com.apple.SoftwareUpdate']);
  const apps = parseApplications((await system.run('ls', ['-1', '/Applications']))?.stdout ?? '');
  const passwordManagers = matchSoftware(apps, PASSWORD_MANAGERS);
  const antiMalware = matchSoftware(apps, ANTI_MALWARE);
  const idleTime = idle && idle.code === 0 ? Number(idle.stdout.trim()) : null;
  return {
    hostname: system.hostname,
    os: parseSwVers(swVers?.stdout ?? '', now),
    diskEncryption: fde
      ? parseFdesetupStatus(fde.stdout)
      : { enabled: null, method: null, detail: 'fdesetup is not available' },
    firewall: firewall
      ? parseSocketFilterState(firewall.stdout)
      : { enabled: null, tool: null, detail: 'socketfilterfw is not available' },
    screenLock: macScreenLock({
      delay: lock ? parseScreenLockDelay(`${lock.stderr}\n${lock.stdout}`) : null,
      // Without the key, the screen saver starts after macOS's default of 20 minutes.
      idleTimeSeconds: idleTime !== null && Number.isFinite(idleTime) ? idleTime : 1200,
      displaySleepMinutes: pmset ? parsePmsetDisplaySleep(pmset.stdout) : null,
    }),
    automaticUpdates: schedule
      ? macUpdates(
          `${schedule.stdout}\n${schedule.stderr}`,
          prefs && prefs.code === 0 ? parseDefaults(prefs.stdout) : {},
        )
      : {
          enabled: null,
          tool: null,
          detail: `softwareupdate: ${schedule ? said(schedule) : 'not available'}`,
        },
    passwordManager: { installed: passwordManagers.length > 0, names: passwordManagers },
    antiMalware: { required: false, installed: antiMalware.length > 0, enabled: null, names: antiMalware },
    collectedAt: now.toISOString(),
    agentVersion,
  };
}
