/**
 * The time limits of a level dossier, from its receipt to the approval:
 * - completeness: the receiving body checks the dossier within 5 working days of receipt and, if it is incomplete,
 *   says so in writing (Circular 03/2017/TT-BTTTT Art. 14 k3);
 * - appraisal: at most 15 days (level 3) or 30 days (levels 4–5) from a complete, valid dossier (Decree 85/2016
 *   Art. 16 k2 a, b). The decree says "days", not working days; it sets no limit for levels 1–2;
 * - approval: at most 7 working days from a complete approval dossier, i.e. the dossier with its appraisal
 *   (Art. 17 k1, k2). For level 5 it counts from the recorded Prime Minister's list; the list itself has no limit.
 * A period starts the day after the event (receipt, completeness, appraisal); a period of days whose last day is a
 * day off ends on the next working day (Civil Code 2015 Arts. 147, 148 k5).
 * In Khiên the events are the workflow's: receipt is the submission, completeness is start_appraisal.
 */
import { addDays } from '../core/recurrence.ts';
import { addWorkingDays, isConfirmedBetween, onOrNextWorkingDay, type WorkingCalendar } from '../core/working-days.ts';
import type { Citation } from '../legal/citation.ts';
import type { DossierState, Flow } from './workflow.ts';

export const DOSSIER_STAGES = ['completeness', 'appraisal', 'approval'] as const;
export type DossierStage = (typeof DOSSIER_STAGES)[number];
export type TimeLimit = { days: number; unit: 'working' | 'calendar'; citation: Citation };

const art = (article: number, clause: number, point?: string): Citation => ({ instrument: 'decree-85-2016', article, clause, ...(point ? { point } : {}) });

const COMPLETENESS: TimeLimit = { days: 5, unit: 'working', citation: { instrument: 'circular-03-2017', article: 14, clause: 3 } };
const APPRAISAL: Partial<Record<number, TimeLimit>> = {
  3: { days: 15, unit: 'calendar', citation: art(16, 2, 'a') },
  4: { days: 30, unit: 'calendar', citation: art(16, 2, 'b') },
  5: { days: 30, unit: 'calendar', citation: art(16, 2, 'b') },
};
const APPROVAL: TimeLimit = { days: 7, unit: 'working', citation: art(17, 2) };

/** The limit of a stage for a proposed level, or null when the texts set none. */
export function timeLimit(stage: DossierStage, level: number): TimeLimit | null {
  if (stage === 'completeness') return COMPLETENESS;
  if (stage === 'approval') return APPROVAL;
  return APPRAISAL[level] ?? null;
}

/** The last day of a limit that starts on `start` (not counted). */
export function dueOn(start: string, limit: TimeLimit, cal: WorkingCalendar): string {
  return limit.unit === 'working' ? addWorkingDays(start, limit.days, cal) : onOrNextWorkingDay(addDays(start, limit.days), cal);
}

/** The stage a dossier is in while it sits in a state, if that stage has a clock. */
function stageIn(state: DossierState, flow: Flow): DossierStage | null {
  if (state === 'submitted') return 'completeness';
  if (state === 'under_appraisal') return 'appraisal';
  return state === (flow.list ? 'listed' : 'appraised') ? 'approval' : null;
}

/** A workflow event: the state it led to and its Vietnamese calendar day. */
export type StageEvent = { toState: DossierState; on: string };

export type Deadline = {
  stage: DossierStage;
  limit: TimeLimit;
  startedOn: string;
  dueOn: string;
  doneOn: string | null;
  /** running: not done, due today or later; overdue: not done after the due day; met / late: done on or before / after it. */
  status: 'running' | 'overdue' | 'met' | 'late';
  /** The period runs through a year whose days off are not (all) announced: the due day may move. */
  provisional: boolean;
};

/**
 * The deadlines of the dossier's latest submission, one per stage it has reached (events in order). A returned
 * and resubmitted dossier is a new receipt: its clocks start again.
 */
export function dossierDeadlines(level: number, flow: Flow, events: StageEvent[], cal: WorkingCalendar, today: string): Deadline[] {
  const from = events.findLastIndex((e) => e.toState === 'submitted');
  if (from < 0) return [];
  const out: Deadline[] = [];
  for (let i = from; i < events.length; i++) {
    const stage = stageIn(events[i]!.toState, flow);
    const limit = stage && timeLimit(stage, level);
    if (!stage || !limit) continue;
    const startedOn = events[i]!.on;
    const due = dueOn(startedOn, limit, cal);
    const doneOn = events[i + 1]?.on ?? null;
    const status = doneOn ? (doneOn > due ? 'late' : 'met') : today > due ? 'overdue' : 'running';
    out.push({ stage, limit, startedOn, dueOn: due, doneOn, status, provisional: !isConfirmedBetween(startedOn, due, cal) });
  }
  return out;
}
