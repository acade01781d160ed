import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Queryable } from '../db/client.ts';
import { agencyKinds, designations } from '../modules/agencies/schema.ts';
import { approvalRules } from '../modules/dossiers/schema.ts';
import { loadRequirementCatalog } from '../modules/requirements/service.ts';

const dataDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data');
export const readData = <T>(file: string): T => JSON.parse(readFileSync(path.join(dataDir, file), 'utf8')) as T;

/** Catalogs every installation needs. Adds what is missing and never overwrites an admin's edits. */
export async function ensureReferenceData(db: Queryable) {
  const kinds = readData<{ code: string; nameVi: string; nameEn: string; external?: boolean }[]>('agency-kinds.json');
  await db.insert(agencyKinds).values(kinds.map((k, i) => ({ ...k, external: k.external ?? false, sort: i * 10 }))).onConflictDoNothing();
  const functions = readData<{ code: string; titleVi: string; titleEn: string }[]>('designations.json');
  await db.insert(designations).values(functions).onConflictDoNothing();
  await db.insert(approvalRules).values(readData('approval-matrix.json')).onConflictDoNothing();
  await loadRequirementCatalog(db);
}
