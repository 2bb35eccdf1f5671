import { z } from 'zod';
import { releaseSupport, type TEndpointDevice, type TEndpointOs } from '../../catalog/monitoring/endpoint.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { ANTI_MALWARE, matchSoftware, PASSWORD_MANAGERS } from './known-software.ts';
import { said, type TSystem } from './system.ts';

// The Windows probes: PowerShell cmdlets asked for JSON (ConvertTo-Json, which writes enums as numbers)
// and `reg query` for the registry, each with a pure parser over recorded output
// (test/fixtures/agent/windows/). BitLocker's state needs an elevated prompt; the rest does not.

type TDevice = TEndpointDevice;

/** PowerShell's ConvertTo-Json writes one object bare and several as an array. */
function jsonList(stdout: string): unknown[] {
  const text = stdout.trim();
  if (!text) return [];
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value : [value];
}

/** An enum as ConvertTo-Json writes it (a number) or as text (`-EnumsAsStrings`, or a string property). */
const ZEnum = z.union([z.number(), z.string(), z.boolean()]);

export const POWERSHELL = {
  os: 'Get-CimInstance Win32_OperatingSystem | Select-Object Caption,Version,BuildNumber | ConvertTo-Json',
  bitlocker:
    'Get-BitLockerVolume -MountPoint $env:SystemDrive | Select-Object MountPoint,VolumeStatus,ProtectionStatus,EncryptionMethod,EncryptionPercentage | ConvertTo-Json',
  firewall: 'Get-NetFirewallProfile | Select-Object Name,Enabled | ConvertTo-Json',
  antivirus:
    'Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntivirusProduct | Select-Object displayName,productState | ConvertTo-Json',
  apps: "Get-ItemProperty 'HKLM:\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*','HKLM:\\Software\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*','HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*' -ErrorAction SilentlyContinue | Where-Object DisplayName | Select-Object DisplayName,DisplayVersion | ConvertTo-Json",
} as const;

/** Win32_OperatingSystem: Caption "Microsoft Windows 11 Pro", Version "10.0.22631", BuildNumber "22631". */
export function parseWindowsOs(stdout: string, now: Date): TEndpointOs {
  const os = z
    .looseObject({ Caption: z.string(), Version: z.string(), BuildNumber: z.string() })
    .parse(jsonList(stdout)[0]);
  return {
    family: 'windows',
    id: 'windows',
    name: os.Caption.trim(),
    version: os.Version,
    release: os.BuildNumber,
    ...releaseSupport({ id: 'windows', release: os.BuildNumber }, now),
  };
}

const VOLUME_STATUS = [
  'FullyDecrypted',
  'FullyEncrypted',
  'EncryptionInProgress',
  'DecryptionInProgress',
  'EncryptionPaused',
  'DecryptionPaused',
];
const PROTECTION_STATUS = ['Off', 'On', 'Unknown'];
const ENCRYPTION_METHOD = [
  'None',
  'Aes128Diffuser',
  'Aes256Diffuser',
  'Aes128',
  'Aes256',
  'Hardware',
  'XtsAes128',
  'XtsAes256',
];
const named = (names: string[], value: z.infer<typeof ZEnum> | undefined) =>
  typeof value === 'number' ? (names[value] ?? String(value)) : String(value ?? 'Unknown');

/** Get-BitLockerVolume of the system drive: on when fully encrypted with protection on. */
export function parseBitLockerVolume(stdout: string): TDevice['diskEncryption'] {
  const volume = z
    .looseObject({
      MountPoint: z.string(),
      VolumeStatus: ZEnum,
      ProtectionStatus: ZEnum,
      EncryptionMethod: ZEnum.optional(),
      EncryptionPercentage: z.number().optional(),
    })
    .parse(jsonList(stdout)[0]);
  const status = named(VOLUME_STATUS, volume.VolumeStatus);
  const protection = named(PROTECTION_STATUS, volume.ProtectionStatus);
  const method = named(ENCRYPTION_METHOD, volume.EncryptionMethod);
  const detail = `${volume.MountPoint} ${status}, protection ${protection}, ${method}, ${volume.EncryptionPercentage ?? '?'}% encrypted`;
  const enabled = status === 'FullyEncrypted' && protection === 'On';
  return { enabled, method: status === 'FullyDecrypted' ? null : `BitLocker ${method}`, detail };
}

