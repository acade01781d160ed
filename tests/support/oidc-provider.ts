/**
 * A real OpenID Provider for the tests: `oidc-provider` (OpenID Certified), on a free port of this machine, with one
 * confidential client for Khiên and accounts whose claims the test chooses. Its development sign-in page takes any
 * login as the account id; consent is granted at once, as a province's own provider does for its own application.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export type Account = { email?: string; email_verified?: boolean; name?: string; preferred_username?: string };

export async function startOidcProvider(opts: { redirectUri: string; accounts: Record<string, Account>; codeTtlSeconds?: number }) {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'khien',
        client_secret: 'khien-test-secret-khien-test-secret',
        redirect_uris: [opts.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
    ttl: { AuthorizationCode: opts.codeTtlSeconds ?? 60 },
    features: { devInteractions: { enabled: true } },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, ...(opts.accounts[id] ?? {}) }) }),
    // Consent granted at once for the scopes and claims asked.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  // Sessions and interactions over plain HTTP on loopback.
  provider.proxy = false;
  server.on('request', provider.callback());
  return {
    issuer,
    /**
     * Signs `login` in at the provider as a browser would, starting from the authorization URL Khiên redirected to:
     * the URL the provider sends the browser back to (Khiên's callback with the code and state).
     */
    async signIn(authorizationUrl: string, login: string): Promise<string> {
      const jar = new Map<string, string>();
      const keep = (res: Response) => {
        for (const c of res.headers.getSetCookie()) {
          const [pair] = c.split(';');
          const [k, ...v] = pair!.split('=');
          jar.set(k!.trim(), v.join('='));
        }
      };
      const cookies = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      let url = authorizationUrl;
      let body: string | undefined;
      for (let hop = 0; hop < 10; hop++) {
        const res = await fetch(url, {
          method: body ? 'POST' : 'GET',
          redirect: 'manual',
          headers: { cookie: cookies(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
          body,
        });
        keep(res);
        body = undefined;
        const location = res.headers.get('location');
        if (location) {
          const next = new URL(location, url).href;
          if (next.startsWith(opts.redirectUri)) return next;
          url = next;
          continue;
        }
        const html = await res.text();
        if (!html.includes('name="login"')) throw new Error(`Unexpected page at ${url}: ${res.status} ${html.slice(0, 200)}`);
        const action = /<form[^>]*action="([^"]+)"/.exec(html)![1]!;
        url = new URL(action, url).href;
        body = new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString();
      }
      throw new Error('Too many redirects at the provider');
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
