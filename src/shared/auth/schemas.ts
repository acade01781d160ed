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

/** A registered passkey as its owner sees it (never its key). */
const Passkey = z.object({ id: z.number(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() });

export const MfaStatus = z.object({
  totp: z.object({ enrolledAt: z.string() }).nullable(),
  /** Oldest first. */
  passkeys: z.array(Passkey),
  recoveryCodesLeft: z.number(),
  /** The user's role requires a second factor (the MFA policy). */
  required: z.boolean(),
});

/** A new authenticator to scan: the secret as text and as a QR code (an SVG data URL made on the server). */
export const TotpEnrolment = z.object({ secret: z.string(), uri: z.string(), qrCode: z.string() });

const base64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, 'base64url');
/** The client extension outputs WebAuthn defines for these ceremonies (others are dropped). */
const ClientExtensionResults = z.object({
  appid: z.boolean().optional(),
  credProps: z.object({ rk: z.boolean().optional() }).optional(),
  hmacCreateSecret: z.boolean().optional(),
});

/**
 * The browser's options for `navigator.credentials.create()` / `.get()` (PublicKeyCredential*OptionsJSON), made by
 * @simplewebauthn/server and handed as they are to @simplewebauthn/browser.
 */
export const PasskeyOptions = z.looseObject({ challenge: z.string(), timeout: z.number().optional() });

/** A new passkey: its name, and the browser's answer to the registration options (RegistrationResponseJSON). */
export const PasskeyRegistrationBody = z.object({
  name: text(60),
  response: z.object({
    id: base64url(1400),
    rawId: base64url(1400),
    type: z.literal('public-key'),
    response: z.object({
      clientDataJSON: base64url(4000),
      attestationObject: base64url(16_000),
      authenticatorData: base64url(16_000).optional(),
      /** How the browser reaches the authenticator ('internal', 'usb', 'hybrid'…): offered again at sign-in. */
      transports: z.array(z.string().max(32)).max(10).optional(),
      publicKeyAlgorithm: z.number().int().min(-65_536).max(65_535).optional(),
      publicKey: base64url(4000).optional(),
    }),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
    clientExtensionResults: ClientExtensionResults,
  }),
});

/** The browser's answer to the sign-in options (AuthenticationResponseJSON). */
export const PasskeyAssertionBody = z.object({
  response: z.object({
    id: base64url(1400),
    rawId: base64url(1400),
    type: z.literal('public-key'),
    response: z.object({
      clientDataJSON: base64url(4000),
      authenticatorData: base64url(16_000),
      signature: base64url(2000),
      userHandle: base64url(200).optional(),
    }),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
    clientExtensionResults: ClientExtensionResults,
  }),
});

/** A passkey just added; recovery codes when it is the user's first second factor (shown once), else null. */
export const PasskeyAdded = z.object({ passkey: Passkey, recoveryCodes: z.array(z.string()).nullable() });

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
