import { AttestlyError } from '../../domain/errors.ts';
import {
  TRUST_DOCUMENT_ACCESS,
  TRUST_DOCUMENT_KINDS,
  type TTrustDocumentAccess,
  type TTrustDocumentKind,
} from '../../domain/trust-center.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TTrustDocument } from '../ports.ts';
import { newPublicId } from './public-ids.ts';

// Documents on the trust center: a SOC 2 report or a penetration test summary, uploaded or taken from an
// evidence item (the same stored bytes, by their SHA-256). Only PDFs: every gated download is watermarked.

export interface TTrustDocumentInput {
  title: string;
  description?: string | undefined;
  kind: string;
  access: string;
}

function pick<T extends string>(values: readonly T[], value: string, field: string): T {
  if (!(values as readonly string[]).includes(value))
    throw new AttestlyError('INVALID_INPUT', `${field} is one of ${values.join(', ')}`, { field });
  return value as T;
}

function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}

function describe(input: TTrustDocumentInput) {
  const title = input.title.trim();
  if (!title || title.length > 200)
    throw new AttestlyError('INVALID_INPUT', 'a title (1 to 200 characters) is required', { field: 'title' });
  const description = input.description?.trim() ?? '';
  if (description.length > 1000)
    throw new AttestlyError('INVALID_INPUT', 'a description has at most 1000 characters', {
      field: 'description',
    });
  return {
    title,
    description,
    kind: pick<TTrustDocumentKind>(TRUST_DOCUMENT_KINDS, input.kind, 'kind'),
    access: pick<TTrustDocumentAccess>(TRUST_DOCUMENT_ACCESS, input.access, 'access'),
  };
}

async function insert(deps: AppDeps, scope: OrgScope, document: TTrustDocument): Promise<TTrustDocument> {
  await deps.store.transaction(async (repos) => {
    await repos.trustCenter.insertDocument(scope, document);
    await recordChange(
      repos,
      scope,
      deps,
      'trust_center.document_added',
      { type: 'trust_document', id: document.id },
      {
        title: document.title,
        kind: document.kind,
        access: document.access,
        sha256: document.sha256,
        evidenceId: document.evidenceId,
      },
    );
  });
  return document;
}

/** Stores an uploaded PDF and shares it on the trust center. */
export async function addTrustDocument(
  deps: AppDeps,
  scope: OrgScope,
  input: TTrustDocumentInput & { fileName: string; bytes: Uint8Array },
): Promise<TTrustDocument> {
  const described = describe(input);
  if (!isPdf(input.bytes))
    throw new AttestlyError('UNSUPPORTED_MEDIA_TYPE', `${input.fileName} is not a PDF`, { field: 'file' });
  const blob = await deps.blobs.put(input.bytes);
  return insert(deps, scope, {
    id: deps.newId(),
    publicId: newPublicId(deps),
    ...described,
    fileName: input.fileName,
    mediaType: 'application/pdf',
    sizeBytes: blob.sizeBytes,
    sha256: blob.sha256,
    blobKey: blob.key,
    evidenceId: null,
    createdBy: deps.actor.id,
    createdAt: deps.clock.now(),
  });
}

/** Shares an evidence item (a PDF) on the trust center without storing it again. */
export async function addTrustDocumentFromEvidence(
  deps: AppDeps,
  scope: OrgScope,
  input: TTrustDocumentInput & { evidenceId: string },
): Promise<TTrustDocument> {
  const described = describe(input);
  const evidence = await deps.store.repos.evidence.find(scope, input.evidenceId);
  if (!evidence) throw new AttestlyError('NOT_FOUND', 'no such evidence', { field: 'evidenceId' });
  if (evidence.mediaType !== 'application/pdf' || !isPdf(await deps.blobs.get(evidence.blobKey)))
    throw new AttestlyError('UNSUPPORTED_MEDIA_TYPE', `${evidence.fileName} is not a PDF`, {
      field: 'evidenceId',
    });
  return insert(deps, scope, {
    id: deps.newId(),
    publicId: newPublicId(deps),
    ...described,
    fileName: evidence.fileName,
    mediaType: 'application/pdf',
    sizeBytes: evidence.sizeBytes,
    sha256: evidence.sha256,
    blobKey: evidence.blobKey,
    evidenceId: evidence.id,
    createdBy: deps.actor.id,
    createdAt: deps.clock.now(),
  });
}

/** Takes a document off the trust center; links already handed out stop serving it. */
export async function removeTrustDocument(deps: AppDeps, scope: OrgScope, id: string): Promise<void> {
  await deps.store.transaction(async (repos) => {
    if (!(await repos.trustCenter.removeDocument(scope, id, deps.clock.now())))
      throw new AttestlyError('NOT_FOUND', 'no such trust center document');
    await recordChange(repos, scope, deps, 'trust_center.document_removed', { type: 'trust_document', id });
  });
}
