import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import {
  Me,
  MfaPolicy,
  MfaStatus,
  PasskeyAdded,
  PasskeyAssertionBody,
  PasskeyOptions,
  PasskeyRegistrationBody,
  RecoveryCodes,
  SecondFactorBody,
  TotpEnrolment,
} from '../../../shared/auth/schemas.ts';
import { AppError, conflict, invalid, notFound } from '../../http/errors.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { enforceLimit } from '../../http/rate-limit.ts';
import { assert } from '../../auth/scope.ts';
import { countMfaFailure, createSession, destroySession, finishSignInStep, type SessionUser } from '../../auth/sessions.ts';
import type { Queryable } from '../../db/client.ts';
import {
  beginTotp,
  checkSecondFactor,
  confirmTotp,
  mfaStatus,
  newRecoveryCodes,
  removeRecoveryCodes,
  requiredRoles,
  setRequiredRoles,
} from '../../auth/mfa.ts';
import { authenticationOptions, checkPasskey, passkeyView, registerPasskey, registrationOptions, removePasskey } from '../../auth/passkeys.ts';
import { recordAudit } from '../audit/index.ts';
import { can } from '../../../shared/core/capabilities.ts';

/** Wrong codes a sign-in may type before it has to start again from the password. */
const MAX_CODE_FAILURES = 5;

const wrongCode = () => invalid('code', 'The code is wrong, expired or already used', 'Mã không đúng, đã hết hạn hoặc đã được dùng');
const wrongPasskey = () =>
  invalid(
    'response',
    'The passkey was not accepted: the request expired or was already answered, or the passkey is not registered to this account',
    'Khóa truy cập không được chấp nhận: yêu cầu đã hết hạn hoặc đã được trả lời, hoặc khóa không thuộc tài khoản này',
  );
const noVerificationPending = () =>
  new AppError(409, 'no_second_factor_pending', 'This sign-in awaits no second factor', 'Phiên đăng nhập này không chờ xác thực bước hai');
const PasskeyParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

type Deps = {
  db: Db;
  config: Config;
  /** Set and clear the session cookie (with a new CSRF secret), as sign-in and sign-out do. */
  startSession: (reply: FastifyReply, token: string) => void;
  endSession: (reply: FastifyReply) => void;
  me: (u: SessionUser) => Me;
};

