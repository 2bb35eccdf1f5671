import { toIsoDate } from '../../domain/dates.ts';
import { hashToken } from '../../domain/secret-tokens.ts';
import { watermarkLine } from '../../domain/trust-center.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TOrganization, TTrustAccessRequest, TTrustDocument } from '../ports.ts';
import { findPublishedTrustCenter } from './get-public-trust-center.ts';

// An approved visitor's link: /trust/<slug>/access/<token>. The token is looked up by its hash within the
// organization the URL names, and only while the approval lasts.

export interface TTrustAccess {
  org: TOrganization;
  scope: OrgScope;
  request: TTrustAccessRequest;
  documents: TTrustDocument[];
}

/** The approved request behind a link and the documents it opens; null when the link is not (or no longer) valid. */
export async function openTrustAccess(
  deps: AppDeps,
  slug: string,
  token: string,
): Promise<TTrustAccess | null> {
  if (!/^atlt_[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const found = await findPublishedTrustCenter(deps, slug);
  if (!found) return null;
  const { repos } = deps.store;
  const request = await repos.trustCenter.findApprovedByToken(
    found.scope,
    hashToken(token),
    deps.clock.now(),
  );
  if (!request) return null;
  return {
    org: found.org,
    scope: found.scope,
    request,
    documents: await repos.trustCenter.listDocuments(found.scope),
  };
}

/**
 * One download through an approved link: the PDF stamped on every page with the requester and the day, and
 * the download written to the download log and the audit log. Null when the link or document is not valid.
 */
export async function downloadTrustDocument(
  deps: AppDeps,
  slug: string,
  token: string,
  publicId: string,
  watermark: (pdf: Uint8Array, line: string) => Promise<Uint8Array>,
): Promise<{ document: TTrustDocument; bytes: Uint8Array } | null> {
  const access = await openTrustAccess(deps, slug, token);
  const document = access?.documents.find((d) => d.publicId === publicId);
  if (!access || !document) return null;
  const { request, scope } = access;
  const now = deps.clock.now();
  const line = watermarkLine(request, toIsoDate(now));
  const bytes = await watermark(await deps.blobs.get(document.blobKey), line);
  const visitor = {
    ...deps,
    actor: { ...deps.actor, type: 'system' as const, id: `visitor:${request.email}` },
  };
  await deps.store.transaction(async (repos) => {
    const id = deps.newId();
    await repos.trustCenter.recordDownload(scope, {
      id,
      requestId: request.id,
      documentId: document.id,
      downloadedAt: now,
      sourceAddress: deps.actor.sourceAddress,
      watermark: line,
    });
    await recordChange(
      repos,
      scope,
      visitor,
      'trust_center.document_downloaded',
      { type: 'trust_document', id: document.id },
      { title: document.title, requestId: request.id, email: request.email, company: request.company },
    );
  });
  return { document, bytes };
}
