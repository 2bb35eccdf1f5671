import { z } from 'zod';
import { releaseSupport, type TEndpointDevice, type TEndpointOs } from '../../catalog/monitoring/endpoint.ts';
import { ANTI_MALWARE, matchSoftware, PASSWORD_MANAGERS } from './known-software.ts';
import { said, type TSystem } from './system.ts';

// The Linux probes. Each parser is a pure function over one command's output (recorded samples live in
// test/fixtures/agent/linux/); the probe functions run the commands and combine the answers. Reading the
// firewall rules needs root; the screen lock is read as the desktop session's user.

type TDevice = TEndpointDevice;

// ---- OS release (/etc/os-release) ----

/** KEY=value lines, values optionally quoted (os-release(5)). */
export function parseOsRelease(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!match?.[1]) continue;
    let value = match[2] ?? '';
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1).replace(/\\(["'$`\\])/g, '$1');
    fields[match[1]] = value;
  }
  return fields;
}

/** RHEL and its rebuilds are supported per major release; the others per VERSION_ID. */
const BY_MAJOR = new Set(['rhel', 'rocky', 'almalinux', 'centos', 'ol']);

export function linuxOs(fields: Record<string, string>, now: Date): TEndpointOs {
  const id = (fields.ID ?? 'linux').toLowerCase();
  const versionId = fields.VERSION_ID ?? '';
  const release = BY_MAJOR.has(id) ? (versionId.split('.')[0] ?? '') : versionId;
  return {
    family: 'linux',
    id,
    name: fields.PRETTY_NAME ?? fields.NAME ?? 'Linux',
    version: fields.VERSION ?? versionId,
    release,
    ...releaseSupport({ id, release }, now),
  };
}

// ---- Disk encryption (lsblk -J, /etc/crypttab) ----

interface TBlockDevice {
  name: string;
  type: string;
  fstype: string | null;
  mountpoints: string[];
  children: TBlockDevice[];
}

const ZBlockDevice: z.ZodType<{
  name: string;
  type: string;
  fstype?: string | null | undefined;
  mountpoint?: string | null | undefined;
  mountpoints?: Array<string | null> | undefined;
  children?: unknown[] | undefined;
}> = z.looseObject({
  name: z.string(),
  type: z.string(),
  fstype: z.string().nullish(),
  mountpoint: z.string().nullish(),
  mountpoints: z.array(z.string().nullable()).optional(),
  children: z.array(z.unknown()).optional(),
});

function blockDevice(raw: unknown): TBlockDevice {
  const d = ZBlockDevice.parse(raw);
  return {
    name: d.name,
    type: d.type,
    fstype: d.fstype ?? null,
    mountpoints: (d.mountpoints ?? [d.mountpoint ?? null]).filter((m): m is string => m !== null),
    children: (d.children ?? []).map(blockDevice),
  };
}

/** The chain of devices from a disk down to the one mounted at `/`, from `lsblk -J -o NAME,TYPE,FSTYPE,MOUNTPOINTS`. */
export function rootDeviceChain(lsblkJson: string): TBlockDevice[] | null {
  const parsed = z.object({ blockdevices: z.array(z.unknown()) }).parse(JSON.parse(lsblkJson));
  const search = (devices: TBlockDevice[], path: TBlockDevice[]): TBlockDevice[] | null => {
    for (const device of devices) {
      const chain = [...path, device];
      if (device.mountpoints.includes('/')) return chain;
      const found = search(device.children, chain);
      if (found) return found;
    }
    return null;
  };
  return search(parsed.blockdevices.map(blockDevice), []);
}

/** The names of the volumes /etc/crypttab unlocks at boot. */
export function parseCrypttab(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

export function diskEncryptionFrom(lsblkJson: string, crypttab: string | null): TDevice['diskEncryption'] {
  const chain = rootDeviceChain(lsblkJson);
  const volumes = crypttab === null ? [] : parseCrypttab(crypttab);
  const configured = volumes.length ? `; /etc/crypttab unlocks ${volumes.join(', ')}` : '';
  if (!chain)
    return {
      enabled: null,
      method: null,
      detail: `lsblk lists no device mounted at / (a container or a network root?)${configured}`,
    };
  const path = chain.map((d) => `${d.name} (${d.type}${d.fstype ? `, ${d.fstype}` : ''})`).join(' > ');
  const crypt = chain.find((d) => d.type === 'crypt');
  if (!crypt)
    return { enabled: false, method: null, detail: `/ is on ${path}, with no crypt layer${configured}` };
  const luks = chain.some((d) => d.fstype === 'crypto_LUKS');
  return { enabled: true, method: luks ? 'LUKS' : 'dm-crypt', detail: `/ is on ${path}${configured}` };
}

// ---- Firewall (ufw, firewalld, nftables, iptables) ----

type TToolState = { tool: string; state: 'on' | 'off' | 'unknown'; detail: string };

const needsRoot = (text: string) =>
  /permission denied|not permitted|must be root|need to be root/i.test(text);

/** `ufw status`: "Status: active" or "Status: inactive". */
export function parseUfwStatus(stdout: string): boolean | null {
  const match = /^Status:\s*(active|inactive)/m.exec(stdout);
  return match ? match[1] === 'active' : null;
}

/** `nft -j list ruleset`: on when a filter chain on the input hook drops by policy or by a rule. */
export function parseNftRuleset(json: string): { enabled: boolean; detail: string } {
  const items = z
    .object({ nftables: z.array(z.record(z.string(), z.unknown())) })
    .parse(JSON.parse(json)).nftables;
  const ZChain = z.looseObject({
    family: z.string(),
    table: z.string(),
    name: z.string(),
    hook: z.string().optional(),
    policy: z.string().optional(),
  });
  const ZRule = z.looseObject({
    family: z.string(),
    table: z.string(),
    chain: z.string(),
    expr: z.array(z.record(z.string(), z.unknown())).optional(),
  });
  const chains = items.flatMap((i) => (i.chain ? [ZChain.parse(i.chain)] : []));
  const rules = items.flatMap((i) => (i.rule ? [ZRule.parse(i.rule)] : []));
  const inputs = chains.filter((c) => c.hook === 'input');
  for (const chain of inputs) {
    const key = `${chain.family} ${chain.table} ${chain.name}`;
    if (chain.policy === 'drop') return { enabled: true, detail: `chain ${key} drops by default` };
    const dropping = rules.filter(
      (r) =>
        `${r.family} ${r.table} ${r.chain}` === key &&
        (r.expr ?? []).some((e) => 'drop' in e || 'reject' in e),
    );
    if (dropping.length)
      return { enabled: true, detail: `chain ${key} has ${dropping.length} drop or reject rule(s)` };
  }
  return {
    enabled: false,
    detail: inputs.length
      ? `the input chain(s) ${inputs.map((c) => `${c.family} ${c.table} ${c.name}`).join(', ')} accept everything`
      : 'no chain filters incoming traffic',
  };
}

/** `iptables -S INPUT`: on when the policy is DROP or a rule jumps to DROP or REJECT. */
export function parseIptablesRules(stdout: string): { enabled: boolean; detail: string } {
  const lines = stdout.split('\n').map((l) => l.trim());
  const policy = /^-P INPUT (\w+)/m.exec(stdout)?.[1] ?? 'ACCEPT';
  if (policy === 'DROP') return { enabled: true, detail: 'INPUT drops by default' };
  const dropping = lines.filter((l) => l.startsWith('-A INPUT') && /-j (DROP|REJECT)\b/.test(l));
  return dropping.length
    ? { enabled: true, detail: `INPUT has ${dropping.length} DROP or REJECT rule(s)` }
    : { enabled: false, detail: `INPUT accepts everything (policy ${policy})` };
}

async function firewallTools(system: TSystem): Promise<TToolState[]> {
  const states: TToolState[] = [];
  const ufw = await system.run('ufw', ['status']);
  if (ufw) {
    const on = parseUfwStatus(ufw.stdout);
    states.push(
      on === null
        ? { tool: 'ufw', state: 'unknown', detail: `ufw: ${said(ufw)}` }
        : { tool: 'ufw', state: on ? 'on' : 'off', detail: `ufw is ${on ? 'active' : 'inactive'}` },
    );
  }
  const firewalld = await system.run('firewall-cmd', ['--state']);
  if (firewalld) {
    const text = firewalld.stdout.trim();
    states.push(
      text === 'running'
        ? { tool: 'firewalld', state: 'on', detail: 'firewalld is running' }
        : text === 'not running'
          ? { tool: 'firewalld', state: 'off', detail: 'firewalld is not running' }
          : { tool: 'firewalld', state: 'unknown', detail: `firewall-cmd: ${said(firewalld)}` },
    );
  }
  const nft = await system.run('nft', ['-j', 'list', 'ruleset']);
  if (nft) {
    if (nft.code === 0) {
      const { enabled, detail } = parseNftRuleset(nft.stdout || '{"nftables":[]}');
      states.push({ tool: 'nftables', state: enabled ? 'on' : 'off', detail: `nftables: ${detail}` });
    } else states.push({ tool: 'nftables', state: 'unknown', detail: `nft: ${said(nft)}` });
  }
  const iptables = await system.run('iptables', ['-S', 'INPUT']);
  if (iptables) {
    if (iptables.code === 0) {
      const { enabled, detail } = parseIptablesRules(iptables.stdout);
      states.push({ tool: 'iptables', state: enabled ? 'on' : 'off', detail: `iptables: ${detail}` });
    } else states.push({ tool: 'iptables', state: 'unknown', detail: `iptables: ${said(iptables)}` });
  }
  return states;
}

/** Any tool that filters incoming traffic turns it on; an unreadable one makes "off" unknown. */
export function firewallFrom(states: TToolState[]): TDevice['firewall'] {
  const detail = states.map((s) => s.detail).join('; ');
  const on = states.find((s) => s.state === 'on');
  if (on) return { enabled: true, tool: on.tool, detail };
  const unknown = states.filter((s) => s.state === 'unknown');
  if (unknown.length) {
    const hint = unknown.some((s) => needsRoot(s.detail)) ? ' (run the agent as root to read the rules)' : '';
    return { enabled: null, tool: null, detail: `${detail}${hint}` };
  }
  if (!states.length)
    return {
      enabled: false,
      tool: null,
      detail: 'no firewall tool is installed (ufw, firewalld, nft, iptables)',
    };
  return { enabled: false, tool: states[0]?.tool ?? null, detail };
}

// ---- Screen lock (loginctl, gsettings) ----

/** `loginctl show-session ID -p …`: KEY=value lines. */
export function parseKeyValues(stdout: string): Record<string, string> {
  return Object.fromEntries(
    stdout
      .split('\n')
      .map((line) => /^([A-Za-z]+)=(.*)$/.exec(line.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1] ?? '', m[2] ?? '']),
  );
}

/** `gsettings get …`: "true", "uint32 300", "'string'". */
export function parseGsettingsValue(stdout: string): string | number | boolean | null {
  const text = stdout.trim();
  if (text === 'true' || text === 'false') return text === 'true';
  const number = /^(?:u?int(?:32|64)\s+)?(-?\d+)$/.exec(text);
  if (number) return Number(number[1]);
  const quoted = /^'(.*)'$/.exec(text);
  return quoted ? (quoted[1] ?? '') : null;
}

/** GNOME locks `lock-delay` seconds after the screen blanks, which it does after `idle-delay` (0: never). */
export function gnomeScreenLock(settings: {
  lockEnabled: unknown;
  idleDelay: unknown;
  lockDelay: unknown;
}): Omit<TDevice['screenLock'], 'applicable'> {
  const { lockEnabled, idleDelay, lockDelay } = settings;
  if (typeof lockEnabled !== 'boolean' || typeof idleDelay !== 'number')
    return { enabled: null, timeoutSeconds: null, detail: 'GNOME screen lock settings could not be read' };
  const delay = typeof lockDelay === 'number' ? lockDelay : 0;
  const detail = `GNOME: lock-enabled ${lockEnabled}, idle-delay ${idleDelay} s, lock-delay ${delay} s`;
  if (!lockEnabled || idleDelay === 0) return { enabled: false, timeoutSeconds: null, detail };
  return { enabled: true, timeoutSeconds: idleDelay + delay, detail };
}

interface TDesktopSession {
  id: string;
  user: string;
  uid: number;
  type: string;
}

async function desktopSession(system: TSystem): Promise<TDesktopSession | string> {
  const list = await system.run('loginctl', ['list-sessions', '--no-legend']);
  if (list && list.code === 0) {
    for (const id of list.stdout
      .split('\n')
      .map((l) => l.trim().split(/\s+/)[0] ?? '')
      .filter(Boolean)) {
      const show = await system.run('loginctl', [
        'show-session',
        id,
        '-p',
        'Type',
        '-p',
        'Class',
        '-p',
        'Name',
        '-p',
        'User',
        '-p',
        'Active',
      ]);
      const p = show && show.code === 0 ? parseKeyValues(show.stdout) : {};
      if ((p.Type === 'x11' || p.Type === 'wayland') && p.Class === 'user' && p.Name)
        return { id, user: p.Name, uid: Number(p.User), type: p.Type };
    }
    return 'no graphical session is open (loginctl lists none of type x11 or wayland)';
  }
  const type = system.env.XDG_SESSION_TYPE;
  if ((type === 'x11' || type === 'wayland') && system.uid !== null)
    return { id: 'self', user: system.env.USER ?? '', uid: system.uid, type };
  return `no graphical session (loginctl: ${list ? said(list) : 'not installed'}; XDG_SESSION_TYPE ${type ?? 'unset'})`;
}

async function screenLock(system: TSystem): Promise<TDevice['screenLock']> {
  const session = await desktopSession(system);
  if (typeof session === 'string')
    return { applicable: false, enabled: null, timeoutSeconds: null, detail: session };
  // Root reads the settings of the session's user over that user's session bus.
  const asUser =
    system.uid === 0 && session.uid !== 0
      ? [
          'runuser',
          '-u',
          session.user,
          '--',
          'env',
          `DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/${session.uid}/bus`,
        ]
      : [];
  const get = async (schema: string, key: string) => {
    const [command = 'gsettings', ...args] = [...asUser, 'gsettings', 'get', schema, key];
    const result = await system.run(command, args);
    return result && result.code === 0 ? parseGsettingsValue(result.stdout) : null;
  };
  const lock = gnomeScreenLock({
    lockEnabled: await get('org.gnome.desktop.screensaver', 'lock-enabled'),
    idleDelay: await get('org.gnome.desktop.session', 'idle-delay'),
    lockDelay: await get('org.gnome.desktop.screensaver', 'lock-delay'),
  });
  return {
    applicable: true,
    ...lock,
    detail: `${session.type} session of ${session.user}; ${lock.enabled === null ? 'only GNOME settings (gsettings) are read' : lock.detail}`,
  };
}

// ---- Automatic updates (apt unattended-upgrades, dnf-automatic) ----

/** `apt-config dump` (or an apt.conf file such as 20auto-upgrades): `Key "value";` lines. */
export function parseAptConfig(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const match of text.matchAll(/^\s*([A-Za-z0-9:_-]+)\s+"([^"]*)";/gm))
    if (match[1]) values[match[1]] = match[2] ?? '';
  return values;
}

