/**
 * The legal registry: every instrument Khiên cites, with its dates, status and where each fact was read
 * (data/legal/instruments.json). A fact that could not be read from a source is left null and the status is
 * `to_confirm`, with a note saying what is unknown; nothing here is inferred.
 */
import { z } from 'zod';
import data from '../../../data/legal/instruments.json' with { type: 'json' };
import { isoDate } from '../core/schemas.ts';

const INSTRUMENT_STATUSES = ['in_force', 'replaced', 'expired', 'to_confirm'] as const;

/** How directly a fact was read: the instrument itself, the official codification, a provincial seed document, or a third party. */
const SOURCE_KINDS = ['official_text', 'codified_text', 'provincial_seed', 'secondary'] as const;

const words = z.string().min(1).max(2000);

export const Instrument = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  kindVi: words,
  kindEn: words,
  /** Số, ký hiệu as written ("85/2016/NĐ-CP"); null when the text leaves it blank. */
  number: words.nullable(),
  /** How a citation names it when "<kind> số <number>" does not fit (a standard, an unnumbered letter). */
  nameVi: words.nullable(),
  nameEn: words.nullable(),
  titleVi: words,
  titleEn: words,
  issuerVi: words,
  issuerEn: words,
  issuedOn: isoDate.nullable(),
  /** The year or month of issue when the text gives no day ("2024", "2023-06"). */
  issuedIn: z
    .string()
    .regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/)
    .nullable(),
  inForceFrom: isoDate.nullable(),
  /** The first day it no longer has effect ("hết hiệu lực kể từ ngày …"). */
  inForceUntil: isoDate.nullable(),
  replacedBy: z.string().nullable(),
  status: z.enum(INSTRUMENT_STATUSES),
  /** The day its status was last checked against the sources. */
  checkedOn: isoDate,
  noteVi: words.nullable(),
  noteEn: words.nullable(),
  sources: z.array(z.object({ kind: z.enum(SOURCE_KINDS), ref: words, read: words })).min(1),
});
export type Instrument = z.infer<typeof Instrument>;

/** Whether it has effect on that day by its recorded status and dates. */
export const inForceOn = (i: Instrument, day: string) =>
  i.status === 'in_force' && i.inForceFrom !== null && i.inForceFrom <= day && (i.inForceUntil === null || i.inForceUntil > day);

/** What is wrong with an instrument's status given its dates, as of the day it was checked. */
function statusProblems(i: Instrument, ids: ReadonlySet<string>): string[] {
  const day = i.checkedOn;
  const problems: string[] = [];
  if (i.issuedOn && i.issuedIn) problems.push('issuedOn and issuedIn are both set');
  if (i.issuedOn && i.inForceFrom && i.inForceFrom < i.issuedOn) problems.push('in force before it was issued');
  if (i.inForceFrom && i.inForceUntil && i.inForceUntil <= i.inForceFrom) problems.push('ends before it starts');
  if (i.replacedBy !== null && !ids.has(i.replacedBy)) problems.push(`replacedBy ${i.replacedBy} is not in the registry`);
  if (i.replacedBy === i.id) problems.push('replaced by itself');
  if (i.number === null && (i.nameVi === null || i.nameEn === null)) problems.push('no number and no name');
  const ended = i.inForceUntil !== null && i.inForceUntil <= day;
  switch (i.status) {
    case 'in_force':
      if (!inForceOn(i, day)) problems.push(`not in force on ${day} by its dates`);
      if (i.replacedBy !== null) problems.push('in force yet replaced');
      break;
    case 'replaced':
      if (i.replacedBy === null) problems.push('replaced by nothing');
      if (i.inForceUntil !== null && !ended) problems.push(`still in force on ${day} by its dates`);
      break;
    case 'expired':
      if (!ended) problems.push(`no end date on or before ${day}`);
      if (i.replacedBy !== null) problems.push('expired yet replaced: use replaced');
      break;
    case 'to_confirm':
      if (!i.noteVi || !i.noteEn) problems.push('to_confirm without a note of what is unknown');
      break;
  }
  return problems;
}

export const InstrumentList = z.array(Instrument).superRefine((list, ctx) => {
  const ids = new Set<string>();
  for (const i of list) {
    if (ids.has(i.id)) ctx.addIssue({ code: 'custom', message: `duplicate id ${i.id}` });
    ids.add(i.id);
  }
  for (const i of list) for (const p of statusProblems(i, ids)) ctx.addIssue({ code: 'custom', message: `${i.id}: ${p}` });
});

export const INSTRUMENTS: readonly Instrument[] = InstrumentList.parse(data);
const byId = new Map(INSTRUMENTS.map((i) => [i.id, i]));

export function instrumentById(id: string): Instrument {
  const i = byId.get(id);
  if (!i) throw new Error(`unknown legal instrument ${id}`);
  return i;
}

/**
 * Where a rule citing it stands today: `not_in_force` once replaced, expired or outside its dates, `to_confirm`
 * while its status is not known.
 */
export type Standing = 'in_force' | 'not_in_force' | 'to_confirm';
export const standingOn = (i: Instrument, day: string): Standing =>
  i.status === 'to_confirm' ? 'to_confirm' : inForceOn(i, day) ? 'in_force' : 'not_in_force';
