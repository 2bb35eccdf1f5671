import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

// npm run bench [-- --full] [-- --cpu-prof]: the scan benchmark at 10k and 100k resources (and 1M with
// --full, which takes a few minutes), then the collector benchmark, then the audit package's export and
// verification (a generated year of hourly runs with 1,000 evidence files, and the demo; a few minutes).
// Figures are ratios against baselines measured in the same run; nothing here runs in CI or in npm test.

const { values } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    reps: { type: 'string', default: '3' },
    'cpu-prof': { type: 'boolean', default: false },
  },
  strict: true,
});

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

function run(script: string, args: string[]): Promise<number> {
  const child = spawn(process.execPath, [here(script), ...args], { stdio: 'inherit' });
  return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
}

const sizes = values.full ? '10000,100000,1000000' : '10000,100000';
const scan = await run('./scan/run.ts', [
  '--sizes',
  sizes,
  '--reps',
  String(values.reps),
  ...(values['cpu-prof'] ? ['--cpu-prof'] : []),
]);
console.log('');
const collector = await run('./scan/collector.ts', []);
console.log('');
const auditPackage = await run('./audit-package.ts', []);
process.exitCode = scan || collector || auditPackage;
