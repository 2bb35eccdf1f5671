import { ed25519KeyPairFromSeed, keyFingerprint, signEd25519 } from '../../domain/signature.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import type { TOrgSigningKey } from './ledger-ports.ts';

/** The context the private key is sealed under: a sealed key copied to another organization fails to open. */
export const signingKeyContext = (scope: OrgScope) => `org:${scope.orgId}:ledger.signing_key`;

/**
 * The organization's Ed25519 key, created on first use: the private key is sealed with the master key, the
 * creation is in the audit log. When two requests race, the first stored key wins and both use it.
 */
async function orgSigningKey(
  deps: Pick<AppDeps, 'store' | 'secrets' | 'randomBytes' | 'clock' | 'actor'>,
  scope: OrgScope,
): Promise<TOrgSigningKey> {
  const existing = await deps.store.repos.signingKeys.find(scope);
  if (existing) return existing;
  const pair = ed25519KeyPairFromSeed(deps.randomBytes(32));
  const key: TOrgSigningKey = {
    publicKeyPem: pair.publicKeyPem,
    privateKeySealed: (await deps.secrets()).seal(pair.privateKeyPem, signingKeyContext(scope)),
    fingerprint: keyFingerprint(pair.publicKeyPem),
    createdAt: deps.clock.now(),
  };
  return deps.store.transaction(async (repos) => {
    if (!(await repos.signingKeys.insertIfAbsent(scope, key))) {
      const stored = await repos.signingKeys.find(scope);
      if (stored) return stored;
    }
    await recordChange(
      repos,
      scope,
      deps,
      'ledger.signing_key_created',
      { type: 'signing_key', id: key.fingerprint },
      { algorithm: 'ed25519', fingerprint: key.fingerprint },
    );
    return key;
  });
}

/** The organization's public key and its fingerprint (SHA-256 of the DER key), to check its signatures. */
export async function orgPublicKey(
  deps: Pick<AppDeps, 'store' | 'secrets' | 'randomBytes' | 'clock' | 'actor'>,
  scope: OrgScope,
): Promise<{ publicKeyPem: string; fingerprint: string }> {
  const { publicKeyPem, fingerprint } = await orgSigningKey(deps, scope);
  return { publicKeyPem, fingerprint };
}

/** Signs data with the organization's private key (opened with the master key only for this). */
export async function signWithOrgKey(
  deps: Pick<AppDeps, 'store' | 'secrets' | 'randomBytes' | 'clock' | 'actor'>,
  scope: OrgScope,
  data: Uint8Array,
): Promise<{ signature: string; publicKeyPem: string; fingerprint: string }> {
  const key = await orgSigningKey(deps, scope);
  const privateKeyPem = (await deps.secrets()).open(key.privateKeySealed, signingKeyContext(scope));
  return {
    signature: signEd25519(privateKeyPem, data),
    publicKeyPem: key.publicKeyPem,
    fingerprint: key.fingerprint,
  };
}
