import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

// Vitest global setup: rebuild the web app when a source is newer than the build, so browser tests never
// run against a stale dist/web (CI builds it in `npm ci` through the prepare script).

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export default async function setup(): Promise<void> {
  const index = 'dist/web/index.html';
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(newest('src/web'), newest('src/domain')))
    return;
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
}
