/**
 * The duties the provincial directives set telecom and Internet operators and security firms, as each answers them:
 * its contact point (the agency's own, published on the province's public list), the warnings it sent its customers,
 * the incident information it shared with the authorities. Its tasks from the directives are the directives module's.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency } from '../../auth/scope.ts';
import { invalid, notFound } from '../../http/errors.ts';
import { change } from '../../db/change.ts';
import { agencies, agencyKinds, designations } from '../agencies/index.ts';
import { operatorCustomerWarnings, operatorIncidentShares } from './schema.ts';
import { mayEditContact, mayRecord } from './access.ts';
import { OPERATOR_KINDS, publishedContact, recordDayProblem, type ShareRecipient } from '../../../shared/operators/duties.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import type { CustomerWarningInput, IncidentShareInput } from '../../../shared/operators/schemas.ts';

type OperatorKind = (typeof OPERATOR_KINDS)[number];

const operatorColumns = {
  id: agencies.id,
  path: agencies.path,
  name: agencies.name,
  kind: agencies.kind,
  kindNameVi: agencyKinds.nameVi,
  kindNameEn: agencyKinds.nameEn,
};

const isOperator = inArray(agencies.kind, [...OPERATOR_KINDS]);

/** The operators the actor may see: their own organisation; every one for the security unit and province-wide readers. */
export async function listOperators(db: Queryable, actor: Actor) {
  const rows = await db
    .select({
      ...operatorColumns,
      contactPublished: agencies.contactPublished,
      customerWarnings: sql<number>`(select count(*)::int from operator_customer_warnings w where w.agency_id = ${agencies.id})`,
      incidentShares: sql<number>`(select count(*)::int from operator_incident_shares s where s.agency_id = ${agencies.id})`,
    })
    .from(agencies)
    .innerJoin(agencyKinds, eq(agencyKinds.code, agencies.kind))
    .where(and(isOperator, eq(agencies.active, true), readableAgency(actor, agencies.id)))
    .orderBy(asc(agencyKinds.sort), asc(agencies.name));
  return rows.map(({ path: _p, ...r }) => ({ ...r, kind: r.kind as OperatorKind }));
}

/** An operator the actor may see; a state agency, another operator or a missing id is 404 alike. */
async function findOperator(db: Queryable, actor: Actor, id: number) {
  const [row] = await db
    .select({
      ...operatorColumns,
      contactName: agencies.contactName,
      contactPosition: agencies.contactPosition,
      contactPhone: agencies.contactPhone,
      contactEmail: agencies.contactEmail,
      contactDesignatedOn: agencies.contactDesignatedOn,
      contactPublished: agencies.contactPublished,
      contactPublishedUrl: agencies.contactPublishedUrl,
    })
    .from(agencies)
    .innerJoin(agencyKinds, eq(agencyKinds.code, agencies.kind))
    .where(and(eq(agencies.id, id), isOperator, readableAgency(actor, agencies.id)));
  if (!row) throw notFound('Operator');
  return row;
}

export async function getOperator(db: Queryable, actor: Actor, id: number) {
  const o = await findOperator(db, actor, id);
  const place = { agencyId: o.id, agencyPath: o.path };
  const warnings = await db
    .select()
    .from(operatorCustomerWarnings)
    .where(eq(operatorCustomerWarnings.agencyId, id))
    .orderBy(desc(operatorCustomerWarnings.issuedOn), desc(operatorCustomerWarnings.id));
  const shares = await db
    .select()
    .from(operatorIncidentShares)
    .where(eq(operatorIncidentShares.agencyId, id))
    .orderBy(desc(operatorIncidentShares.sharedOn), desc(operatorIncidentShares.id));
  return {
    id: o.id,
    name: o.name,
    kind: o.kind as OperatorKind,
    kindNameVi: o.kindNameVi,
    kindNameEn: o.kindNameEn,
    contact: {
      name: o.contactName,
      position: o.contactPosition,
      phone: o.contactPhone,
      email: o.contactEmail,
      designatedOn: o.contactDesignatedOn,
      published: o.contactPublished,
      publishedUrl: o.contactPublishedUrl,
    },
    customerWarnings: warnings.map(({ agencyId: _a, createdBy: _c, ...w }) => ({ ...w, createdAt: w.createdAt.toISOString() })),
    incidentShares: shares.map(({ agencyId: _a, createdBy: _c, ...s }) => ({
      ...s,
      recipient: s.recipient as ShareRecipient,
      createdAt: s.createdAt.toISOString(),
    })),
    can: { record: mayRecord(actor, place), editContact: mayEditContact(actor, place) },
  };
}

