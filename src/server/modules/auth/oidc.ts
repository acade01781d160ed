/**
 * Single sign-on with the province's OpenID provider (Keycloak, WSO2 Identity Server, Entra ID…): authorization code
 * with PKCE, a state and a nonce, through `openid-client`, which checks the issuer, the signature, the audience, the
 * expiry and the nonce of the ID token. The person is matched to an account as accounts.ts says (a verified e-mail,
 * else the username, else provisioned without a role if the deployment says so).
 */
import * as client from 'openid-client';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { AccountRefused, externalAccount } from './accounts.ts';

type OidcConfig = NonNullable<Config['oidc']>;
/** What the browser keeps (in a signed cookie) between leaving for the provider and coming back. */
export type PendingSignIn = { state: string; nonce: string; verifier: string; at: number };

/** A sign-in left unfinished this long is refused on return. */
export const PENDING_MAX_AGE_S = 600;

/** The reasons a single sign-on fails, as the login page names them (codes only: it holds the words). */
export type SsoFailure =
  | 'sso_unavailable'
  | 'sso_state'
  | 'sso_denied'
  | 'sso_rejected'
  | 'sso_no_identity'
  | 'sso_no_account'
  | 'sso_account_disabled'
  | 'sso_username_taken';

export class SsoError extends Error {
  constructor(
    readonly reason: SsoFailure,
    detail: string,
  ) {
    super(detail);
  }
}

const discovered = new Map<string, Promise<client.Configuration>>();

/** The provider's configuration, discovered once per process (a failed discovery is tried again next time). */
function providerOf(o: OidcConfig) {
  const key = `${o.issuer}\u0000${o.clientId}`;
  let found = discovered.get(key);
  if (!found) {
    const insecure = new URL(o.issuer).protocol === 'http:';
    found = client.discovery(new URL(o.issuer), o.clientId, o.clientSecret, o.clientSecret ? undefined : client.None(), {
      ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
    });
    found.catch(() => discovered.delete(key));
    discovered.set(key, found);
  }
  return found.catch((err: unknown) => {
    throw new SsoError('sso_unavailable', `OpenID provider discovery failed: ${(err as Error).message}`);
  });
}

export const callbackUrl = (config: Config) => `${config.publicUrl}/api/auth/oidc/callback`;

/** Where to send the browser, and what to keep until it comes back. */
export async function beginSignIn(config: Config): Promise<{ url: string; pending: PendingSignIn }> {
  const o = config.oidc!;
  const provider = await providerOf(o);
  const pending = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), at: Date.now() };
  const url = client.buildAuthorizationUrl(provider, {
    redirect_uri: callbackUrl(config),
    scope: o.scopes,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
  });
  return { url: url.href, pending };
}

type Claims = { sub: string; email?: string; email_verified?: boolean; preferred_username?: string; name?: string };

/** The code exchanged and the ID token checked: the person's claims, or why not. */
export async function finishSignIn(config: Config, returned: URL, pending: PendingSignIn | null): Promise<Claims> {
  if (!pending || Date.now() - pending.at > PENDING_MAX_AGE_S * 1000)
    throw new SsoError('sso_state', 'No sign-in is pending in this browser, or it is too old');
  // Checked here as well as by the library, so that another sign-in's answer is named for what it is.
  if (returned.searchParams.get('state') !== pending.state) throw new SsoError('sso_state', 'The answer belongs to another sign-in');
  const error = returned.searchParams.get('error');
  if (error) throw new SsoError('sso_denied', `The provider answered ${error}: ${returned.searchParams.get('error_description') ?? ''}`);
  const provider = await providerOf(config.oidc!);
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(provider, returned, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
  } catch (err) {
    throw new SsoError('sso_rejected', (err as Error).message);
  }
  const idClaims = tokens.claims() as Claims | undefined;
  if (!idClaims?.sub) throw new SsoError('sso_no_identity', 'The ID token names nobody');
  // Providers may keep e-mail and profile claims for the UserInfo endpoint; its subject must be the ID token's.
  try {
    return { ...(await client.fetchUserInfo(provider, tokens.access_token, idClaims.sub)), ...idClaims } as Claims;
  } catch (err) {
    throw new SsoError('sso_rejected', `UserInfo: ${(err as Error).message}`);
  }
}

/** The account the claims name: a verified e-mail first, then the username; provisioned when allowed. */
export async function accountFor(db: Db, config: Config, claims: Claims, ip: string) {
  const email = claims.email && claims.email_verified !== false ? claims.email.toLowerCase() : null;
  const username = (claims.preferred_username ?? email?.split('@')[0] ?? '').toLowerCase();
  try {
    return await externalAccount(
      db,
      { email, username, fullName: claims.name?.trim() || username },
      { agencyId: config.oidc!.provisionAgencyId, setting: 'OIDC_PROVISION_AGENCY_ID', source: { issuer: config.oidc!.issuer, subject: claims.sub } },
      ip,
    );
  } catch (err) {
    if (err instanceof AccountRefused) throw new SsoError(`sso_${err.reason}`, err.message);
    throw err;
  }
}
