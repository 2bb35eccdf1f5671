import type { paths } from '../../api/openapi.d.ts';

// The server speaks WebAuthn's JSON form (binary fields as base64url); navigator.credentials wants
// ArrayBuffers. These convert both ways without relying on the newer parse…FromJSON/toJSON helpers.

export type TCreationOptionsJson =
  paths['/api/v1/me/passkeys/options']['post']['responses']['200']['content']['application/json'];
export type TRegistrationJson =
  paths['/api/v1/me/passkeys']['post']['requestBody']['content']['application/json']['credential'];

export function fromBase64Url(text: string): ArrayBuffer {
  const base64 = text
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(text.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

export function toBase64Url(buffer: ArrayBuffer | ArrayBufferView): string {
  const bytes =
    buffer instanceof ArrayBuffer
      ? new Uint8Array(buffer)
      : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The server's creation options, with challenge, user id and excluded credential ids decoded. */
export function toCreationOptions(json: TCreationOptionsJson): PublicKeyCredentialCreationOptions {
  const {
    challenge,
    user,
    excludeCredentials,
    pubKeyCredParams,
    authenticatorSelection,
    attestation,
    ...rest
  } = json;
  return {
    ...rest,
    challenge: fromBase64Url(challenge),
    user: { ...user, id: fromBase64Url(user.id) },
    pubKeyCredParams: pubKeyCredParams.map((p) => ({ alg: p.alg, type: p.type as PublicKeyCredentialType })),
    ...(authenticatorSelection ? { authenticatorSelection } : {}),
    ...(attestation ? { attestation } : {}),
    ...(excludeCredentials
      ? {
          excludeCredentials: excludeCredentials.map((c) => ({
            id: fromBase64Url(c.id),
            type: c.type as PublicKeyCredentialType,
            ...(c.transports ? { transports: c.transports as AuthenticatorTransport[] } : {}),
          })),
        }
      : {}),
  };
}

/** The new credential in the JSON form POST /api/v1/me/passkeys takes. */
export function registrationToJson(credential: PublicKeyCredential): TRegistrationJson {
  const response = credential.response as AuthenticatorAttestationResponse;
  return {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: 'public-key',
    response: {
      clientDataJSON: toBase64Url(response.clientDataJSON),
      attestationObject: toBase64Url(response.attestationObject),
      transports: typeof response.getTransports === 'function' ? response.getTransports() : [],
    },
  };
}
