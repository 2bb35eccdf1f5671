import { createHash, randomBytes } from 'node:crypto';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readZip } from './read-zip.ts';
import { createZipWriter } from './zip-writer.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function memorySink() {
  const chunks: Uint8Array[] = [];
  return { chunks, sink: { write: async (c: Uint8Array) => void chunks.push(new Uint8Array(c)) } };
}

describe('the streaming zip writer', () => {
  it('writes small, large, streamed and stored files that read back, with their size and SHA-256', async () => {
    const { chunks, sink } = memorySink();
    const zip = createZipWriter(sink, { mtime: new Date(2026, 0, 15, 10, 0, 0) });
    const small = new TextEncoder().encode('{"testId":"aws.s3.encrypted"}\n'.repeat(20));
    const large = new TextEncoder().encode('user,mfa\nada,on\n'.repeat(200_000));
    const random = new Uint8Array(randomBytes(300_000));
    const parts = [new TextEncoder().encode('line one\n'), new TextEncoder().encode('line two\n')];
    async function* streamed() {
      yield* parts;
    }
    const written = [
      await zip.add('ledger/transitions/r1.jsonl', small),
      await zip.add('evidence/e1/export.csv', large),
      await zip.add('evidence/e2/scan.png', random, { compress: false }),
      await zip.add('ledger/segment.jsonl', streamed()),
      await zip.add('empty.csv', new Uint8Array()),
    ];
    await zip.finish();
    expect(written.map((w) => [w.path, w.sizeBytes])).toEqual([
      ['ledger/transitions/r1.jsonl', small.byteLength],
      ['evidence/e1/export.csv', large.byteLength],
      ['evidence/e2/scan.png', 300_000],
      ['ledger/segment.jsonl', 18],
      ['empty.csv', 0],
    ]);
    expect(written[1]?.sha256).toBe(sha256(large));
    const bytes = new Uint8Array(Buffer.concat(chunks));
    // Deflated, the large text is far smaller than itself; the random bytes are stored as they are.
    expect(bytes.byteLength).toBeLessThan(large.byteLength / 10 + 400_000);
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(written.map((w) => w.path));
    for (const w of written) expect(sha256(files[w.path] ?? new Uint8Array([1]))).toBe(w.sha256);
    expect(new TextDecoder().decode(files['ledger/segment.jsonl'])).toBe('line one\nline two\n');
  });

  it('refuses paths that could leave the archive, and the same path twice', async () => {
    const zip = createZipWriter(memorySink().sink, { mtime: new Date() });
    for (const path of ['../x', '/etc/passwd', 'a//b', 'a/./b', 'a\\b', 'a\nb', '']) {
      await expect(zip.add(path, new Uint8Array([1])), path).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    await zip.add('a/b.txt', new Uint8Array([1]));
    await expect(zip.add('a/b.txt', new Uint8Array([2]))).rejects.toThrow(/already/);
  });

  it('stops when the sink fails, and the reader names paths an archive holds twice', async () => {
    const zip = createZipWriter(
      {
        write: async () => {
          throw new Error('disk full');
        },
      },
      { mtime: new Date() },
    );
    await expect(zip.add('x.txt', new Uint8Array([1, 2, 3]))).rejects.toThrow('disk full');

    const twice = zipSync({ 'a.txt': new Uint8Array([1]), 'b.txt': new Uint8Array([2]) });
    // Rename b.txt to a.txt in both headers: same length, so the archive stays well formed.
    const renamed = Buffer.from(twice).toString('latin1').replaceAll('b.txt', 'a.txt');
    const read = readZip(new Uint8Array(Buffer.from(renamed, 'latin1')));
    expect(read.duplicates).toEqual(['a.txt']);
    expect(() => readZip(new TextEncoder().encode('not a zip'))).toThrow(/not a readable zip/);
  });
});
