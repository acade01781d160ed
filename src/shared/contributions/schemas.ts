import { z } from 'zod';
import { Can, int32, intText, optionalText, text } from '../core/schemas.ts';
import { CONTRIBUTION_STATES } from './due.ts';

/** The security unit opens the year's call: which kinds of agency are asked (those the clause addresses). */
export const ContributionCallInput = z.object({
  year: int32(2000, 2100),
  agencyKinds: z.array(text(50)).min(1).max(20),
});
export const ContributionCallQuery = z.object({ year: intText(2000, 2100).optional() });

/** An agency's contribution: what it did, what held it back, what it proposes. */
export const ContributionInput = z.object({
  results: text(10_000, 3),
  difficulties: optionalText(5_000),
  proposals: optionalText(5_000),
});

const Citation = z.object({ vi: z.string(), en: z.string() });
const Counts = z.object(Object.fromEntries(CONTRIBUTION_STATES.map((s) => [s, z.number()])) as Record<(typeof CONTRIBUTION_STATES)[number], z.ZodNumber>);

export const ContributionCall = z.object({
  id: z.number(),
  year: z.number(),
  contributionsDueOn: z.string(),
  reportDueOn: z.string(),
  agencyKinds: z.array(z.string()),
  state: z.enum(['open', 'closed']),
  openedByName: z.string().nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  closedByName: z.string().nullable(),
  /** The clauses the call and the yearly report carry. */
  citations: z.array(Citation),
  /** The caller's own agency's contribution, when it is asked. */
  ownContributionId: z.number().nullable(),
  /** The number of contributions in each state (for the security unit; zeros otherwise). */
  counts: Counts,
  can: Can('close', 'readAll'),
});

const Figure = z.object({ key: z.string(), label: z.string(), value: z.number().nullable(), unit: z.string().optional() });
const Attachment = z.object({ id: z.number(), name: z.string(), mime: z.string(), size: z.number(), uploadedAt: z.string() });

export const Contribution = z.object({
  id: z.number(),
  callId: z.number(),
  year: z.number(),
  callState: z.enum(['open', 'closed']),
  dueOn: z.string(),
  agencyId: z.number(),
  agencyName: z.string(),
  state: z.enum(CONTRIBUTION_STATES),
  results: z.string().nullable(),
  difficulties: z.string().nullable(),
  proposals: z.string().nullable(),
  /** The figures Khiên computed for the agency's subtree when it last sent the contribution. */
  figures: z.array(Figure),
  files: z.array(Attachment),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  revisedAt: z.string().nullable(),
  revisions: z.number(),
  can: Can('edit'),
});

export const ContributionCallDetail = ContributionCall.extend({ contributions: z.array(Contribution) });
