import { z } from 'zod';

// The catalog queries the collector runs and the shape of each row. The password column of pg_authid is
// reduced to its kind inside the server, so no hash ever reaches Attestly.

/** Settings the tests read; some are hidden from roles without pg_read_all_settings. */
export const SETTING_NAMES = [
  'server_version',
  'server_version_num',
  'ssl',
  'ssl_min_protocol_version',
  'password_encryption',
  'log_connections',
  'log_disconnections',
  'log_statement',
  'logging_collector',
  'log_destination',
  'listen_addresses',
] as const;
export type TSettingName = (typeof SETTING_NAMES)[number];

export const SETTINGS_SQL = 'SELECT name, setting FROM pg_catalog.pg_settings WHERE name = ANY($1::text[])';
export const ZSettingRow = z.object({ name: z.string(), setting: z.string().nullable() });

/** Superusers are members of every role, so this is true for them too. */
export const PRIVILEGE_SQL = "SELECT pg_catalog.pg_has_role('pg_read_all_settings', 'MEMBER') AS allowed";
export const ZPrivilegeRow = z.object({ allowed: z.boolean() });

// Columns present from PostgreSQL 10 on (16 adds rule_number and file_name, which no test needs).
export const HBA_SQL = `SELECT line_number, type, database, user_name, address, netmask, auth_method, error
  FROM pg_catalog.pg_hba_file_rules ORDER BY line_number`;
export const ZHbaRow = z.object({
  line_number: z.number().int(),
  type: z.string().nullable(),
  database: z.array(z.string()).nullable(),
  user_name: z.array(z.string()).nullable(),
  address: z.string().nullable(),
  netmask: z.string().nullable(),
  auth_method: z.string().nullable(),
  error: z.string().nullable(),
});

// Role names starting with pg_ are reserved for the predefined roles, which cannot log in.
export const ROLES_SQL = `SELECT rolname, rolsuper, rolcanlogin, oid = 10 AS bootstrap,
    CASE
      WHEN rolpassword IS NULL THEN 'none'
      WHEN rolpassword LIKE 'SCRAM-SHA-256$%' THEN 'scram-sha-256'
      WHEN rolpassword ~ '^md5[0-9a-f]{32}$' THEN 'md5'
      ELSE 'other'
    END AS password_kind,
    CASE
      WHEN rolvaliduntil IS NULL THEN NULL
      WHEN rolvaliduntil = 'infinity' THEN 'infinity'
      ELSE to_char(rolvaliduntil AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
    END AS valid_until
  FROM pg_catalog.pg_authid WHERE rolname !~ '^pg_' ORDER BY rolname`;
export const ZRoleRow = z.object({
  rolname: z.string(),
  rolsuper: z.boolean(),
  rolcanlogin: z.boolean(),
  bootstrap: z.boolean(),
  password_kind: z.enum(['scram-sha-256', 'md5', 'none', 'other']),
  valid_until: z.string().nullable(),
});

/** What each query needs, for the error that says which permission the collector's role lacked. */
export const PERMISSIONS = {
  settings: 'pg_read_all_settings (or superuser) to read ssl_min_protocol_version and other hidden settings',
  hba: 'superuser: pg_catalog.pg_hba_file_rules is readable only by superusers',
  roles: 'superuser: pg_catalog.pg_authid is readable only by superusers',
} as const;
