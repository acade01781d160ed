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
  /** Every capability the user holds somewhere (src/shared/core/capabilities.ts): what menus and "add" buttons offer. */
  can: Can(...CAPABILITY_NAMES),
});
export type Me = z.infer<typeof Me>;

export const ChangePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: Password })
  .refine((b) => b.currentPassword !== b.newPassword, { path: ['newPassword'], message: 'same' });

export const LocaleBody = z.object({ locale: z.enum(LOCALES) });