export function aptUpdates(config: Record<string, string>, installed: boolean): TDevice['automaticUpdates'] {
  const lists = config['APT::Periodic::Update-Package-Lists'] ?? '0';
  const upgrade = config['APT::Periodic::Unattended-Upgrade'] ?? '0';
  const detail = `unattended-upgrades ${installed ? 'installed' : 'not installed'}; APT::Periodic::Update-Package-Lists "${lists}", APT::Periodic::Unattended-Upgrade "${upgrade}"`;
  const on = (value: string) => value !== '0' && value !== '' && value !== 'false';
  return { enabled: installed && on(lists) && on(upgrade), tool: 'unattended-upgrades', detail };
}

async function automaticUpdates(system: TSystem): Promise<TDevice['automaticUpdates']> {
  const apt = await system.run('apt-config', ['dump']);
  if (apt && apt.code === 0) {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax
    const status = await system.run('dpkg-query', ['-W', '-f=${Status}', 'unattended-upgrades']);
    return aptUpdates(parseAptConfig(apt.stdout), status?.stdout.trim() === 'install ok installed');
  }
  for (const timer of ['dnf-automatic-install.timer', 'dnf5-automatic.timer', 'dnf-automatic.timer']) {
    const state = await system.run('systemctl', ['is-enabled', timer]);
    if (!state) break;
    if (state.stdout.trim() !== 'enabled') continue;
    if (timer !== 'dnf-automatic.timer')
      return { enabled: true, tool: 'dnf-automatic', detail: `${timer} is enabled` };
    const conf = (await system.read('/etc/dnf/automatic.conf')) ?? '';
    const apply = /^\s*apply_updates\s*=\s*(yes|true|1)\s*$/m.test(conf);
    return {
      enabled: apply,
      tool: 'dnf-automatic',
      detail: `${timer} is enabled; apply_updates ${apply ? 'yes' : 'no'} in /etc/dnf/automatic.conf`,
    };
  }
  return {
    enabled: false,
    tool: null,
    detail: 'neither apt (unattended-upgrades) nor dnf-automatic is set up to install updates',
  };
}

