import type { TByteChunks } from '../ports.ts';

// What building an audit package writes through: an archive that takes one file at a time and hands its
// bytes on as they come (to a file, or to an HTTP response), so a package of a thousand evidence files is
// never held in memory. The entry point picks the adapter (adapters/zip/zip-writer.ts).

export interface TArchivedFile {
  path: string;
  sizeBytes: number;
  sha256: string;
}

export interface PackageArchive {
  /**
   * Adds one file under a relative path ("evidence/<id>/report.pdf"); compress false for bytes that are
   * compressed already (PDF, images, zips). Resolves once the bytes were handed on, with their size and hash.
   */
  add(
    path: string,
    content: Uint8Array | TByteChunks,
    options?: { compress?: boolean },
  ): Promise<TArchivedFile>;
  /** Writes the archive's index; nothing may be added after. */
  finish(): Promise<void>;
}
