/**
 * What an official document prints around its content, from the issuer's settings and the register: the header
 * (governing body, issuer), number and symbol, place and date, the signer and the drafting unit of "Lưu: VT, …".
 * A document without a number in the register prints a blank number to fill in by hand; an issued one what it was
 * issued with.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { documentSettingsOf } from '../agencies/index.ts';
import { outgoingDocuments } from './schema.ts';
import { formatNumber, numberLine, symbolFor, type DocumentType } from '../../../shared/documents/numbering.ts';
import type { Signer } from '../../../shared/documents/signature.ts';
import type { DocumentSubject } from '../../../shared/documents/schemas.ts';

type DocumentFrame = {
  issuer: { governingBody: string | null; name: string };
  /** "Số: 01/BC-CATD". */
  number: string;
  /** "01/BC-CATD", or null before a number is taken. */
  reference: string | null;
  place: string;
  date: Date;
  signer: Signer | null;
  draftingUnit: string | null;
};

/** Noon in Vietnam on a calendar day, so the date line shows that day. */
const vnDay = (isoDay: string) => new Date(`${isoDay}T12:00:00+07:00`);

export async function documentFrame(
  db: Queryable,
  doc: { agencyId: number; subjectKind: DocumentSubject; subjectId: number; documentType: DocumentType; date: Date },
): Promise<DocumentFrame> {
  const settings = await documentSettingsOf(db, doc.agencyId);
  const [entry] = await db
    .select()
    .from(outgoingDocuments)
    .where(
      and(eq(outgoingDocuments.subjectKind, doc.subjectKind), eq(outgoingDocuments.subjectId, doc.subjectId), eq(outgoingDocuments.agencyId, doc.agencyId)),
    );
  const frozen = entry?.issuedFrame;
  const symbol = entry?.symbol ?? symbolFor(doc.documentType, settings.abbreviation, settings.draftingUnit);
  return {
    issuer: { governingBody: frozen ? frozen.governingBody : settings.governingBody, name: frozen?.agencyName ?? settings.agencyName },
    number: numberLine(entry?.number ?? null, symbol),
    reference: entry ? numberLine(entry.number, symbol).slice('Số: '.length) : null,
    place: frozen?.place ?? settings.place ?? settings.defaultPlace,
    date: entry?.issuedOn ? vnDay(entry.issuedOn) : doc.date,
    signer: entry?.signer ?? settings.signers[0] ?? null,
    draftingUnit: frozen ? frozen.draftingUnit : settings.draftingUnit,
  };
}

/**
 * The references ("01/BC-CAT") of the documents issued from the register, by subject id: a document has a number
 * once it is issued; one reserved and still correctable has none yet.
 */
export async function issuedReferences(
  db: Queryable,
  subjectKind: DocumentSubject,
  subjects: { id: number; agencyId: number }[],
): Promise<Map<number, string>> {
  if (!subjects.length) return new Map();
  const rows = await db
    .select({
      subjectId: outgoingDocuments.subjectId,
      agencyId: outgoingDocuments.agencyId,
      number: outgoingDocuments.number,
      symbol: outgoingDocuments.symbol,
    })
    .from(outgoingDocuments)
    .where(
      and(
        eq(outgoingDocuments.subjectKind, subjectKind),
        eq(outgoingDocuments.status, 'issued'),
        inArray(
          outgoingDocuments.subjectId,
          subjects.map((s) => s.id),
        ),
      ),
    );
  const issuer = new Map(subjects.map((s) => [s.id, s.agencyId]));
  return new Map(rows.filter((r) => issuer.get(r.subjectId) === r.agencyId).map((r) => [r.subjectId, `${formatNumber(r.number)}/${r.symbol}`]));
}
