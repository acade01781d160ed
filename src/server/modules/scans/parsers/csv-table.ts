/** A CSV read once for every CSV format: records keyed by normalised header, and a test of which headers it has. */
import { readCsvRecords } from './text.ts';
import { MAX_RESULTS } from './report.ts';

export type CsvTable = { headers: string[]; rows: { line: number; rec: Record<string, string> }[]; has: (...keys: string[]) => boolean };

export function csvTable(text: string): CsvTable {
  const { headers, rows } = readCsvRecords(text, MAX_RESULTS);
  const set = new Set(headers);
  return { headers, rows, has: (...keys) => keys.every((k) => set.has(k)) };
}
