import type { z } from 'zod';
import type { IncidentDetail, ReportRule } from '../../../shared/incidents/schemas.ts';
import type { Exercise, Plan, Readiness, Roster } from '../../../shared/incidents/readiness-schemas.ts';

export type { IncidentDetail };
export type Rule = z.infer<typeof ReportRule>;
export type PlanDoc = z.infer<typeof Plan>;
export type ExerciseRow = z.infer<typeof Exercise>;
export type RosterData = z.infer<typeof Roster>;
export type ReadinessData = z.infer<typeof Readiness>;

/** "2026-03-10T08:30" from an <input type="datetime-local"> (the browser's time zone) → an ISO instant. */
export const localToIso = (v: string) => (v ? new Date(v).toISOString() : '');

/** An ISO instant → the value of an <input type="datetime-local"> in the browser's time zone. */
export function isoToLocal(iso: string | Date): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
