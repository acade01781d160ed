/** The register of outgoing documents: take the next number of the issuer's year, correct it before issue, issue it. */
import { and, desc, eq, max, ne, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Queryable, Tx } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency } from '../../auth/scope.ts';
import { AppError, conflict, invalid, notFound } from '../../http/errors.ts';
import { change } from '../../db/change.ts';
import { recordAudit } from '../audit/index.ts';
import { agencies, documentSettingsOf } from '../agencies/index.ts';
import { outgoingDocuments } from './schema.ts';
import { mayRegister, outgoingCan } from './access.ts';
import { resolveSubject } from './subjects.ts';
import { formatNumber, symbolFor, type DocumentType } from '../../../shared/documents/numbering.ts';
import type { Signer } from '../../../shared/documents/signature.ts';
import type { DocumentSubject, OutgoingListQuery, OutgoingPatch, OutgoingReserveInput } from '../../../shared/documents/schemas.ts';
import { todayVn } from '../../../shared/core/dates.ts';

type Row = typeof outgoingDocuments.$inferSelect;

/** Keys of the advisory lock that serialises the numbering of one issuer. */
const NUMBERING_LOCK = 30_2020;

const selection = { entry: outgoingDocuments, agencyName: agencies.name, agencyPath: agencies.path };

function present(actor: Actor, r: { entry: Row; agencyName: string; agencyPath: string }) {
  const { entry: e } = r;
  return {
    id: e.id,
    agencyId: e.agencyId,
    agencyName: r.agencyName,
    year: e.year,
    number: e.number,
    reference: `${formatNumber(e.number)}/${e.symbol}`,
    symbol: e.symbol,
    documentType: e.documentType as DocumentType,
    subjectKind: e.subjectKind as DocumentSubject,
    subjectId: e.subjectId,
    subject: e.subject,
    status: e.status as 'reserved' | 'issued',
    signer: e.signer ?? null,
    issuedOn: e.issuedOn,
    createdByName: e.createdByName,
    createdAt: e.createdAt.toISOString(),
    can: outgoingCan(actor, { agencyId: e.agencyId, agencyPath: r.agencyPath, status: e.status }),
  };
}

export async function listOutgoing(db: Queryable, actor: Actor, q: z.infer<typeof OutgoingListQuery>) {
  const where: SQL[] = [readableAgency(actor, outgoingDocuments.agencyId)];
  if (q.agencyId) where.push(eq(outgoingDocuments.agencyId, q.agencyId));
  if (q.year) where.push(eq(outgoingDocuments.year, q.year));
  if (q.subjectKind) where.push(eq(outgoingDocuments.subjectKind, q.subjectKind));
  if (q.subjectId) where.push(eq(outgoingDocuments.subjectId, q.subjectId));
  const rows = await db
    .select(selection)
    .from(outgoingDocuments)
    .innerJoin(agencies, eq(agencies.id, outgoingDocuments.agencyId))
    .where(and(...where))
    .orderBy(desc(outgoingDocuments.year), desc(outgoingDocuments.number))
    .limit(1000);
  return rows.map((r) => present(actor, r));
}

async function entryFor(tx: Queryable, actor: Actor, id: number, lock = false) {
  const query = tx
    .select(selection)
    .from(outgoingDocuments)
    .innerJoin(agencies, eq(agencies.id, outgoingDocuments.agencyId))
    .where(and(eq(outgoingDocuments.id, id), readableAgency(actor, outgoingDocuments.agencyId)));
  const [row] = lock ? await query.for('update', { of: outgoingDocuments }) : await query;
  if (!row) throw notFound('Outgoing document');
  return row;
}

async function agencyPlace(db: Queryable, id: number) {
  const [row] = await db.select({ agencyId: agencies.id, agencyPath: agencies.path }).from(agencies).where(eq(agencies.id, id));
  return row!;
}

function chosenSigner(signers: Signer[], index: number | undefined): Signer {
  const signer = signers[index ?? 0];
  if (!signer) {
    throw invalid(
      'signerIndex',
      signers.length ? 'No such signer in the agency’s document settings' : 'Add who signs in the agency’s document settings first',
      signers.length ? 'Không có người ký này trong thiết lập văn bản của cơ quan' : 'Hãy khai báo người ký trong thiết lập văn bản của cơ quan trước',
    );
  }
  return signer;
}

async function nextNumber(tx: Tx, agencyId: number, year: number) {
  await tx.execute(sql`select pg_advisory_xact_lock(${NUMBERING_LOCK}, ${agencyId})`);
  const [row] = await tx
    .select({ last: max(outgoingDocuments.number) })
    .from(outgoingDocuments)
    .where(and(eq(outgoingDocuments.agencyId, agencyId), eq(outgoingDocuments.year, year)));
  return (row?.last ?? 0) + 1;
}

const numberTaken = (n: number) =>
  conflict('number', `Number ${formatNumber(n)} is already in this year's register`, `Số ${formatNumber(n)} đã có trong sổ đăng ký văn bản đi của năm`);

