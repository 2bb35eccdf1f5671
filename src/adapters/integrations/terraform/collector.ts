import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Collector, TCollectorContext } from '../../../app/monitoring/collector.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import type { TResource } from '../../../domain/monitoring/model.ts';
import type { TTfBlock } from './blocks.ts';
import { blocksFromConfiguration } from './configuration.ts';
import { terraformResources } from './resources.ts';
import { blocksFromShowJson, ZShowJson } from './show-json.ts';

// Terraform, read from files: `terraform show -json` of a saved plan or of the state (a .json file), or a
// configuration as written (a .tf or .tf.json file, or a module directory). No Terraform binary runs and no
// provider is called. In a pipeline, judge the plan: `terraform plan -out plan.out && terraform show -json
// plan.out > plan.json`, then scan plan.json, and a failing test stops the change before it is applied.

export const ZTerraformConfig = z
  .object({
    /** A plan or state JSON file, a .tf or .tf.json file, or a directory of them (relative to the working directory). */
    path: z.string().min(1),
    name: z.string().optional(),
  })
  .strict();
export type TTerraformConfig = z.infer<typeof ZTerraformConfig>;

function collectionFailed(message: string, details?: Record<string, unknown>): AttestlyError {
  return new AttestlyError('COLLECTION_FAILED', message, details);
}

async function showJsonBlocks(path: string): Promise<{ kind: string; blocks: TTfBlock[] }> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw collectionFailed(
      `${path} is not JSON (${(error as Error).message}); give the output of \`terraform show -json\`, not \`terraform plan -json\``,
    );
  }
  const parsed = ZShowJson.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw collectionFailed(
      `${path} is not the output of \`terraform show -json\`: at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
  }
  return blocksFromShowJson(parsed.data, path);
}

async function collect(config: TTerraformConfig, context: TCollectorContext): Promise<TResource[]> {
  const path = resolve(config.path);
  const info = await stat(path).catch(() => {
    throw collectionFailed(`no such file or directory: ${config.path}`, { path: config.path });
  });
  let kind: string;
  let blocks: TTfBlock[];
  if (info.isDirectory() || path.endsWith('.tf') || path.endsWith('.tf.json')) {
    context.progress(`reading the Terraform configuration in ${config.path}`);
    kind = 'configuration';
    blocks = await blocksFromConfiguration(path);
  } else if (path.endsWith('.json')) {
    context.progress(`reading terraform show -json output ${config.path}`);
    ({ kind, blocks } = await showJsonBlocks(path));
  } else {
    throw collectionFailed(
      `${config.path} is neither a directory, a .tf or .tf.json file, nor \`terraform show -json\` output (.json)`,
    );
  }
  if (blocks.length === 0)
    throw collectionFailed(`${config.path} declares no managed resource`, { path: config.path, kind });
  const resources = terraformResources(blocks);
  context.progress(`${kind} ${config.path}: ${blocks.length} resources, ${resources.length} with tests`);
  return resources;
}

export const terraformCollector: Collector<typeof ZTerraformConfig> = {
  type: 'terraform',
  title: 'Terraform',
  configSchema: ZTerraformConfig,
  collect,
};
