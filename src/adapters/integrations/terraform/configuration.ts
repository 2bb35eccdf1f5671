import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { AttestlyError } from '../../../domain/errors.ts';
import type { TTfBlock } from './blocks.ts';

// A Terraform configuration as written: the .tf files (HCL, read by HashiCorp's own HCL parser compiled
// to WebAssembly, @cdktf/hcl2json) and .tf.json files (Terraform's JSON syntax) of a module directory,
// and the local modules it calls (`source = "./modules/x"`). Nothing is evaluated: variables, locals and
// functions stay expressions, which the tests treat as not known before apply.

type THcl2Json = (file: string, text: string) => Promise<Record<string, unknown>>;

let hcl: THcl2Json | undefined;

/**
 * Loaded on first use: the parser is WebAssembly that no other command needs. Through require, so its
 * typings (which pull in the DOM library) stay out of the build.
 */
function hclParser(): THcl2Json {
  hcl ??= (createRequire(import.meta.url)('@cdktf/hcl2json') as { parse: THcl2Json }).parse;
  return hcl;
}

/** Module nesting followed at most this deep (and never into a directory already read). */
const MAX_MODULE_DEPTH = 8;

interface TModuleFile {
  file: string;
  body: Record<string, unknown>;
}

function failure(message: string): AttestlyError {
  return new AttestlyError('COLLECTION_FAILED', message);
}

async function parseFile(path: string, shownAs: string): Promise<Record<string, unknown>> {
  const text = await readFile(path, 'utf8');
  if (path.endsWith('.tf.json')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        return parsed as Record<string, unknown>;
      throw new Error('the top level is not an object');
    } catch (error) {
      throw failure(`${shownAs} is not Terraform JSON configuration: ${(error as Error).message}`);
    }
  }
  const parse = hclParser();
  try {
    return await parse(shownAs, text);
  } catch (error) {
    throw failure(`${shownAs} is not valid HCL: ${(error as Error).message}`);
  }
}

/** `{ NAME: body }` or `{ NAME: [body] }` (hcl2json and .tf.json both), as a list of [name, body]. */
function bodies(value: unknown): Array<[string, Record<string, unknown>]> {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([name, body]) =>
    (Array.isArray(body) ? body : [body])
      .filter((b): b is Record<string, unknown> => Boolean(b) && typeof b === 'object')
      .map((b): [string, Record<string, unknown>] => [name, b]),
  );
}

/** Every `aws_x.name` an attribute's interpolations mention, per attribute. */
function expressionRefs(values: Record<string, unknown>): Record<string, string[]> {
  const refs: Record<string, string[]> = {};
  for (const [attribute, value] of Object.entries(values)) {
    if (typeof value !== 'string' || !value.includes('${')) continue;
    const found = [
      ...value.matchAll(/\b([a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*)(?:\[[^\]]*\])?\.[a-z_]+/g),
    ].map((m) => m[1] as string);
    if (found.length > 0) refs[attribute] = found;
  }
  return refs;
}

async function moduleFiles(dir: string, root: string): Promise<TModuleFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.tf') || n.endsWith('.tf.json')).sort();
  return Promise.all(
    names.map(async (name) => {
      const path = join(dir, name);
      const shownAs = relative(root, path) || name;
      return { file: shownAs, body: await parseFile(path, shownAs) };
    }),
  );
}

async function readModule(
  files: TModuleFile[],
  dir: string,
  root: string,
  prefix: string,
  seen: Set<string>,
): Promise<TTfBlock[]> {
  const blocks: TTfBlock[] = [];
  for (const { file, body } of files) {
    for (const [type, byName] of Object.entries((body.resource ?? {}) as Record<string, unknown>)) {
      for (const [name, values] of bodies(byName)) {
        blocks.push({
          address: `${prefix}${type}.${name}`,
          base: `${prefix}${type}.${name}`,
          module: prefix,
          type,
          index: null,
          values,
          refs: expressionRefs(values),
          file,
        });
      }
    }
  }
  for (const { body } of files) {
    for (const [name, call] of bodies(body.module)) {
      const source = call.source;
      if (typeof source !== 'string' || !/^\.\.?\//.test(source)) continue;
      const target = resolve(dir, source);
      if (
        seen.has(target) ||
        seen.size > MAX_MODULE_DEPTH * 8 ||
        prefix.split('module.').length > MAX_MODULE_DEPTH
      )
        continue;
      seen.add(target);
      const nested = await moduleFiles(target, root).catch(() => {
        throw failure(`module "${name}" in ${relative(root, dir) || '.'}: no module directory at ${source}`);
      });
      blocks.push(...(await readModule(nested, target, root, `${prefix}module.${name}.`, seen)));
    }
  }
  return blocks;
}

/** The managed resources a configuration declares: a .tf or .tf.json file, or a module directory. */
export async function blocksFromConfiguration(path: string): Promise<TTfBlock[]> {
  const isDirectory = (await stat(path)).isDirectory();
  const dir = isDirectory ? path : dirname(path);
  const files = isDirectory
    ? await moduleFiles(dir, dir)
    : [{ file: basename(path), body: await parseFile(path, basename(path)) }];
  if (files.length === 0) throw failure(`${path} holds no .tf or .tf.json file`);
  return readModule(files, dir, dir, '', new Set([resolve(dir)]));
}
