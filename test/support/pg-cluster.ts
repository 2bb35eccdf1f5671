import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { appendFile, chmod, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// A throwaway PostgreSQL cluster from the Debian binaries, for tests that need a server with a config of
// their own (ssl, pg_hba.conf, roles). initdb refuses to run as root, so as root every binary runs as the
// `postgres` OS user in a temporary directory that user owns. The cluster listens on 127.0.0.1 on a free
// port and on a Unix socket in that directory; stop() removes it all.

const run = promisify(execFile);
const SUPERUSER_PASSWORD = 'cluster-superuser-secret';

function binDir(): string {
  const preferred = '/usr/lib/postgresql/15/bin';
  if (existsSync(preferred)) return preferred;
  const versions = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0])
    throw new Error('no PostgreSQL server binaries in /usr/lib/postgresql (apt-get install postgresql)');
  return `/usr/lib/postgresql/${versions[0]}/bin`;
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary (or openssl) as the postgres OS user when we are root. */
async function runAsPostgres(file: string, args: string[]): Promise<string> {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  try {
    const { stdout } = await run(cmd, argv, { timeout: 60_000 });
    return stdout;
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${file} ${args.join(' ')} failed: ${stderr || stdout || (error as Error).message}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

function quote(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export interface TClusterOptions {
  /** postgresql.conf settings, written after the defaults so they win. */
  settings?: Record<string, string>;
  /** pg_hba.conf lines. `local all postgres peer map=attestly` is put first so the helper can run SQL. */
  hba: string[];
  /** Generate a self-signed certificate for 127.0.0.1 and turn ssl on. */
  ssl?: boolean;
  /** SQL run as the postgres superuser over the Unix socket once the server is up. */
  setup?: string;
}

export interface TCluster {
  port: number;
  dir: string;
  /** The self-signed certificate, to pass as sslrootcert, when ssl is on. */
  certFile: string | undefined;
  /** The superuser's password (set by initdb). */
  superuserPassword: string;
  /** A URL to 127.0.0.1; with ssl, verify-full against the generated certificate unless `tls: false`. */
  url(user: string, password: string, options?: { tls?: boolean }): string;
  /** Appends a line to pg_hba.conf without reloading: what pg_hba_file_rules reads, not what is in force. */
  appendHba(line: string): Promise<void>;
  /** Runs SQL as the superuser over the Unix socket. */
  sql(text: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startCluster(options: TClusterOptions): Promise<TCluster> {
  const bin = binDir();
  const dir = await mkdtemp(join(tmpdir(), 'attestly-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    await chown(dir, uid, gid);
  }
  await chmod(dir, 0o700);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const pwfile = join(dir, 'pwfile');
  let started = false;
  const stop = async () => {
    if (started)
      await runAsPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(
        () => undefined,
      );
    started = false;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await writeFile(pwfile, SUPERUSER_PASSWORD, { mode: 0o644 });
    await runAsPostgres(join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '--pwfile',
      pwfile,
      '-A',
      'scram-sha-256',
      '-E',
      'UTF8',
      '--no-locale',
      '--no-sync',
    ]);
    let certFile: string | undefined;
    const settings: Record<string, string> = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: dir,
      shared_buffers: '16MB',
      max_connections: '20',
      fsync: 'off',
      ...options.settings,
    };
    if (options.ssl) {
      certFile = join(dir, 'server.crt');
      const keyFile = join(dir, 'server.key');
      await runAsPostgres('openssl', [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ]);
      await chmod(keyFile, 0o600);
      Object.assign(settings, { ssl: 'on', ssl_cert_file: certFile, ssl_key_file: keyFile });
    }
    // peer through a map, so the OS user running psql (postgres as root, else ourselves) is the superuser.
    await writeFile(
      join(data, 'pg_ident.conf'),
      `attestly ${asRoot ? 'postgres' : userInfo().username} postgres\n`,
    );
    await writeFile(
      join(data, 'pg_hba.conf'),
      ['local all postgres peer map=attestly', ...options.hba, ''].join('\n'),
    );
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const conf = Object.entries({ ...settings, port: String(port) }).map(([k, v]) => `${k} = ${quote(v)}`);
      await appendFile(join(data, 'postgresql.conf'), `\n# attestly test cluster\n${conf.join('\n')}\n`);
      try {
        await runAsPostgres(join(bin, 'pg_ctl'), ['-D', data, '-l', log, '-w', '-t', '60', 'start']);
        started = true;
        break;
      } catch (error) {
        // Another process may have taken the port between freePort() and the start: try another.
        const tail = await readFile(log, 'utf8').catch(() => '');
        if (attempt >= 3 || !/could not (bind|create)/.test(tail))
          throw new Error(`${(error as Error).message}\n${tail}`);
      }
    }
    const sql = async (text: string) => {
      const file = join(dir, `setup-${Date.now()}.sql`);
      await writeFile(file, text, { mode: 0o644 });
      return runAsPostgres(join(bin, 'psql'), [
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '-h',
        dir,
        '-p',
        String(port),
        '-U',
        'postgres',
        '-d',
        'postgres',
        '-f',
        file,
      ]);
    };
    if (options.setup) await sql(options.setup);
    return {
      port,
      dir,
      certFile,
      superuserPassword: SUPERUSER_PASSWORD,
      url(user, password, { tls = true } = {}) {
        const base = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
        return certFile && tls
          ? `${base}?sslmode=verify-full&sslrootcert=${encodeURIComponent(certFile)}`
          : base;
      },
      appendHba: (line) => appendFile(join(data, 'pg_hba.conf'), `${line}\n`),
      sql,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
