/**
 * The state of a special-use digital signature certificate on a day, and when its expiry is announced. Bắc Giang's
 * letter (1, last bullet) asks agencies to use and manage the tokens and certificates "theo đúng quy định"; it sets
 * no notice period: the 30 days ahead are Khiên's choice, the same horizon as scans and assessments.
 */
import { addDays } from '../core/recurrence.ts';
import type { Citation } from '../legal/citation.ts';

export const SIGNATURE_TOKEN_CITATIONS: readonly Citation[] = [{ instrument: 'bac-giang-letter-2236-2019', clause: 1 }];

/** Days before a certificate's last valid day that its holder's agency is reminded. */
export const EXPIRY_NOTICE_DAYS = 30;

export const TOKEN_STATES = ['valid', 'expiring', 'expired', 'revoked', 'lost'] as const;
export type TokenState = (typeof TOKEN_STATES)[number];

type Token = { validFrom: string; validTo: string; revokedOn: string | null; lostOn: string | null };

/** Lost or revoked first (a lost token is reported, whether or not the issuer has revoked it yet); then by the validity. */
export function tokenState(t: Token, today: string): TokenState {
  if (t.lostOn) return 'lost';
  if (t.revokedOn && t.revokedOn <= today) return 'revoked';
  if (t.validTo < today) return 'expired';
  return t.validTo <= addDays(today, EXPIRY_NOTICE_DAYS) ? 'expiring' : 'valid';
}
