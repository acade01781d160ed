/** An agency's settings for the documents it issues (Decree 30/2020 Appendix I): read, edit, and resolved for printing. */
import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert } from '../../auth/scope.ts';
import { invalid } from '../../http/errors.ts';
import { change } from '../../db/change.ts';
import { agencies } from './schema.ts';
import { findVisible } from './service.ts';
import { mayEditDocumentSettings } from './access.ts';
import { initialsOf } from '../../../shared/documents/numbering.ts';
import { placeFromProvince } from '../../../shared/documents/header.ts';
import { signerProblem, type Signer } from '../../../shared/documents/signature.ts';
import type { DocumentSettingsInput } from '../../../shared/documents/schemas.ts';

/** The place of documents whose agency sets none: from the name of the province's committee. */
async function provincePlace(db: Queryable): Promise<string> {
  const [root] = await db
    .select({ name: agencies.name })
    .from(agencies)
    .where(and(isNull(agencies.parentId), eq(agencies.kind, 'province_committee')))
    .limit(1);
  return root ? placeFromProvince(root.name) : '';
}

/** What a document issued by the agency prints: its name, governing body, abbreviation, place, drafting unit, signers. */
export async function documentSettingsOf(db: Queryable, agencyId: number) {
  const [row] = await db.select().from(agencies).where(eq(agencies.id, agencyId));
  if (!row) throw new Error(`agency ${agencyId} not found`);
  const defaultPlace = await provincePlace(db);
  return {
    agencyId: row.id,
    agencyName: row.name,
    abbreviation: row.docAbbreviation ?? initialsOf(row.name),
    place: row.docPlace,
    defaultPlace,
    governingBody: row.docGoverningBody,
    draftingUnit: row.docDraftingUnit,
    signers: row.docSigners,
  };
}

export async function getDocumentSettings(db: Queryable, actor: Actor, id: number) {
  const agency = await findVisible(db, actor, id);
  return { ...(await documentSettingsOf(db, id)), can: { edit: mayEditDocumentSettings(actor, agency) } };
}

export async function putDocumentSettings(db: Db, actor: Actor, id: number, input: z.infer<typeof DocumentSettingsInput>) {
  input.signers.forEach((s, i) => {
    const problem = signerProblem(s as Signer);
    if (problem) throw invalid(`signers.${i}.${problem[0]}`, problem[1], problem[2]);
  });
  return change(db, actor, {
    find: async (tx) => {
      const agency = await findVisible(tx, actor, id);
      assert(mayEditDocumentSettings(actor, agency));
      const [before] = await tx.select().from(agencies).where(eq(agencies.id, id)).for('update');
      return before!;
    },
    apply: async (tx, before) => {
      const [after] = await tx
        .update(agencies)
        .set({
          docAbbreviation: input.abbreviation,
          docPlace: input.place,
          docGoverningBody: input.governingBody,
          docDraftingUnit: input.draftingUnit,
          docSigners: input.signers as Signer[],
          updatedAt: new Date(),
        })
        .where(eq(agencies.id, id))
        .returning();
      const pick = (r: typeof before) => ({
        docAbbreviation: r.docAbbreviation,
        docPlace: r.docPlace,
        docGoverningBody: r.docGoverningBody,
        docDraftingUnit: r.docDraftingUnit,
        docSigners: r.docSigners,
      });
      return { action: 'update', entity: 'agency_document_settings', entityId: id, agencyId: id, before: pick(before), after: pick(after!) };
    },
    answer: (tx) => getDocumentSettings(tx, actor, id),
  });
}
