import { z } from 'zod';
import { listPasskeys } from '../../../app/auth/webauthn/list-passkeys.ts';
import { registerPasskey } from '../../../app/auth/webauthn/register-passkey.ts';
import { removePasskey } from '../../../app/auth/webauthn/remove-passkey.ts';
import { signInWithPasskey, startPasskeySignIn } from '../../../app/auth/webauthn/sign-in-with-passkey.ts';
import { startPasskeyRegistration } from '../../../app/auth/webauthn/start-passkey-registration.ts';
import {
  startPasskeySecondFactor,
  verifyPasskeySecondFactor,
} from '../../../app/auth/webauthn/verify-passkey-second-factor.ts';
import type { TWebAuthnCredential } from '../../../app/ports.ts';
import { PASSKEY_NAME_MAX, relyingPartyOf } from '../../../domain/webauthn.ts';
import { sessionOf } from '../access.ts';
import { ERRORS } from '../schemas.ts';
import type { TServerConfig } from '../server-config.ts';
import { setSessionCookie } from '../session-cookie.ts';
import type { ZodApp } from '../zod-app.ts';
import { sessionView, ZSessionView } from './auth-routes.ts';

// WebAuthn passkeys: a signed-in user registers and removes their own; a session waiting for its second
// factor completes with one; and a discoverable passkey signs in on its own. Each ceremony is two calls:
// options (with a fresh single-use challenge), then the browser's response to verify.

const ZBase64Url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, 'base64url');
// The spec allows credential ids of up to 1023 bytes: 1364 base64url characters.
const ZCredentialId = ZBase64Url(1366);
const ZTransports = z.array(z.string().max(32)).max(10);
// null and absent mean the same in the browser's JSON (userHandle of a non-discoverable credential).
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

// The browser's PublicKeyCredential.toJSON(), taken as the credential field of a strict body. Unlike our
// own bodies these are not strict: the spec keeps adding fields browsers send (clientExtensionResults,
// publicKey, authenticatorAttachment…) that the verification does not use, so they are dropped, not refused.
const ZRegistrationCredential = z.object({
  id: ZCredentialId,
  rawId: ZCredentialId,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: ZBase64Url(8192),
    attestationObject: ZBase64Url(65_536),
    transports: optional(ZTransports),
  }),
});
const ZAssertionCredential = z.object({
  id: ZCredentialId,
  rawId: ZCredentialId,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: ZBase64Url(8192),
    authenticatorData: ZBase64Url(8192),
    signature: ZBase64Url(8192),
    userHandle: optional(ZBase64Url(128)),
  }),
});

const ZDescriptor = z.object({
  id: z.string(),
  type: z.string(),
  transports: z.array(z.string()).optional(),
});
const ZUserVerification = z.enum(['required', 'preferred', 'discouraged']);

/** For navigator.credentials.create(), after decoding its base64url fields (or PublicKeyCredential.parseCreationOptionsFromJSON). */
const ZCreationOptions = z.object({
  challenge: z.string(),
  rp: z.object({ name: z.string(), id: z.string().optional() }),
  user: z.object({ id: z.string(), name: z.string(), displayName: z.string() }),
  pubKeyCredParams: z.array(z.object({ alg: z.number().int(), type: z.string() })),
  timeout: z.number().int().optional(),
  excludeCredentials: z.array(ZDescriptor).optional(),
  authenticatorSelection: z
    .object({
      authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
      residentKey: z.enum(['discouraged', 'preferred', 'required']).optional(),
      requireResidentKey: z.boolean().optional(),
      userVerification: ZUserVerification.optional(),
    })
    .optional(),
  attestation: z.enum(['none', 'indirect', 'direct', 'enterprise']).optional(),
  hints: z.array(z.string()).optional(),
  extensions: z.object({ credProps: z.boolean().optional() }).optional(),
});

/** For navigator.credentials.get() (or PublicKeyCredential.parseRequestOptionsFromJSON). */
const ZRequestOptions = z.object({
  challenge: z.string(),
  rpId: z.string().optional(),
  allowCredentials: z.array(ZDescriptor).optional(),
  timeout: z.number().int().optional(),
  userVerification: ZUserVerification.optional(),
});

const ZPasskey = z.object({
  id: z.string(),
  name: z.string(),
  transports: z.array(z.string()),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
});

