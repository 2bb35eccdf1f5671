import { unzipSync } from 'fflate';
import { AttestlyError } from '../../domain/errors.ts';

// Reads a whole zip archive into memory, by path, for the offline verifier. Names that occur twice are
// reported rather than silently collapsed (the last one would win), and an archive that says it unpacks to
// more than the limit is refused before anything is inflated.

export interface TUnzipped {
  files: Map<string, Uint8Array>;
  /** Paths that occur more than once in the archive's directory. */
  duplicates: string[];
}

const DEFAULT_MAX_BYTES = 2 * 1024 ** 3;

export function readZip(bytes: Uint8Array, options: { maxBytes?: number } = {}): TUnzipped {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  let declared = 0;
  let unpacked: Record<string, Uint8Array>;
  try {
    unpacked = unzipSync(bytes, {
      filter(file) {
        if (seen.has(file.name)) duplicates.add(file.name);
        seen.add(file.name);
        declared += file.originalSize;
        if (declared > maxBytes) {
          throw new AttestlyError(
            'PAYLOAD_TOO_LARGE',
            `the archive unpacks to more than ${Math.round(maxBytes / 1024 ** 2)} MiB`,
          );
        }
        return !file.name.endsWith('/');
      },
    });
  } catch (error) {
    if (error instanceof AttestlyError) throw error;
    throw new AttestlyError('INVALID_INPUT', `not a readable zip archive: ${(error as Error).message}`);
  }
  return { files: new Map(Object.entries(unpacked)), duplicates: [...duplicates].sort() };
}
