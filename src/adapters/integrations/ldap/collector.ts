import type { Client } from 'ldapts';
import { z } from 'zod';
import type { Collector, TCollectorContext } from '../../../app/monitoring/collector.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import type { TResource } from '../../../domain/monitoring/model.ts';
import { listAccounts, listGroups } from './accounts.ts';
import {
  closeQuietly,
  describe,
  endpoint,
  newClient,
  resultCode,
  type TEndpoint,
  trustedTls,
} from './ldap-client.ts';
import { probeAnonymous, probeTlsRequired } from './probes.ts';
import { readPolicyEntry, readServerConfig, securityDemandsTls } from './server-config.ts';

// Collects one LDAP directory (written against OpenLDAP): it binds with the given account (over StartTLS
// whenever the server offers it, checking the certificate), probes what an unauthenticated client may do,
// reads cn=config when an identity allowed to is given, and lists accounts and groups. It changes nothing.

const ZConfig = z
  .strictObject({
    url: z
      .string()
      .regex(/^ldaps?:\/\//i, 'must be an ldap:// or ldaps:// URL')
      .refine((value) => URL.canParse(value), 'must be a valid URL'),
    bindDn: z.string().min(1),
    password: z.string().min(1),
    baseDn: z.string().min(1),
    /** An identity that may read cn=config (such as its olcRootDN); without it the bind account tries. */
    configBindDn: z.string().min(1).optional(),
    configPassword: z.string().min(1).optional(),
    /** PEM certificate(s) to trust for the server, when a private CA or self-signed certificate is used. */
    ca: z.string().min(1).optional(),
    /** Names (cn) or DNs of the privileged groups; by default any group named like admin, root, sudo, wheel. */
    privilegedGroups: z.array(z.string().min(1)).optional(),
    name: z.string().min(1).optional(),
  })
  .refine((c) => (c.configBindDn === undefined) === (c.configPassword === undefined), {
    message: 'configBindDn and configPassword go together',
    path: ['configPassword'],
  });
type TConfig = z.infer<typeof ZConfig>;

function failed(target: TEndpoint, message: string, error?: unknown, extra: Record<string, unknown> = {}) {
  const code = error === undefined ? null : resultCode(error);
  return new AttestlyError(
    'COLLECTION_FAILED',
    `LDAP ${target.server}: ${message}${error === undefined ? '' : `: ${describe(error)}`}`,
    { server: target.server, ...(code === null ? {} : { resultCode: code }), ...extra },
  );
}

/** Node's codes and messages for a certificate or handshake failure (as opposed to no connection at all). */
const TLS_FAILURE = /CERT|SELF_SIGNED|UNABLE_TO_|ALTNAME|ERR_TLS|ERR_SSL|handshake/i;

interface TSession {
  client: Client;
  tlsVia: 'ldaps' | 'starttls' | null;
}

/**
 * Opens a connection and binds. Over ldap:// it asks for StartTLS first; a server that refuses the
 * extended operation gets a plaintext bind (the TLS test then fails), but one whose certificate does not
 * verify is left alone: the password is not sent to a server that cannot prove who it is.
 */
async function openSession(
  target: TEndpoint,
  config: TConfig,
  dn: string,
  password: string,
): Promise<TSession> {
  const tls = trustedTls(target, config.ca);
  let client = newClient(target, tls);
  let tlsVia: TSession['tlsVia'] = target.secure ? 'ldaps' : null;
  try {
    if (!target.secure) {
      try {
        await client.startTLS(tls);
        tlsVia = 'starttls';
      } catch (error) {
        if (resultCode(error) === null) {
          const err = error as NodeJS.ErrnoException;
          if (TLS_FAILURE.test(`${err.code ?? ''} ${err.message}`))
            throw failed(target, 'StartTLS is offered but the server certificate was not accepted', error, {
              hint: 'give the CA certificate (PEM) as `ca`',
            });
          throw failed(target, 'could not connect', error);
        }
        // The server refused the StartTLS operation: carry on in plaintext on a fresh connection.
        await closeQuietly(client);
        client = newClient(target, tls);
      }
    }
    await client.bind(dn, password);
    return { client, tlsVia };
  } catch (error) {
    await closeQuietly(client);
    if (error instanceof AttestlyError) throw error;
    const connecting = resultCode(error) === null;
    throw failed(target, connecting ? 'could not connect' : `bind as ${dn} failed`, error);
  }
}

async function collectDirectory(config: TConfig, context: TCollectorContext): Promise<TResource[]> {
  const target = endpoint(config.url);
  context.progress(`binding to ${target.server} as ${config.bindDn}`);
  const session = await openSession(target, config, config.bindDn, config.password);
  const clients: Client[] = [session.client];
  const abort = () => {
    for (const client of clients) void closeQuietly(client);
  };
  context.signal?.addEventListener('abort', abort, { once: true });
  try {
    context.progress(`probing anonymous access and TLS on ${target.server}`);
    const tlsAvailable = session.tlsVia !== null;
    const anonymous = await probeAnonymous(target, config.baseDn, tlsAvailable).catch((error) => {
      throw failed(target, 'the anonymous probe could not connect', error);
    });
    const tlsProbe = await probeTlsRequired(target, config.baseDn).catch((error) => {
      throw failed(target, 'the plaintext bind probe could not connect', error);
    });

    context.progress(`reading cn=config of ${target.server}`);
    let configClient = session.client;
    if (config.configBindDn && config.configPassword) {
      configClient = (await openSession(target, config, config.configBindDn, config.configPassword)).client;
      clients.push(configClient);
    }
    // Refusals become "not readable" inside; what is left here is a dropped connection or a garbled answer.
    const serverConfig = await readServerConfig(configClient, config.baseDn, (dn) =>
      readPolicyEntry(session.client, dn),
    ).catch((error) => {
      throw error instanceof AttestlyError ? error : failed(target, 'reading cn=config failed', error);
    });

    // Where the probe could not tell (ldaps:// URLs), cn=config's olcSecurity can.
    let tlsRequired = tlsProbe.required;
    let tlsRequiredDetail = tlsProbe.detail;
    if (tlsRequired === null && serverConfig.readable) {
      tlsRequired = securityDemandsTls(serverConfig.security);
      tlsRequiredDetail = `olcSecurity is ${serverConfig.security.join(' ') || 'unset'}`;
    }

    context.progress(`listing accounts and groups under ${config.baseDn}`);
    let groups: Awaited<ReturnType<typeof listGroups>>;
    let accounts: Awaited<ReturnType<typeof listAccounts>>;
    try {
      groups = await listGroups(session.client, config.baseDn, config.privilegedGroups);
      accounts = await listAccounts(session.client, config.baseDn, groups);
    } catch (error) {
      if (error instanceof AttestlyError) throw error;
      throw failed(target, `listing accounts and groups under ${config.baseDn} failed`, error, {
        // A server-side size limit (olcLimits) below the directory's size fails here rather than truncating.
        permission: `read access to every account and group under ${config.baseDn}, with no size limit`,
      });
    }

    const directoryId = `${target.url}/${config.baseDn}`;
    const resources: TResource[] = [
      {
        type: 'ldap.directory',
        id: directoryId,
        name: config.name ?? `${config.baseDn} on ${target.server}`,
        attributes: {
          url: target.url,
          baseDn: config.baseDn,
          ...anonymous,
          tlsAvailable,
          tlsVia: session.tlsVia,
          tlsRequired,
          tlsRequiredDetail,
          config: serverConfig,
          accounts: accounts.length,
          groups: groups.length,
        },
      },
    ];
    for (const account of accounts) {
      resources.push({
        type: 'ldap.account',
        id: account.dn,
        name: account.uid ?? account.dn,
        attributes: { ...account },
      });
    }
    return resources;
  } finally {
    context.signal?.removeEventListener('abort', abort);
    for (const client of clients) await closeQuietly(client);
  }
}

export const ldapCollector: Collector<typeof ZConfig> = {
  type: 'ldap',
  title: 'LDAP directory (OpenLDAP)',
  configSchema: ZConfig,
  collect: collectDirectory,
};