// ---- Installed software (password managers, anti-malware) ----

/** `dpkg-query -W -f='${binary:Package}\t${Status}\n'`: the installed packages' names. */
export function parseDpkgList(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((line) => line.split('\t'))
    .filter(([, status]) => status?.trim() === 'install ok installed')
    .map(([name]) => (name ?? '').replace(/:\w+$/, ''));
}

async function installedSoftware(system: TSystem): Promise<string[]> {
  const names: string[] = [];
  // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax
  const dpkg = await system.run('dpkg-query', ['-W', '-f=${binary:Package}\t${Status}\n']);
  if (dpkg && dpkg.code === 0) names.push(...parseDpkgList(dpkg.stdout));
  const rpm = dpkg ? null : await system.run('rpm', ['-qa', '--qf', '%{NAME}\n']);
  if (rpm && rpm.code === 0) names.push(...rpm.stdout.split('\n').filter(Boolean));
  const flatpak = await system.run('flatpak', ['list', '--app', '--columns=application']);
  if (flatpak && flatpak.code === 0) names.push(...flatpak.stdout.split('\n').filter(Boolean));
  const snap = await system.run('snap', ['list']);
  if (snap && snap.code === 0)
    names.push(
      ...snap.stdout
        .split('\n')
        .slice(1)
        .map((l) => l.split(/\s+/)[0] ?? ''),
    );
  return names.filter(Boolean);
}

