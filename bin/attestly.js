#!/usr/bin/env node
// Attestly runs its TypeScript sources directly on Node.js 22.18 or later. On an older system Node.js,
// this launcher hands over to the Node.js 22 that the package installs from the npm registry, passing
// signals on so that `attestly serve` still stops cleanly.
import { spawn } from 'node:child_process';
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
  const child = spawn(node, [main, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
