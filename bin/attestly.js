#!/usr/bin/env node
// Attestly runs its TypeScript sources directly on Node.js 22.18 or later. On an older system Node.js,
// this launcher hands over to the Node.js 22 that the package installs from the npm registry.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../src/entry/cli/run.ts', import.meta.url));
const [major, minor] = process.versions.node.split('.').map(Number);
if (major > 22 || (major === 22 && minor >= 18)) {
  await import(main);
} else {
  let node;
  try {
    node = createRequire(import.meta.url).resolve('node/bin/node');
  } catch {
    process.stderr.write(
      'attestly: error: Node.js 22.18 or later is needed (run "npm install" in the Attestly folder)\n',
    );
    process.exit(1);
  }
  const result = spawnSync(node, [main, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
