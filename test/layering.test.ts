import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');

/** Runs the project's dependency-cruiser rules over a small tree of files written for the test. */
async function cruise(files: Record<string, string>): Promise<{ ok: boolean; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'attestly-layers-'));
  cpSync(join(root, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  cpSync(join(root, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const bin = join(root, 'node_modules/.bin/depcruise');
  try {
    const { stdout } = await run(bin, ['src', '--config', '.dependency-cruiser.cjs'], { cwd: dir });
    return { ok: true, output: stdout };
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: string }).stdout) };
  }
}

describe('the layering rule', () => {
  it('accepts arrows that point inward', async () => {
    const result = await cruise({
      'src/domain/a.ts': 'export const a = 1;\n',
      'src/app/b.ts': "import { a } from '../domain/a.ts';\nexport const b = a;\n",
      'src/adapters/c.ts': "import { b } from '../app/b.ts';\nexport const c = b;\n",
    });
    expect(result).toMatchObject({ ok: true });
  });

  it('fails when the domain imports an adapter, or the app imports an entry point', async () => {
    const result = await cruise({
      'src/adapters/db.ts': 'export const db = 1;\n',
      'src/entry/main.ts': 'export const main = 1;\n',
      'src/domain/a.ts': "import { db } from '../adapters/db.ts';\nexport const a = db;\n",
      'src/app/b.ts': "import { main } from '../entry/main.ts';\nexport const b = main;\n",
    });
    expect(result.ok).toBe(false);
    expect(result.output).toContain('domain-not-to-catalog-app-adapters-entry-web');
    expect(result.output).toContain('app-not-to-adapters-entry-web');
  });

  it('fails when the domain does I/O', async () => {
    const result = await cruise({
      'src/domain/a.ts': "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
    });
    expect(result.ok).toBe(false);
    expect(result.output).toContain('domain-stays-pure');
  });
});
