import { z } from 'zod';
import { Can, isoDate, optionalText, text } from '../core/schemas.ts';
import { EXCHANGE_PLATFORMS, type ExchangePlatform } from './platforms.ts';

/** What the officer types after uploading a package: the platform's reference, the day, a note. */
export const SubmissionBody = z.object({
  reference: text(100, 1),
  submittedOn: isoDate,
  note: optionalText(1000),
});

export const SubmissionList = z.object({
  platform: z.enum(Object.keys(EXCHANGE_PLATFORMS) as [ExchangePlatform, ...ExchangePlatform[]]),
  /** The digest of the content as it stands now: a submission of another digest was of an earlier version. */
  contentDigest: z.string(),
  items: z.array(
    z.object({
      id: z.number(),
      reference: z.string(),
      submittedOn: z.string(),
      note: z.string().nullable(),
      contentDigest: z.string(),
      current: z.boolean(),
      recordedByName: z.string().nullable(),
      recordedAt: z.string(),
    }),
  ),
  /** record: the caller may record a submission (the owner's editors or the security unit; for a case, the team or the reporting agency). */
  can: Can('record'),
});
