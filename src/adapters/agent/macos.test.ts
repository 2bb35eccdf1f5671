import { describe, expect, it } from 'vitest';
import { recordedSystem, recording } from '../../../test/support/recorded-system.ts';
import { endpointDevice } from '../../catalog/monitoring/endpoint.ts';
import {
  macScreenLock,
  macUpdates,
  parseDefaults,
  parseFdesetupStatus,
  parsePmsetDisplaySleep,
  parseScreenLockDelay,
  parseSocketFilterState,
  parseSwVers,
} from './macos.ts';
import { probeDevice } from './probe.ts';

const rec = (file: string) => recording('macos', file);
const NOW = new Date('2026-03-01T12:00:00Z');

describe('macOS parsers over recorded output', () => {
  it('reads sw_vers, with the pre-11 major as 10.x', () => {
    expect(parseSwVers(rec('sw_vers.txt'), NOW)).toEqual({
      family: 'macos',
      id: 'macos',
      name: 'macOS 14.5',
      version: '14.5 (23F79)',
      release: '14',
      supported: true,
      endOfSupport: '2026-09-30',
    });
    expect(parseSwVers(rec('sw_vers-catalina.txt'), NOW)).toMatchObject({
      release: '10.15',
      supported: false,
    });
  });

  it('reads FileVault, a conversion in progress being not yet encrypted', () => {
    expect(parseFdesetupStatus(rec('fdesetup-status-on.txt'))).toEqual({
      enabled: true,
      method: 'FileVault',
      detail: 'FileVault is On.',
    });
    expect(parseFdesetupStatus(rec('fdesetup-status-off.txt')).enabled).toBe(false);
    expect(parseFdesetupStatus(rec('fdesetup-status-encrypting.txt'))).toMatchObject({
      enabled: false,
      method: 'FileVault',
    });
  });

  it('reads the application firewall', () => {
    expect(parseSocketFilterState(rec('socketfilterfw-enabled.txt'))).toEqual({
      enabled: true,
      tool: 'Application Firewall',
      detail: 'Firewall is enabled. (State = 1)',
    });
    expect(parseSocketFilterState(rec('socketfilterfw-disabled.txt')).enabled).toBe(false);
  });

  it('locks at the earlier of the screen saver and display sleep, plus the password delay', () => {
    const idleTime = Number(rec('defaults-screensaver-idleTime.txt').trim());
    const displaySleep = parsePmsetDisplaySleep(rec('pmset-g.txt'));
    expect(displaySleep).toBe(10);
    expect(
      macScreenLock({
        delay: parseScreenLockDelay(rec('sysadminctl-screenlock-immediate.stderr')),
        idleTimeSeconds: idleTime,
        displaySleepMinutes: displaySleep,
      }),
    ).toMatchObject({ applicable: true, enabled: true, timeoutSeconds: 600 });
    expect(
      macScreenLock({
        delay: parseScreenLockDelay(rec('sysadminctl-screenlock-300.stderr')),
        idleTimeSeconds: 1200,
        displaySleepMinutes: 0,
      }),
    ).toMatchObject({ enabled: true, timeoutSeconds: 1500 });
    expect(
      macScreenLock({
        delay: parseScreenLockDelay(rec('sysadminctl-screenlock-off.stderr')),
        idleTimeSeconds: 600,
        displaySleepMinutes: 10,
      }),
    ).toMatchObject({ enabled: false, timeoutSeconds: null });
    expect(macScreenLock({ delay: null, idleTimeSeconds: 600, displaySleepMinutes: 10 }).enabled).toBeNull();
  });

  it('needs the automatic check, downloads and security responses for automatic updates', () => {
    const prefs = parseDefaults(rec('defaults-SoftwareUpdate.txt'));
    expect(prefs).toMatchObject({ CriticalUpdateInstall: '1', AutomaticallyInstallMacOSUpdates: '0' });
    expect(macUpdates(rec('softwareupdate-schedule-on.txt'), prefs)).toEqual({
      enabled: true,
      tool: 'softwareupdate',
      detail: 'automatic check on; download on; security responses and system files on; macOS updates off',
    });
    expect(macUpdates(rec('softwareupdate-schedule-off.txt'), prefs).enabled).toBe(false);
    expect(
      macUpdates(
        rec('softwareupdate-schedule-on.txt'),
        parseDefaults(rec('defaults-SoftwareUpdate-no-security.txt')),
      ).enabled,
    ).toBe(false);
  });
});

describe('the macOS probe over a recorded Mac', () => {
  it('builds a schema-valid endpoint.device', async () => {
    const system = recordedSystem({
      sw_vers: { stdout: rec('sw_vers.txt') },
      'fdesetup status': { stdout: rec('fdesetup-status-on.txt') },
      '/usr/libexec/ApplicationFirewall/socketfilterfw --getglobalstate': {
        stdout: rec('socketfilterfw-disabled.txt'),
      },
      'sysadminctl -screenLock status': { stderr: rec('sysadminctl-screenlock-immediate.stderr') },
      'defaults -currentHost read com.apple.screensaver idleTime': {
        stdout: rec('defaults-screensaver-idleTime.txt'),
      },
      'pmset -g': { stdout: rec('pmset-g.txt') },
      'softwareupdate --schedule': { stdout: rec('softwareupdate-schedule-on.txt') },
      'defaults read /Library/Preferences/com.apple.SoftwareUpdate': {
        stdout: rec('defaults-SoftwareUpdate.txt'),
      },
      'ls -1 /Applications': { stdout: rec('ls-Applications.txt') },
    });
    const device = await probeDevice('darwin', system, NOW, '0.1.0');
    expect(endpointDevice.schema.safeParse(device).success).toBe(true);
    expect(device).toMatchObject({
      os: { family: 'macos', release: '14', supported: true },
      diskEncryption: { enabled: true, method: 'FileVault' },
      firewall: { enabled: false },
      screenLock: { applicable: true, enabled: true, timeoutSeconds: 600 },
      automaticUpdates: { enabled: true },
      passwordManager: { installed: true, names: ['1Password'] },
      antiMalware: { required: false, installed: true, names: ['CrowdStrike Falcon'] },
    });
  });
});
