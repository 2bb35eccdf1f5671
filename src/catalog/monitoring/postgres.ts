import { z } from 'zod';
import { fail, notApplicable, pass, type TVerdict } from '../../domain/monitoring/model.ts';
import { defineTest, resourceType, type TProviderLibrary } from './define.ts';

// PostgreSQL as seen from inside: the server's settings (pg_settings), its client authentication rules as
// the server parses pg_hba.conf (pg_hba_file_rules) and its roles (pg_authid, of which only the kind of
// password hash is ever read, never the hash).

export const postgresServer = resourceType(
  'postgres.server',
  'PostgreSQL server',
  z.object({
    version: z.string(),
    versionNum: z.number().int(),
    ssl: z.boolean(),
    sslMinProtocolVersion: z.string(),
    passwordEncryption: z.string(),
    /** Verbatim: a boolean up to PostgreSQL 17, a list of connection stages from 18. */
    logConnections: z.string(),
    logDisconnections: z.boolean(),
    logStatement: z.string(),
    loggingCollector: z.boolean(),
    logDestination: z.string(),
    listenAddresses: z.string(),
    /** Names of the roles that are superusers and can log in; names only. */
    loginSuperusers: z.array(z.string()),
    /** The install superuser (oid 10, usually `postgres`): it cannot lose SUPERUSER or be dropped. */
    bootstrapSuperuser: z.string(),
  }),
);

export const postgresHbaRule = resourceType(
  'postgres.hba_rule',
  'PostgreSQL pg_hba.conf rule',
  z.object({
    line: z.number().int(),
    /** local, host, hostssl, hostnossl, hostgssenc, hostnogssenc; null when the line does not parse. */
    type: z.string().nullable(),
    database: z.array(z.string()),
    user: z.array(z.string()),
    /** An IP address, a host name or a keyword (all, samehost, samenet); null for local rules. */
    address: z.string().nullable(),
    netmask: z.string().nullable(),
    authMethod: z.string().nullable(),
    error: z.string().nullable(),
  }),
);

export const postgresRole = resourceType(
  'postgres.role',
  'PostgreSQL role',
  z.object({
    name: z.string(),
    superuser: z.boolean(),
    canLogin: z.boolean(),
    bootstrap: z.boolean(),
    /** The kind of stored password; `other` is anything else, such as a plaintext one from before PostgreSQL 10. */
    passwordKind: z.enum(['scram-sha-256', 'md5', 'none', 'other']),
    /** ISO 8601 UTC, `infinity`, or null when the password never expires. */
    validUntil: z.string().nullable(),
  }),
);

type THbaRule = z.infer<typeof postgresHbaRule.schema>;

const MODERN_TLS = ['TLSv1.2', 'TLSv1.3'];
const ON = ['on', 'true', 'yes', '1'];
/** More than this many login superusers besides the bootstrap one fails (AC-10: a documented minimum). */
export const MAX_EXTRA_SUPERUSERS = 2;

/** End of community support per major version (postgresql.org/support/versioning). */
const END_OF_LIFE: Record<number, string> = {
  10: '2022-11-10',
  11: '2023-11-09',
  12: '2024-11-21',
  13: '2025-11-13',
  14: '2026-11-12',
  15: '2027-11-11',
  16: '2028-11-09',
  17: '2029-11-08',
  18: '2030-11-14',
};

/** Bits set in an IPv4 or IPv6 netmask (pg_hba_file_rules spells /0 as 0.0.0.0 or ::). */
export function prefixLength(netmask: string): number | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(netmask)) {
    return netmask.split('.').reduce((bits, octet) => bits + countBits(Number(octet), 8), 0);
  }
  if (!netmask.includes(':')) return undefined;
  const [head = '', tail] = netmask.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((bits, group) => bits + countBits(Number.parseInt(group || '0', 16), 16), 0);
}

function countBits(value: number, width: number): number {
  let bits = 0;
  for (let i = width - 1; i >= 0 && value & (1 << i); i--) bits++;
  return bits;
}

function isNetworkRule(rule: THbaRule): boolean {
  return rule.type?.startsWith('host') ?? false;
}

/** A rule that only matches connections from this host, whose traffic never crosses a network. */
function isLoopbackOnly(rule: THbaRule): boolean {
  const { address, netmask } = rule;
  if (address === 'samehost' || address === 'localhost') return true;
  const bits = netmask ? prefixLength(netmask) : undefined;
  if (address?.startsWith('127.')) return bits !== undefined && bits >= 8;
  if (address === '::1') return bits === 128;
  return false;
}

