/**
 * SQL over `systems` (one row per system) for any query that joins it: the last scan, the scan schedule of
 * shared/assessments/schedule.ts (every `scan.intervalMonths` months, the province parameter in effect today) and the
 * open findings.
 */
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { outer, todaySql } from '../../db/sql.ts';
import { inOperation } from '../systems/index.ts';
import { DUE_DAYS, UNRESOLVED_STATUSES } from '../../../shared/scans/workflow.ts';
import { SEVERITIES } from '../../../shared/scans/findings.ts';
import { parameterSql } from '../parameters/index.ts';

const systemId = outer('systems');
const interval = sql`make_interval(months => (${parameterSql('scan.intervalMonths')})::int)`;
const lastScanOn = sql<string | null>`(select max(sc.scanned_on)::text from scans sc where sc.system_id = ${systemId})`;
const scannedWithin6Months = sql<boolean>`coalesce(((${lastScanOn})::date + ${interval})::date >= ${todaySql}, false)`;

export const scanFacts = {
  lastScanOn,
  nextScanDue: sql<string | null>`((${lastScanOn})::date + ${interval})::date::text`,
  scannedWithin6Months,
  /** In operation and not scanned within the interval (never scanned counts). */
  scanOverdue: sql<boolean>`(${inOperation} and not ${scannedWithin6Months})`,
  openFindings: (severity: string) =>
    sql<number>`(select count(*)::int from findings sf where sf.system_id = ${systemId} and ${unresolved(sql`sf.status`)} and sf.severity = ${severity})`,
};

/** A findings status column is still owed (open, confirmed, in remediation). */
export const unresolved = (status: AnyColumn | SQL) => sql`${status} in (${sql.raw(UNRESOLVED_STATUSES.map((s) => `'${s}'`).join(', '))})`;

const dueDays = sql.raw(`case findings.severity ${SEVERITIES.map((s) => `when '${s}' then ${DUE_DAYS[s]}`).join(' ')} end`);
/** The finding's due day by the severity policy (shared/scans/workflow.ts findingDueOn), over the `findings` table. */
export const findingDueOn = sql<string>`(findings.first_seen_on + ${dueDays})::date`;
/** Still owed and past its due day: the one definition the lists, the province view and the reminders use. */
export const findingOverdue = sql<boolean>`(${unresolved(sql`findings.status`)} and ${findingDueOn} < ${todaySql})`;

/**
 * Whether any CVE of a text[] column is in the KEV catalog (the warnings module's known_exploited_cves, read only).
 * It lives here because warnings depends on scans: findings and warnings both use it without a cycle between them.
 */
export const anyExploited = (cveIds: AnyColumn | SQL) => sql<boolean>`exists (select 1 from known_exploited_cves k where k.cve_id = any(${cveIds}))`;
