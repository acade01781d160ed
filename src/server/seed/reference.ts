import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Queryable } from '../db/client.ts';
import { agencyKinds, designations } from '../modules/agencies/schema.ts';
import { approvalRules } from '../modules/dossiers/schema.ts';
import { loadRequirementCatalog } from '../modules/requirements/service.ts';
import { loadProvinceParameters } from '../modules/parameters/service.ts';
import { referenceOf } from '../../shared/dossiers/matrix.ts';
import type { Citation } from '../../shared/legal/citation.ts';

const dataDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data');
export const readData = <T>(file: string): T => JSON.parse(readFileSync(path.join(dataDir, file), 'utf8')) as T;

/** Catalogs every installation needs. Adds what is missing and never overwrites an admin's edits. */
export async function ensureReferenceData(db: Queryable) {
  const kinds = readData<{ code: string; nameVi: string; nameEn: string; external?: boolean }[]>('agency-kinds.json');
  await db
    .insert(agencyKinds)
    .values(kinds.map((k, i) => ({ ...k, external: k.external ?? false, sort: i * 10 })))
    .onConflictDoNothing();
  const functions = readData<{ code: string; titleVi: string; titleEn: string }[]>('designations.json');
  await db.insert(designations).values(functions).onConflictDoNothing();
  const matrix = readData<(Omit<typeof approvalRules.$inferInsert, 'reference'> & { citations: Citation[] })[]>('approval-matrix.json');
  await db
    .insert(approvalRules)
    .values(matrix.map(({ citations, ...row }) => ({ ...row, reference: referenceOf(citations) })))
    .onConflictDoNothing();
  await loadRequirementCatalog(db);
  await loadProvinceParameters(db);
}
