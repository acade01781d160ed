/** The register of special-use signature tokens and certificates, per agency (Bắc Giang 1, last bullet). */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Queryable, Tx } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency } from '../../auth/scope.ts';
import { invalid, notFound } from '../../http/errors.ts';
import { change } from '../../db/change.ts';
import { agencies, findVisible } from '../agencies/index.ts';
import { signatureTokens } from './schema.ts';
import { mayKeepTokens, mayKeepTokensSomewhere } from './access.ts';
import { EXPIRY_NOTICE_DAYS, SIGNATURE_TOKEN_CITATIONS, TOKEN_STATES, tokenState } from '../../../shared/signatures/validity.ts';
import { formatCitation } from '../../../shared/legal/citation.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import type { LossReportInput, RevocationInput, SignatureTokenInput, SignatureTokenPatch, SignatureTokenQuery } from '../../../shared/signatures/schemas.ts';

const ENTITY = 'signature_token';
const columns = { token: signatureTokens, agencyName: agencies.name, agencyPath: agencies.path };
type Row = { token: typeof signatureTokens.$inferSelect; agencyName: string; agencyPath: string };

function present(actor: Actor, r: Row, today: string) {
  const { createdBy: _c, createdAt: _a, ...t } = r.token;
  return {
    ...t,
    agencyName: r.agencyName,
    updatedAt: t.updatedAt.toISOString(),
    state: tokenState(t, today),
    can: { edit: mayKeepTokens(actor, { agencyId: t.agencyId, agencyPath: r.agencyPath }) },
  };
}

const select = (db: Queryable, where: SQL | undefined) =>
  db.select(columns).from(signatureTokens).innerJoin(agencies, eq(agencies.id, signatureTokens.agencyId)).where(where);

/** The tokens of agencies in reach (or of one agency's subtree), soonest expiry first, with counts by state. */
export async function listTokens(db: Queryable, actor: Actor, q: z.infer<typeof SignatureTokenQuery>) {
  const under = q.agencyId ? await findVisible(db, actor, q.agencyId) : null;
  const rows = await select(
    db,
    and(readableAgency(actor, signatureTokens.agencyId), under ? sql`${agencies.path} like ${`${under.path}%`}` : undefined),
  ).orderBy(asc(signatureTokens.validTo), asc(signatureTokens.id));
  const today = todayVn();
  const all = rows.map((r) => present(actor, r, today));
  return {
    items: q.state ? all.filter((t) => t.state === q.state) : all,
    counts: Object.fromEntries(TOKEN_STATES.map((s) => [s, all.filter((t) => t.state === s).length])) as Record<(typeof TOKEN_STATES)[number], number>,
    noticeDays: EXPIRY_NOTICE_DAYS,
    citations: SIGNATURE_TOKEN_CITATIONS.map((c) => ({ vi: formatCitation(c), en: formatCitation(c, 'en') })),
    can: { create: mayKeepTokensSomewhere(actor) },
  };
}

async function findToken(db: Queryable, actor: Actor, id: number, lock = false) {
  const query = select(db, and(eq(signatureTokens.id, id), readableAgency(actor, signatureTokens.agencyId)));
  const [row] = lock ? await query.for('update', { of: signatureTokens }) : await query;
  if (!row) throw notFound('Signature token');
  return row;
}

export async function getToken(db: Queryable, actor: Actor, id: number) {
  return present(actor, await findToken(db, actor, id), todayVn());
}

export async function createToken(db: Db, actor: Actor, input: z.infer<typeof SignatureTokenInput>) {
  return change(db, actor, {
    find: async (tx) => {
      const agency = await findVisible(tx, actor, input.agencyId);
      if (agency.external) throw invalid('agencyId', 'The register is kept by state agencies', 'Sổ theo dõi chỉ dành cho cơ quan, đơn vị nhà nước');
      assert(mayKeepTokens(actor, { agencyId: agency.id, agencyPath: agency.path }));
      return agency;
    },
    apply: async (tx, agency) => {
      const [after] = await tx
        .insert(signatureTokens)
        .values({ ...input, holderPosition: input.holderPosition ?? null, note: input.note ?? null, createdBy: actor.userId })
        .returning();
      return { action: 'create', entity: ENTITY, entityId: after!.id, agencyId: agency.id, after };
    },
    answer: async (tx) => {
      const [row] = await tx
        .select({ id: signatureTokens.id })
        .from(signatureTokens)
        .where(and(eq(signatureTokens.issuer, input.issuer), eq(signatureTokens.serial, input.serial)));
      return getToken(tx, actor, row!.id);
    },
  });
}

/** One audited change to a token the actor may keep: `set` the columns, recorded as `action`. */
async function changeToken(
  db: Db,
  actor: Actor,
  id: number,
  action: string,
  set: (before: typeof signatureTokens.$inferSelect) => Partial<typeof signatureTokens.$inferInsert>,
) {
  return change(db, actor, {
    find: async (tx: Tx) => {
      const row = await findToken(tx, actor, id, true);
      assert(mayKeepTokens(actor, { agencyId: row.token.agencyId, agencyPath: row.agencyPath }));
      return row.token;
    },
    apply: async (tx, before) => {
      const [after] = await tx
        .update(signatureTokens)
        .set({ ...set(before), updatedAt: new Date() })
        .where(eq(signatureTokens.id, id))
        .returning();
      return { action, entity: ENTITY, entityId: id, agencyId: before.agencyId, before, after };
    },
    answer: (tx) => getToken(tx, actor, id),
  });
}

export const updateToken = (db: Db, actor: Actor, id: number, patch: z.infer<typeof SignatureTokenPatch>) =>
  changeToken(db, actor, id, 'update', (before) => {
    const validFrom = patch.validFrom ?? before.validFrom;
    const validTo = patch.validTo ?? before.validTo;
    if (validTo < validFrom) throw invalidValidity();
    return patch;
  });

export const revokeToken = (db: Db, actor: Actor, id: number, input: z.infer<typeof RevocationInput>) =>
  changeToken(db, actor, id, 'revoke', () => ({ revokedOn: input.revokedOn, revocationReason: input.reason }));

export const reportLoss = (db: Db, actor: Actor, id: number, input: z.infer<typeof LossReportInput>) =>
  changeToken(db, actor, id, 'report_loss', () => ({ lostOn: input.lostOn, lossCircumstances: input.circumstances, lossReportedOn: input.reportedOn }));

const invalidValidity = () => invalid('validTo', 'A certificate cannot end before it starts', 'Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực');