/** Everything the agent checks on a Linux machine, as one endpoint.device. */
export async function probeLinux(system: TSystem, now: Date, agentVersion: string): Promise<TEndpointDevice> {
  const osRelease =
    (await system.read('/etc/os-release')) ?? (await system.read('/usr/lib/os-release')) ?? '';
  const lsblk = await system.run('lsblk', ['-J', '-o', 'NAME,TYPE,FSTYPE,MOUNTPOINTS']);
  const diskEncryption =
    lsblk && lsblk.code === 0
      ? diskEncryptionFrom(lsblk.stdout, await system.read('/etc/crypttab'))
      : { enabled: null, method: null, detail: `lsblk: ${lsblk ? said(lsblk) : 'not installed'}` };
  const software = await installedSoftware(system);
  const passwordManagers = matchSoftware(software, PASSWORD_MANAGERS);
  const antiMalware = matchSoftware(software, ANTI_MALWARE);
  return {
    hostname: system.hostname,
    os: linuxOs(parseOsRelease(osRelease), now),
    diskEncryption,
    firewall: firewallFrom(await firewallTools(system)),
    screenLock: await screenLock(system),
    automaticUpdates: await automaticUpdates(system),
    passwordManager: { installed: passwordManagers.length > 0, names: passwordManagers },
    antiMalware: { required: false, installed: antiMalware.length > 0, enabled: null, names: antiMalware },
    collectedAt: now.toISOString(),
    agentVersion,
  };
}
