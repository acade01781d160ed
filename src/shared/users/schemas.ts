import { z } from 'zod';
import { LOCALES, ROLES } from '../core/roles.ts';
import { Can, optionalText, id, idText, text } from '../core/schemas.ts';
import { CAPABILITY_NAMES, type Capability } from '../core/capabilities.ts';

/** At least 10 characters with a letter and a digit: long enough to resist guessing, short enough to type. */
export const Password = z
  .string()
  .min(10)
  .max(200)
  .regex(/[A-Za-zÀ-ỹ]/, 'letter')
  .regex(/[0-9]/, 'digit');

const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,50}$/, 'username');

export const User = z.object({
  id: z.number(),
  agencyId: z.number(),
  agencyName: z.string(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  position: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  locale: z.enum(LOCALES),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  /** A machine's account: no password sign-in, acts through its API tokens. */
  serviceAccount: z.boolean(),
  /** Has a second factor (an authenticator app) set up. */
  mfaEnrolled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  /** manage: edit, deactivate, reset the password of this account. */
  can: Can('manage'),
});
export type User = z.infer<typeof User>;

export const UserInput = z.object({
  agencyId: id(),
  username: Username,
  fullName: text(200, 2),
  email: z.preprocess((v) => (v === '' ? null : v), z.email().max(200).nullable().optional()),
  phone: optionalText(30),
  position: optionalText(200),
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
});
export const UserPatch = UserInput.omit({ username: true }).partial().extend({ active: z.boolean().optional() });

export const UserListQuery = z.object({
  agencyId: idText().optional(),
  q: z.string().max(200).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
  /** Active accounts (the default), locked ones, or all; `includeInactive=true` is `all`. */
  status: z.enum(['active', 'locked', 'all']).optional(),
  /** Only users whose roles grant this capability, e.g. `incidents.work` for the people a case can be assigned to. */
  capability: z.enum(CAPABILITY_NAMES as [Capability, ...Capability[]]).optional(),
});

/** A generated one-time password, shown once to the admin who created or reset the account. */
export const TemporaryPassword = z.object({ user: User, temporaryPassword: z.string() });
