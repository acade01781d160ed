import type { LightMyRequestResponse } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { createSession, SESSION_COOKIE } from '../../src/server/auth/sessions.ts';
import type { Client, TestApp } from './test-app.ts';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { SoftAuthenticator } from './passkey.ts';

/** The code an authenticator app shows for `secret`, `steps` 30-second steps from now (RFC 6238, as the server checks it). */
export const totpCode = (secret: string, steps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: Date.now() + steps * 30_000 });

/** Sets up an authenticator app for the signed-in client; returns its secret and recovery codes. */
export async function enrolTotp(c: Client): Promise<{ secret: string; recoveryCodes: string[] }> {
  const begun = await c.post('/api/auth/mfa/totp');
  if (begun.statusCode !== 200) throw new Error(`enrolment failed: ${begun.body}`);
  const { secret } = begun.json() as { secret: string };
  const confirmed = await c.post('/api/auth/mfa/totp/confirm', { code: totpCode(secret) });
  if (confirmed.statusCode !== 200) throw new Error(`confirmation failed: ${confirmed.body}`);
  return { secret, recoveryCodes: confirmed.json().recoveryCodes };
}

/** A client whose sign-in awaits its second factor, opened without the sign-in route (so without its audit entry). */
async function pendingSignIn(t: TestApp, userId: number): Promise<Client> {
  const c = await t.anonymous();
  c.cookies.set(SESSION_COOKIE, await createSession(t.database.db, userId, t.config.sessionTtlMs, { ip: '127.0.0.1' }, 'verify'));
  await c.refreshCsrf();
  return c;
}

type Step = { route: string; by: () => Client; call: (c: Client) => Promise<LightMyRequestResponse>; entity: string; action: string };

/** One step per state-changing route of sign-in's second factor and sessions; `user` is a client no other step signs in again. */
export function mfaAuditSteps(t: () => TestApp, admin: () => Client, user: () => Client): Step[] {
  const ctx: {
    secret?: string;
    recoveryCodes?: string[];
    authenticator?: SoftAuthenticator;
    registration?: PublicKeyCredentialCreationOptionsJSON;
    signIn?: PublicKeyCredentialRequestOptionsJSON;
    passkeyId?: number;
    /** A sign-in of `user` awaiting its second factor. */
    pending?: Client;
  } = {};
  const authenticator = () => (ctx.authenticator ??= new SoftAuthenticator(t().config.webauthn.origin));
  return [
    {
      route: 'POST /api/auth/mfa/totp',
      by: user,
      entity: 'user',
      action: 'start_mfa_enrolment',
      call: async (c) => {
        const r = await c.post('/api/auth/mfa/totp');
        ctx.secret = r.json().secret;
        return r;
      },
    },
    {
      route: 'POST /api/auth/mfa/totp/confirm',
      by: user,
      entity: 'user',
      action: 'enrol_mfa',
      call: (c) => c.post('/api/auth/mfa/totp/confirm', { code: totpCode(ctx.secret!) }),
    },
    {
      route: 'POST /api/auth/mfa/recovery-codes',
      by: user,
      entity: 'user',
      action: 'renew_recovery_codes',
      call: async (c) => {
        // The code of the step after the one the enrolment used: a code is accepted once.
        const r = await c.post('/api/auth/mfa/recovery-codes', { code: totpCode(ctx.secret!, 1) });
        ctx.recoveryCodes = r.json().recoveryCodes;
        return r;
      },
    },
    {
      route: 'POST /api/auth/mfa/verify',
      by: user,
      entity: 'user',
      action: 'verify_second_factor',
      call: async () => (await pendingSignIn(t(), user().me.id)).post('/api/auth/mfa/verify', { code: ctx.recoveryCodes![0] }),
    },
    {
      route: 'POST /api/auth/mfa/passkeys/options',
      by: user,
      entity: 'user',
      action: 'start_mfa_enrolment',
      call: async (c) => {
        const r = await c.post('/api/auth/mfa/passkeys/options');
        ctx.registration = r.json();
        return r;
      },
    },
    {
      route: 'POST /api/auth/mfa/passkeys',
      by: user,
      entity: 'user',
      action: 'enrol_mfa',
      call: async (c) => {
        const r = await c.post('/api/auth/mfa/passkeys', { name: 'Khóa nhật ký', response: authenticator().register(ctx.registration!) });
        ctx.passkeyId = r.json().passkey.id;
        return r;
      },
    },
    {
      route: 'POST /api/auth/mfa/verify/passkey-options',
      by: user,
      entity: 'user',
      action: 'start_passkey_verification',
      call: async () => {
        ctx.pending = await pendingSignIn(t(), user().me.id);
        const r = await ctx.pending.post('/api/auth/mfa/verify/passkey-options');
        ctx.signIn = r.json();
        return r;
      },
    },
    {
      route: 'POST /api/auth/mfa/verify/passkey',
      by: user,
      entity: 'user',
      action: 'verify_second_factor',
      call: () => ctx.pending!.post('/api/auth/mfa/verify/passkey', { response: authenticator().assert(ctx.signIn!) }),
    },
    {
      route: 'DELETE /api/auth/mfa/passkeys/:id',
      by: user,
      entity: 'user',
      action: 'remove_passkey',
      call: (c) => c.delete(`/api/auth/mfa/passkeys/${ctx.passkeyId}`),
    },
    {
      route: 'POST /api/auth/sessions/sign-out-others',
      by: user,
      entity: 'user',
      action: 'sign_out_elsewhere',
      call: (c) => c.post('/api/auth/sessions/sign-out-others'),
    },
    {
      route: 'POST /api/users/:id/reset-mfa',
      by: admin,
      entity: 'user',
      action: 'reset_mfa',
      call: (c) => c.post(`/api/users/${user().me.id}/reset-mfa`),
    },
    { route: 'PUT /api/mfa-policy', by: admin, entity: 'mfa_policy', action: 'update', call: (c) => c.put('/api/mfa-policy', { requiredRoles: [] }) },
  ];
}
