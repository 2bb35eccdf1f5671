import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { createSetupToken } from '../../src/app/auth/setup.ts';
import { buildServer } from '../../src/entry/server/build-server.ts';
import { loadServerConfig } from '../../src/entry/server/server-config.ts';
import { DEFAULT_WEB_ROOT, webAppAvailable } from '../../src/entry/server/web-app.ts';
import { testApp } from './app.ts';

// End-to-end tests drive Debian's Chromium (never a downloaded browser) through playwright-core against the
// real server, listening on 127.0.0.1 over a fresh database, serving the built web app.

export const CHROMIUM = process.env.ATTESTLY_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = resolve(process.env.ATTESTLY_TEST_OUTPUT ?? 'test-output', 'screenshots');

/** The server on a free local port, with the web app, over a fresh database and a clock at today. */
export async function webHarness(options: Parameters<typeof testApp>[1] = {}) {
  if (!webAppAvailable(DEFAULT_WEB_ROOT)) throw new Error('the web app is not built: run npx vite build');
  const app = await testApp(new Date(), options);
  const config = loadServerConfig({ ATTESTLY_LOG_LEVEL: 'silent', ATTESTLY_PORT: '0' });
  const server = await buildServer({ deps: app.deps, config, ready: async () => true, logger: false });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('the server has no port');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    server,
    url,
    /** The one-time link `attestly serve` prints on first run. */
    async setupLink() {
      const token = await createSetupToken(app.deps);
      if (!token) throw new Error('a user already exists');
      return `${url}/setup?token=${token}`;
    },
    close: async () => {
      await server.close();
      await app.close();
    },
  };
}

export interface TBrowserSession {
  browser: Browser;
  /** A new signed-out browser profile (its own cookies) whose page records console problems. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** Console errors and warnings and uncaught page errors seen so far, on every page. */
  problems: string[];
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TBrowserSession> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  return {
    browser,
    problems,
    async newPage(viewport = { width: 1280, height: 900 }) {
      const context = await browser.newContext({ viewport });
      contexts.push(context);
      const page = await context.newPage();
      page.on('console', (message) => {
        // Chromium logs every 4xx answer as an error; the app expects those (401 when signed out, 400 on a
        // form the server refuses) and shows them itself. A 5xx still counts.
        if (/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text()))
          return;
        if (message.type() === 'error' || message.type() === 'warning')
          problems.push(`${message.type()}: ${message.text()} (${page.url()})`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message} (${page.url()})`));
      return page;
    },
    async close() {
      for (const context of contexts) await context.close();
      await browser.close();
    },
  };
}

/** Saves a full-page screenshot under test-output/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export const OWNER = { email: 'owner@acme.test', password: 'correct horse battery staple' };

/** The first-run setup through the setup page; leaves the page on onboarding. */
export async function setUpOwner(page: Page, setupLink: string, organizationName = 'Acme Cloud') {
  await page.goto(setupLink);
  await page.getByLabel('Organization name').fill(organizationName);
  await page.getByLabel('Your work email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await page.waitForURL(/\/onboarding$/);
}

/** Signs in through the sign-in page and waits to arrive at `next`. */
export async function signIn(page: Page, baseUrl: string, account: typeof OWNER, next: string) {
  await page.goto(`${baseUrl}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname + url.search === next);
}

/** A JSON call from inside the page, as the signed-in user (session cookie and CSRF header). */
export async function callApi(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = (await (await fetch('/api/v1/session')).json()) as { csrfToken: string };
      const response = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json().catch(() => null)) as unknown };
    },
    { method, path, body },
  );
}
