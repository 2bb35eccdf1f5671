import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

// Golden files (test/golden/): what a report says, kept in the repository and reviewed in diffs. A test
// fails when the output differs; UPDATE_GOLDEN=1 rewrites the files instead.

const ROOT = join(import.meta.dirname, '..', 'golden');

export function expectGolden(name: string, actual: string): void {
  const path = join(ROOT, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path))
    throw new Error(`no golden file test/golden/${name}: run the test with UPDATE_GOLDEN=1 and review it`);
  expect(actual, `differs from test/golden/${name} (UPDATE_GOLDEN=1 rewrites it)`).toBe(
    readFileSync(path, 'utf8'),
  );
}

/** JSON as a golden file keeps it: two-space indented, ending with a newline. */
export const goldenJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
