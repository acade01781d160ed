/** What every way of signing in with a typed password shares: the throttle in front, the refusals, the methods offered. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { AppError } from '../../http/errors.ts';
import { addressKey, enforceLimit } from '../../http/rate-limit.ts';
import { signInWait, type Attempt } from '../../auth/throttle.ts';

export const badCredentials = () => new AppError(401, 'bad_credentials', 'Wrong username or password', 'Tên đăng nhập hoặc mật khẩu không đúng');
const throttled = () =>
  new AppError(429, 'too_many_attempts', 'Too many failed sign-ins; try again later', 'Đăng nhập sai quá nhiều lần, vui lòng thử lại sau');

/**
 * The attempt, once the throttle lets it through: the local password and the directory count failures against the
 * same (username, address), so switching between them buys a guesser nothing.
 */
export async function admitAttempt(db: Db, config: Config, req: FastifyRequest, reply: FastifyReply, typed: string): Promise<Attempt> {
  const attempt = { username: typed.toLowerCase(), address: addressKey(req.ip) };
  const { known, waitSeconds } = await signInWait(db, attempt, config.login.maxPerAccount, config.login.windowMs);
  // An address the account signed in from is not held back by attempts from it or from anywhere else.
  if (!known) {
    await enforceLimit(
      db,
      reply,
      { key: `login:${attempt.address}`, max: config.login.maxPerIp, windowMs: config.login.windowMs },
      { en: 'Too many sign-in attempts from this address; try again later', vi: 'Quá nhiều lần đăng nhập từ địa chỉ này, vui lòng thử lại sau' },
    );
    if (waitSeconds) {
      reply.header('retry-after', String(waitSeconds));
      throw throttled();
    }
  }
  return attempt;
}

/** What the login page offers. */
export const signInMethods = (config: Config) => ({
  local: config.localLogin,
  sso: config.oidc ? { label: config.oidc.label ?? null } : null,
  directory: config.ldap ? { label: config.ldap.label ?? null } : null,
});

export const localLoginOff = () =>
  new AppError(
    403,
    'local_login_disabled',
    'Sign-in with a Khiên password is turned off; use single sign-on or the directory account',
    'Đăng nhập bằng mật khẩu Khiên đã tắt; hãy đăng nhập một lần (SSO) hoặc bằng tài khoản thư mục',
  );
