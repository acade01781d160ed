import { sql } from 'drizzle-orm';
import { systems } from './schema.ts';

/** SQL over `systems`: the level that counts, the approved one, else the proposed one (null before classification). */
export const effectiveLevel = sql<number | null>`coalesce(${systems.approvedLevel}, ${systems.proposedLevel})`;

/** SQL: the system is in operation (planned and retired systems owe no scans nor assessments). */
export const inOperation = sql<boolean>`(${systems.status} = 'in_operation')`;
