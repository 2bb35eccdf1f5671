import { postgresHbaRule, postgresRole, postgresServer } from '../../../src/catalog/monitoring/postgres.ts';
import { generator, iso } from './kit.ts';

// PostgreSQL: servers (settings), pg_hba.conf rules and roles.

/** Addresses and netmasks as pg_hba_file_rules shows them: private ranges, the whole internet, loopback. */
const HBA_ADDRESSES: Array<[string, string]> = [
  ['10.0.0.0', '255.0.0.0'],
  ['192.168.10.0', '255.255.255.0'],
  ['0.0.0.0', '0.0.0.0'],
  ['127.0.0.1', '255.255.255.255'],
  ['::1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
  ['::', '::'],
];

export const postgresGenerators = [
  generator(
    postgresServer,
    0.2,
    (rng, i) => {
      const major = rng.pick([12, 13, 14, 15, 16, 17, 18]);
      const minor = rng.int(12);
      const extra = ['dba', 'ops', 'migrator', 'backup'].slice(0, rng.chance(0.2) ? 1 + rng.int(4) : 0);
      return {
        id: `pg-${i}.db.internal:5432`,
        name: `pg-${i}`,
        attributes: {
          version: `${major}.${minor}`,
          versionNum: major * 10_000 + minor,
          ssl: rng.chance(0.85),
          sslMinProtocolVersion: rng.pick(['TLSv1.2', 'TLSv1.2', 'TLSv1.3', 'TLSv1']),
          passwordEncryption: rng.chance(0.8) ? 'scram-sha-256' : 'md5',
          logConnections: rng.pick(['on', 'off', 'all', 'receipt']),
          logDisconnections: rng.chance(0.7),
          logStatement: rng.pick(['none', 'ddl', 'mod', 'all']),
          loggingCollector: rng.chance(0.5),
          logDestination: rng.pick(['stderr', 'csvlog', 'syslog']),
          listenAddresses: rng.pick(['*', 'localhost', '10.0.0.5']),
          loginSuperusers: ['postgres', ...extra],
          bootstrapSuperuser: 'postgres',
        },
      };
    },
    // TLS 1.2 or later turned off, or anything else turned into TLS 1.2.
    (a) =>
      a.ssl && ['TLSv1.2', 'TLSv1.3'].includes(a.sslMinProtocolVersion)
        ? { ...a, ssl: false }
        : { ...a, ssl: true, sslMinProtocolVersion: 'TLSv1.2' },
  ),
  generator(
    postgresHbaRule,
    3,
    (rng, i) => {
      const line = 90 + i;
      const base = { id: `pg_hba:${line}`, name: `pg_hba.conf line ${line}` };
      if (rng.chance(0.02)) {
        const error = 'invalid authentication method "scram"';
        const attributes = { line, type: null, database: [], user: [], address: null, netmask: null };
        return { ...base, attributes: { ...attributes, authMethod: null, error } };
      }
      const type = rng.pick(['local', 'host', 'host', 'hostssl', 'hostnossl']);
      const [address, netmask] = type === 'local' ? [null, null] : rng.pick(HBA_ADDRESSES);
      const authMethod =
        type === 'local'
          ? rng.pick(['peer', 'trust', 'scram-sha-256'])
          : rng.pick([
              'scram-sha-256',
              'scram-sha-256',
              'md5',
              'trust',
              'reject',
              'password',
              'ident',
              'cert',
            ]);
      const database = [rng.pick(['all', 'app', 'replication'])];
      const user = [rng.pick(['all', 'app', '+readers'])];
      return {
        ...base,
        attributes: { line, type, database, user, address, netmask, authMethod, error: null },
      };
    },
    (a) => ({
      ...a,
      type: a.type ?? 'local',
      error: null,
      authMethod: a.authMethod === 'trust' ? 'scram-sha-256' : 'trust',
    }),
  ),
  generator(
    postgresRole,
    3,
    (rng, i) => ({
      id: `role:${i}`,
      name: `app_${i}`,
      attributes: {
        name: `app_${i}`,
        superuser: rng.chance(0.03),
        canLogin: rng.chance(0.75),
        bootstrap: false,
        passwordKind: rng.pick(['scram-sha-256', 'scram-sha-256', 'md5', 'none', 'other'] as const),
        validUntil: rng.pick([null, null, 'infinity', iso(-365)]),
      },
    }),
    (a) => ({
      ...a,
      canLogin: true,
      passwordKind:
        a.passwordKind === 'md5' || a.passwordKind === 'other'
          ? ('scram-sha-256' as const)
          : ('md5' as const),
    }),
  ),
];
