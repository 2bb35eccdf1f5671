import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Collector } from '../../../app/monitoring/collector.ts';
import { openscapRuleResult } from '../../../catalog/monitoring/openscap.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import type { TResource } from '../../../domain/monitoring/model.ts';
import { parseOpenscapResults } from './parse-results.ts';

// The "collector" of a host that Attestly cannot reach: it reads the results file oscap wrote (XCCDF or
// ARF), for `attestly scan` in a pipeline or a server that finds the file on a shared path. Uploads go
// through POST …/imports/openscap, which uses openscapResources below.

const ZConfig = z.strictObject({
  /** The results file: `oscap xccdf eval --results results.xml` or `--results-arf arf.xml`. */
  file: z.string().min(1).max(4096),
});

/**
 * One resource per judged rule per host. Rules outside the evaluated profile (notselected) are left out:
 * the scan did not look at them, and an SCAP Security Guide benchmark lists hundreds.
 */
export function openscapResources(xml: string): TResource[] {
  return parseOpenscapResults(xml)
    .filter((r) => r.result !== 'notselected')
    .map((r) => ({
      type: openscapRuleResult.type,
      id: `${r.host}/${r.ruleId}`,
      name: `${r.host}: ${r.title}`,
      attributes: r,
    }));
}

export const openscapCollector: Collector<typeof ZConfig> = {
  type: 'openscap',
  title: 'OpenSCAP results (XCCDF or ARF file)',
  configSchema: ZConfig,
  async collect(config, context) {
    let xml: string;
    try {
      xml = await readFile(config.file, 'utf8');
    } catch (error) {
      throw new AttestlyError(
        'COLLECTION_FAILED',
        `OpenSCAP: cannot read ${config.file}: ${(error as Error).message}`,
        { file: config.file },
      );
    }
    context.progress(`reading OpenSCAP results from ${config.file}`);
    try {
      return openscapResources(xml);
    } catch (error) {
      if (!(error instanceof AttestlyError)) throw error;
      throw new AttestlyError('COLLECTION_FAILED', `OpenSCAP: ${config.file}: ${error.message}`, {
        file: config.file,
      });
    }
  },
};
