import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serverHarness } from '../support/server.ts';

// The built web app on the API's origin: deep links get index.html, built files are sent, a missing file
// is a 404 — and an app path that ends in a criterion id (CC6.1) is a deep link, not a file.

let h: Awaited<ReturnType<typeof serverHarness>>;
afterEach(() => h.close());

function webRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'attestly-web-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'assets', 'app-1234.js'), 'console.log(1)');
  return root;
}

describe('the web app', () => {
  it('answers deep links with index.html, including criterion ids, and missing files with 404', async () => {
    h = await serverHarness({ ATTESTLY_WEB_ROOT: webRoot() });
    const get = (url: string) => h.server.inject({ method: 'GET', url });
    for (const url of ['/o/acme/criteria/CC6.1', '/o/acme/criteria/A1.3', '/o/acme/controls/AC-01', '/']) {
      const page = await get(url);
      expect({ url, status: page.statusCode, body: page.body }).toEqual({
        url,
        status: 200,
        body: '<!doctype html><title>app</title>',
      });
    }
    expect((await get('/assets/app-1234.js')).statusCode).toBe(200);
    expect((await get('/assets/app-9999.js')).statusCode).toBe(404);
    expect((await get('/favicon.ico')).statusCode).toBe(404);
    // Nothing outside the built folder, and a malformed escape is the client's error (400), not a crash.
    expect((await get('/assets/..%2f..%2fpackage.json')).statusCode).toBe(404);
    expect((await get('/o/acme/%E0%A4%A')).statusCode).toBe(400);
    const page = await get('/o/acme');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
  });
});
