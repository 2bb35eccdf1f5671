import { z } from 'zod';
import { fail, notApplicable, pass, type TVerdict } from '../../domain/monitoring/model.ts';
import { defineTest, resourceType, type TProviderLibrary } from './define.ts';

// Endpoints: laptops, workstations and servers as the host agent (`attestly agent report`) sees them. The
// agent reports one `endpoint.device` per machine; a value it could not read (a command that needs root,
// a tool that is missing) is null, and the test that needs it says so with the `error` outcome rather than
// guessing. Every section carries `detail`: what the agent read, for the auditor.

export const OS_FAMILIES = ['linux', 'macos', 'windows'] as const;

const ZOs = z.strictObject({
  family: z.enum(OS_FAMILIES),
  /** The distribution or product id: debian, ubuntu, fedora, rhel, macos, windows. */
  id: z.string().min(1).max(50),
  /** As the system names itself: "Debian GNU/Linux 12 (bookworm)", "macOS 14.5", "Microsoft Windows 11 Pro". */
  name: z.string().max(200),
  version: z.string().max(100),
  /** The key of the supported-release table: "12", "22.04", "14", "26100" (a Windows build). */
  release: z.string().max(50),
  /** As the agent judged it when collecting, from the same table; null when the release is not in it. */
  supported: z.boolean().nullable(),
  endOfSupport: z.iso.date().nullable(),
});

export const endpointDevice = resourceType(
  'endpoint.device',
  'Endpoint (laptop, workstation or server)',
  z.strictObject({
    hostname: z.string().min(1).max(253),
    os: ZOs,
    diskEncryption: z.strictObject({
      enabled: z.boolean().nullable(),
      /** LUKS, dm-crypt, FileVault, BitLocker. */
      method: z.string().max(100).nullable(),
      detail: z.string().max(2000),
    }),
    firewall: z.strictObject({
      enabled: z.boolean().nullable(),
      /** ufw, firewalld, nftables, iptables, Application Firewall, Windows Defender Firewall. */
      tool: z.string().max(100).nullable(),
      detail: z.string().max(2000),
    }),
    screenLock: z.strictObject({
      /** False on a machine without a desktop session (a server): nothing to lock. */
      applicable: z.boolean(),
      enabled: z.boolean().nullable(),
      /** Seconds of inactivity until the screen locks; null when it never locks or is unknown. */
      timeoutSeconds: z.number().int().min(0).nullable(),
      detail: z.string().max(2000),
    }),
    automaticUpdates: z.strictObject({
      enabled: z.boolean().nullable(),
      tool: z.string().max(100).nullable(),
      detail: z.string().max(2000),
    }),
    passwordManager: z.strictObject({
      installed: z.boolean(),
      names: z.array(z.string().max(100)).max(50),
    }),
    antiMalware: z.strictObject({
      /** Windows needs an anti-malware product; macOS (XProtect) and Linux rely on built-in protections. */
      required: z.boolean(),
      installed: z.boolean(),
      /** Real-time protection on, as the product reports it; null when no product says. */
      enabled: z.boolean().nullable(),
      names: z.array(z.string().max(100)).max(50),
    }),
    collectedAt: z.iso.datetime({ offset: true }),
    agentVersion: z.string().max(50),
  }),
);

export type TEndpointDevice = z.infer<typeof endpointDevice.schema>;
export type TEndpointOs = z.infer<typeof ZOs>;

/** END-02: the screen locks after at most this long. */
export const MAX_SCREEN_LOCK_SECONDS = 15 * 60;
/** END-05: a device that has not reported for this long is investigated. */
export const MAX_REPORT_AGE_DAYS = 30;

/**
 * End of security support per release, from each vendor's published lifecycle: Debian (with LTS), Ubuntu
 * (standard support), Fedora, Red Hat Enterprise Linux and its rebuilds (full and maintenance support),
 * Windows (by build; Home and Pro editions) and macOS (Apple publishes no dates: it patches the newest three
 * majors, so each is given until the autumn two releases after it).
 */
