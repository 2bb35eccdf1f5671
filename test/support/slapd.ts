import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { argon2id } from 'hash-wasm';

// A real OpenLDAP server (Debian's slapd) on loopback, configured from scratch in a temporary directory:
// cn=config is loaded with `slapadd -n0` from LDIF written here and the directory seeded with `slapadd -n1`.
// Two profiles: "debian-default" reproduces what `apt-get install slapd` leaves (anonymous read of the whole
// tree, no TLS, no password policy, olcLogLevel none, no olcPasswordHash) and "hardened" fixes each of those.

const run = promisify(execFile);

export type TSlapdProfile = 'debian-default' | 'hardened';

export const SLAPD_BASE_DN = 'dc=example,dc=test';
export const SLAPD_ADMIN_DN = `cn=admin,${SLAPD_BASE_DN}`;
export const SLAPD_CONFIG_DN = 'cn=admin,cn=config';

export interface TSlapd {
  url: string;
  baseDn: string;
  adminDn: string;
  adminPassword: string;
  configDn: string;
  configPassword: string;
  /** PEM of the self-signed server certificate (hardened profile only): the collector's `ca`. */
  ca: string | undefined;
  stop(): Promise<void>;
}

/** What Debian's slapd.postinst writes for the root password: salted SHA-1. */
function ssha(password: string): string {
  const salt = randomBytes(8);
  const digest = createHash('sha1').update(password).update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}

