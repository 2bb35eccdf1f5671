import { toIsoDate } from '../../domain/dates.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { formatToken, hashToken } from '../../domain/secret-tokens.ts';
import { accessExpiry } from '../../domain/trust-center.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TOrganization, TTrustAccessRequest } from '../ports.ts';

/**
 * Approves an access request until the end of `expiresOn`: a new download link (only its hash is kept; an
 * earlier link of the same request stops working) is mailed to the visitor, and returned when mail is not
 * delivered so the admin can pass it on.
 */
export async function approveTrustAccess(
  deps: AppDeps,
  org: TOrganization,
  scope: OrgScope,
  id: string,
  input: { expiresOn: string; baseUrl: string },
): Promise<{ request: TTrustAccessRequest; link: string | null }> {
  const now = deps.clock.now();
  const expiresAt = accessExpiry(input.expiresOn, toIsoDate(now));
  const token = formatToken('trust', deps.randomBytes(32));
  const request = await deps.store.transaction(async (repos) => {
    const before = await repos.trustCenter.findAccessRequest(scope, id);
    if (!before) throw new AttestlyError('NOT_FOUND', 'no such access request');
    const decision = {
      status: 'approved' as const,
      decidedBy: deps.actor.id,
      decidedAt: now,
      expiresAt,
      tokenHash: hashToken(token),
    };
    await repos.trustCenter.decideAccessRequest(scope, id, decision);
    await recordChange(
      repos,
      scope,
      deps,
      'trust_center.access_approved',
      { type: 'trust_access_request', id },
      {
        email: before.email,
        company: before.company,
        expiresAt: expiresAt.toISOString(),
        before: before.status,
      },
    );
    return { ...before, ...decision };
  });
  const link = `${input.baseUrl}/trust/${org.slug}/access/${token}`;
  await deps.mailer.send({
    to: request.email,
    subject: `Your access to the ${org.name} trust center`,
    text: `${org.name} approved your request for its security documents.\n\nDownload them until ${input.expiresOn}: ${link}\n\nEach copy is marked with your name, company and email.\n`,
  });
  return { request, link: deps.mailer.delivers ? null : link };
}

/** Denies a request, or withdraws an approval: its download link stops working at once. */
export async function denyTrustAccess(
  deps: AppDeps,
  scope: OrgScope,
  id: string,
): Promise<TTrustAccessRequest> {
  return deps.store.transaction(async (repos) => {
    const before = await repos.trustCenter.findAccessRequest(scope, id);
    if (!before) throw new AttestlyError('NOT_FOUND', 'no such access request');
    const decision = {
      status: 'denied' as const,
      decidedBy: deps.actor.id,
      decidedAt: deps.clock.now(),
      expiresAt: null,
      tokenHash: null,
    };
    await repos.trustCenter.decideAccessRequest(scope, id, decision);
    await recordChange(
      repos,
      scope,
      deps,
      'trust_center.access_denied',
      { type: 'trust_access_request', id },
      { email: before.email, company: before.company, before: before.status },
    );
    return { ...before, ...decision };
  });
}
