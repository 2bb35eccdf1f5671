import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { recordedSystem, recording } from '../../../test/support/recorded-system.ts';
import { endpointDevice } from '../../catalog/monitoring/endpoint.ts';
import {
  aptUpdates,
  diskEncryptionFrom,
  firewallFrom,
  gnomeScreenLock,
  linuxOs,
  parseAptConfig,
  parseDpkgList,
  parseGsettingsValue,
  parseIptablesRules,
  parseNftRuleset,
  parseOsRelease,
  parseUfwStatus,
  probeLinux,
} from './linux.ts';
import { probeDevice } from './probe.ts';
import { localSystem } from './system.ts';

const rec = (file: string) => recording('linux', file);
const NOW = new Date('2026-03-01T12:00:00Z');

describe('Linux parsers over recorded output', () => {
  it('reads /etc/os-release and judges the release against the support table', () => {
    expect(linuxOs(parseOsRelease(rec('os-release-ubuntu-22.04')), NOW)).toEqual({
      family: 'linux',
      id: 'ubuntu',
      name: 'Ubuntu 22.04.4 LTS',
      version: '22.04.4 LTS (Jammy Jellyfish)',
      release: '22.04',
      supported: true,
      endOfSupport: '2027-06-01',
    });
    expect(linuxOs(parseOsRelease(rec('os-release-debian-10')), NOW)).toMatchObject({
      release: '10',
      supported: false,
      endOfSupport: '2024-06-30',
    });
    // RHEL is supported per major release: 9.4 is "9".
    expect(linuxOs(parseOsRelease(rec('os-release-rhel-9')), NOW)).toMatchObject({
      id: 'rhel',
      release: '9',
      supported: true,
    });
  });

  it('finds LUKS under the root filesystem, through LVM', () => {
    expect(diskEncryptionFrom(rec('lsblk-luks-lvm.json'), rec('crypttab'))).toEqual({
      enabled: true,
      method: 'LUKS',
      detail:
        '/ is on nvme0n1 (disk) > nvme0n1p3 (part, crypto_LUKS) > dm_crypt-0 (crypt, LVM2_member) > ubuntu--vg-ubuntu--lv (lvm, ext4); /etc/crypttab unlocks dm_crypt-0',
    });
    // util-linux before 2.37 writes "mountpoint" rather than "mountpoints".
    expect(diskEncryptionFrom(rec('lsblk-util-linux-2.36.json'), null)).toMatchObject({
      enabled: true,
      method: 'LUKS',
    });
  });

  it('says a plain root partition is not encrypted, and an unknown root is unknown', () => {
    expect(diskEncryptionFrom(rec('lsblk-plain.json'), null)).toEqual({
      enabled: false,
      method: null,
      detail: '/ is on sda (disk) > sda1 (part, ext4), with no crypt layer',
    });
    expect(
      diskEncryptionFrom(
        '{"blockdevices":[{"name":"sda","type":"disk","fstype":null,"mountpoints":[null]}]}',
        null,
      ),
    ).toMatchObject({ enabled: null });
  });

  it('reads ufw, nftables and iptables', () => {
    expect(parseUfwStatus(rec('ufw-status-active.txt'))).toBe(true);
    expect(parseUfwStatus(rec('ufw-status-inactive.txt'))).toBe(false);
    expect(parseUfwStatus(rec('ufw-status-not-root.stderr'))).toBeNull();
    expect(parseNftRuleset(rec('nft-ruleset-drop.json'))).toEqual({
      enabled: true,
      detail: 'chain inet filter input drops by default',
    });
    // Docker's chains filter forwarded traffic only: the host itself still accepts everything.
    expect(parseNftRuleset(rec('nft-ruleset-docker-only.json'))).toEqual({
      enabled: false,
      detail: 'the input chain(s) ip filter INPUT accept everything',
    });
    expect(parseIptablesRules(rec('iptables-S-INPUT.txt'))).toEqual({
      enabled: true,
      detail: 'INPUT has 1 DROP or REJECT rule(s)',
    });
    expect(parseIptablesRules(rec('iptables-S-INPUT-open.txt')).enabled).toBe(false);
  });

  it('turns the tools’ answers into one firewall verdict, unknown when the rules could not be read', () => {
    expect(
      firewallFrom([
        { tool: 'ufw', state: 'off', detail: 'ufw is inactive' },
        { tool: 'nftables', state: 'on', detail: 'nftables: chain inet filter input drops by default' },
      ]),
    ).toMatchObject({ enabled: true, tool: 'nftables' });
    expect(
      firewallFrom([{ tool: 'nftables', state: 'unknown', detail: 'nft: Error: Operation not permitted' }]),
    ).toEqual({
      enabled: null,
      tool: null,
      detail: 'nft: Error: Operation not permitted (run the agent as root to read the rules)',
    });
    expect(firewallFrom([])).toMatchObject({ enabled: false, tool: null });
  });

  it('reads GNOME’s screen lock settings', () => {
    const settings = (idle: string) => ({
      lockEnabled: parseGsettingsValue(rec('gsettings-lock-enabled.txt')),
      idleDelay: parseGsettingsValue(rec(idle)),
      lockDelay: parseGsettingsValue(rec('gsettings-lock-delay.txt')),
    });
    expect(gnomeScreenLock(settings('gsettings-idle-delay.txt'))).toEqual({
      enabled: true,
      timeoutSeconds: 330,
      detail: 'GNOME: lock-enabled true, idle-delay 300 s, lock-delay 30 s',
    });
    expect(gnomeScreenLock(settings('gsettings-idle-delay-never.txt'))).toMatchObject({
      enabled: false,
      timeoutSeconds: null,
    });
  });

  it('reads apt’s periodic settings, from apt-config dump or 20auto-upgrades', () => {
    const dump = parseAptConfig(rec('apt-config-dump.txt'));
    expect(dump['APT::Periodic::Unattended-Upgrade']).toBe('1');
    expect(parseAptConfig(rec('20auto-upgrades'))).toEqual({
      'APT::Periodic::Update-Package-Lists': '1',
      'APT::Periodic::Unattended-Upgrade': '1',
    });
    expect(aptUpdates(dump, true).enabled).toBe(true);
    expect(aptUpdates(dump, false).enabled).toBe(false);
    expect(aptUpdates({}, true)).toMatchObject({ enabled: false, tool: 'unattended-upgrades' });
  });

  it('lists only installed packages', () => {
    const packages = parseDpkgList(rec('dpkg-query-packages.txt'));
    expect(packages).toContain('keepassxc');
    expect(packages).toContain('libc6');
    expect(packages).not.toContain('clamav');
    expect(packages).not.toContain('passbolt-desktop');
  });
});

