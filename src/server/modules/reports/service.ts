/** Official reports: generated from the current figures, stored with them, and read back as they were sent. */
import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { readableAgency } from '../../auth/scope.ts';
import { notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { agencies } from '../agencies/index.ts';
import { reports } from './schema.ts';
import { buildSnapshot } from './builder.ts';
import { reportIssuer } from './render.ts';
import { issuedReferences, registerDocumentSubject } from '../outgoing/index.ts';
import { REPORT_KIND_LABELS, type ReportKind } from '../../../shared/directives/tasks.ts';
import type { ReportInput, ReportListQuery, ReportSnapshot } from '../../../shared/directives/schemas.ts';

type Row = typeof reports.$inferSelect;
type Snapshot = z.infer<typeof ReportSnapshot>;

const present = ({ snapshot: _s, createdBy: _c, ...r }: Row, agencyName: string, number: string | null) => ({
  ...r,
  kind: r.kind as ReportKind,
  agencyName,
  number,
  createdAt: r.createdAt.toISOString(),
});

/** Each report's number: the one its issuer's register issued it with, none before. */
const numbersOf = (db: Queryable, rows: Row[]) =>
  issuedReferences(
    db,
    'report',
    rows.map((r) => ({ id: r.id, agencyId: reportIssuer({ agencyId: r.agencyId, snapshot: r.snapshot as Snapshot }) })),
  );

export async function listReports(db: Queryable, actor: Actor, q: z.infer<typeof ReportListQuery>) {
  const where: SQL[] = [readableAgency(actor, reports.agencyId)];
  if (q.kind) where.push(eq(reports.kind, q.kind));
  if (q.agencyId) where.push(eq(reports.agencyId, q.agencyId));
  const rows = await db
    .select({ report: reports, agencyName: agencies.name })
    .from(reports)
    .innerJoin(agencies, eq(agencies.id, reports.agencyId))
    .where(and(...where))
    .orderBy(desc(reports.id))
    .limit(500);
  const numbers = await numbersOf(
    db,
    rows.map((r) => r.report),
  );
  return rows.map((r) => present(r.report, r.agencyName, numbers.get(r.report.id) ?? null));
}

export async function getReport(db: Queryable, actor: Actor, id: number) {
  const [row] = await db
    .select({ report: reports, agencyName: agencies.name })
    .from(reports)
    .innerJoin(agencies, eq(agencies.id, reports.agencyId))
    .where(and(eq(reports.id, id), readableAgency(actor, reports.agencyId)));
  if (!row) throw notFound('Report');
  const numbers = await numbersOf(db, [row.report]);
  return { ...present(row.report, row.agencyName, numbers.get(id) ?? null), snapshot: row.report.snapshot as Snapshot };
}

registerDocumentSubject('report', async (db, actor, id) => {
  const report = await getReport(db, actor, id);
  return { agencyId: reportIssuer(report), documentType: 'bao_cao', subject: report.snapshot.subject };
});

export async function createReport(db: Db, actor: Actor, input: z.infer<typeof ReportInput>) {
  return db.transaction(async (tx) => {
    const { snapshot, dueOn } = await buildSnapshot(tx, actor, input);
    const title = `${REPORT_KIND_LABELS[input.kind].vi}: ${snapshot.subject}`;
    const [row] = await tx
      .insert(reports)
      .values({
        kind: input.kind,
        agencyId: input.agencyId,
        year: input.year,
        quarter: input.kind === 'quarterly_security' ? (input.quarter ?? null) : null,
        directiveId: snapshot.directive?.id ?? null,
        title,
        dueOn,
        snapshot,
        createdBy: actor.userId,
        createdByName: actor.fullName,
      })
      .returning();
    const figures = Object.fromEntries(snapshot.sections.flatMap((s) => s.figures.map((f) => [f.key, f.value])));
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'report',
      entityId: row!.id,
      agencyId: input.agencyId,
      after: { kind: input.kind, year: input.year, quarter: row!.quarter, directiveId: row!.directiveId, figures },
    });
    return getReport(tx, actor, row!.id);
  });
}
