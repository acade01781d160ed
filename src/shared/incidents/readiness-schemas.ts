import { z } from 'zod';
import { Can, isoDate, optionalText, id, idText, intText, text } from '../core/schemas.ts';
import { EMPLOYMENTS, EXERCISE_KINDS, EXERCISE_OUTCOMES, PLAN_KINDS } from './vocabulary.ts';

const optionalDate = z.preprocess((v) => (v === '' ? null : v), isoDate.nullable().optional());
const ids = (max: number) => z.array(id()).max(max);

export const PlanInput = z.object({
  systemId: id(),
  kind: z.enum(PLAN_KINDS),
  title: text(300, 3),
  scenario: optionalText(300),
  version: text(30),
  issuedOn: isoDate,
  nextReviewOn: optionalDate,
  note: optionalText(5000),
});
export const PlanPatch = PlanInput.omit({ systemId: true }).partial();

export const Plan = z.object({
  id: z.number(),
  systemId: z.number(),
  systemCode: z.string(),
  systemName: z.string(),
  agencyId: z.number(),
  agencyName: z.string(),
  kind: z.enum(PLAN_KINDS),
  title: z.string(),
  scenario: z.string().nullable(),
  version: z.string(),
  issuedOn: z.string(),
  nextReviewOn: z.string().nullable(),
  reviewOverdue: z.boolean(),
  file: z.object({ id: z.number(), name: z.string(), sha256: z.string() }).nullable(),
  note: z.string().nullable(),
  updatedAt: z.string(),
  /** edit: the plan and its document (the owner agency's editors and the response team). */
  can: Can('edit'),
});

export const PlanListQuery = z.object({
  agencyId: idText().optional(),
  systemId: idText().optional(),
  overdue: z.enum(['true', 'false']).optional(),
});

export const ExerciseInput = z.object({
  agencyId: id(),
  title: text(300, 3),
  heldOn: isoDate,
  kind: z.enum(EXERCISE_KINDS),
  scenario: text(5000, 5),
  participants: text(5000, 3),
  outcome: z.enum(EXERCISE_OUTCOMES),
  findings: optionalText(10_000),
  systemIds: ids(100).min(1),
});
export const ExercisePatch = ExerciseInput.omit({ agencyId: true }).partial();

export const Exercise = ExerciseInput.omit({ findings: true }).extend({
  id: z.number(),
  agencyName: z.string(),
  findings: z.string().nullable(),
  systems: z.array(z.object({ id: z.number(), code: z.string(), name: z.string(), level: z.number().nullable() })),
  /** edit: the organizer agency's editors and the response team. */
  can: Can('edit'),
  updatedAt: z.string(),
});

export const ExerciseListQuery = z.object({
  agencyId: idText().optional(),
  systemId: idText().optional(),
  year: intText(2000, 2100).optional(),
});

export const CertificateInput = z.object({
  name: text(200, 2),
  issuer: optionalText(200),
  issuedOn: optionalDate,
  expiresOn: optionalDate,
});

export const MemberInput = z.object({
  fullName: text(200, 2),
  agencyId: id().nullable().optional(),
  employment: z.enum(EMPLOYMENTS),
  position: optionalText(200),
  phone: optionalText(30),
  email: optionalText(200),
  expertise: optionalText(1000),
  userId: id().nullable().optional(),
  active: z.boolean().default(true),
  joinedOn: optionalDate,
});
export const MemberPatch = MemberInput.partial();

const Certificate = z.object({
  id: z.number(),
  name: z.string(),
  issuer: z.string().nullable(),
  issuedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  valid: z.boolean(),
  expiringSoon: z.boolean(),
});

const Member = z.object({
  id: z.number(),
  fullName: z.string(),
  agencyId: z.number().nullable(),
  agencyName: z.string().nullable(),
  employment: z.enum(EMPLOYMENTS),
  position: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  expertise: z.string().nullable(),
  userId: z.number().nullable(),
  active: z.boolean(),
  joinedOn: z.string().nullable(),
  qualified: z.boolean(),
  certificates: z.array(Certificate),
});

const TeamStrength = z.object({
  required: z.number(),
  requiredSource: z.string(),
  active: z.number(),
  qualified: z.number(),
  underStrength: z.boolean(),
  atRisk: z.boolean(),
  expiringSoonIds: z.array(z.number()),
});

/** `can.edit`: keep the roster (the specialized security unit). */
export const Roster = z.object({ members: z.array(Member), strength: TeamStrength, can: Can('edit') });

/** Per-system readiness facts for the dashboard and the plans screen. */
const SystemReadiness = z.object({
  systemId: z.number(),
  code: z.string(),
  name: z.string(),
  agencyId: z.number(),
  agencyName: z.string(),
  level: z.number().nullable(),
  hasResponsePlan: z.boolean(),
  planCurrent: z.boolean(),
  planIssuedOn: z.string().nullable(),
  planNextReviewOn: z.string().nullable(),
  playbooks: z.number(),
  lastExerciseOn: z.string().nullable(),
  exerciseRequired: z.boolean(),
  exerciseOverdue: z.boolean(),
});

export const Readiness = z.object({
  asOf: z.string(),
  totals: z.object({
    systems: z.number(),
    withPlan: z.number(),
    withCurrentPlan: z.number(),
    plansOverdue: z.number(),
    exerciseRequired: z.number(),
    exercisedInYear: z.number(),
    exerciseOverdue: z.number(),
  }),
  team: TeamStrength,
  systems: z.array(SystemReadiness),
});

export const ReadinessQuery = z.object({ agencyId: idText().optional() });
