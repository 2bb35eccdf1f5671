import type { LightMyRequestResponse } from 'fastify';
import { createApiToken } from '../../src/app/auth/api-tokens.ts';
import { createSetupToken } from '../../src/app/auth/setup.ts';
import { type OrgScope, scopeOf, type TMemberRole } from '../../src/app/ports.ts';
import { buildServer } from '../../src/entry/server/build-server.ts';
import { loadServerConfig } from '../../src/entry/server/server-config.ts';
import { testApp } from './app.ts';

export const OWNER = { email: 'owner@acme.test', password: 'correct horse battery staple' };

/** The real server over a fresh database, driven by inject(); no port is opened. */
export async function serverHarness(
  env: NodeJS.ProcessEnv = {},
  options: Parameters<typeof testApp>[1] = {},
) {
  const app = await testApp(undefined, options);
  const config = loadServerConfig({
    ATTESTLY_LOG_LEVEL: 'silent',
    ATTESTLY_SESSION_IDLE_MINUTES: '30',
    ...env,
  });
  const server = await buildServer({ deps: app.deps, config, ready: async () => true, logger: false });

  /** A browser: keeps the session cookie and sends the CSRF header on changes. */
  function browser() {
    let cookie: string | undefined;
    let csrf: string | undefined;
    async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
      const response = await server.inject({
        method: method as 'GET',
        url,
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
          ...headers,
        },
        ...(body !== undefined ? { payload: body as object } : {}),
      });
      const set = response.cookies.find((c) => c.name === 'attestly_session');
      if (set) cookie = set.value ? `attestly_session=${set.value}` : undefined;
      const json = safeJson(response);
      if (json && typeof json === 'object' && 'csrfToken' in json) csrf = String(json.csrfToken);
      return response;
    }
    return { call, dropCsrf: () => (csrf = undefined), hasCookie: () => cookie !== undefined };
  }

  /** Runs the first-run setup and returns the owner's browser, signed in. */
  async function setupOwner(organizationName = 'Acme Cloud') {
    const token = await createSetupToken(app.deps);
    if (!token) throw new Error('a user already exists');
    const owner = browser();
    const response = await owner.call('POST', '/api/v1/setup', { token, ...OWNER, organizationName });
    if (response.statusCode !== 201) throw new Error(`setup failed: ${response.body}`);
    return owner;
  }

  /** An API token with the given role, minted directly (as an owner would). */
  async function tokenFor(slug: string, role: TMemberRole): Promise<string> {
    const org = await app.deps.store.repos.organizations.findBySlug(slug);
    if (!org) throw new Error(`no org ${slug}`);
    const { token } = await createApiToken(
      app.deps,
      scopeOf(org),
      { userId: null, role: 'owner' },
      { name: `${role} token`, role },
    );
    return token;
  }

  async function scopeFor(slug: string): Promise<OrgScope> {
    const org = await app.deps.store.repos.organizations.findBySlug(slug);
    if (!org) throw new Error(`no org ${slug}`);
    return scopeOf(org);
  }

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  /** A call to one organization's API with an API token. */
  const orgCall = (slug: string) => (method: string, url: string, token: string, payload?: unknown) =>
    server.inject({
      method: method as 'GET',
      url: `/api/v1/orgs/${slug}${url}`,
      headers: bearer(token),
      ...(payload ? { payload: payload as object } : {}),
    });

  return {
    app,
    server,
    browser,
    setupOwner,
    tokenFor,
    scopeFor,
    bearer,
    orgCall,
    close: async () => {
      await server.close();
      await app.close();
    },
  };
}

export function safeJson(response: LightMyRequestResponse): unknown {
  try {
    return response.json();
  } catch {
    return undefined;
  }
}

/** A multipart/form-data body with fields and one file, for inject(). */
export function multipart(
  fields: Record<string, string>,
  file?: { name: string; content: Uint8Array | string },
) {
  const boundary = `----attestly${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
    );
    parts.push(Buffer.from(file.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
