import { AttestlyError } from '../../domain/errors.ts';
import { checkAccessRequest, type TAccessRequestInput } from '../../domain/trust-center.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, TTrustAccessRequest } from '../ports.ts';
import { findPublishedTrustCenter } from './get-public-trust-center.ts';

/**
 * A visitor asks to read the gated documents, accepting the current click-through NDA (its text and version
 * are kept with the request). Field errors come back for the form; asking again while a request from the
 * same email is pending adds nothing. NOT_FOUND when the trust center is unknown or unpublished.
 */
export async function requestTrustAccess(
  deps: AppDeps,
  slug: string,
  input: TAccessRequestInput & { ndaVersion: number },
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  const found = await findPublishedTrustCenter(deps, slug);
  if (!found) throw new AttestlyError('NOT_FOUND', `no trust center "${slug}"`);
  const checked = checkAccessRequest(input);
  if (!checked.ok) return checked;
  const { scope, settings } = found;
  if (input.ndaVersion !== settings.ndaVersion) {
    return {
      ok: false,
      errors: {
        acceptNda: 'The confidentiality terms changed while you read them: read and accept them again.',
      },
    };
  }
  const now = deps.clock.now();
  const visitor = {
    ...deps,
    actor: { ...deps.actor, type: 'system' as const, id: `visitor:${checked.value.email}` },
  };
  await deps.store.transaction(async (repos) => {
    if (await repos.trustCenter.findPendingAccessRequest(scope, checked.value.email)) return;
    const request: TTrustAccessRequest = {
      id: deps.newId(),
      ...checked.value,
      ndaVersion: settings.ndaVersion,
      ndaText: settings.ndaText,
      ndaAcceptedAt: now,
      sourceAddress: deps.actor.sourceAddress,
      status: 'pending',
      decidedBy: null,
      decidedAt: null,
      expiresAt: null,
      createdAt: now,
    };
    await repos.trustCenter.insertAccessRequest(scope, request);
    await recordChange(
      repos,
      scope,
      visitor,
      'trust_center.access_requested',
      { type: 'trust_access_request', id: request.id },
      { ...checked.value, ndaVersion: settings.ndaVersion },
    );
  });
  return { ok: true };
}
