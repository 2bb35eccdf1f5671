import { describe, expect, it } from 'vitest';
import { recordedSystem, recording } from '../../../test/support/recorded-system.ts';
import { endpointDevice } from '../../catalog/monitoring/endpoint.ts';
import { isAttestlyError } from '../../domain/errors.ts';
import { probeDevice } from './probe.ts';
import {
  POWERSHELL,
  parseAntivirusProducts,
  parseBitLockerVolume,
  parseFirewallProfiles,
  parseInstalledApps,
  parseRegQuery,
  parseWindowsOs,
  windowsScreenLock,
  windowsUpdates,
} from './windows.ts';

const rec = (file: string) => recording('windows', file);
const NOW = new Date('2026-03-01T12:00:00Z');

describe('Windows parsers over recorded output', () => {
  it('reads the OS build and judges it by build number', () => {
    expect(parseWindowsOs(rec('win32-operatingsystem.json'), NOW)).toEqual({
      family: 'windows',
      id: 'windows',
      name: 'Microsoft Windows 11 Pro',
      version: '10.0.22631',
      release: '22631',
      supported: false,
      endOfSupport: '2025-11-11',
    });
    expect(parseWindowsOs(rec('win32-operatingsystem-win10.json'), new Date('2025-01-01'))).toMatchObject({
      supported: true,
      endOfSupport: '2025-10-14',
    });
  });

  it('reads BitLocker: on only when fully encrypted with protection on', () => {
    expect(parseBitLockerVolume(rec('bitlocker-on.json'))).toEqual({
      enabled: true,
      method: 'BitLocker XtsAes128',
      detail: 'C: FullyEncrypted, protection On, XtsAes128, 100% encrypted',
    });
    // Suspended protection leaves the key in the clear on the disk.
    expect(parseBitLockerVolume(rec('bitlocker-suspended.json')).enabled).toBe(false);
    expect(parseBitLockerVolume(rec('bitlocker-off.json'))).toMatchObject({ enabled: false, method: null });
  });

  it('needs all three firewall profiles on', () => {
    expect(parseFirewallProfiles(rec('firewall-profiles.json'))).toEqual({
      enabled: true,
      tool: 'Windows Defender Firewall',
      detail: 'Domain on, Private on, Public on',
    });
    expect(parseFirewallProfiles(rec('firewall-profiles-public-off.json'))).toMatchObject({
      enabled: false,
      detail: 'Domain on, Private on, Public off (off: Public)',
    });
  });

  it('decodes SecurityCenter2 product states', () => {
    expect(parseAntivirusProducts(rec('antivirus-defender.json'))).toEqual({
      required: true,
      installed: true,
      enabled: true,
      names: ['Windows Defender'],
    });
    expect(parseAntivirusProducts(rec('antivirus-defender-off.json')).enabled).toBe(false);
    // Defender steps aside when another product is registered; one active product is enough.
    expect(parseAntivirusProducts(rec('antivirus-defender-off-falcon.json'))).toMatchObject({
      enabled: true,
      names: ['CrowdStrike Falcon Sensor', 'Windows Defender'],
    });
  });

  it('reads reg query output and the screen lock it implies', () => {
    const user = parseRegQuery(rec('reg-query-control-panel-desktop.txt'));
    expect(user).toMatchObject({ ScreenSaveActive: '1', ScreenSaveTimeOut: '600', CaretTimeout: 5000 });
    expect(windowsScreenLock({ machinePolicy: {}, userPolicy: {}, user })).toMatchObject({
      enabled: true,
      timeoutSeconds: 600,
    });
    const insecure = parseRegQuery(rec('reg-query-control-panel-desktop-insecure.txt'));
    expect(windowsScreenLock({ machinePolicy: {}, userPolicy: {}, user: insecure }).enabled).toBe(false);
    // The machine inactivity limit locks by itself, whatever the screen saver says.
    const machinePolicy = parseRegQuery(rec('reg-query-policies-system.txt'));
    expect(windowsScreenLock({ machinePolicy, userPolicy: {}, user: insecure })).toMatchObject({
      enabled: true,
      timeoutSeconds: 900,
    });
  });

  it('treats Windows Update as automatic unless a policy or the service says otherwise', () => {
    const sc = rec('sc-qc-wuauserv.txt');
    expect(windowsUpdates(null, sc).enabled).toBe(true);
    expect(windowsUpdates(parseRegQuery(rec('reg-query-windowsupdate-au-disabled.txt')), sc)).toMatchObject({
      enabled: false,
      detail: 'policy NoAutoUpdate 1, AUOptions 2; the wuauserv service is not disabled',
    });
    expect(windowsUpdates(null, sc.replace('3   DEMAND_START', '4   DISABLED')).enabled).toBe(false);
  });

  it('lists installed applications', () => {
    expect(parseInstalledApps(rec('installed-apps.json'))).toContain('Bitwarden 2024.5.0');
  });
});

describe('the Windows probe over a recorded PC', () => {
  const ps = (script: string) => `powershell.exe -NoProfile -NonInteractive -Command ${script}`;
  const answers = {
    [ps(POWERSHELL.os)]: { stdout: rec('win32-operatingsystem.json') },
    [ps(POWERSHELL.bitlocker)]: { code: 1, stderr: rec('bitlocker-not-elevated.stderr') },
    [ps(POWERSHELL.firewall)]: { stdout: rec('firewall-profiles.json') },
    [ps(POWERSHELL.antivirus)]: { stdout: rec('antivirus-defender.json') },
    [ps(POWERSHELL.apps)]: { stdout: rec('installed-apps.json') },
    'sc.exe qc wuauserv': { stdout: rec('sc-qc-wuauserv.txt') },
    'reg query HKCU\\Control Panel\\Desktop': { stdout: rec('reg-query-control-panel-desktop.txt') },
    'reg query HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System': {
      code: 1,
      stderr: rec('reg-query-missing.stderr'),
    },
    'reg query HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU': {
      code: 1,
      stderr: rec('reg-query-missing.stderr'),
    },
  };

  it('builds a schema-valid endpoint.device; BitLocker unread without elevation is unknown', async () => {
    const device = await probeDevice('win32', recordedSystem(answers, { uid: null }), NOW, '0.1.0');
    expect(endpointDevice.schema.safeParse(device).success).toBe(true);
    expect(device).toMatchObject({
      os: { family: 'windows', release: '22631' },
      diskEncryption: { enabled: null, method: null },
      firewall: { enabled: true },
      screenLock: { applicable: true, enabled: true, timeoutSeconds: 600 },
      automaticUpdates: { enabled: true, tool: 'Windows Update' },
      passwordManager: { installed: true, names: ['Bitwarden'] },
      antiMalware: { required: true, installed: true, enabled: true, names: ['Windows Defender'] },
    });
    expect(device.diskEncryption.detail).toContain('Access is denied');
  });

  it('fails loudly when it cannot even read the Windows version', async () => {
    const error = await probeDevice('win32', recordedSystem({}, { uid: null }), NOW, '0.1.0').catch((e) => e);
    expect(isAttestlyError(error) && error.code).toBe('COLLECTION_FAILED');
  });
});
