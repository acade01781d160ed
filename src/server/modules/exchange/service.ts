import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError, forbidden, invalid } from '../../http/errors.ts';
import { MEDIA } from '../../http/openapi.ts';
import { recordAudit } from '../audit/index.ts';
import { agencies } from '../agencies/index.ts';
import { dossierRecord, renderDossierDocument } from '../dossiers/index.ts';
import { files, readFileFor } from '../files/index.ts';
import { getIncident, renderClosingReport, renderInitialReport } from '../incidents/index.ts';
import { users } from '../users/index.ts';
import { dossierContent, incidentContent } from './format.ts';
import { buildPackage, digestOf } from './package.ts';
import { exchangeSubmissions } from './schema.ts';
import { can } from '../../../shared/core/capabilities.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import { PLATFORM_OF, type ExchangeSubject } from '../../../shared/exchange/platforms.ts';
import type { SubmissionBody } from '../../../shared/exchange/schemas.ts';

/** A dossier or incident as its package carries it, read as the actor may (404 outside their scope). */
type Subject = { agencyId: number | null; content: unknown; maySubmit: boolean };

async function pathOf(db: Queryable, agencyId: number) {
  const [row] = await db.select({ path: agencies.path }).from(agencies).where(eq(agencies.id, agencyId));
  return row!.path;
}

async function dossierAttachments(db: Queryable, record: Awaited<ReturnType<typeof dossierRecord>>) {
  const ids = record.dossier.attachments.map((a) => a.id);
  const digests = ids.length ? await db.select({ id: files.id, sha256: files.sha256 }).from(files).where(inArray(files.id, ids)) : [];
  const sha = new Map(digests.map((d) => [d.id, d.sha256]));
  return record.dossier.attachments.map((a, i) => ({
    id: a.id,
    file: `attachments/${String(i + 1).padStart(2, '0')}-${a.name}`,
    name: a.name,
    part: a.part,
    mediaType: a.mime,
    bytes: a.size,
    sha256: sha.get(a.id)!,
  }));
}

async function dossierSubject(db: Queryable, actor: Actor, id: number) {
  const record = await dossierRecord(db, actor, id);
  const attachments = await dossierAttachments(db, record);
  return {
    record,
    attachments,
    agencyId: record.dossier.agencyId,
    content: dossierContent(
      record,
      attachments.map(({ id: _id, ...a }) => a),
    ),
    // Any party to the dossier (the owner's side or the designated unit) may be the one who uploads it.
    maySubmit: record.dossier.can.attach,
  };
}

async function incidentSubject(db: Queryable, actor: Actor, id: number) {
  const detail = await getIncident(db, actor, id);
  const place = detail.agencyId === null ? null : { agencyId: detail.agencyId, agencyPath: await pathOf(db, detail.agencyId) };
  return {
    detail,
    agencyId: detail.agencyId,
    content: incidentContent(detail),
    // The team reports to the national platform, or the operator itself (its report, Decision 05/2017 Art. 11).
    maySubmit: can(actor, 'incidents.work') || (place !== null && can(actor, 'incidents.contribute', place)),
  };
}

const subjectOf = (db: Queryable, actor: Actor, kind: ExchangeSubject, id: number): Promise<Subject> =>
  kind === 'dossier' ? dossierSubject(db, actor, id) : incidentSubject(db, actor, id);

export async function dossierPackage(db: Queryable, dir: string, actor: Actor, id: number) {
  const { record, attachments, content } = await dossierSubject(db, actor, id);
  const docx = await renderDossierDocument(db, record);
  const carried = [];
  for (const a of attachments) carried.push({ name: a.file, data: (await readFileFor(db, actor, dir, a.id)).data, mediaType: a.mediaType });
  return buildPackage({
    subject: 'dossier',
    subjectId: id,
    platform: PLATFORM_OF.dossier,
    baseName: `ho-so-de-xuat-cap-do-${record.system.code}`,
    content,
    documents: [{ name: docx.name, data: docx.data, mediaType: MEDIA.docx }],
    attachments: carried,
  });
}

export async function incidentPackage(db: Queryable, actor: Actor, id: number) {
  const { detail, content } = await incidentSubject(db, actor, id);
  const documents = [await renderInitialReport(db, actor, id)];
  if (detail.closingTimeliness.filedAt) documents.push(await renderClosingReport(db, actor, id));
  return buildPackage({
    subject: 'incident',
    subjectId: id,
    platform: PLATFORM_OF.incident,
    baseName: `su-co-${detail.code}`,
    content,
    documents: documents.map((d) => ({ name: d.name, data: d.data, mediaType: MEDIA.docx })),
    attachments: [],
  });
}

/** The subject's submissions, newest first; `current`: the content has not changed since it was sent. */
export async function listSubmissions(db: Queryable, actor: Actor, kind: ExchangeSubject, id: number) {
  const subject = await subjectOf(db, actor, kind, id);
  const digest = digestOf(subject.content);
  const rows = await db
    .select({ s: exchangeSubmissions, recordedByName: users.fullName })
    .from(exchangeSubmissions)
    .leftJoin(users, eq(users.id, exchangeSubmissions.recordedBy))
    .where(and(eq(exchangeSubmissions.subjectKind, kind), eq(exchangeSubmissions.subjectId, id)))
    .orderBy(asc(exchangeSubmissions.id));
  return {
    platform: PLATFORM_OF[kind],
    contentDigest: digest,
    items: rows.reverse().map(({ s, recordedByName }) => ({
      id: s.id,
      reference: s.reference,
      submittedOn: s.submittedOn,
      note: s.note,
      contentDigest: s.contentDigest,
      current: s.contentDigest === digest,
      recordedByName,
      recordedAt: s.recordedAt.toISOString(),
    })),
    can: { record: subject.maySubmit },
  };
}

/** Records the platform's reference for what was uploaded: the content as it stands now, audited in the same transaction. */
export async function recordSubmission(db: Db, actor: Actor, kind: ExchangeSubject, id: number, body: z.infer<typeof SubmissionBody>) {
  return db.transaction(async (tx) => {
    const subject = await subjectOf(tx, actor, kind, id);
    if (!subject.maySubmit) throw forbidden();
    if (body.submittedOn > todayVn()) throw invalid('submittedOn', 'The date cannot be in the future', 'Ngày gửi không được sau ngày hôm nay');
    const platform = PLATFORM_OF[kind];
    const [taken] = await tx
      .select({ id: exchangeSubmissions.id })
      .from(exchangeSubmissions)
      .where(and(eq(exchangeSubmissions.platform, platform), eq(exchangeSubmissions.reference, body.reference)));
    if (taken) {
      throw new AppError(
        409,
        'reference_taken',
        'This reference is already recorded for the platform',
        'Mã tham chiếu này đã được ghi nhận trên nền tảng',
        'reference',
      );
    }
    const [row] = await tx
      .insert(exchangeSubmissions)
      .values({
        subjectKind: kind,
        subjectId: id,
        agencyId: subject.agencyId,
        platform,
        reference: body.reference,
        submittedOn: body.submittedOn,
        note: body.note ?? null,
        contentDigest: digestOf(subject.content),
        recordedBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, actor, { action: 'record_exchange', entity: kind, entityId: id, agencyId: subject.agencyId, after: row });
    return listSubmissions(tx, actor, kind, id);
  });
}