export const END_OF_SUPPORT: Record<string, Record<string, string>> = {
  debian: { '10': '2024-06-30', '11': '2026-08-31', '12': '2028-06-30', '13': '2030-06-30' },
  ubuntu: {
    '20.04': '2025-05-31',
    '22.04': '2027-06-01',
    '24.04': '2029-05-31',
    '24.10': '2025-07-10',
    '25.04': '2026-01-15',
    '25.10': '2026-07-09',
  },
  fedora: { '40': '2025-05-13', '41': '2025-12-15', '42': '2026-05-13', '43': '2026-12-09' },
  rhel: { '8': '2029-05-31', '9': '2032-05-31', '10': '2035-05-31' },
  rocky: { '8': '2029-05-31', '9': '2032-05-31', '10': '2035-05-31' },
  almalinux: { '8': '2029-05-31', '9': '2032-05-31', '10': '2035-05-31' },
  macos: {
    '12': '2024-09-16',
    '13': '2025-09-15',
    '14': '2026-09-30',
    '15': '2027-09-30',
    '26': '2028-09-30',
  },
  windows: {
    '19044': '2023-06-13',
    '19045': '2025-10-14',
    '22621': '2024-10-08',
    '22631': '2025-11-11',
    '26100': '2026-10-13',
    '26200': '2027-10-12',
  },
};