/** The second factor: the sign-in's second step, enrolment of an authenticator app or passkeys, recovery codes, and the policy by role. */
export async function mfaRoutes(app: FastifyInstance, { db, config, startSession, endSession, me }: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];
  /** Code checks per user and window, across sessions: six digits are not guessed by opening many sign-ins. */
  const limitCodes = (reply: FastifyReply, userId: number) =>
    enforceLimit(
      db,
      reply,
      { key: `mfa:${userId}`, max: 2 * config.login.maxPerAccount, windowMs: config.login.windowMs },
      { en: 'Too many codes tried; try again later', vi: 'Nhập mã quá nhiều lần, vui lòng thử lại sau' },
    );

  /**
   * The sign-in's second step: `check` is the factor's check (it spends what it accepts); passed, the password-only
   * session is replaced by a full one. Failures count against the session as wrong codes do.
   */
  async function verifySecondFactor(req: FastifyRequest, reply: FastifyReply, check: (tx: Queryable) => Promise<string | null>, refused: () => AppError) {
    const u = req.sessionUser!;
    if (u.signInStep !== 'verify') throw noVerificationPending();
    await limitCodes(reply, u.userId);
    const actor = actorOf(req);
    const token = await db.transaction(async (tx) => {
      const factor = await check(tx);
      if (!factor) return null;
      // A new session for the full sign-in: the password-only one's token stops working.
      await destroySession(tx, req.sessionToken!);
      await recordAudit(tx, actor, { action: 'verify_second_factor', entity: 'user', entityId: u.userId, agencyId: u.agencyId, after: { factor } });
      return createSession(tx, u.userId, config.sessionTtlMs, { ip: req.ip, userAgent: req.headers['user-agent'] });
    });
    if (!token) {
      if ((await countMfaFailure(db, u.sessionId)) >= MAX_CODE_FAILURES) {
        await destroySession(db, req.sessionToken!);
        endSession(reply);
        throw new AppError(401, 'too_many_codes', 'Too many failed attempts: sign in again', 'Xác thực sai quá nhiều lần, vui lòng đăng nhập lại', 'code');
      }
      throw refused();
    }
    startSession(reply, token);
    return me({ ...u, signInStep: null });
  }

  r.post(
    '/api/auth/mfa/verify',
    {
      config: { duringSecondFactor: true },
      schema: { tags, summary: 'Second step of sign-in: a code from the authenticator app, or a recovery code', body: SecondFactorBody, response: { 200: Me } },
    },
    async (req, reply) => verifySecondFactor(req, reply, (tx) => checkSecondFactor(tx, config, req.sessionUser!.userId, req.body.code), wrongCode),
  );

  r.post(
    '/api/auth/mfa/verify/passkey-options',
    {
      config: { duringSecondFactor: true },
      schema: {
        tags,
        summary:
          "Second step of sign-in with a passkey: the options for the browser's navigator.credentials.get() (a challenge for this sign-in, valid once, 2 minutes)",
        response: { 200: PasskeyOptions },
      },
    },
    async (req) => {
      const u = req.sessionUser!;
      if (u.signInStep !== 'verify') throw noVerificationPending();
      const actor = actorOf(req);
      return db.transaction(async (tx) => {
        const options = await authenticationOptions(tx, config, u.userId, u.sessionId);
        if (!options) throw conflict('passkey', 'This account has no passkey', 'Tài khoản này chưa đăng ký khóa truy cập');
        await recordAudit(tx, actor, { action: 'start_passkey_verification', entity: 'user', entityId: u.userId, agencyId: u.agencyId });
        return { ...options };
      });
    },
  );

  r.post(
    '/api/auth/mfa/verify/passkey',
    {
      config: { duringSecondFactor: true },
      schema: {
        tags,
        summary: "Second step of sign-in with a passkey: the browser's answer to the passkey options",
        body: PasskeyAssertionBody,
        response: { 200: Me },
      },
    },
    async (req, reply) =>
      verifySecondFactor(
        req,
        reply,
        async (tx) => ((await checkPasskey(tx, config, req.sessionUser!.userId, req.sessionUser!.sessionId, req.body.response)) ? 'passkey' : null),
        wrongPasskey,
      ),
  );

  r.get(
    '/api/auth/mfa',
    {
      // Also while the sign-in awaits its second factor: the page offers the factors the user has.
      config: { duringPasswordChange: true, duringMfaEnrolment: true, duringSecondFactor: true },
      schema: {
        tags,
        summary: "The caller's second factors: the authenticator app, the passkeys, recovery codes left, whether the role requires one",
        response: { 200: MfaStatus },
      },
    },
    async (req) => mfaStatus(db, actorOf(req)),
  );

  r.post(
    '/api/auth/mfa/totp',
    {
      config: { duringMfaEnrolment: true },
      schema: { tags, summary: 'Start setting up an authenticator app: a new secret and its QR code', response: { 200: TotpEnrolment } },
    },
    async (req) => {
      const actor = actorOf(req);
      return db.transaction(async (tx) => {
        if ((await mfaStatus(tx, actor)).totp) {
          throw conflict('totp', 'An authenticator app is already set up', 'Bạn đã thiết lập ứng dụng xác thực');
        }
        const enrolment = await beginTotp(tx, config, actor);
        await recordAudit(tx, actor, { action: 'start_mfa_enrolment', entity: 'user', entityId: actor.userId, agencyId: actor.agencyId });
        return enrolment;
      });
    },
  );

  r.post(
    '/api/auth/mfa/totp/confirm',
    {
      config: { duringMfaEnrolment: true },
      schema: {
        tags,
        summary: 'Finish setting up the authenticator app with a code from it; answers the recovery codes, once',
        body: SecondFactorBody,
        response: { 200: RecoveryCodes },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await limitCodes(reply, actor.userId);
      return db.transaction(async (tx) => {
        if (!(await confirmTotp(tx, config, actor.userId, req.body.code))) throw wrongCode();
        const recoveryCodes = await newRecoveryCodes(tx, actor.userId);
        if (req.sessionUser!.signInStep === 'enrol') await finishSignInStep(tx, req.sessionUser!.sessionId);
        await recordAudit(tx, actor, { action: 'enrol_mfa', entity: 'user', entityId: actor.userId, agencyId: actor.agencyId, after: { factor: 'totp' } });
        return { recoveryCodes };
      });
    },
  );

  r.post(
    '/api/auth/mfa/passkeys/options',
    {
      config: { duringMfaEnrolment: true },
      schema: {
        tags,
        summary: "Start adding a passkey: the options for the browser's navigator.credentials.create() (a challenge for this session, valid once, 2 minutes)",
        response: { 200: PasskeyOptions },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return db.transaction(async (tx) => {
        const options = await registrationOptions(tx, config, actor, req.sessionUser!.sessionId);
        await recordAudit(tx, actor, {
          action: 'start_mfa_enrolment',
          entity: 'user',
          entityId: actor.userId,
          agencyId: actor.agencyId,
          after: { factor: 'passkey' },
        });
        return { ...options };
      });
    },
  );

  r.post(
    '/api/auth/mfa/passkeys',
    {
      config: { duringMfaEnrolment: true },
      schema: {
        tags,
        summary: "Finish adding a passkey with the browser's answer; the first second factor also answers the recovery codes, once",
        body: PasskeyRegistrationBody,
        response: { 200: PasskeyAdded },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const session = req.sessionUser!;
      return db.transaction(async (tx) => {
        const before = await mfaStatus(tx, actor);
        const passkey = await registerPasskey(tx, config, actor.userId, session.sessionId, req.body.name, req.body.response);
        if (!passkey) {
          throw invalid(
            'response',
            'The passkey could not be registered: the request expired or was already answered, or the answer is not valid',
            'Không đăng ký được khóa truy cập: yêu cầu đã hết hạn hoặc đã được trả lời, hoặc câu trả lời không hợp lệ',
          );
        }
        const recoveryCodes = before.totp || before.passkeys.length ? null : await newRecoveryCodes(tx, actor.userId);
        if (session.signInStep === 'enrol') await finishSignInStep(tx, session.sessionId);
        await recordAudit(tx, actor, {
          action: 'enrol_mfa',
          entity: 'user',
          entityId: actor.userId,
          agencyId: actor.agencyId,
          after: { factor: 'passkey', passkeyId: passkey.id, name: passkey.name },
        });
        return { passkey: passkeyView(passkey), recoveryCodes };
      });
    },
  );

  r.delete(
    '/api/auth/mfa/passkeys/:id',
    {
      schema: {
        tags,
        summary: "Remove one of the caller's passkeys (not the last second factor of a role that requires one)",
        params: PasskeyParams,
        response: { 200: MfaStatus },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return db.transaction(async (tx) => {
        const removed = await removePasskey(tx, actor.userId, req.params.id);
        if (!removed) throw notFound('Passkey');
        const after = await mfaStatus(tx, actor);
        if (!after.totp && !after.passkeys.length) {
          // As with the authenticator app, a role that requires a second factor never goes without one: an
          // administrator's reset is the way to start again.
          if (after.required) {
            throw conflict(
              'passkey',
              'Your role requires two-step sign-in: add another passkey or an authenticator app before removing the last one',
              'Vai trò của bạn bắt buộc xác thực hai bước: hãy thêm khóa truy cập khác hoặc ứng dụng xác thực trước khi gỡ khóa cuối cùng',
            );
          }
          await removeRecoveryCodes(tx, actor.userId);
        }
        await recordAudit(tx, actor, {
          action: 'remove_passkey',
          entity: 'user',
          entityId: actor.userId,
          agencyId: actor.agencyId,
          before: { passkeyId: removed.id, name: removed.name },
        });
        return mfaStatus(tx, actor);
      });
    },
  );

  r.post(
    '/api/auth/mfa/recovery-codes',
    {
      schema: {
        tags,
        summary: 'New recovery codes (the old ones stop working), confirmed with a current code',
        body: SecondFactorBody,
        response: { 200: RecoveryCodes },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await limitCodes(reply, actor.userId);
      return db.transaction(async (tx) => {
        if ((await checkSecondFactor(tx, config, actor.userId, req.body.code)) === null) throw wrongCode();
        const recoveryCodes = await newRecoveryCodes(tx, actor.userId);
        await recordAudit(tx, actor, { action: 'renew_recovery_codes', entity: 'user', entityId: actor.userId, agencyId: actor.agencyId });
        return { recoveryCodes };
      });
    },
  );

  r.get(
    '/api/mfa-policy',
    { schema: { tags, summary: 'The roles whose users must sign in with a second factor', response: { 200: MfaPolicy } } },
    async (req) => {
      assert(can(actorOf(req), 'mfa.policy'));
      return { requiredRoles: await requiredRoles(db) };
    },
  );

  r.put(
    '/api/mfa-policy',
    {
      schema: {
        tags,
        summary: 'Set the roles that must sign in with a second factor (their users enrol at their next sign-in)',
        body: MfaPolicy,
        response: { 200: MfaPolicy },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assert(can(actor, 'mfa.policy'));
      const next = [...new Set(req.body.requiredRoles)].sort();
      return db.transaction(async (tx) => {
        const before = await requiredRoles(tx);
        await setRequiredRoles(tx, next);
        await recordAudit(tx, actor, { action: 'update', entity: 'mfa_policy', before: { requiredRoles: before }, after: { requiredRoles: next } });
        return { requiredRoles: next };
      });
    },
  );
}
