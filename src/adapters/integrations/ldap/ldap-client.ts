import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { Client, ResultCodeError, type SearchOptions } from 'ldapts';
import { z } from 'zod';
import { AttestlyError } from '../../../domain/errors.ts';

// What the LDAP collector's parts share: opening clients, reading entries through zod, and putting an LDAP
// result code into words without losing the server's own diagnostic message.

export const CONNECT_TIMEOUT_MS = 10_000;
export const OPERATION_TIMEOUT_MS = 30_000;

const RESULT_NAMES: Record<number, string> = {
  1: 'operations error',
  2: 'protocol error',
  3: 'time limit exceeded',
  4: 'size limit exceeded',
  8: 'strong authentication required',
  11: 'administrative limit exceeded',
  13: 'confidentiality required',
  32: 'no such object',
  48: 'inappropriate authentication',
  49: 'invalid credentials',
  50: 'insufficient access rights',
  51: 'busy',
  52: 'unavailable',
  53: 'unwilling to perform',
};

/** The result code, when the server answered with one (rather than the connection failing). */
export function resultCode(error: unknown): number | null {
  return error instanceof ResultCodeError ? error.code : null;
}

/** "invalid credentials (49): <server's text>", or the socket's own message (ECONNREFUSED, TLS errors). */
export function describe(error: unknown): string {
  if (error instanceof ResultCodeError) {
    // ldapts appends " Code: 0x31" to the server's diagnostic message; keep only the server's words.
    const text = error.message.replace(/\s*Code: 0x[0-9a-f]+$/i, '').trim();
    const name = RESULT_NAMES[error.code] ?? 'LDAP error';
    return `${name} (${error.code})${text ? `: ${text}` : ''}`;
  }
  const err = error as NodeJS.ErrnoException;
  if (error instanceof AggregateError && error.errors.length > 0)
    return error.errors.map(describe).join('; ');
  return err?.message || err?.code || String(error);
}

export interface TEndpoint {
  url: string;
  host: string;
  /** host:port, what the resource ids and messages name. */
  server: string;
  secure: boolean;
}

export function endpoint(url: string): TEndpoint {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'ldaps:';
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const port = parsed.port || (secure ? '636' : '389');
  return { url: `${parsed.protocol}//${parsed.host}`, host, server: `${parsed.hostname}:${port}`, secure };
}

/** TLS options that check the certificate against `ca` (or the system's roots) and the URL's host. */
export function trustedTls(target: TEndpoint, ca: string | undefined): ConnectionOptions {
  return {
    host: target.host,
    ...(isIP(target.host) ? {} : { servername: target.host }),
    ...(ca ? { ca } : {}),
  };
}

/** For probes that send nothing secret: they ask whether TLS works, not whom it reaches. */
export function probeTls(target: TEndpoint): ConnectionOptions {
  return { ...trustedTls(target, undefined), rejectUnauthorized: false };
}

export function newClient(target: TEndpoint, tlsOptions?: ConnectionOptions): Client {
  return new Client({
    url: target.url,
    connectTimeout: CONNECT_TIMEOUT_MS,
    timeout: OPERATION_TIMEOUT_MS,
    ...(target.secure && tlsOptions ? { tlsOptions } : {}),
  });
}

export async function closeQuietly(client: Client): Promise<void> {
  await client.unbind().catch(() => undefined);
}

const ZValue = z.union([z.string(), z.instanceof(Buffer)]);
const ZAttribute = z.union([ZValue, z.array(ZValue)]).transform((v) => (Array.isArray(v) ? v : [v]));
const ZEntry = z.looseObject({ dn: z.string() });

/** One entry with its attributes keyed in lower case (servers answer in the schema's own spelling). */
export interface TEntry {
  dn: string;
  values(name: string): string[];
  one(name: string): string | null;
  int(name: string): number | null;
  bool(name: string): boolean | null;
  buffers(name: string): Buffer[];
}

function unexpected(what: string): AttestlyError {
  return new AttestlyError('COLLECTION_FAILED', `the LDAP server returned an unexpected entry: ${what}`);
}

export function parseEntry(raw: unknown): TEntry {
  const parsed = ZEntry.safeParse(raw);
  if (!parsed.success) throw unexpected(parsed.error.issues[0]?.message ?? 'no dn');
  const { dn, ...rest } = parsed.data;
  const attributes = new Map<string, Array<string | Buffer>>();
  for (const [key, value] of Object.entries(rest)) {
    const attribute = ZAttribute.safeParse(value);
    if (!attribute.success) throw unexpected(`${dn}: ${key} is neither text nor bytes`);
    attributes.set(key.toLowerCase(), attribute.data);
  }
  const values = (name: string) =>
    (attributes.get(name.toLowerCase()) ?? []).map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : v));
  const one = (name: string) => values(name)[0] ?? null;
  return {
    dn,
    values,
    one,
    int(name) {
      const value = one(name);
      if (value === null) return null;
      if (!/^-?\d+$/.test(value.trim())) throw unexpected(`${dn}: ${name} is not an integer (${value})`);
      return Number(value);
    },
    bool(name) {
      const value = one(name)?.toUpperCase();
      return value === 'TRUE' ? true : value === 'FALSE' ? false : null;
    },
    buffers: (name) =>
      (attributes.get(name.toLowerCase()) ?? []).map((v) => (Buffer.isBuffer(v) ? v : Buffer.from(v))),
  };
}

export async function search(client: Client, base: string, options: SearchOptions): Promise<TEntry[]> {
  const result = await client.search(base, options);
  return result.searchEntries.map(parseEntry);
}

/** A DN compared without case or spaces after the commas (enough for the DNs a directory hands back). */
export function normalizeDn(dn: string): string {
  return dn
    .split(',')
    .map((rdn) => rdn.trim().toLowerCase())
    .join(',');
}