function compareReleases(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Whether a release still gets security fixes on the given day: `supported` is null when the table does
 * not know the product; a release newer than any in the table counts as supported.
 */
export function releaseSupport(
  os: Pick<TEndpointOs, 'id' | 'release'>,
  now: Date,
): { supported: boolean | null; endOfSupport: string | null } {
  const table = END_OF_SUPPORT[os.id];
  if (!table || !/^\d+(\.\d+)*$/.test(os.release)) return { supported: null, endOfSupport: null };
  const eos = table[os.release];
  if (eos) return { supported: now.toISOString().slice(0, 10) < eos, endOfSupport: eos };
  const newest = Object.keys(table).sort(compareReleases).at(-1);
  if (newest && compareReleases(os.release, newest) > 0) return { supported: true, endOfSupport: null };
  return { supported: false, endOfSupport: null };
}

const unknown = (what: string, detail: string): TVerdict => ({
  status: 'error',
  reason: `the agent could not read ${what}: ${detail}`,
  fields: { detail },
});

export const endpointLibrary: TProviderLibrary = {
  provider: 'endpoint',
  resourceTypes: [endpointDevice],
  tests: [
    defineTest(endpointDevice, {
      id: 'endpoint.disk_encrypted',
      title: 'The system disk is encrypted',
      severity: 'high',
      rationale:
        'A lost or stolen laptop whose disk is not encrypted gives its finder every file, cached credential and session on it; full-disk encryption leaves them only ciphertext.',
      remediation:
        'Turn on FileVault (macOS) or BitLocker (Windows) and escrow the recovery key in device management; on Linux, install with LUKS full-disk encryption (reinstalling when the disk is not encrypted).',
      controls: ['END-01', 'END-11'],
      evaluate: ({ attributes: a }) => {
        const d = a.diskEncryption;
        const fields = { enabled: d.enabled, method: d.method, detail: d.detail };
        if (d.enabled === null) return unknown('the disk encryption state', d.detail);
        return d.enabled
          ? pass(`the system disk is encrypted (${d.method ?? 'unknown method'})`, fields)
          : fail(`the system disk is not encrypted: ${d.detail}`, fields);
      },
    }),
    defineTest(endpointDevice, {
      id: 'endpoint.firewall_enabled',
      title: 'The host firewall is on',
      severity: 'medium',
      rationale:
        'On hotel, café and home networks a laptop is its own perimeter: the host firewall keeps services listening on it out of reach of the other machines there.',
      remediation:
        'Turn on the built-in firewall (macOS: System Settings > Network > Firewall; Windows: all three Defender Firewall profiles; Linux: ufw enable, or firewalld) and enforce it through device management.',
      controls: ['END-08'],
      evaluate: ({ attributes: a }) => {
        const f = a.firewall;
        const fields = { enabled: f.enabled, tool: f.tool, detail: f.detail };
        if (f.enabled === null) return unknown('the firewall state', f.detail);
        return f.enabled
          ? pass(`the firewall is on (${f.tool})`, fields)
          : fail(`the firewall is off: ${f.detail}`, fields);
      },
    }),
    defineTest(endpointDevice, {
      id: 'endpoint.screen_lock',
      title: `The screen locks after at most ${MAX_SCREEN_LOCK_SECONDS / 60} minutes`,
      severity: 'medium',
      rationale:
        'An unattended unlocked laptop gives anyone passing by the owner’s sessions; locking after a short idle time and asking for the password to unlock closes that gap.',
      remediation: `Lock the screen after at most ${MAX_SCREEN_LOCK_SECONDS / 60} minutes of inactivity and require the password on wake (GNOME: Settings > Privacy > Screen Lock; macOS: Lock Screen settings; Windows: screen saver with "On resume, display logon screen", or the InactivityTimeoutSecs policy).`,
      controls: ['END-02'],
      evaluate: ({ attributes: a }) => {
        const s = a.screenLock;
        const fields = { enabled: s.enabled, timeoutSeconds: s.timeoutSeconds, detail: s.detail };
        if (!s.applicable) return notApplicable(`no desktop session: ${s.detail}`, fields);
        if (s.enabled === null) return unknown('the screen lock settings', s.detail);
        if (!s.enabled || s.timeoutSeconds === null)
          return fail(`the screen does not lock by itself: ${s.detail}`, fields);
        return s.timeoutSeconds <= MAX_SCREEN_LOCK_SECONDS
          ? pass(`the screen locks after ${s.timeoutSeconds} s of inactivity`, fields)
          : fail(
              `the screen locks only after ${s.timeoutSeconds} s (at most ${MAX_SCREEN_LOCK_SECONDS} s)`,
              fields,
            );
      },
    }),
    defineTest(endpointDevice, {
      id: 'endpoint.automatic_updates',
      title: 'Security updates install automatically',
      severity: 'medium',
      rationale:
        'Most compromises of workstations use vulnerabilities for which a fix was already published; installing updates automatically keeps that window to days.',
      remediation:
        'Debian and Ubuntu: apt install unattended-upgrades and enable it (dpkg-reconfigure -plow unattended-upgrades); Fedora and RHEL: enable dnf-automatic-install.timer; macOS: turn on "Install Security Responses and system files"; Windows: remove policies that turn Windows Update off.',
      controls: ['END-04'],
      evaluate: ({ attributes: a }) => {
        const u = a.automaticUpdates;
        const fields = { enabled: u.enabled, tool: u.tool, detail: u.detail };
        if (u.enabled === null) return unknown('the update settings', u.detail);
        return u.enabled
          ? pass(`updates install automatically (${u.tool})`, fields)
          : fail(`updates do not install automatically: ${u.detail}`, fields);
      },
    }),
    defineTest(endpointDevice, {
      id: 'endpoint.supported_os',
      title: 'The operating system release still gets security updates',
      severity: 'high',
      rationale:
        'After its end of support a release gets no security fixes at all, so automatic updates no longer protect it.',
      remediation:
        'Upgrade to a supported release (Debian: the next stable release; Ubuntu: the next LTS; macOS: one of the three newest; Windows: a build still in its servicing window).',
      controls: ['END-04', 'END-11'],
      evaluate: ({ attributes: a }, { now }) => {
        const judged = releaseSupport(a.os, now);
        const fields = { id: a.os.id, release: a.os.release, name: a.os.name, ...judged };
        if (judged.supported === null) {
          if (a.os.supported === null)
            return {
              status: 'error',
              reason: `no support dates are known for ${a.os.name} (${a.os.id} ${a.os.release})`,
              fields,
            };
          return a.os.supported
            ? pass(`${a.os.name} was supported when the agent reported`, fields)
            : fail(`${a.os.name} was out of support when the agent reported`, fields);
        }
        if (judged.supported)
          return pass(
            `${a.os.name} is supported${judged.endOfSupport ? ` until ${judged.endOfSupport}` : ''}`,
            fields,
          );
        return fail(
          `${a.os.name} is out of support${judged.endOfSupport ? ` since ${judged.endOfSupport}` : ''}`,
          fields,
        );
      },
    }),
    defineTest(endpointDevice, {
      id: 'endpoint.password_manager',
      title: 'A password manager is installed',
      severity: 'low',
      rationale:
        'People who have a password manager at hand use long unique passwords and share secrets through it rather than in chat or documents.',
      remediation:
        'Install the company password manager (its desktop application or browser extension) from the managed app catalogue and sign in with the work account.',
      controls: ['AC-22'],
      evaluate: ({ attributes: a }) => {
        const fields = { names: a.passwordManager.names };
        if (!a.screenLock.applicable)
          return notApplicable('no desktop session: a server, not a workstation', fields);
        return a.passwordManager.installed
          ? pass(`installed: ${a.passwordManager.names.join(', ')}`, fields)
          : fail('no known password manager is installed', fields);
      },
    }),
    defineTest(endpointDevice, {
      id: 'endpoint.anti_malware',
      title: 'Anti-malware runs where the operating system needs it',
      severity: 'high',
      rationale:
        'Windows is the main target of commodity malware and needs an anti-malware product with real-time protection; macOS ships XProtect and Gatekeeper, and Linux workstations rely on packages from signed repositories.',
      remediation:
        'Keep Microsoft Defender Antivirus on (or install the company endpoint detection and response agent), with real-time protection and current signatures, and send its alerts to the security team.',
      controls: ['END-03'],
      evaluate: ({ attributes: a }) => {
        const m = a.antiMalware;
        const fields = { required: m.required, installed: m.installed, enabled: m.enabled, names: m.names };
        if (!m.required)
          return notApplicable(
            `${a.os.family} relies on built-in protections${m.names.length ? ` (found: ${m.names.join(', ')})` : ''}`,
            fields,
          );
        if (!m.installed) return fail('no anti-malware product is installed', fields);
        if (m.enabled === false) return fail(`real-time protection is off (${m.names.join(', ')})`, fields);
        return pass(`anti-malware is on: ${m.names.join(', ')}`, fields);
      },
    }),
    defineTest(endpointDevice, {
      id: 'endpoint.reported_recently',
      title: `The device reported in the last ${MAX_REPORT_AGE_DAYS} days`,
      severity: 'medium',
      rationale:
        'The other endpoint tests judge the last report: a device that stopped reporting may have been lost, reinstalled without the agent or drifted from the baseline unseen.',
      remediation:
        'Find the device with its owner; run attestly agent report on it (or schedule it with cron, launchd or Task Scheduler), or revoke its credential if the device was retired.',
      controls: ['END-05', 'END-10'],
      evaluate: ({ attributes: a }, { now }) => {
        const age = (now.getTime() - Date.parse(a.collectedAt)) / 86_400_000;
        const fields = { collectedAt: a.collectedAt, agentVersion: a.agentVersion };
        return age <= MAX_REPORT_AGE_DAYS
          ? pass(`reported ${Math.max(0, Math.floor(age))} day(s) ago`, fields)
          : fail(`last reported ${Math.floor(age)} days ago`, fields);
      },
    }),
  ],
};