// Named field by field: the public key and counter stay on the server.
const passkeyView = (c: TWebAuthnCredential) => ({
  id: c.id,
  name: c.name,
  transports: c.transports,
  createdAt: c.createdAt,
  lastUsedAt: c.lastUsedAt,
});

export function registerWebAuthnRoutes(app: ZodApp, config: TServerConfig): void {
  const rp = relyingPartyOf(config.publicUrl);

  app.post(
    '/api/v1/me/passkeys/options',
    {
      config: { access: { kind: 'session' } },
      schema: {
        summary: 'Start registering a passkey: the options for navigator.credentials.create()',
        tags: ['auth'],
        response: { 200: ZCreationOptions, ...ERRORS },
      },
    },
    async (request) => {
      const { user, session } = sessionOf(request);
      return startPasskeyRegistration(request.deps, rp, user, session);
    },
  );

  app.post(
    '/api/v1/me/passkeys',
    {
      config: { access: { kind: 'session' } },
      schema: {
        summary: 'Register a passkey with the response of navigator.credentials.create()',
        tags: ['auth'],
        body: z.strictObject({
          credential: ZRegistrationCredential,
          name: z.string().max(PASSKEY_NAME_MAX).optional(),
        }),
        response: { 201: ZPasskey, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { user, session } = sessionOf(request);
      const passkey = await registerPasskey(request.deps, rp, user, session, request.body);
      return reply.status(201).send(passkeyView(passkey));
    },
  );

  app.get(
    '/api/v1/me/passkeys',
    {
      config: { access: { kind: 'session' } },
      schema: {
        summary: 'Your passkeys (never their keys)',
        tags: ['auth'],
        response: { 200: z.object({ items: z.array(ZPasskey) }), ...ERRORS },
      },
    },
    async (request) => ({
      items: (await listPasskeys(request.deps, sessionOf(request).user)).map(passkeyView),
    }),
  );

  app.delete(
    '/api/v1/me/passkeys/:id',
    {
      config: { access: { kind: 'session' } },
      schema: {
        summary: 'Remove one of your passkeys',
        tags: ['auth'],
        params: z.strictObject({ id: ZCredentialId }),
        response: { 204: z.null(), ...ERRORS },
      },
    },
    async (request, reply) => {
      const { user, session } = sessionOf(request);
      await removePasskey(request.deps, user, session, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/mfa/passkey/options',
    {
      config: { access: { kind: 'session', allowPendingMfa: true } },
      schema: {
        summary: 'Start completing sign-in with a passkey: the options for navigator.credentials.get()',
        tags: ['auth'],
        response: { 200: ZRequestOptions, ...ERRORS },
      },
    },
    async (request) => startPasskeySecondFactor(request.deps, rp, sessionOf(request).user),
  );

  app.post(
    '/api/v1/auth/mfa/passkey',
    {
      config: { access: { kind: 'session', allowPendingMfa: true } },
      schema: {
        summary:
          'Complete sign-in with the response of navigator.credentials.get() from one of your passkeys',
        tags: ['auth'],
        body: z.strictObject({ credential: ZAssertionCredential }),
        response: { 200: ZSessionView, ...ERRORS },
      },
    },
    async (request) => {
      const { user, session } = sessionOf(request);
      await verifyPasskeySecondFactor(request.deps, rp, user, session, request.body.credential);
      return sessionView(request, user, { ...session, mfaVerified: true });
    },
  );

  app.post(
    '/api/v1/auth/passkey/options',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'Start signing in with a passkey alone: the options for navigator.credentials.get()',
        tags: ['auth'],
        response: { 200: ZRequestOptions, ...ERRORS },
      },
    },
    async (request) => startPasskeySignIn(request.deps, rp),
  );

  app.post(
    '/api/v1/auth/passkey',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'Sign in with a passkey alone (it must verify the user): no password, no further step',
        tags: ['auth'],
        body: z.strictObject({ credential: ZAssertionCredential }),
        response: { 200: ZSessionView, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { token, session, user } = await signInWithPasskey(
        request.deps,
        rp,
        request.body.credential,
        config.session,
        request.ip,
      );
      setSessionCookie(config, request, reply, token);
      return sessionView(request, user, session);
    },
  );
}
