import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchBucket,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { BlobStore } from '../../app/ports.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { checkBlobKey, checkIntegrity, isBlobKey, keyFor } from './content-address.ts';
import { spoolToFile } from './spool.ts';

/**
 * Evidence files in an S3-compatible bucket, with the same content addressing as the filesystem store: the
 * key is the SHA-256, so a file is stored once however often it is attached, and an altered object cannot
 * hide under an old key. S3 writes are atomic per object, so there is no temporary-file step here.
 *
 * Missing objects are told apart by a 404. Real S3 answers 403 instead when the credentials lack
 * s3:ListBucket, so the policy for this bucket must grant it or every miss surfaces as an error.
 */
export function createS3BlobStore(opts: {
  client: S3Client;
  bucket: string;
  prefix?: string;
  /** Where streamed blobs are spooled before upload (the system's temporary folder by default). */
  spoolDir?: string;
}): BlobStore {
  const { client, bucket } = opts;
  // Slashes trimmed so that 'evidence', 'evidence/' and '/evidence/' all mean the folder "evidence/".
  const trimmed = (opts.prefix ?? '').replace(/^\/+|\/+$/g, '');
  const base = trimmed === '' ? '' : `${trimmed}/`;

  const objectKey = (key: string) => {
    checkBlobKey(key);
    return `${base}${key}`;
  };

  const has = async (key: string) => {
    // A string that is not a content address names no blob; the filesystem store answers false too.
    if (!isBlobKey(key)) return false;
    try {
      await client.send(new HeadObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  };

  return {
    async put(bytes) {
      const { key, sha256, digest } = keyFor(bytes);
      if (!(await has(key))) {
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: objectKey(key),
            Body: bytes,
            ContentLength: bytes.byteLength,
            ContentType: 'application/octet-stream',
            // Servers that support it refuse the upload when the bytes they received hash differently.
            ChecksumSHA256: digest.toString('base64'),
          }),
        );
      }
      return { key, sha256, sizeBytes: bytes.byteLength };
    },

    async putStream(chunks) {
      // The key is the hash, known only at the end: spool to a local file, then upload it in one PUT with
      // its length and checksum, as put() does. No half-written or temporary object ever shows in the bucket.
      const dir = await mkdtemp(join(opts.spoolDir ?? tmpdir(), 'attestly-blob-'));
      try {
        const spooled = await spoolToFile(chunks, join(dir, 'blob'));
        const { key, sha256, sizeBytes, digest } = spooled;
        if (!(await has(key))) {
          await client.send(
            new PutObjectCommand({
              Bucket: bucket,
              Key: objectKey(key),
              Body: createReadStream(join(dir, 'blob')),
              ContentLength: sizeBytes,
              ContentType: 'application/octet-stream',
              ChecksumSHA256: digest.toString('base64'),
            }),
          );
        }
        return { key, sha256, sizeBytes };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },

    async get(key) {
      const name = objectKey(key);
      let bytes: Uint8Array;
      try {
        const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: name }));
        // No body can only mean no bytes; the hash check below decides whether that is right.
        bytes = response.Body ? await response.Body.transformToByteArray() : new Uint8Array();
      } catch (error) {
        if (isMissing(error)) throw new AttestlyError('NOT_FOUND', `blob ${key} not found`);
        throw error;
      }
      return checkIntegrity(key, bytes);
    },

    has,
  };
}

/** A missing object, but not a missing bucket: that is a misconfiguration and should say so. */
function isMissing(error: unknown): boolean {
  if (error instanceof NoSuchKey) return true;
  if (error instanceof NoSuchBucket) return false;
  return error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404;
}