function checkDay(field: string, day: string) {
  const problem = recordDayProblem(day, todayVn());
  if (problem) throw invalid(field, problem.en, problem.vi);
}

/** The operator, found and checked for the actor who records for it. */
async function recordingFor(db: Queryable, actor: Actor, id: number) {
  const o = await findOperator(db, actor, id);
  assert(mayRecord(actor, { agencyId: o.id, agencyPath: o.path }));
  return o;
}

export const recordCustomerWarning = (db: Db, actor: Actor, id: number, input: z.infer<typeof CustomerWarningInput>) =>
  change(db, actor, {
    find: async (tx) => {
      const o = await recordingFor(tx, actor, id);
      checkDay('issuedOn', input.issuedOn);
      return o;
    },
    apply: async (tx, o) => {
      const [after] = await tx
        .insert(operatorCustomerWarnings)
        .values({ ...input, authorityWarning: input.authorityWarning ?? null, agencyId: o.id, createdBy: actor.userId, createdByName: actor.fullName })
        .returning();
      return { action: 'create', entity: 'operator_customer_warning', entityId: after!.id, agencyId: o.id, after };
    },
    answer: (tx, o) => getOperator(tx, actor, o.id),
  });

export const recordIncidentShare = (db: Db, actor: Actor, id: number, input: z.infer<typeof IncidentShareInput>) =>
  change(db, actor, {
    find: async (tx) => {
      const o = await recordingFor(tx, actor, id);
      checkDay('sharedOn', input.sharedOn);
      const [holder] = await tx
        .select({ name: agencies.name })
        .from(designations)
        .innerJoin(agencies, eq(agencies.id, designations.agencyId))
        .where(eq(designations.code, input.recipient));
      if (!holder) throw invalid('recipient', 'No agency holds this function in the province yet', 'Chưa có cơ quan nào được giao chức năng này trong tỉnh');
      return { o, recipientName: holder.name };
    },
    apply: async (tx, { o, recipientName }) => {
      const [after] = await tx
        .insert(operatorIncidentShares)
        .values({
          ...input,
          incidentRef: input.incidentRef ?? null,
          recipientName,
          agencyId: o.id,
          createdBy: actor.userId,
          createdByName: actor.fullName,
        })
        .returning();
      return { action: 'create', entity: 'operator_incident_share', entityId: after!.id, agencyId: o.id, after };
    },
    answer: (tx, { o }) => getOperator(tx, actor, o.id),
  });

/** The province's public list of the operators' and security firms' contact points: no sign-in, only what is published. */
export async function publicContacts(db: Queryable) {
  const rows = await db
    .select({
      name: agencies.name,
      kind: agencies.kind,
      kindNameVi: agencyKinds.nameVi,
      kindNameEn: agencyKinds.nameEn,
      active: agencies.active,
      contactName: agencies.contactName,
      contactPosition: agencies.contactPosition,
      contactPhone: agencies.contactPhone,
      contactEmail: agencies.contactEmail,
      contactPublished: agencies.contactPublished,
      contactPublishedUrl: agencies.contactPublishedUrl,
    })
    .from(agencies)
    .innerJoin(agencyKinds, eq(agencyKinds.code, agencies.kind))
    .where(and(isOperator, eq(agencies.active, true), eq(agencies.contactPublished, true)))
    .orderBy(asc(agencyKinds.sort), asc(agencies.name));
  return {
    items: rows.flatMap((r) => {
      const c = publishedContact(r);
      return c ? [{ ...c, kind: c.kind as OperatorKind, kindNameVi: r.kindNameVi, kindNameEn: r.kindNameEn }] : [];
    }),
  };
}