/** Takes the issuer's next number of the year for a document and records who signs it. */
export async function reserveOutgoing(db: Db, actor: Actor, input: z.infer<typeof OutgoingReserveInput>) {
  return db.transaction(async (tx) => {
    const subject = await resolveSubject(tx, actor, input.subjectKind, input.subjectId);
    assert(mayRegister(actor, await agencyPlace(tx, subject.agencyId)));
    const settings = await documentSettingsOf(tx, subject.agencyId);
    const signer = chosenSigner(settings.signers, input.signerIndex);
    const [existing] = await tx
      .select({ id: outgoingDocuments.id })
      .from(outgoingDocuments)
      .where(
        and(
          eq(outgoingDocuments.subjectKind, input.subjectKind),
          eq(outgoingDocuments.subjectId, input.subjectId),
          eq(outgoingDocuments.agencyId, subject.agencyId),
        ),
      );
    if (existing) throw new AppError(409, 'already_numbered', 'This document already has a number', 'Văn bản này đã được cấp số', 'subjectId');
    const year = Number(todayVn().slice(0, 4));
    const number = await nextNumber(tx, subject.agencyId, year);
    const [row] = await tx
      .insert(outgoingDocuments)
      .values({
        agencyId: subject.agencyId,
        year,
        number,
        symbol: symbolFor(subject.documentType, settings.abbreviation, settings.draftingUnit),
        documentType: subject.documentType,
        subjectKind: input.subjectKind,
        subjectId: input.subjectId,
        subject: subject.subject,
        signer,
        createdBy: actor.userId,
        createdByName: actor.fullName,
      })
      .returning();
    await recordAudit(tx, actor, { action: 'create', entity: 'outgoing_document', entityId: row!.id, agencyId: subject.agencyId, after: row });
    return present(actor, await entryFor(tx, actor, row!.id));
  });
}

function assertOpen(actor: Actor, found: { entry: Row; agencyPath: string }) {
  assert(mayRegister(actor, { agencyId: found.entry.agencyId, agencyPath: found.agencyPath }));
  if (found.entry.status !== 'reserved') {
    throw new AppError(409, 'already_issued', 'The document is issued; its number can no longer change', 'Văn bản đã ban hành, không thể sửa số', 'status');
  }
}

/** Corrects a reserved number, symbol, signer or date before issue. */
export async function patchOutgoing(db: Db, actor: Actor, id: number, patch: z.infer<typeof OutgoingPatch>) {
  return change(db, actor, {
    find: async (tx) => {
      const found = await entryFor(tx, actor, id, true);
      assertOpen(actor, found);
      return found;
    },
    apply: async (tx, { entry }) => {
      const set: Partial<Row> = { updatedAt: new Date() };
      if (patch.number !== undefined && patch.number !== entry.number) {
        await tx.execute(sql`select pg_advisory_xact_lock(${NUMBERING_LOCK}, ${entry.agencyId})`);
        const [taken] = await tx
          .select({ id: outgoingDocuments.id })
          .from(outgoingDocuments)
          .where(
            and(
              eq(outgoingDocuments.agencyId, entry.agencyId),
              eq(outgoingDocuments.year, entry.year),
              eq(outgoingDocuments.number, patch.number),
              ne(outgoingDocuments.id, id),
            ),
          );
        if (taken) throw numberTaken(patch.number);
        set.number = patch.number;
      }
      if (patch.symbol !== undefined) set.symbol = patch.symbol;
      if (patch.signerIndex !== undefined) set.signer = chosenSigner((await documentSettingsOf(tx, entry.agencyId)).signers, patch.signerIndex);
      if (patch.issuedOn !== undefined) {
        if (Number(patch.issuedOn.slice(0, 4)) !== entry.year)
          throw invalid('issuedOn', `The date must be in ${entry.year}, the year of the number`, `Ngày ban hành phải thuộc năm ${entry.year} của số văn bản`);
        set.issuedOn = patch.issuedOn;
      }
      const [after] = await tx.update(outgoingDocuments).set(set).where(eq(outgoingDocuments.id, id)).returning();
      return { action: 'update', entity: 'outgoing_document', entityId: id, agencyId: entry.agencyId, before: entry, after };
    },
    answer: async (tx) => present(actor, await entryFor(tx, actor, id)),
  });
}

/** Issues the document: its number, date, signer and header are final. */
export async function issueOutgoing(db: Db, actor: Actor, id: number) {
  return change(db, actor, {
    find: async (tx) => {
      const found = await entryFor(tx, actor, id, true);
      assertOpen(actor, found);
      return found;
    },
    apply: async (tx, { entry }) => {
      const settings = await documentSettingsOf(tx, entry.agencyId);
      const issuedOn = entry.issuedOn ?? todayVn();
      if (Number(issuedOn.slice(0, 4)) !== entry.year)
        throw invalid('issuedOn', `The date must be in ${entry.year}, the year of the number`, `Ngày ban hành phải thuộc năm ${entry.year} của số văn bản`);
      const [after] = await tx
        .update(outgoingDocuments)
        .set({
          status: 'issued',
          issuedOn,
          issuedFrame: {
            governingBody: settings.governingBody,
            agencyName: settings.agencyName,
            place: settings.place ?? settings.defaultPlace,
            draftingUnit: settings.draftingUnit,
          },
          updatedAt: new Date(),
        })
        .where(eq(outgoingDocuments.id, id))
        .returning();
      return { action: 'issue', entity: 'outgoing_document', entityId: id, agencyId: entry.agencyId, before: entry, after };
    },
    answer: async (tx) => present(actor, await entryFor(tx, actor, id)),
  });
}
