import { createHash, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';

// A software authenticator for the tests: what a security key or a phone does when a browser calls
// navigator.credentials.create() or .get(), written from the WebAuthn spec with node:crypto only, so the
// server is checked against an independent implementation rather than against its own library.
//
// - an ES256 (ECDSA P-256 with SHA-256) key pair, its public key as a COSE key;
// - authenticator data: SHA-256 of the RP ID, the flags, a signature counter, and at registration the
//   attested credential data (an all-zero AAGUID, the credential id, the COSE key);
// - a 'none' attestation object at registration, and at sign-in a DER-encoded ECDSA signature over
//   authenticatorData || SHA-256(clientDataJSON).

type TCbor = number | string | Uint8Array | Map<number | string, TCbor>;

/** The initial byte (and length bytes) of a CBOR item: major type and argument (RFC 8949 §3). */
function head(major: number, argument: number): Buffer {
  const type = major << 5;
  if (argument < 24) return Buffer.from([type | argument]);
  if (argument < 0x100) return Buffer.from([type | 24, argument]);
  if (argument < 0x10000) {
    const bytes = Buffer.from([type | 25, 0, 0]);
    bytes.writeUInt16BE(argument, 1);
    return bytes;
  }
  const bytes = Buffer.from([type | 26, 0, 0, 0, 0]);
  bytes.writeUInt32BE(argument, 1);
  return bytes;
}

/** Minimal CBOR: integers, text, byte strings and maps, which is all a COSE key and 'none' attestation need. */
export function cbor(value: TCbor): Buffer {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
    return value >= 0 ? head(0, value) : head(1, -1 - value);
  }
  if (typeof value === 'string') {
    const text = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, text.length), text]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  const parts = [head(5, value.size)];
  for (const [key, item] of value) parts.push(cbor(key), cbor(item));
  return Buffer.concat(parts);
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest();

export interface TSoftOptions {
  /** Sign for this origin instead of the one the authenticator was made for (a phishing page). */
  origin?: string;
  /** Report this signature counter instead of the next one (a cloned key). */
  counter?: number;
  /** Whether the user was verified (PIN, biometrics); true unless told. */
  userVerified?: boolean;
}

/** One credential on one authenticator, for the relying party at rpId and origin. */
export function softAuthenticator(rp: { rpId: string; origin: string }) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const coseKey = cbor(
    new Map<number, TCbor>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, Buffer.from(jwk.x ?? '', 'base64url')],
      [-3, Buffer.from(jwk.y ?? '', 'base64url')],
    ]),
  );
  const credentialId = randomBytes(32);
  const id = b64u(credentialId);
  let counter = 0;
  let userHandle: string | undefined;

  const clientData = (type: string, challenge: string, over: TSoftOptions) =>
    Buffer.from(JSON.stringify({ type, challenge, origin: over.origin ?? rp.origin, crossOrigin: false }));

  function authenticatorData(flags: number, count: number, attested?: Buffer): Buffer {
    const countBytes = Buffer.alloc(4);
    countBytes.writeUInt32BE(count);
    return Buffer.concat([sha256(rp.rpId), Buffer.from([flags]), countBytes, attested ?? Buffer.alloc(0)]);
  }

  return {
    /** The credential id, base64url. */
    id,
    /** The response to navigator.credentials.create() with these options, as PublicKeyCredential.toJSON(). */
    register(options: { challenge: string; user: { id: string } }, over: TSoftOptions = {}) {
      userHandle = options.user.id;
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(credentialId.length);
      const attested = Buffer.concat([Buffer.alloc(16), idLength, credentialId, coseKey]);
      const uv = over.userVerified === false ? 0 : FLAG_UV;
      const authData = authenticatorData(FLAG_UP | uv | FLAG_AT, counter, attested);
      const attestationObject = cbor(
        new Map<string, TCbor>([
          ['fmt', 'none'],
          ['attStmt', new Map()],
          ['authData', authData],
        ]),
      );
      return {
        id,
        rawId: id,
        type: 'public-key',
        response: {
          clientDataJSON: b64u(clientData('webauthn.create', options.challenge, over)),
          attestationObject: b64u(attestationObject),
          transports: ['usb', 'internal'],
        },
        authenticatorAttachment: 'cross-platform',
        clientExtensionResults: { credProps: { rk: true } },
      };
    },
    /** The response to navigator.credentials.get() with these options; each use moves the counter on. */
    assert(options: { challenge: string }, over: TSoftOptions = {}) {
      const count = over.counter ?? ++counter;
      const uv = over.userVerified === false ? 0 : FLAG_UV;
      const authData = authenticatorData(FLAG_UP | uv, count);
      const clientDataJSON = clientData('webauthn.get', options.challenge, over);
      const signature = createSign('SHA256')
        .update(Buffer.concat([authData, sha256(clientDataJSON)]))
        .sign(privateKey); // DER, as WebAuthn expects for ECDSA
      return {
        id,
        rawId: id,
        type: 'public-key',
        response: {
          clientDataJSON: b64u(clientDataJSON),
          authenticatorData: b64u(authData),
          signature: b64u(signature),
          ...(userHandle !== undefined ? { userHandle } : {}),
        },
        authenticatorAttachment: 'cross-platform',
        clientExtensionResults: {},
      };
    },
  };
}
