/**
 * SQL over `systems` (one row per system) for any query that joins it: the last scan, the scan schedule of
 * shared/assessments/schedule.ts (every SCAN_INTERVAL_MONTHS months) and the open findings.
 */
import { sql } from 'drizzle-orm';
import { outer, todaySql } from '../../db/sql.ts';
import { inOperation } from '../systems/index.ts';
import { SCAN_INTERVAL_MONTHS } from '../../../shared/assessments/schedule.ts';

const systemId = outer('systems');
const interval = sql.raw(`interval '${SCAN_INTERVAL_MONTHS} months'`);
const lastScanOn = sql<string | null>`(select max(sc.scanned_on)::text from scans sc where sc.system_id = ${systemId})`;
const scannedWithin6Months = sql<boolean>`coalesce(((${lastScanOn})::date + ${interval})::date >= ${todaySql}, false)`;

export const scanFacts = {
  lastScanOn,
  nextScanDue: sql<string | null>`((${lastScanOn})::date + ${interval})::date::text`,
  scannedWithin6Months,
  /** In operation and not scanned within the interval (never scanned counts). */
  scanOverdue: sql<boolean>`(${inOperation} and not ${scannedWithin6Months})`,
  openFindings: (severity: string) =>
    sql<number>`(select count(*)::int from findings sf where sf.system_id = ${systemId} and sf.status = 'open' and sf.severity = ${severity})`,
};
