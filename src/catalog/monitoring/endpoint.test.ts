import { describe, expect, it } from 'vitest';
import { evaluateInventory } from '../../domain/monitoring/evaluate.ts';
import type { TOutcomeStatus } from '../../domain/monitoring/model.ts';
import { loadCatalog } from '../load-catalog.ts';
import { endpointDevice, endpointLibrary, releaseSupport, type TEndpointDevice } from './endpoint.ts';
import { loadTestLibrary } from './library.ts';

const NOW = new Date('2026-03-01T12:00:00Z');

/** A laptop that passes everything; each case spoils one thing. */
function aLaptop(change: (d: TEndpointDevice) => unknown = () => undefined): TEndpointDevice {
  const device: TEndpointDevice = {
    hostname: 'alice-laptop',
    os: {
      family: 'windows',
      id: 'windows',
      name: 'Microsoft Windows 11 Pro',
      version: '10.0.26100',
      release: '26100',
      supported: true,
      endOfSupport: '2026-10-13',
    },
    diskEncryption: { enabled: true, method: 'BitLocker XtsAes128', detail: 'C: FullyEncrypted' },
    firewall: {
      enabled: true,
      tool: 'Windows Defender Firewall',
      detail: 'Domain on, Private on, Public on',
    },
    screenLock: { applicable: true, enabled: true, timeoutSeconds: 600, detail: 'screen saver after 600 s' },
    automaticUpdates: { enabled: true, tool: 'Windows Update', detail: 'no policy' },
    passwordManager: { installed: true, names: ['Bitwarden'] },
    antiMalware: { required: true, installed: true, enabled: true, names: ['Windows Defender'] },
    collectedAt: '2026-02-28T09:00:00.000Z',
    agentVersion: '0.1.0',
  };
  change(device);
  return endpointDevice.schema.parse(device);
}

function verdicts(device: TEndpointDevice, now = NOW): Record<string, TOutcomeStatus> {
  const resource = { type: 'endpoint.device', id: 'd1', name: device.hostname, attributes: device };
  return Object.fromEntries(
    evaluateInventory([resource], endpointLibrary.tests, { now }).map((o) => [o.testId, o.status]),
  );
}

describe('endpoint tests', () => {
  it('map to controls of the library, which loads with them', () => {
    const library = loadTestLibrary(new Set(loadCatalog().controls.map((c) => c.id)));
    expect(library.tests.filter((t) => t.resourceType === 'endpoint.device').map((t) => t.id)).toEqual([
      'endpoint.anti_malware',
      'endpoint.automatic_updates',
      'endpoint.disk_encrypted',
      'endpoint.firewall_enabled',
      'endpoint.password_manager',
      'endpoint.reported_recently',
      'endpoint.screen_lock',
      'endpoint.supported_os',
    ]);
  });

  it('pass a well-kept laptop', () => {
    expect(new Set(Object.values(verdicts(aLaptop())))).toEqual(new Set(['pass']));
  });

  const cases: Array<[string, TOutcomeStatus, (d: TEndpointDevice) => unknown]> = [
    ['endpoint.disk_encrypted', 'fail', (d: TEndpointDevice) => (d.diskEncryption.enabled = false)],
    ['endpoint.disk_encrypted', 'error', (d: TEndpointDevice) => (d.diskEncryption.enabled = null)],
    ['endpoint.firewall_enabled', 'fail', (d: TEndpointDevice) => (d.firewall.enabled = false)],
    ['endpoint.firewall_enabled', 'error', (d: TEndpointDevice) => (d.firewall.enabled = null)],
    ['endpoint.screen_lock', 'fail', (d: TEndpointDevice) => (d.screenLock.timeoutSeconds = 901)],
    ['endpoint.screen_lock', 'pass', (d: TEndpointDevice) => (d.screenLock.timeoutSeconds = 900)],
    ['endpoint.screen_lock', 'fail', (d: TEndpointDevice) => (d.screenLock.enabled = false)],
    ['endpoint.screen_lock', 'not_applicable', (d: TEndpointDevice) => (d.screenLock.applicable = false)],
    ['endpoint.automatic_updates', 'fail', (d: TEndpointDevice) => (d.automaticUpdates.enabled = false)],
    [
      'endpoint.password_manager',
      'fail',
      (d: TEndpointDevice) => (d.passwordManager = { installed: false, names: [] }),
    ],
    [
      'endpoint.password_manager',
      'not_applicable',
      (d: TEndpointDevice) => (d.screenLock.applicable = false),
    ],
    ['endpoint.anti_malware', 'fail', (d: TEndpointDevice) => (d.antiMalware.enabled = false)],
    [
      'endpoint.anti_malware',
      'fail',
      (d: TEndpointDevice) =>
        (d.antiMalware = { required: true, installed: false, enabled: null, names: [] }),
    ],
    [
      'endpoint.anti_malware',
      'not_applicable',
      (d: TEndpointDevice) =>
        (d.antiMalware = { required: false, installed: false, enabled: null, names: [] }),
    ],
    ['endpoint.reported_recently', 'fail', (d: TEndpointDevice) => (d.collectedAt = '2026-01-15T09:00:00Z')],
  ];
  it.each(cases)('%s: %s', (testId, status, spoil) => {
    expect(verdicts(aLaptop(spoil))[testId]).toBe(status);
  });

  it('judge the OS release with the run’s date, not the report’s', () => {
    const device = aLaptop();
    expect(verdicts(device, new Date('2026-10-12T00:00:00Z'))['endpoint.supported_os']).toBe('pass');
    expect(verdicts(device, new Date('2026-10-13T00:00:00Z'))['endpoint.supported_os']).toBe('fail');
  });

  it('count a release newer than the table as supported, and an unknown product as an error', () => {
    expect(releaseSupport({ id: 'debian', release: '14' }, NOW)).toEqual({
      supported: true,
      endOfSupport: null,
    });
    expect(releaseSupport({ id: 'debian', release: '9' }, NOW).supported).toBe(false);
    const mint = aLaptop((d) => {
      d.os = {
        ...d.os,
        family: 'linux',
        id: 'linuxmint',
        release: '21.3',
        supported: null,
        endOfSupport: null,
      };
    });
    expect(verdicts(mint)['endpoint.supported_os']).toBe('error');
  });

  it('refuse a report with an unknown field', () => {
    const extra = { ...aLaptop(), serial: 'C02XYZ' };
    expect(endpointDevice.schema.safeParse(extra).success).toBe(false);
  });
});
