import { createHash } from 'node:crypto';
import { deflateSync, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { PackageArchive, TArchivedFile } from '../../app/audit-package/package-archive.ts';
import type { TByteChunks } from '../../app/ports.ts';
import { AttestlyError } from '../../domain/errors.ts';

// A zip archive written as a stream (fflate's Zip): each file's bytes are compressed (or passed through,
// for formats that are compressed already) and handed to the sink as they come, with the SHA-256 and size
// of what went in. Only the central directory (about 100 bytes a file) is kept until the end. fflate writes
// no ZIP64 records, so an archive stays under 4 GiB.

/** Where the archive's bytes go; write resolves once the sink can take more (a stream's backpressure). */
export interface TByteSink {
  write(chunk: Uint8Array): Promise<void>;
}

const PIECE = 1024 * 1024;
/** Files up to this size are deflated in one call, sized to them, rather than through a streaming deflater. */
const WHOLE = 1024 * 1024;
const MAX_ARCHIVE_BYTES = 2 ** 32 - 1;

/** A relative path of plain segments: no "..", no absolute path, no backslash, nothing a reader could misplace. */
export function checkArchivePath(path: string): string {
  const segments = path.split('/');
  const bad =
    path.length === 0 ||
    path.length > 1024 ||
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses.
    /[\\\u0000-\u001f\u007f]/.test(path) ||
    segments.some((s) => s === '' || s === '.' || s === '..');
  if (bad) throw new AttestlyError('INVALID_INPUT', `"${path}" cannot be a path in the archive`);
  return path;
}

/**
 * A file deflated in one call, sized to it: for thousands of small files (each run's transitions) a
 * streaming deflater's window per file costs more than the file. fflate is given the uncompressed bytes
 * (for the CRC and size) and this emits the compressed ones.
 */
class ZipDeflateWhole extends ZipPassThrough {
  constructor(filename: string) {
    super(filename);
    this.compression = 8;
  }

  protected override process(chunk: Uint8Array, final: boolean): void {
    this.ondata(null, deflateSync(chunk, { level: 6 }), final);
  }
}

function* pieces(bytes: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < bytes.byteLength; at += PIECE) yield bytes.subarray(at, at + PIECE);
}

export function createZipWriter(sink: TByteSink, options: { mtime: Date }): PackageArchive {
  const pending: Uint8Array[] = [];
  let failure: Error | null = null;
  let written = 0;
  let busy = false;
  let finished = false;
  const paths = new Set<string>();
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else pending.push(chunk);
  });

  async function flush(): Promise<void> {
    for (let chunk = pending.shift(); chunk; chunk = pending.shift()) {
      written += chunk.byteLength;
      if (written > MAX_ARCHIVE_BYTES) {
        throw new AttestlyError('PAYLOAD_TOO_LARGE', 'the archive would be larger than 4 GiB');
      }
      await sink.write(chunk);
    }
    if (failure) throw failure;
  }

  return {
    async add(path, content: Uint8Array | TByteChunks, { compress = true } = {}): Promise<TArchivedFile> {
      if (finished) throw new AttestlyError('INTERNAL', 'the archive is finished');
      if (busy) throw new AttestlyError('INTERNAL', 'one file at a time: the previous add() has not ended');
      checkArchivePath(path);
      if (paths.has(path)) throw new AttestlyError('INTERNAL', `${path} is in the archive already`);
      paths.add(path);
      busy = true;
      try {
        const whole = compress && content instanceof Uint8Array && content.byteLength <= WHOLE;
        const file = whole
          ? new ZipDeflateWhole(path)
          : compress
            ? new ZipDeflate(path, { level: 6 })
            : new ZipPassThrough(path);
        file.mtime = options.mtime;
        zip.add(file);
        const hash = createHash('sha256');
        let size = 0;
        if (whole) {
          hash.update(content);
          file.push(content, true);
          await flush();
          return { path, sizeBytes: content.byteLength, sha256: hash.digest('hex') };
        }
        for await (const chunk of content instanceof Uint8Array ? pieces(content) : content) {
          if (chunk.byteLength === 0) continue;
          hash.update(chunk);
          size += chunk.byteLength;
          file.push(chunk, false);
          await flush();
        }
        file.push(new Uint8Array(0), true);
        await flush();
        return { path, sizeBytes: size, sha256: hash.digest('hex') };
      } finally {
        busy = false;
      }
    },
    async finish() {
      if (finished) return;
      finished = true;
      zip.end();
      await flush();
    },
  };
}
