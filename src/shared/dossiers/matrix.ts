/**
 * The approval matrix: who appraises and who approves each proposed level (Decree 85/2016 Art. 12, Art. 14).
 * A row is data (data/approval-matrix.json, then the table `approval_rules`, editable by the platform admin); this
 * file says what a row means for the parties to a dossier.
 *
 * Every level has one acting unit in Khiên, the owner's specialized security unit (named by a designation): it
 * appraises where the appraiser is `internal` (levels 1–3), records the outside appraisal where it is `external`
 * (the ministry, levels 4–5), gives the professional opinion where one is required (levels 4–5), records the Prime
 * Minister's list (level 5) and approves where the approver is `internal` (levels 1–2). `owner` approvals are the
 * owner's head's: an agency admin of the owning agency or above.
 */
import type { Flow, Party } from './workflow.ts';
import { formatCitation, type Citation } from '../legal/citation.ts';

export const APPRAISER_KINDS = ['internal', 'external'] as const;
export const APPROVER_KINDS = ['internal', 'owner', 'external'] as const;
export type AppraiserKind = (typeof APPRAISER_KINDS)[number];
export type ApproverKind = (typeof APPROVER_KINDS)[number];

export type MatrixRow = {
  appraiserKind: AppraiserKind;
  approverKind: ApproverKind;
  /** The specialized unit's professional opinion is part of the dossier (Art. 14 k1 d, Art. 15 k5). */
  opinionRequired: boolean;
  /** Who approves the list the system must be on before the owner approves (the Prime Minister, Art. 12 k3 đ); null: no list. */
  listApproverNameVi: string | null;
};

/** What the actor is to this dossier's owner. A platform admin is all three. */
export type Standing = {
  /** May edit the owning agency's records: the operator's side, who prepares and submits. */
  ownerEditor: boolean;
  /** The owner's head: an agency admin of the owning agency or of an agency above it. */
  ownerHead: boolean;
  /** Staff of the specialized security unit that serves this owner. */
  unit: boolean;
};

export const flowOf = (row: MatrixRow): Flow => ({ opinion: row.opinionRequired, list: row.listApproverNameVi !== null });

/** The parts the actor plays for a dossier under a row of the matrix. */
export function partiesFor(row: MatrixRow, standing: Standing): Set<Party> {
  const parties = new Set<Party>();
  if (standing.ownerEditor) parties.add('owner');
  if (standing.unit) parties.add('unit');
  // The unit appraises (internal) or records the ministry's appraisal (external): the same people either way.
  if (standing.unit) parties.add('appraiser');
  if (row.approverKind === 'owner' ? standing.ownerHead : standing.unit) parties.add('approver');
  return parties;
}

/** The reference shown with a row: its citations in the official wording, one after another. */
export const referenceOf = (citations: Citation[]) => citations.map((c) => formatCitation(c)).join('; ');
