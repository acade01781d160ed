/**
 * Report sections. A section reads the current figures for an agency subtree and period and returns them as a
 * self-contained snapshot (headings, sentences with the numbers, tables). The report stores the snapshots, and the
 * DOCX and XLSX are rendered from them alone, so a report opened later shows what was sent.
 *
 * Another module adds a section to some report kinds with one call:
 *   registerReportSection({ key: 'antimalware', build: async (ctx) => ({ ... }) }, ['quarterly_security', 'agency_compliance']);
 */
import type { z } from 'zod';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import type { ReportSectionSnapshot } from '../../../shared/directives/schemas.ts';
import type { ReportKind } from '../../../shared/directives/tasks.ts';

type SectionSnapshot = z.infer<typeof ReportSectionSnapshot>;

export type ReportContext = {
  db: Queryable;
  actor: Actor;
  kind: ReportKind;
  /** Root of the subtree reported on. */
  agency: { id: number; name: string; path: string };
  period: { from: string; to: string; label: string };
  year: number;
  quarter: number | null;
  directive: { id: number; number: string; title: string } | null;
  /** Vietnamese calendar day the report is built on. */
  today: string;
};

export type ReportSection = {
  key: string;
  /** null leaves the section out (nothing to say for this subtree). */
  build(ctx: ReportContext): Promise<SectionSnapshot | null>;
};

const sections = new Map<string, ReportSection>();
/**
 * The order of the sections; sections registered later go after them. The incidents and the warnings modules add
 * `incidents` and `vulnerabilities` to the quarterly report (Dispatch 33/CĐ-TTg §1.c: the security of the systems).
 */
const layout: Record<ReportKind, string[]> = {
  quarterly_security: ['systems', 'incidents', 'vulnerabilities', 'contacts', 'tasks'],
  directive_yearly: ['directive_tasks', 'systems'],
  agency_compliance: ['systems', 'system_list', 'contacts', 'tasks'],
  yearly_security: ['systems', 'indicators', 'contacts', 'tasks', 'contributions'],
};

/** Adds (or replaces) a section and appends it to the given report kinds. */
export function registerReportSection(section: ReportSection, kinds: ReportKind[]) {
  sections.set(section.key, section);
  for (const kind of kinds) if (!layout[kind].includes(section.key)) layout[kind].push(section.key);
}

export const sectionsOf = (kind: ReportKind): ReportSection[] => layout[kind].flatMap((key) => sections.get(key) ?? []);

/** "45,5%" — Vietnamese decimal comma; "—" when there is no denominator. */
export const pct = (n: number | null) => (n === null ? '—' : `${String(n).replace('.', ',')}%`);
/**
 * `pct`'s text read back as the number (45.5), with the sign of a minimum target ("≥ 10%"), null for other text:
 * the workbook holds percentages as numbers.
 */
export function fromPct(text: string): { percent: number; atLeast: boolean } | null {
  const m = /^(≥ )?(-?\d+(?:,\d+)?)%$/.exec(text);
  return m ? { percent: Number(m[2]!.replace(',', '.')), atLeast: !!m[1] } : null;
}