async function argon2(password: string): Promise<string> {
  const hash = await argon2id({
    password,
    salt: randomBytes(16),
    parallelism: 1,
    iterations: 2,
    memorySize: 4096,
    hashLength: 32,
    outputType: 'encoded',
  });
  return `{ARGON2}${hash}`;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** One LDIF entry: its "attribute: value" lines, `false` standing for a line the profile leaves out. */
type TLdifEntry = Array<string | false>;

function ldif(entries: Array<TLdifEntry | false>): string {
  return entries
    .filter((entry): entry is TLdifEntry => entry !== false)
    .map((entry) => entry.filter((line) => line !== false).join('\n'))
    .join('\n\n')
    .concat('\n');
}

interface TSlapdOptions {
  /** Hardened profile only: leave olcSecurity out, so TLS is offered but not demanded. */
  requireTls?: boolean;
}

async function configLdif(
  dir: string,
  hardened: boolean,
  options: TSlapdOptions,
  configPassword: string,
  adminPassword: string,
) {
  const schemas = await Promise.all(
    ['core', 'cosine', 'nis', 'inetorgperson'].map((name) =>
      readFile(`/etc/ldap/schema/${name}.ldif`, 'utf8'),
    ),
  );
  const h = hardened;
  const head = ldif([
    [
      'dn: cn=config',
      'objectClass: olcGlobal',
      'cn: config',
      `olcArgsFile: ${join(dir, 'slapd.args')}`,
      `olcPidFile: ${join(dir, 'slapd.pid')}`,
      `olcLogLevel: ${h ? 'stats' : 'none'}`,
      'olcToolThreads: 1',
      h && 'olcDisallows: bind_anon',
      h && options.requireTls !== false && 'olcSecurity: tls=1',
      h && `olcTLSCertificateFile: ${join(dir, 'server.crt')}`,
      h && `olcTLSCertificateKeyFile: ${join(dir, 'server.key')}`,
    ],
    [
      'dn: cn=module{0},cn=config',
      'objectClass: olcModuleList',
      'cn: module{0}',
      'olcModulePath: /usr/lib/ldap',
      'olcModuleLoad: {0}back_mdb',
      h && 'olcModuleLoad: {1}ppolicy',
      h && 'olcModuleLoad: {2}argon2',
    ],
    ['dn: cn=schema,cn=config', 'objectClass: olcSchemaConfig', 'cn: schema'],
  ]);
  const tail = ldif([
    [
      'dn: olcDatabase={-1}frontend,cn=config',
      'objectClass: olcDatabaseConfig',
      'objectClass: olcFrontendConfig',
      'olcDatabase: {-1}frontend',
      'olcAccess: {0}to dn.exact="" by * read',
      'olcAccess: {1}to dn.base="cn=Subschema" by * read',
      'olcSizeLimit: 500',
      h && 'olcPasswordHash: {ARGON2}',
    ],
    [
      'dn: olcDatabase={0}config,cn=config',
      'objectClass: olcDatabaseConfig',
      'olcDatabase: {0}config',
      `olcRootDN: ${SLAPD_CONFIG_DN}`,
      `olcRootPW: ${ssha(configPassword)}`,
    ],
    [
      'dn: olcDatabase={1}mdb,cn=config',
      'objectClass: olcDatabaseConfig',
      'objectClass: olcMdbConfig',
      'olcDatabase: {1}mdb',
      `olcDbDirectory: ${join(dir, 'data')}`,
      `olcSuffix: ${SLAPD_BASE_DN}`,
      `olcRootDN: ${SLAPD_ADMIN_DN}`,
      `olcRootPW: ${ssha(adminPassword)}`,
      'olcDbIndex: objectClass eq',
      'olcDbMaxSize: 16777216',
      'olcAccess: {0}to attrs=userPassword by self write by anonymous auth by * none',
      `olcAccess: {1}to attrs=shadowLastChange by self write by ${h ? 'users' : '*'} read`,
      // Debian's default ends with `to * by * read`: anyone, even without binding, reads the whole tree.
      `olcAccess: ${h ? '{2}to * by users read by * none' : '{2}to * by * read'}`,
    ],
    h && [
      'dn: olcOverlay={0}ppolicy,olcDatabase={1}mdb,cn=config',
      'objectClass: olcOverlayConfig',
      'objectClass: olcPPolicyConfig',
      'olcOverlay: {0}ppolicy',
      `olcPPolicyDefault: cn=default,ou=policies,${SLAPD_BASE_DN}`,
      'olcPPolicyHashCleartext: TRUE',
    ],
  ]);
  return `${head}\n${schemas.join('\n')}\n${tail}`;
}

async function seedLdif(hardened: boolean): Promise<string> {
  const hash = hardened ? argon2 : async (p: string) => ssha(p);
  const person = (uid: string, n: number, password: string, extra: string[]): TLdifEntry => [
    `dn: uid=${uid},ou=people,${SLAPD_BASE_DN}`,
    ...['inetOrgPerson', 'posixAccount', 'shadowAccount'].map((c) => `objectClass: ${c}`),
    `uid: ${uid}`,
    `cn: ${uid}`,
    `sn: ${uid}`,
    `uidNumber: ${String(1000 + n)}`,
    'gidNumber: 1000',
    `homeDirectory: /home/${uid}`,
    'loginShell: /bin/bash',
    `userPassword: ${password}`,
    ...extra,
  ];
  const member = (uid: string) => `member: uid=${uid},ou=people,${SLAPD_BASE_DN}`;
  // carol has left: her account is disabled (shadowExpire 1, and an administrative ppolicy lock where the
  // overlay exists). The default profile forgot to take her out of the admin groups; the hardened one did.
  const carolDisabled = ['shadowExpire: 1'];
  if (hardened) carolDisabled.push('pwdAccountLockedTime: 000001010000Z');
  const entries: TLdifEntry[] = [
    [
      `dn: ${SLAPD_BASE_DN}`,
      'objectClass: dcObject',
      'objectClass: organization',
      'o: Example',
      'dc: example',
    ],
    ...['people', 'groups'].map(
      (ou): TLdifEntry => [`dn: ou=${ou},${SLAPD_BASE_DN}`, 'objectClass: organizationalUnit', `ou: ${ou}`],
    ),
    // A password added in clear with ldapadd stays in clear: slapd hashes only on the password-modify
    // operation or through ppolicy's olcPPolicyHashCleartext.
    person('alice', 1, hardened ? await hash('alice-long-password') : 'alice-password', []),
    person('bob', 2, await hash('bob-long-password'), []),
    person('carol', 3, await hash('carol-long-password'), carolDisabled),
    [
      `dn: cn=admins,ou=groups,${SLAPD_BASE_DN}`,
      'objectClass: groupOfNames',
      'cn: admins',
      member('alice'),
      !hardened && member('carol'),
    ],
    [
      `dn: cn=staff,ou=groups,${SLAPD_BASE_DN}`,
      'objectClass: groupOfNames',
      'cn: staff',
      member('alice'),
      member('bob'),
      member('carol'),
    ],
    [
      `dn: cn=sudo,ou=groups,${SLAPD_BASE_DN}`,
      'objectClass: posixGroup',
      'cn: sudo',
      'gidNumber: 27',
      'memberUid: alice',
      !hardened && 'memberUid: carol',
    ],
  ];
  if (hardened) {
    entries.push(
      [`dn: ou=policies,${SLAPD_BASE_DN}`, 'objectClass: organizationalUnit', 'ou: policies'],
      [
        `dn: cn=default,ou=policies,${SLAPD_BASE_DN}`,
        'objectClass: organizationalRole',
        'objectClass: pwdPolicy',
        'cn: default',
        'pwdAttribute: userPassword',
        'pwdMinLength: 14',
        'pwdCheckQuality: 2',
        'pwdMaxFailure: 5',
        'pwdLockout: TRUE',
        'pwdLockoutDuration: 900',
      ],
    );
  }
  return ldif(entries);
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`slapd exited (${child.exitCode}): ${stderr()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`slapd did not listen on ${port}: ${stderr()}`);
}

/** Starts slapd in the foreground on 127.0.0.1 with a free port; stop() ends it and removes its directory. */
export async function startSlapd(profile: TSlapdProfile, options: TSlapdOptions = {}): Promise<TSlapd> {
  const hardened = profile === 'hardened';
  const dir = await mkdtemp(join(tmpdir(), 'attestly-slapd-'));
  const adminPassword = `admin-${randomBytes(6).toString('hex')}`;
  const configPassword = `config-${randomBytes(6).toString('hex')}`;
  let child: ChildProcess | undefined;
  try {
    await mkdir(join(dir, 'slapd.d'));
    await mkdir(join(dir, 'data'));
    let ca: string | undefined;
    if (hardened) {
      await run('openssl', [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1'],
        ...['-addext', 'subjectAltName=IP:127.0.0.1'],
        ...['-keyout', join(dir, 'server.key'), '-out', join(dir, 'server.crt')],
      ]);
      ca = await readFile(join(dir, 'server.crt'), 'utf8');
    }
    await writeFile(
      join(dir, 'config.ldif'),
      await configLdif(dir, hardened, options, configPassword, adminPassword),
    );
    await writeFile(join(dir, 'seed.ldif'), await seedLdif(hardened));
    await run('slapadd', ['-n0', '-F', join(dir, 'slapd.d'), '-l', join(dir, 'config.ldif')]);
    await run('slapadd', ['-n1', '-F', join(dir, 'slapd.d'), '-l', join(dir, 'seed.ldif')]);
    const port = await freePort();
    const url = `ldap://127.0.0.1:${port}`;
    // -d 0 keeps slapd in the foreground (so this process owns it) without debug output.
    const started = spawn('slapd', ['-d', '0', '-F', join(dir, 'slapd.d'), '-h', `${url}/`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = started;
    let stderr = '';
    started.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await waitForPort(port, started, () => stderr);
    return {
      url,
      baseDn: SLAPD_BASE_DN,
      adminDn: SLAPD_ADMIN_DN,
      adminPassword,
      configDn: SLAPD_CONFIG_DN,
      configPassword,
      ca,
      async stop() {
        if (started.exitCode === null) {
          const exited = new Promise((resolve) => started.once('exit', resolve));
          started.kill('SIGTERM');
          await exited;
        }
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