describe('the Linux probe over a recorded laptop', () => {
  const laptop = (uid: number) =>
    recordedSystem(
      {
        'lsblk -J -o NAME,TYPE,FSTYPE,MOUNTPOINTS': { stdout: rec('lsblk-luks-lvm.json') },
        'ufw status': { stdout: rec('ufw-status-active.txt') },
        'nft -j list ruleset': { code: 1, stderr: rec('nft-not-root.stderr') },
        'loginctl list-sessions --no-legend': { stdout: rec('loginctl-list-sessions.txt') },
        'loginctl show-session 2 -p Type -p Class -p Name -p User -p Active': {
          stdout: rec('loginctl-show-session-2.txt'),
        },
        'loginctl show-session c1 -p Type -p Class -p Name -p User -p Active': {
          stdout: rec('loginctl-show-session-c1.txt'),
        },
        'gsettings get org.gnome.desktop.screensaver lock-enabled': {
          stdout: rec('gsettings-lock-enabled.txt'),
        },
        'gsettings get org.gnome.desktop.session idle-delay': { stdout: rec('gsettings-idle-delay.txt') },
        'gsettings get org.gnome.desktop.screensaver lock-delay': { stdout: rec('gsettings-lock-delay.txt') },
        'runuser -u alice -- env DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus gsettings get org.gnome.desktop.screensaver lock-enabled':
          { stdout: rec('gsettings-lock-enabled.txt') },
        'runuser -u alice -- env DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus gsettings get org.gnome.desktop.session idle-delay':
          { stdout: rec('gsettings-idle-delay-never.txt') },
        'runuser -u alice -- env DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus gsettings get org.gnome.desktop.screensaver lock-delay':
          { stdout: rec('gsettings-lock-delay.txt') },
        'apt-config dump': { stdout: rec('apt-config-dump.txt') },
        'dpkg-query -W -f=${Status} unattended-upgrades': { stdout: 'install ok installed' },
        'dpkg-query -W -f=${binary:Package}\t${Status}\n': { stdout: rec('dpkg-query-packages.txt') },
      },
      {
        files: { '/etc/os-release': rec('os-release-ubuntu-22.04'), '/etc/crypttab': rec('crypttab') },
        uid,
      },
    );

  it('builds a schema-valid endpoint.device from every check', async () => {
    const device = await probeDevice('linux', laptop(1000), NOW, '0.1.0');
    expect(endpointDevice.schema.safeParse(device).success).toBe(true);
    expect(device).toMatchObject({
      hostname: 'recorded-host',
      os: { id: 'ubuntu', release: '22.04', supported: true },
      diskEncryption: { enabled: true, method: 'LUKS' },
      firewall: { enabled: true, tool: 'ufw' },
      screenLock: { applicable: true, enabled: true, timeoutSeconds: 330 },
      automaticUpdates: { enabled: true, tool: 'unattended-upgrades' },
      passwordManager: { installed: true, names: ['1Password', 'KeePassXC'] },
      antiMalware: { required: false, installed: false, names: [] },
      collectedAt: NOW.toISOString(),
      agentVersion: '0.1.0',
    });
  });

  it('as root, reads the screen lock of the desktop user over their session bus', async () => {
    const system = laptop(0);
    const device = await probeLinux(system, NOW, '0.1.0');
    expect(device.screenLock).toMatchObject({ applicable: true, enabled: false, timeoutSeconds: null });
    expect(device.screenLock.detail).toContain('wayland session of alice');
    expect(system.asked).not.toContain('gsettings get org.gnome.desktop.session idle-delay');
  });

  it('on a server without a desktop, screen lock does not apply and gsettings is not asked', async () => {
    const system = recordedSystem(
      { 'loginctl list-sessions --no-legend': { stdout: '' } },
      { files: { '/etc/os-release': rec('os-release-debian-10') } },
    );
    const device = await probeLinux(system, NOW, '0.1.0');
    expect(device.screenLock).toEqual({
      applicable: false,
      enabled: null,
      timeoutSeconds: null,
      detail: 'no graphical session is open (loginctl lists none of type x11 or wayland)',
    });
    expect(system.asked.some((c) => c.includes('gsettings'))).toBe(false);
    expect(device.firewall).toMatchObject({ enabled: false, tool: null });
    expect(device.diskEncryption).toMatchObject({ enabled: null });
  });
});

describe('the Linux probe on this machine', () => {
  it.runIf(process.platform === 'linux')(
    'returns a schema-valid endpoint.device, whatever the values',
    async () => {
      const now = new Date();
      const device = await probeDevice('linux', localSystem(hostname(), process.env), now, 'test');
      const parsed = endpointDevice.schema.safeParse(device);
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(device.hostname).toBe(hostname());
      expect(device.os.family).toBe('linux');
      expect(device.collectedAt).toBe(now.toISOString());
      // Each check says what it read, so a null is never silent.
      for (const detail of [
        device.diskEncryption,
        device.firewall,
        device.screenLock,
        device.automaticUpdates,
      ])
        expect(detail.detail.length).toBeGreaterThan(0);
    },
  );
});