/** Get-NetFirewallProfile: on only when the Domain, Private and Public profiles all are. */
export function parseFirewallProfiles(stdout: string): TDevice['firewall'] {
  const profiles = jsonList(stdout).map((p) => z.looseObject({ Name: z.string(), Enabled: ZEnum }).parse(p));
  // GpoBoolean: 1 True, 0 False (-1 NotConfigured, which the profile does not report).
  const on = (value: z.infer<typeof ZEnum>) => value === 1 || value === true || value === 'True';
  const off = profiles.filter((p) => !on(p.Enabled)).map((p) => p.Name);
  const detail = profiles.map((p) => `${p.Name} ${on(p.Enabled) ? 'on' : 'off'}`).join(', ');
  if (!profiles.length) return { enabled: null, tool: null, detail: 'no firewall profile was reported' };
  return {
    enabled: off.length === 0,
    tool: 'Windows Defender Firewall',
    detail: off.length ? `${detail} (off: ${off.join(', ')})` : detail,
  };
}

/**
 * SecurityCenter2 AntivirusProduct: the products Windows Security knows. productState's second byte says
 * whether real-time protection is on (0x10) and its third whether signatures are current (0x00).
 */
export function parseAntivirusProducts(stdout: string): TDevice['antiMalware'] {
  const products = jsonList(stdout).map((p) =>
    z.looseObject({ displayName: z.string(), productState: z.number().int() }).parse(p),
  );
  const names = [...new Set(products.map((p) => p.displayName))].sort();
  const active = products.filter((p) => ((p.productState >> 12) & 0xf) === 1);
  return {
    required: true,
    installed: products.length > 0,
    enabled: products.length ? active.length > 0 : null,
    names,
  };
}

/** `reg query KEY`: `    Name    REG_TYPE    value` lines; REG_DWORD values as numbers. */
export function parseRegQuery(stdout: string): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const match of stdout.replace(/\r/g, '').matchAll(/^ {4}(\S(?:.*?\S)?) {4}(REG_\w+) {4}(.*)$/gm)) {
    const [, name, type, raw = ''] = match;
    if (!name) continue;
    values[name] = type === 'REG_DWORD' || type === 'REG_QWORD' ? Number.parseInt(raw, 16) : raw.trim();
  }
  return values;
}

/**
 * The machine inactivity limit (InactivityTimeoutSecs) locks by itself; otherwise a secure screen saver
 * does, its policy settings overriding the user's.
 */
export function windowsScreenLock(input: {
  machinePolicy: Record<string, string | number>;
  userPolicy: Record<string, string | number>;
  user: Record<string, string | number>;
}): TDevice['screenLock'] {
  const inactivity = Number(input.machinePolicy.InactivityTimeoutSecs ?? 0);
  if (inactivity > 0)
    return {
      applicable: true,
      enabled: true,
      timeoutSeconds: inactivity,
      detail: `machine inactivity limit ${inactivity} s`,
    };
  const value = (name: string) => input.userPolicy[name] ?? input.user[name];
  const active = String(value('ScreenSaveActive') ?? '0') === '1';
  const secure = String(value('ScreenSaverIsSecure') ?? '0') === '1';
  const timeout = Number(value('ScreenSaveTimeOut') ?? 0);
  const detail = `screen saver ${active ? 'on' : 'off'}, ${secure ? 'asks' : 'does not ask'} for the password on resume, after ${timeout} s; no machine inactivity limit`;
  if (!active || !secure || !(timeout > 0))
    return { applicable: true, enabled: false, timeoutSeconds: null, detail };
  return { applicable: true, enabled: true, timeoutSeconds: timeout, detail };
}

