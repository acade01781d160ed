import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { Me, MfaPolicy, MfaStatus, RecoveryCodes, SecondFactorBody, TotpEnrolment } from '../../../shared/auth/schemas.ts';
import { AppError, conflict, invalid } from '../../http/errors.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { enforceLimit } from '../../http/rate-limit.ts';
import { assert } from '../../auth/scope.ts';
import { countMfaFailure, createSession, destroySession, finishSignInStep, type SessionUser } from '../../auth/sessions.ts';
import { beginTotp, checkSecondFactor, confirmTotp, mfaStatus, newRecoveryCodes, requiredRoles, setRequiredRoles } from '../../auth/mfa.ts';
import { recordAudit } from '../audit/index.ts';
import { can } from '../../../shared/core/capabilities.ts';

/** Wrong codes a sign-in may type before it has to start again from the password. */
const MAX_CODE_FAILURES = 5;

const wrongCode = () => invalid('code', 'The code is wrong, expired or already used', 'Mã không đúng, đã hết hạn hoặc đã được dùng');

type Deps = {
  db: Db;
  config: Config;
  /** Set and clear the session cookie (with a new CSRF secret), as sign-in and sign-out do. */
  startSession: (reply: FastifyReply, token: string) => void;
  endSession: (reply: FastifyReply) => void;
  me: (u: SessionUser) => Me;
};

/** The second factor: the sign-in's second step, enrolment of an authenticator app, recovery codes, and the policy by role. */
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

  r.post(
    '/api/auth/mfa/verify',
    {
      config: { duringSecondFactor: true },
      schema: { tags, summary: 'Second step of sign-in: a code from the authenticator app, or a recovery code', body: SecondFactorBody, response: { 200: Me } },
    },
    async (req, reply) => {
      const u = req.sessionUser!;
      if (u.signInStep !== 'verify') {
        throw new AppError(409, 'no_second_factor_pending', 'This sign-in awaits no code', 'Phiên đăng nhập này không chờ mã xác thực');
      }
      await limitCodes(reply, u.userId);
      const actor = actorOf(req);
      const token = await db.transaction(async (tx) => {
        const factor = await checkSecondFactor(tx, config, u.userId, req.body.code);
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
          throw new AppError(401, 'too_many_codes', 'Too many wrong codes: sign in again', 'Nhập sai mã quá nhiều lần, vui lòng đăng nhập lại', 'code');
        }
        throw wrongCode();
      }
      startSession(reply, token);
      return me({ ...u, signInStep: null });
    },
  );

  r.get(
    '/api/auth/mfa',
    {
      config: { duringPasswordChange: true, duringMfaEnrolment: true },
      schema: {
        tags,
        summary: "The caller's second factor: whether one is set up, recovery codes left, whether the role requires one",
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
