/** What every feed parser returns, and the small readers they share. */
import { todayVn } from '../../../../shared/core/dates.ts';
import { parseSeverity, severityFromCvss, type Severity } from '../../../../shared/scans/findings.ts';
import type { FeedFormat } from '../../../../shared/warnings/feeds.ts';
import { badFile } from '../../scans/index.ts';

/**
 * One warning as the feed gives it, in the shape of WarningInput (checked by the importer, so a bad entry is reported
 * with its row), with the feed's own id for it and, for the KEV catalog, its known-exploited record.
 */
export type FeedEntry = {
  row: number;
  id: string;
  input: Record<string, unknown>;
  exploited?: Record<string, unknown>;
  /** What the parser itself could not read in the entry (the importer reports it with the row). */
  problem?: { field: string; message: string; messageVi: string };
};

/** An entry that is not what the feed's format says it should be. */
export const unreadable = (row: number, what: string, whatVi: string): FeedEntry => ({
  row,
  id: `#${row}`,
  input: {},
  problem: { field: 'row', message: `Entry ${row} is not ${what}`, messageVi: `Mục ${row} không phải ${whatVi}` },
});

/** `ignored`: entries the feed carries that name no product to match (NVD "Awaiting Analysis", rejected CVEs, withdrawn OSV). */
export type ParsedFeed = { format: FeedFormat; entries: FeedEntry[]; ignored: number };

/** A full NVD page is 2,000 CVEs, the KEV catalog about 1,400 entries. */
export const MAX_FEED_ENTRIES = 5000;

export function capEntries(n: number) {
  if (n > MAX_FEED_ENTRIES) throw badFile(`At most ${MAX_FEED_ENTRIES} warnings per file`, `Tối đa ${MAX_FEED_ENTRIES} cảnh báo mỗi tệp`);
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const objects = (v: unknown) => list(v).filter(isObject);
export const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
export const nonEmpty = (v: unknown): string | null => str(v) || null;

/**
 * A feed's date as a calendar day in Vietnam: a plain day as it is, a timestamp (UTC when it names no zone, as NVD's
 * do) converted. Unreadable text is returned as it is, so validation names it.
 */
export function feedDate(v: unknown): string | null {
  const t = str(v);
  if (!t) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return t;
  const zoned = /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(t) ? `${t}Z` : t;
  const d = new Date(zoned);
  return Number.isNaN(d.getTime()) ? t : todayVn(d);
}

/** The severity a feed states in words, else by its CVSS score; null when it gives neither. */
export function severityOf(words: unknown, score?: unknown): Severity | null {
  const s = parseSeverity(str(words));
  if (s && s !== 'info') return s;
  return typeof score === 'number' ? severityFromCvss(score) : null;
}

/** Text bounded to what a warning stores (title 500, description and action 10,000). */
export const clip = (t: string | null, max: number) => (t && t.length > max ? `${t.slice(0, max - 1)}…` : t);
