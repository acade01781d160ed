import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Client } from './test-app.ts';

/**
 * A software authenticator: what a browser and a platform authenticator answer to WebAuthn options, built by hand
 * (WebAuthn §6.1 authenticator data, "none" attestation, ES256 signatures over P-256 keys, CBOR by the encoder
 * @simplewebauthn/server uses), so the server's real checks run on real signatures.
 */
const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

const b64url = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();
const uint32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

type Credential = { id: Buffer; privateKey: KeyObject; counter: number; userHandle: string };

/** The public key as a COSE_Key (RFC 9053): EC2, ES256, P-256. */
function coseKey(publicKey: KeyObject): Uint8Array {
  const jwk = publicKey.export({ format: 'jwk' });
  return isoCBOR.encode(
    new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(jwk.x!, 'base64url')],
      [-3, Buffer.from(jwk.y!, 'base64url')],
    ]),
  );
}

export class SoftAuthenticator {
  readonly credentials: Credential[] = [];
  /** Whether the user passes the PIN or fingerprint check (the UV flag). */
  userVerified = true;

  constructor(readonly origin: string) {}

  private clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string) {
    return Buffer.from(JSON.stringify({ type, challenge, origin: this.origin, crossOrigin: false }));
  }

  private flags(extra = 0) {
    return FLAG_UP | (this.userVerified ? FLAG_UV : 0) | extra;
  }

  /** navigator.credentials.create(): a new key pair for the options' RP; `challenge` answers another challenge than the one asked. */
  register(options: PublicKeyCredentialCreationOptionsJSON, opts: { challenge?: string } = {}): RegistrationResponseJSON {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const id = randomBytes(32);
    const authData = Buffer.concat([
      sha256(options.rp.id!),
      Buffer.from([this.flags(FLAG_AT)]),
      uint32(0),
      Buffer.alloc(16), // AAGUID: none
      Buffer.from([id.length >> 8, id.length & 0xff]),
      id,
      coseKey(publicKey),
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, never>>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, never>()],
        ['authData', authData],
      ]),
    );
    this.credentials.push({ id, privateKey, counter: 0, userHandle: options.user.id });
    return {
      id: b64url(id),
      rawId: b64url(id),
      type: 'public-key',
      response: {
        clientDataJSON: b64url(this.clientData('webauthn.create', opts.challenge ?? options.challenge)),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    };
  }

  /**
   * navigator.credentials.get(): signs the options' challenge with the first allowed credential this authenticator
   * holds (or `credential`), its counter moved on by one unless `counter` says what to send.
   */
  assert(
    options: PublicKeyCredentialRequestOptionsJSON,
    opts: { credential?: Credential; counter?: number; challenge?: string } = {},
  ): AuthenticationResponseJSON {
    const allowed = new Set((options.allowCredentials ?? []).map((c) => c.id));
    const credential = opts.credential ?? this.credentials.find((c) => allowed.has(b64url(c.id)));
    if (!credential) throw new Error('the authenticator holds none of the allowed credentials');
    credential.counter = opts.counter ?? credential.counter + 1;
    const authData = Buffer.concat([sha256(options.rpId!), Buffer.from([this.flags()]), uint32(credential.counter)]);
    const clientDataJSON = this.clientData('webauthn.get', opts.challenge ?? options.challenge);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), credential.privateKey);
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: credential.userHandle,
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    };
  }
}

/** Adds a passkey from `authenticator` for the signed-in client; the server's answer. */
export async function enrolPasskey(c: Client, authenticator: SoftAuthenticator, name: string) {
  const options = await c.post('/api/auth/mfa/passkeys/options');
  if (options.statusCode !== 200) throw new Error(`passkey options failed: ${options.body}`);
  const added = await c.post('/api/auth/mfa/passkeys', { name, response: authenticator.register(options.json()) });
  if (added.statusCode !== 200) throw new Error(`passkey registration failed: ${added.body}`);
  return added.json() as { passkey: { id: number; name: string }; recoveryCodes: string[] | null };
}

/** The sign-in options of a client whose sign-in awaits its second factor. */
export async function passkeySignInOptions(c: Client): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const res = await c.post('/api/auth/mfa/verify/passkey-options');
  if (res.statusCode !== 200) throw new Error(`passkey sign-in options failed: ${res.body}`);
  return res.json();
}
