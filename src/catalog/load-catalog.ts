import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import {
  POLICY_PLACEHOLDERS,
  type TCatalog,
  type TCriterion,
  type TLibraryControl,
  type TPolicyTemplate,
  ZControlsFile,
  ZCriteriaFile,
  ZPolicyFrontMatter,
} from '../domain/catalog-types.ts';
import { AttestlyError } from '../domain/errors.ts';

const DEFAULT_DIR = fileURLToPath(new URL('./data/', import.meta.url));

function parseWith<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || '(root)';
    throw new AttestlyError('CATALOG_INVALID', `${file}: ${where}: ${issue?.message}`);
  }
  return result.data;
}

function splitFrontMatter(text: string, file: string): { meta: unknown; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new AttestlyError('CATALOG_INVALID', `${file}: missing YAML front matter`);
  return { meta: parseYaml(match[1] ?? ''), body: (match[2] ?? '').trim() };
}

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => {
    if (seen.has(id)) return true;
    seen.add(id);
    return false;
  });
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new AttestlyError('CATALOG_INVALID', message);
}

/** Checks that the files agree with each other: every reference resolves, every criterion is addressed. */
function crossCheck(catalog: TCatalog): void {
  const seriesIds = new Set(catalog.series.map((s) => s.id));
  const criterionIds = new Set(catalog.criteria.map((c) => c.id));
  const controlIds = new Set(catalog.controls.map((c) => c.id));
  for (const [kind, ids] of [
    ['series', catalog.series.map((s) => s.id)],
    ['criterion', catalog.criteria.map((c) => c.id)],
    ['control', catalog.controls.map((c) => c.id)],
    ['policy', catalog.policies.map((p) => p.id)],
  ] as const) {
    const dup = duplicates([...ids]);
    check(dup.length === 0, `duplicate ${kind} id ${dup[0]}`);
  }
  for (const criterion of catalog.criteria) {
    check(seriesIds.has(criterion.series), `${criterion.id}: unknown series ${criterion.series}`);
    check(
      criterion.id.startsWith(`${criterion.series}.`),
      `${criterion.id}: not in series ${criterion.series}`,
    );
  }
  const addressed = new Set<string>();
  for (const control of catalog.controls) {
    for (const id of control.criteria) {
      check(criterionIds.has(id), `control ${control.id}: unknown criterion ${id}`);
      addressed.add(id);
    }
    check(duplicates(control.criteria).length === 0, `control ${control.id}: a criterion is listed twice`);
  }
  for (const id of criterionIds) check(addressed.has(id), `criterion ${id} is addressed by no control`);
  const allowed = new Set<string>(POLICY_PLACEHOLDERS);
  for (const policy of catalog.policies) {
    for (const id of policy.controls) check(controlIds.has(id), `policy ${policy.id}: unknown control ${id}`);
    for (const [, name] of policy.body.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
      check(allowed.has(name ?? ''), `policy ${policy.id}: unknown placeholder {{${name}}}`);
    }
  }
}

/** Loads and validates the catalog data files; throws CATALOG_INVALID naming the first problem. */
export function loadCatalog(dir: string = DEFAULT_DIR): TCatalog {
  const criteriaFile = parseWith(
    ZCriteriaFile,
    parseYaml(readFileSync(join(dir, 'criteria.yaml'), 'utf8')),
    'criteria.yaml',
  );
  const categoryOf = new Map(criteriaFile.series.map((s) => [s.id, s.category]));
  const criteria: TCriterion[] = criteriaFile.criteria.map((c) => ({
    ...c,
    category: categoryOf.get(c.series) ?? 'security',
  }));

  const controls: TLibraryControl[] = [];
  for (const name of readdirSync(join(dir, 'controls'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const file = `controls/${name}`;
    controls.push(...parseWith(ZControlsFile, parseYaml(readFileSync(join(dir, file), 'utf8')), file));
  }
  controls.sort((a, b) => a.id.localeCompare(b.id, 'en'));

  const policies: TPolicyTemplate[] = [];
  for (const name of readdirSync(join(dir, 'policies'))
    .filter((f) => f.endsWith('.md'))
    .sort()) {
    const file = `policies/${name}`;
    const { meta, body } = splitFrontMatter(readFileSync(join(dir, file), 'utf8'), file);
    const front = parseWith(ZPolicyFrontMatter, meta, file);
    check(`${front.id}.md` === name, `${file}: file name must be ${front.id}.md`);
    policies.push({ ...front, body });
  }

  const catalog: TCatalog = {
    framework: criteriaFile.framework,
    categories: criteriaFile.categories,
    series: criteriaFile.series,
    criteria,
    controls,
    policies,
  };
  crossCheck(catalog);
  return catalog;
}
