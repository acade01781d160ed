import type pg from 'pg';
import type { Random } from '../../src/server/seed/random.ts';
import type { AgencyRow } from '../generate.ts';

/** What the module generators get: the COPY connection, the seeded random stream and what was generated so far. */
export type National = {
  client: pg.PoolClient;
  r: Random;
  agencies: AgencyRow[];
  systems: { id: number; agencyId: number; level: number | null; approved: boolean }[];
  step: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
};

/** Incidents, warnings and directives add their national-scale rows here. */
export const extraGenerators: ((n: National) => Promise<void>)[] = [];