/** Matches a large part of the internet: `all`, /0, or any IPv4 range wider than /8 or IPv6 wider than /7. */
function isInternetWide(rule: THbaRule): boolean {
  if (rule.address === 'all') return true;
  const bits = rule.netmask ? prefixLength(rule.netmask) : undefined;
  if (bits === undefined) return false;
  return rule.netmask?.includes(':') ? bits < 7 : bits < 8;
}

function describeRange(rule: THbaRule): string {
  const bits = rule.netmask ? prefixLength(rule.netmask) : undefined;
  return bits === undefined ? `${rule.address}` : `${rule.address}/${bits}`;
}

function hbaFields(rule: THbaRule): Record<string, unknown> {
  return {
    line: rule.line,
    type: rule.type,
    address: rule.address,
    netmask: rule.netmask,
    authMethod: rule.authMethod,
  };
}

/** Shared by the hba tests: a line that does not parse is judged by postgres.hba_valid alone. */
function unparsed(rule: THbaRule): TVerdict | undefined {
  return rule.error === null ? undefined : notApplicable('the line does not parse', { line: rule.line });
}

export const postgresLibrary: TProviderLibrary = {
  provider: 'postgres',
  resourceTypes: [postgresServer, postgresHbaRule, postgresRole],
  tests: [
    defineTest(postgresServer, {
      id: 'postgres.ssl_enabled',
      title: 'PostgreSQL accepts TLS 1.2 or later',
      severity: 'high',
      rationale:
        'Without TLS, passwords exchanged by weaker methods and every query and result cross the network in the clear; TLS 1.0 and 1.1 are broken and banned by the cryptography standard.',
      remediation:
        "Install a certificate and key, set ssl = on and ssl_min_protocol_version = 'TLSv1.2' (or TLSv1.3) in postgresql.conf, and reload the server.",
      controls: ['NET-07', 'CRY-06'],
      evaluate: ({ attributes: a }) => {
        const fields = { ssl: a.ssl, sslMinProtocolVersion: a.sslMinProtocolVersion };
        if (!a.ssl) return fail('TLS is off (ssl = off)', fields);
        if (!MODERN_TLS.includes(a.sslMinProtocolVersion))
          return fail(`TLS is on but accepts ${a.sslMinProtocolVersion}`, fields);
        return pass(`TLS is on with ${a.sslMinProtocolVersion} or later`, fields);
      },
    }),
    defineTest(postgresServer, {
      id: 'postgres.password_encryption_scram',
      title: 'PostgreSQL stores new passwords as SCRAM-SHA-256',
      severity: 'medium',
      rationale:
        'An MD5 hash is a password equivalent: whoever reads it can log in. SCRAM-SHA-256 hashes are salted and iterated, and a stolen one does not let its holder authenticate.',
      remediation:
        "Set password_encryption = 'scram-sha-256' in postgresql.conf and reload; then reset the passwords of roles that still have MD5 hashes.",
      controls: ['AC-18', 'CRY-06'],
      evaluate: ({ attributes: a }) => {
        const fields = { passwordEncryption: a.passwordEncryption };
        return a.passwordEncryption === 'scram-sha-256'
          ? pass('new passwords are stored as SCRAM-SHA-256', fields)
          : fail(`new passwords are stored as ${a.passwordEncryption}`, fields);
      },
    }),
    defineTest(postgresServer, {
      id: 'postgres.connection_logging',
      title: 'PostgreSQL logs connections and disconnections',
      severity: 'medium',
      rationale:
        'Who connected, from where and for how long is the first question of any database incident; failed logins are logged anyway, successful ones only with log_connections.',
      remediation:
        'Set log_connections = on (PostgreSQL 18: log_connections = all) and log_disconnections = on, reload, and ship the server log to the central log platform.',
      controls: ['OPS-03'],
      evaluate: ({ attributes: a }) => {
        const stages = a.logConnections.split(',').map((s) => s.trim());
        const connections =
          ON.includes(a.logConnections) || stages.includes('all') || stages.includes('authorization');
        const fields = {
          logConnections: a.logConnections,
          logDisconnections: a.logDisconnections,
          loggingCollector: a.loggingCollector,
          logDestination: a.logDestination,
        };
        const missing = [
          ...(connections ? [] : ['connections']),
          ...(a.logDisconnections ? [] : ['disconnections']),
        ];
        return missing.length === 0
          ? pass(`connections and disconnections are logged to ${a.logDestination}`, fields)
          : fail(`${missing.join(' and ')} are not logged`, fields);
      },
    }),
    defineTest(postgresServer, {
      id: 'postgres.ddl_logged',
      title: 'PostgreSQL logs schema and privilege changes',
      severity: 'low',
      rationale:
        'With log_statement at ddl or above, every CREATE, ALTER, DROP, GRANT and REVOKE is logged, so a change made by hand outside the migration pipeline, or a privilege granted quietly, leaves a trace.',
      remediation:
        "Set log_statement = 'ddl' (or 'mod') in postgresql.conf and reload. Avoid 'all' on busy servers: it logs every query and its literals.",
      controls: ['OPS-03', 'CHG-13'],
      evaluate: ({ attributes: a }) => {
        const fields = { logStatement: a.logStatement };
        return ['ddl', 'mod', 'all'].includes(a.logStatement)
          ? pass(`log_statement is ${a.logStatement}`, fields)
          : fail(`log_statement is ${a.logStatement}: schema and privilege changes are not logged`, fields);
      },
    }),
    defineTest(postgresServer, {
      id: 'postgres.few_superusers',
      title: 'PostgreSQL has few login superusers',
      severity: 'medium',
      rationale: `A superuser bypasses every permission check and can read files and run programs as the server. The bootstrap superuser cannot be removed, so it is not counted; beyond it, at most ${MAX_EXTRA_SUPERUSERS} login superusers are allowed.`,
      remediation:
        'Give applications and people roles with only the privileges they need (ALTER ROLE name NOSUPERUSER), keep superuser for a named administrator or two, and use the predefined pg_* roles for monitoring and backups.',
      controls: ['AC-10', 'AC-09'],
      evaluate: ({ attributes: a }) => {
        const extra = a.loginSuperusers.filter((name) => name !== a.bootstrapSuperuser);
        const fields = { loginSuperusers: a.loginSuperusers, bootstrapSuperuser: a.bootstrapSuperuser };
        return extra.length <= MAX_EXTRA_SUPERUSERS
          ? pass(`${extra.length} login superuser(s) besides ${a.bootstrapSuperuser}`, fields)
          : fail(
              `${extra.length} login superusers besides ${a.bootstrapSuperuser} (at most ${MAX_EXTRA_SUPERUSERS}): ${extra.join(', ')}`,
              fields,
            );
      },
    }),
    defineTest(postgresServer, {
      id: 'postgres.supported_version',
      title: 'PostgreSQL major version is still supported',
      severity: 'medium',
      rationale:
        'After its end of life a major version gets no security fixes; the community supports each one for five years.',
      remediation:
        'Plan an upgrade to a supported major version (pg_upgrade or logical replication) and keep minor releases current.',
      controls: ['OPS-10'],
      evaluate: ({ attributes: a }, { now }) => {
        const major = a.versionNum >= 100000 ? Math.floor(a.versionNum / 10000) : 9;
        const newest = Math.max(...Object.keys(END_OF_LIFE).map(Number));
        const eol = END_OF_LIFE[major];
        const fields = { version: a.version, major, endOfLife: eol ?? null };
        if (major > newest) return pass(`PostgreSQL ${major} is newer than any retired release`, fields);
        if (!eol || now.toISOString().slice(0, 10) >= eol)
          return fail(`PostgreSQL ${major} reached its end of life${eol ? ` on ${eol}` : ''}`, fields);
        return pass(`PostgreSQL ${major} is supported until ${eol}`, fields);
      },
    }),
    defineTest(postgresHbaRule, {
      id: 'postgres.hba_no_trust',
      title: 'No pg_hba.conf rule trusts connections without a password',
      severity: 'critical',
      rationale:
        'A trust rule lets anyone who can reach it connect as any role it names, superusers included, with no credential at all.',
      remediation:
        'Replace trust with scram-sha-256 (or peer for local socket connections by the matching OS user) and reload the server.',
      controls: ['AC-18'],
      evaluate: ({ attributes: r }) =>
        unparsed(r) ??
        (r.authMethod === 'trust'
          ? fail(`line ${r.line} trusts ${r.type} connections without authentication`, hbaFields(r))
          : pass(`line ${r.line} uses ${r.authMethod}`, hbaFields(r))),
    }),
    defineTest(postgresHbaRule, {
      id: 'postgres.hba_no_weak_methods',
      title: 'No pg_hba.conf rule uses password, md5 or network ident',
      severity: 'high',
      rationale:
        'password sends the password in clear; md5 accepts MD5 hashes, which are password equivalents; ident over TCP believes whatever the client host says.',
      remediation:
        'Use scram-sha-256 (after resetting passwords under password_encryption = scram-sha-256), certificate or GSSAPI authentication, and reload.',
      controls: ['AC-18', 'CRY-06'],
      evaluate: ({ attributes: r }) => {
        const early = unparsed(r);
        if (early) return early;
        const weak =
          r.authMethod === 'password' ||
          r.authMethod === 'md5' ||
          (r.authMethod === 'ident' && isNetworkRule(r));
        return weak
          ? fail(`line ${r.line} authenticates with ${r.authMethod}`, hbaFields(r))
          : pass(`line ${r.line} uses ${r.authMethod}`, hbaFields(r));
      },
    }),
    defineTest(postgresHbaRule, {
      id: 'postgres.hba_no_open_rules',
      title: 'No pg_hba.conf rule admits the whole internet',
      severity: 'high',
      rationale:
        'A rule for all addresses (0.0.0.0/0, ::/0, all) leaves the network in front of the server as the only barrier; the database should accept only application networks and approved access paths.',
      remediation:
        'Narrow the address to the application subnets or the bastion or VPN range (e.g. 10.0.0.0/16), or make the catch-all rule reject.',
      controls: ['NET-04', 'AC-18'],
      evaluate: ({ attributes: r }) => {
        const early = unparsed(r);
        if (early) return early;
        if (!isNetworkRule(r)) return notApplicable(`line ${r.line} is a ${r.type} rule`, hbaFields(r));
        if (r.authMethod === 'reject') return pass(`line ${r.line} rejects`, hbaFields(r));
        return isInternetWide(r)
          ? fail(`line ${r.line} admits ${describeRange(r)}`, hbaFields(r))
          : pass(`line ${r.line} is limited to ${describeRange(r)}`, hbaFields(r));
      },
    }),
    defineTest(postgresHbaRule, {
      id: 'postgres.hba_remote_requires_ssl',
      title: 'Remote connections must use TLS',
      severity: 'high',
      rationale:
        'ssl = on only offers TLS; a host rule still admits clients that do not ask for it. Only hostssl (or GSSAPI-encrypted) rules require encryption for connections that cross the network.',
      remediation:
        'Change host rules for non-loopback addresses to hostssl, and add hostnossl all all 0.0.0.0/0 reject (and ::/0) before them.',
      controls: ['NET-07'],
      evaluate: ({ attributes: r }) => {
        const early = unparsed(r);
        if (early) return early;
        if (!isNetworkRule(r)) return notApplicable(`line ${r.line} is a ${r.type} rule`, hbaFields(r));
        if (r.type === 'hostssl' || r.type === 'hostgssenc')
          return pass(`line ${r.line} requires encryption (${r.type})`, hbaFields(r));
        if (r.authMethod === 'reject') return pass(`line ${r.line} rejects`, hbaFields(r));
        return isLoopbackOnly(r)
          ? pass(`line ${r.line} admits only this host`, hbaFields(r))
          : fail(
              `line ${r.line} admits unencrypted ${r.type} connections from ${describeRange(r)}`,
              hbaFields(r),
            );
      },
    }),
    defineTest(postgresHbaRule, {
      id: 'postgres.hba_valid',
      title: 'pg_hba.conf parses without errors',
      severity: 'medium',
      rationale:
        'A line with an error makes the server refuse to load the file at the next reload (it keeps the old rules) and refuse to start at the next restart: the rules on disk are not the rules in force.',
      remediation:
        'Fix the line the error names (SELECT line_number, error FROM pg_hba_file_rules WHERE error IS NOT NULL), then SELECT pg_reload_conf().',
      controls: ['OPS-11'],
      evaluate: ({ attributes: r }) =>
        r.error === null
          ? pass(`line ${r.line} parses`, { line: r.line })
          : fail(`line ${r.line}: ${r.error}`, { line: r.line, error: r.error }),
    }),
    defineTest(postgresRole, {
      id: 'postgres.no_md5_passwords',
      title: 'No login role has an MD5 password',
      severity: 'high',
      rationale:
        'An MD5 hash is enough to log in as the role, and it lets md5 authentication work for it; SCRAM-SHA-256 hashes are neither.',
      remediation:
        "With password_encryption = 'scram-sha-256', set the role's password again (\\password name in psql, or ALTER ROLE … PASSWORD).",
      controls: ['AC-18', 'CRY-06'],
      evaluate: ({ attributes: r }) => {
        const fields = { role: r.name, canLogin: r.canLogin, passwordKind: r.passwordKind };
        if (!r.canLogin) return notApplicable(`${r.name} cannot log in`, fields);
        if (r.passwordKind === 'md5' || r.passwordKind === 'other')
          return fail(
            `${r.name} has ${r.passwordKind === 'md5' ? 'an MD5' : 'a non-SCRAM'} password`,
            fields,
          );
        return pass(
          r.passwordKind === 'none' ? `${r.name} has no password` : `${r.name} has a SCRAM-SHA-256 password`,
          fields,
        );
      },
    }),
  ],
};
