import { z } from 'zod';
import { LOCALES, ROLES } from '../core/roles.ts';
import { Password } from '../users/schemas.ts';
import { Can, text } from '../core/schemas.ts';
import { CAPABILITY_NAMES } from '../core/capabilities.ts';

export const LoginBody = z.object({
  username: text(100),
  password: z.string().min(1).max(200),
});

export const Me = z.object({
  id: z.number(),
  username: z.string(),
  fullName: z.string(),
  agencyId: z.number(),
  agencyName: z.string(),
  roles: z.array(z.enum(ROLES)),
  locale: z.enum(LOCALES),
  mustChangePassword: z.boolean(),
  /** An unfinished sign-in: the second factor is awaited (`verify`), or the role requires one not yet set up (`enrol`). */
  signInStep: z.enum(['verify', 'enrol']).nullable(),
  /** Every capability the user holds somewhere (src/shared/core/capabilities.ts): what menus and "add" buttons offer. */
  can: Can(...CAPABILITY_NAMES),
});
export type Me = z.infer<typeof Me>;

export const ChangePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: Password })
  .refine((b) => b.currentPassword !== b.newPassword, { path: ['newPassword'], message: 'same' });

export const LocaleBody = z.object({ locale: z.enum(LOCALES) });

/** A TOTP code (6 digits) or a recovery code. */
export const SecondFactorBody = z.object({ code: z.string().trim().min(1).max(40) });

export const MfaStatus = z.object({
  totp: z.object({ enrolledAt: z.string() }).nullable(),
  recoveryCodesLeft: z.number(),
  /** The user's role requires a second factor (the MFA policy). */
  required: z.boolean(),
});

/** A new authenticator to scan: the secret as text and as a QR code (an SVG data URL made on the server). */
export const TotpEnrolment = z.object({ secret: z.string(), uri: z.string(), qrCode: z.string() });

/** One-time recovery codes, shown once. */
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

/** The roles whose users must sign in with a second factor. */
export const MfaPolicy = z.object({ requiredRoles: z.array(z.enum(ROLES)).max(ROLES.length) });

export const SessionInfo = z.object({
  /** A short handle for the list, not the session's secret. */
  id: z.string(),
  current: z.boolean(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  ip: z.string().nullable(),
  /** Browser and operating system read from the user agent, e.g. "Chrome 120 · Windows 10". */
  device: z.string().nullable(),
});

/** The ways to sign in the login page offers: a local password, single sign-on and the directory (each with the deployment's label). */
export const SignInMethods = z.object({
  local: z.boolean(),
  sso: z.object({ label: z.string().nullable() }).nullable(),
  directory: z.object({ label: z.string().nullable() }).nullable(),
});
