import type { Citation } from '../legal/citation.ts';
import { INCIDENT_EFFECTS, type HandlingCapacity, type IncidentEffect } from './vocabulary.ts';

/**
 * A serious incident (sự cố nghiêm trọng), Decision 05/2017/QĐ-TTg Art. 9: one that meets both criteria at once —
 * (1) the affected system is of level 4 or 5 or on the list of national important information systems, and the
 * incident has one of the effects of points a–đ; (2) the owner cannot control and handle it by itself.
 * Khiên derives it from the reported facts; the national coordinator's classification after verification
 * (Art. 14(2)(b)) is what the national procedure follows.
 */

export type AffectedSystemFacts = { level: number | null; nationalImportantList: boolean };

const ARTICLE_9: Citation = { instrument: 'decision-05-2017', article: 9 };
const POINTS: Record<IncidentEffect, string> = {
  service_disruption: 'a',
  secret_data_exposure: 'b',
  unrecoverable_integrity_loss: 'c',
  loss_of_control: 'd',
  spread_or_cascade: 'đ',
};

/** Level 4 or 5 or on the national list: the systems criterion of Art. 9(1). */
const seriousSystem = (s: AffectedSystemFacts) => (s.level !== null && s.level >= 4) || s.nationalImportantList;

export type Seriousness = {
  serious: boolean;
  /** Art. 9(1): some affected system qualifies. */
  systemCriterion: boolean;
  /** Art. 9(1) a–đ: the effects stated, in the article's order. */
  effects: IncidentEffect[];
  /** Art. 9(2): the owner cannot control and handle the incident. */
  capacityCriterion: boolean;
  /** The clauses and points met. */
  grounds: Citation[];
};

export function seriousness(i: { systems: readonly AffectedSystemFacts[]; effects: readonly IncidentEffect[]; capacity: HandlingCapacity }): Seriousness {
  const systemCriterion = i.systems.some(seriousSystem);
  const effects = INCIDENT_EFFECTS.filter((e) => i.effects.includes(e));
  const capacityCriterion = i.capacity === 'beyond_owner';
  const grounds: Citation[] = [
    ...(systemCriterion ? effects.map((e) => ({ ...ARTICLE_9, clause: 1, point: POINTS[e] })) : []),
    ...(capacityCriterion ? [{ ...ARTICLE_9, clause: 2 }] : []),
  ];
  return { serious: systemCriterion && effects.length > 0 && capacityCriterion, systemCriterion, effects, capacityCriterion, grounds };
}
