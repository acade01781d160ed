/**
 * What a level proposal dossier holds (Decree 85/2016 Art. 15) and whether it is all there before it is submitted.
 * Each part is a section written in Khiên or an attachment marked as that part; the level justification is the
 * recorded classification (its reasons, and the owner's justification when the proposed level differs), and the
 * professional opinion is the one the specialized unit gives in Khiên (give_opinion).
 */
import type { Citation } from '../legal/citation.ts';

export const DOSSIER_PARTS = ['overview', 'design', 'justification', 'security_plan', 'opinion'] as const;
export type DossierPart = (typeof DOSSIER_PARTS)[number];
/** The parts an attachment can stand for. */
export const ATTACHABLE_PARTS = ['overview', 'design', 'security_plan'] as const;
export type AttachablePart = (typeof ATTACHABLE_PARTS)[number];

const art15 = (clause: number, point?: string): Citation => ({ instrument: 'decree-85-2016', article: 15, clause, ...(point ? { point } : {}) });

export type ContentsInput = {
  description: string | null;
  securityPlan: string | null;
  /** The dossier carries the system's classification (always, since a dossier is opened from one). */
  classified: boolean;
  opinion: string | null;
  attachedParts: ReadonlySet<AttachablePart>;
  opinionRequired: boolean;
  /** A new or expanded system (planned, in development): a preliminary design; otherwise the approved construction design. */
  project: boolean;
};

export type PartStatus = {
  part: DossierPart;
  required: boolean;
  present: boolean;
  via: 'section' | 'attachment' | 'classification' | null;
  /** For the design: the document a project needs (a preliminary design) or a running system needs (its construction design). */
  variant: 'project' | 'running' | null;
  citation: Citation;
};

const written = (s: string | null) => !!s && s.trim().length > 0;

export function dossierContents(d: ContentsInput): PartStatus[] {
  const either = (part: AttachablePart, section: string | null) =>
    written(section) ? ('section' as const) : d.attachedParts.has(part) ? ('attachment' as const) : null;
  const parts: [DossierPart, boolean, PartStatus['via'], Citation][] = [
    ['overview', true, either('overview', d.description), art15(1)],
    ['design', true, d.attachedParts.has('design') ? 'attachment' : null, art15(2, d.project ? 'a' : 'b')],
    ['justification', true, d.classified ? 'classification' : null, art15(3)],
    ['security_plan', true, either('security_plan', d.securityPlan), art15(4)],
    ['opinion', d.opinionRequired, written(d.opinion) ? 'section' : null, art15(5)],
  ];
  return parts.map(([part, required, via, citation]) => ({
    part,
    required,
    present: via !== null,
    via,
    variant: part === 'design' ? (d.project ? 'project' : 'running') : null,
    citation,
  }));
}

/** The required parts that are missing, in the order of Art. 15. */
export const missingParts = (d: ContentsInput): DossierPart[] =>
  dossierContents(d)
    .filter((p) => p.required && !p.present)
    .map((p) => p.part);
