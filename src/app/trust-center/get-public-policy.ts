import type { AppDeps, TPolicy, TPolicyVersion, TTrustDocument } from '../ports.ts';
import { findPublishedTrustCenter } from './get-public-trust-center.ts';

/** The published version of a policy the organization shows publicly; null for anything else. */
export async function getPublicPolicy(
  deps: AppDeps,
  slug: string,
  publicId: string,
): Promise<{ organizationName: string; policy: TPolicy; version: TPolicyVersion } | null> {
  const found = await findPublishedTrustCenter(deps, slug);
  if (!found) return null;
  const { repos } = deps.store;
  const shown = (await repos.trustCenter.listPublicPolicies(found.scope)).find(
    (p) => p.publicId === publicId,
  );
  if (!shown) return null;
  const policy = await repos.policies.find(found.scope, shown.policyId);
  const published = (await repos.policies.listVersions(found.scope, shown.policyId)).find(
    (v) => v.status === 'published',
  );
  if (!policy || !published) return null;
  const version = await repos.policies.findVersion(found.scope, shown.policyId, published.version);
  return version ? { organizationName: found.org.name, policy, version } : null;
}

/** A document the organization shares with anyone, with its bytes; null when it is gated or unknown. */
export async function getPublicDocument(
  deps: AppDeps,
  slug: string,
  publicId: string,
): Promise<{ document: TTrustDocument; bytes: Uint8Array } | null> {
  const found = await findPublishedTrustCenter(deps, slug);
  if (!found) return null;
  const document = (await deps.store.repos.trustCenter.listDocuments(found.scope)).find(
    (d) => d.publicId === publicId && d.access === 'public',
  );
  return document ? { document, bytes: await deps.blobs.get(document.blobKey) } : null;
}