/** Windows Update installs by itself unless a policy turns it off (NoAutoUpdate) or only notifies (AUOptions 2). */
export function windowsUpdates(
  policy: Record<string, string | number> | null,
  scQc: string | null,
): TDevice['automaticUpdates'] {
  const disabledService = scQc !== null && /START_TYPE\s*:\s*4\s+DISABLED/.test(scQc);
  const noAuto = policy?.NoAutoUpdate === 1;
  const options = policy?.AUOptions;
  const notifyOnly = options === 2;
  const detail = [
    policy
      ? `policy NoAutoUpdate ${policy.NoAutoUpdate ?? 'unset'}, AUOptions ${options ?? 'unset'}`
      : 'no Windows Update policy (Windows defaults)',
    disabledService ? 'the wuauserv service is disabled' : 'the wuauserv service is not disabled',
  ].join('; ');
  return { enabled: !(noAuto || notifyOnly || disabledService), tool: 'Windows Update', detail };
}

/** The uninstall entries' DisplayName values. */
export function parseInstalledApps(stdout: string): string[] {
  return jsonList(stdout)
    .map((a) => z.looseObject({ DisplayName: z.string() }).safeParse(a))
    .flatMap((r) => (r.success ? [r.data.DisplayName] : []));
}

/** Everything the agent checks on a Windows machine, as one endpoint.device. */
export async function probeWindows(
  system: TSystem,
  now: Date,
  agentVersion: string,
): Promise<TEndpointDevice> {
  const ps = (script: string) =>
    system.run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script]);
  const reg = async (key: string) => {
    const result = await system.run('reg', ['query', key]);
    return result && result.code === 0 ? parseRegQuery(result.stdout) : null;
  };
  const os = await ps(POWERSHELL.os);
  if (os?.code !== 0)
    throw new AttestlyError(
      'COLLECTION_FAILED',
      `cannot read the Windows version: ${os ? said(os) : 'no PowerShell'}`,
    );
  const bitlocker = await ps(POWERSHELL.bitlocker);
  const firewall = await ps(POWERSHELL.firewall);
  const antivirus = await ps(POWERSHELL.antivirus);
  const apps = await ps(POWERSHELL.apps);
  const sc = await system.run('sc.exe', ['qc', 'wuauserv']);
  const installed = apps && apps.code === 0 ? parseInstalledApps(apps.stdout) : [];
  const passwordManagers = matchSoftware(installed, PASSWORD_MANAGERS);
  const antiMalware =
    antivirus && antivirus.code === 0
      ? parseAntivirusProducts(antivirus.stdout)
      : { required: true, installed: false, enabled: null, names: [] };
  if (!antiMalware.installed) antiMalware.names = matchSoftware(installed, ANTI_MALWARE);
  antiMalware.installed ||= antiMalware.names.length > 0;
  return {
    hostname: system.hostname,
    os: parseWindowsOs(os.stdout, now),
    diskEncryption:
      bitlocker && bitlocker.code === 0 && bitlocker.stdout.trim()
        ? parseBitLockerVolume(bitlocker.stdout)
        : {
            enabled: null,
            method: null,
            detail: `Get-BitLockerVolume: ${bitlocker ? said(bitlocker) : 'no answer'} (run the agent from an elevated prompt)`,
          },
    firewall:
      firewall && firewall.code === 0
        ? parseFirewallProfiles(firewall.stdout)
        : {
            enabled: null,
            tool: null,
            detail: `Get-NetFirewallProfile: ${firewall ? said(firewall) : 'no answer'}`,
          },
    screenLock: windowsScreenLock({
      machinePolicy:
        (await reg('HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System')) ?? {},
      userPolicy: (await reg('HKCU\\Software\\Policies\\Microsoft\\Windows\\Control Panel\\Desktop')) ?? {},
      user: (await reg('HKCU\\Control Panel\\Desktop')) ?? {},
    }),
    automaticUpdates: windowsUpdates(
      await reg('HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU'),
      sc && sc.code === 0 ? sc.stdout : null,
    ),
    passwordManager: { installed: passwordManagers.length > 0, names: passwordManagers },
    antiMalware,
    collectedAt: now.toISOString(),
    agentVersion,
  };
}
