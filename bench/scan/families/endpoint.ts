import { endpointDevice, releaseSupport } from '../../../src/catalog/monitoring/endpoint.ts';
import { generator, hex, iso, type TRng } from './kit.ts';

// Endpoints as the host agent reports them: mostly macOS and Windows laptops, some Linux workstations and
// servers; each section sometimes unreadable (null), the way a probe without root or a missing tool leaves it.

type TRelease = { id: string; name: string; version: string; release: string };

const RELEASES: Record<'macos' | 'windows' | 'linux', TRelease[]> = {
  macos: [
    { id: 'macos', name: 'macOS 15.3', version: '15.3', release: '15' },
    { id: 'macos', name: 'macOS 14.7', version: '14.7', release: '14' },
    { id: 'macos', name: 'macOS 26.1', version: '26.1', release: '26' },
    { id: 'macos', name: 'macOS 13.6', version: '13.6', release: '13' },
  ],
  windows: [
    { id: 'windows', name: 'Microsoft Windows 11 Pro', version: '10.0.26100', release: '26100' },
    { id: 'windows', name: 'Microsoft Windows 11 Pro', version: '10.0.22631', release: '22631' },
    { id: 'windows', name: 'Microsoft Windows 10 Pro', version: '10.0.19045', release: '19045' },
  ],
  linux: [
    { id: 'debian', name: 'Debian GNU/Linux 12 (bookworm)', version: '12', release: '12' },
    { id: 'ubuntu', name: 'Ubuntu 24.04.2 LTS', version: '24.04', release: '24.04' },
    { id: 'ubuntu', name: 'Ubuntu 20.04.6 LTS', version: '20.04', release: '20.04' },
    { id: 'fedora', name: 'Fedora Linux 42 (Workstation Edition)', version: '42', release: '42' },
    { id: 'rhel', name: 'Red Hat Enterprise Linux 9.5 (Plow)', version: '9.5', release: '9' },
    { id: 'nixos', name: 'NixOS 24.11 (Vicuna)', version: '24.11', release: '24.11' },
  ],
};

const TOOLS = {
  macos: { disk: 'FileVault', firewall: 'Application Firewall', updates: 'softwareupdate' },
  windows: { disk: 'BitLocker', firewall: 'Windows Defender Firewall', updates: 'Windows Update' },
  linux: { disk: 'LUKS', firewall: 'ufw', updates: 'unattended-upgrades' },
} as const;

/** true or false with the given odds, or null (unreadable) now and then. */
const tri = (rng: TRng, p: number, unknown = 0.03) => (rng.chance(unknown) ? null : rng.chance(p));

export const endpointGenerators = [
  generator(
    endpointDevice,
    5,
    (rng, i) => {
      const family = rng.pick(['macos', 'macos', 'macos', 'windows', 'windows', 'linux'] as const);
      const server = family === 'linux' && rng.chance(0.4);
      // The newest releases twice as often: most fleets upgrade within a year.
      const releases = RELEASES[family];
      const release = rng.chance(0.5) ? (releases[0] as TRelease) : rng.pick(releases);
      const collectedAt = iso(rng.chance(0.9) ? rng.int(7) : 20 + rng.int(60));
      // The agent judges support on the day it collects; the test judges again on the run's day.
      const judged = releaseSupport(release, new Date(collectedAt));
      const tools = TOOLS[family];
      const encrypted = tri(rng, server ? 0.5 : 0.9);
      const firewall = tri(rng, family === 'windows' ? 0.95 : 0.6);
      const lockTimeout = rng.pick([60, 300, 300, 300, 600, 600, 900, 900, 1800, null]);
      const lockEnabled = server ? null : tri(rng, 0.9, 0.02);
      const updates = tri(rng, 0.8);
      const managers = rng.chance(0.75) ? [rng.pick(['1Password', 'Bitwarden', 'KeePassXC'])] : [];
      const antiMalware =
        family === 'windows' && rng.chance(0.97)
          ? [rng.pick(['Microsoft Defender Antivirus', 'Microsoft Defender Antivirus', 'CrowdStrike Falcon'])]
          : [];
      const hostname = `${family === 'macos' ? 'mbp' : family === 'windows' ? 'win' : server ? 'srv' : 'ws'}-${i}`;
      return {
        id: `dev_${hex(rng, 8)}${i.toString(16).padStart(8, '0')}`,
        name: hostname,
        attributes: {
          hostname,
          os: { family, ...release, supported: judged.supported, endOfSupport: judged.endOfSupport },
          diskEncryption: {
            enabled: encrypted,
            method: encrypted ? tools.disk : null,
            detail:
              encrypted === null
                ? 'the probe needs administrator rights'
                : encrypted
                  ? `${tools.disk} is on for the system volume`
                  : `${tools.disk} is off for the system volume`,
          },
          firewall: {
            enabled: firewall,
            tool: firewall === null ? null : tools.firewall,
            detail:
              firewall === null
                ? 'no firewall tool answered'
                : `${tools.firewall} is ${firewall ? 'on' : 'off'}`,
          },
          screenLock: {
            applicable: !server,
            enabled: lockEnabled,
            timeoutSeconds: lockEnabled ? lockTimeout : null,
            detail: server
              ? 'no graphical session'
              : lockEnabled === null
                ? 'the idle settings could not be read'
                : `idle lock ${lockEnabled ? `after ${lockTimeout ?? 'never'} s` : 'off'}`,
          },
          automaticUpdates: {
            enabled: updates,
            tool: updates === null ? null : tools.updates,
            detail:
              updates === null
                ? 'the update policy could not be read'
                : `${tools.updates} ${updates ? 'installs' : 'only downloads'} updates`,
          },
          passwordManager: { installed: managers.length > 0, names: managers },
          antiMalware: {
            required: family === 'windows',
            installed: antiMalware.length > 0,
            enabled: antiMalware.length > 0 ? tri(rng, 0.9, 0.05) : null,
            names: antiMalware,
          },
          collectedAt,
          agentVersion: rng.pick(['0.1.0', '0.2.0']),
        },
      };
    },
    // The system disk gets encrypted, or is found decrypted (an unreadable state becomes readable and on).
    (a) => {
      const enabled = a.diskEncryption.enabled !== true;
      return {
        ...a,
        diskEncryption: {
          enabled,
          method: enabled ? (a.diskEncryption.method ?? 'LUKS') : null,
          detail: enabled
            ? 'encryption is on for the system volume'
            : 'encryption is off for the system volume',
        },
      };
    },
  ),
];
