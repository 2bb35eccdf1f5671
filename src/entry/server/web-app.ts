import { existsSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// The web app: the files Vite built into dist/web, served on the same origin as the API. Any GET that is
// not an API call and not a built file gets index.html, so the app's own router handles deep links.

/** Where `npm install` (the `prepare` script) leaves the built web app. */
export const DEFAULT_WEB_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function webAppAvailable(root: string | null): root is string {
  return root !== null && existsSync(join(root, 'index.html'));
}

/** Registers the file sender; call before routes so `reply.sendFile` exists in the 404 handler. */
export async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, { root, serve: false, cacheControl: false });
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith('/api/')) {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'same-origin');
    }
    return payload;
  });
}

/**
 * A missing file (/favicon.ico, /assets/old.js) is a 404, not the app. Only a name extension that starts
 * with a letter counts: the app's own paths end in criterion ids such as /criteria/CC6.1.
 */
function looksLikeFile(path: string): boolean {
  return /^\.[a-z][a-z0-9]*$/i.test(extname(path));
}

/** Answers a GET the API does not know with a built file or the app's index.html; false when it is not one. */
export function sendWebApp(request: FastifyRequest, reply: FastifyReply, root: string): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  let path: string;
  try {
    path = decodeURIComponent(request.url.split('?')[0] ?? '/');
  } catch {
    return false; // a malformed escape is nobody's page: the API's 404
  }
  if (path.startsWith('/api/') || path.includes('\0')) return false;
  const file = resolve(root, `.${path}`);
  const inside = file.startsWith(`${root}/`);
  if (inside && extname(path) !== '' && existsSync(file)) {
    // Built assets carry a content hash in their name: they never change.
    const immutable = path.startsWith('/assets/');
    void reply
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .sendFile(path.slice(1));
    return true;
  }
  if (looksLikeFile(path)) return false;
  void reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
  return true;
}
