import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Collector } from '../../../app/monitoring/collector.ts';
import { ocsfFinding } from '../../../catalog/monitoring/ocsf.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import type { TResource } from '../../../domain/monitoring/model.ts';
import { parseOcsfFindings } from './parse-findings.ts';

// Reads an OCSF findings file (Prowler's json-ocsf, a Security Hub or Security Lake export) for `attestly
// scan` or a server that finds the file on a shared path. Uploads go through POST …/imports/ocsf.

const ZConfig = z.strictObject({
  /** A JSON array of findings, one finding, or JSON lines. */
  file: z.string().min(1).max(4096),
});

/** One resource per finding, named by its title and the first resource it is about. */
export function ocsfResources(text: string): TResource[] {
  return parseOcsfFindings(text).map((f) => {
    const about = f.resources[0]?.name ?? f.resources[0]?.uid;
    return {
      type: ocsfFinding.type,
      id: f.uid,
      name: (about ? `${f.title} (${about})` : f.title).slice(0, 500),
      attributes: f,
    };
  });
}

export const ocsfCollector: Collector<typeof ZConfig> = {
  type: 'ocsf',
  title: 'OCSF findings (JSON or JSON lines file)',
  configSchema: ZConfig,
  async collect(config, context) {
    let text: string;
    try {
      text = await readFile(config.file, 'utf8');
    } catch (error) {
      throw new AttestlyError(
        'COLLECTION_FAILED',
        `OCSF: cannot read ${config.file}: ${(error as Error).message}`,
        { file: config.file },
      );
    }
    context.progress(`reading OCSF findings from ${config.file}`);
    try {
      return ocsfResources(text);
    } catch (error) {
      if (!(error instanceof AttestlyError)) throw error;
      throw new AttestlyError('COLLECTION_FAILED', `OCSF: ${config.file}: ${error.message}`, {
        file: config.file,
        ...(error.details ?? {}),
      });
    }
  },
};
