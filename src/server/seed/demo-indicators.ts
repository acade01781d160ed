import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { agencies, agencyKinds } from '../modules/agencies/schema.ts';
import { agencyIndicators, itBudgets, socConnections } from '../modules/indicators/schema.ts';
import { previousPeriods } from '../../shared/indicators/rules.ts';
import type { Random } from './random.ts';

/** The quarters the demo covers, ending with the one the demo data is dated in. */
const PERIODS = previousPeriods('2026-Q4', 6);

/**
 * Quarterly reports of every state agency, improving over time with laggards, a few agencies that never
 * reported, and IT budgets around the 10% line, so every indicator shows both kinds of truth.
 */
export async function seedDemoIndicators(tx: Tx, r: Random): Promise<number> {
  const list = await tx
    .select({ id: agencies.id, kind: agencies.kind })
    .from(agencies)
    .innerJoin(agencyKinds, and(eq(agencyKinds.code, agencies.kind), eq(agencyKinds.external, false)));
  const providers = await tx.select({ id: agencies.id, kind: agencies.kind }).from(agencies).where(sql`${agencies.kind} in ('security_firm', 'assessor')`);
  const firm = providers.find((p) => p.kind === 'security_firm')?.id ?? null;
  const assessor = providers.find((p) => p.kind === 'assessor')?.id ?? null;
  let reports = 0;
  for (const a of list) {
    if (r.chance(0.07)) continue; // never reported
    const big = ['department', 'province_committee', 'police', 'hospital'].includes(a.kind);
    const servers = big ? r.int(4, 30) : r.int(0, 3);
    const workstations = big ? r.int(60, 400) : r.int(10, 60);
    const staff = Math.round(workstations * (0.9 + r.next() * 0.3));
    let coverage = 0.4 + r.next() * 0.4;
    let trained = 0.2 + r.next() * 0.4;
    const layers = [r.chance(0.9), r.chance(0.6), r.chance(0.5), r.chance(0.4)];
    const start = r.int(0, 2);
    for (const period of PERIODS.slice(start)) {
      coverage = Math.min(1, coverage + r.next() * 0.15);
      trained = period.endsWith('Q1') ? 0.1 + r.next() * 0.2 : Math.min(1, trained + r.next() * 0.25);
      if (r.chance(0.2)) layers[r.int(0, 3)] = true;
      const total = servers + workstations;
      await tx.insert(agencyIndicators).values({
        agencyId: a.id,
        period,
        servers,
        workstations,
        protectedEndpoints: Math.round(total * (r.chance(0.15) ? 1 : coverage)),
        antimalwareProduct: r.pick(['Kaspersky Endpoint Security', 'BKAV Endpoint', 'CMC Endpoint Security', 'Viettel Endpoint Detection']),
        antimalwareConsole: 'Máy chủ quản trị tập trung của tỉnh',
        staffTotal: staff,
        staffTrained: Math.round(staff * (r.chance(0.2) ? 1 : trained)),
        trainingSessions: r.int(0, 4),
        layerOnsite: layers[0]!,
        layerOnsiteTeam: layers[0] ? 'Tổ CNTT của cơ quan' : null,
        layerMonitoring: layers[1]!,
        layerMonitoringProviderId: layers[1] ? firm : null,
        layerAssessor: layers[2]!,
        layerAssessorId: layers[2] ? assessor : null,
        layerNational: layers[3]!,
        layerNationalConnectedOn: layers[3] ? '2024-06-15' : null,
        cleanCyberspace: r.chance(period.endsWith('Q4') ? 0.8 : 0.4),
        pdpSelfAssessment: r.chance(0.6),
      });
      reports++;
    }
    for (const year of [2025, 2026]) {
      for (let i = r.int(0, 2); i > 0; i--) {
        const total = r.int(2, 80) * 100_000_000;
        const share = r.chance(0.3) ? 0.03 + r.next() * 0.06 : 0.1 + r.next() * 0.08;
        await tx.insert(itBudgets).values({
          agencyId: a.id,
          year,
          kind: r.pick(['plan', 'project'] as const),
          name: `${r.pick(['Kế hoạch ứng dụng CNTT', 'Dự án nâng cấp hạ tầng mạng', 'Dự án phần mềm quản lý chuyên ngành', 'Kế hoạch chuyển đổi số'])} năm ${year}`,
          totalAmount: total,
          securityAmount: Math.round(total * share),
        });
      }
    }
  }
  return reports;
}

/**
 * Demo links to the province's security operations centre: most departments and district-level bodies connected
 * between 2024 and 2026, a few communes, one link that stopped. Marked as demo data in the scope text.
 */
export async function seedDemoSocConnections(tx: Tx, r: Random): Promise<number> {
  const list = await tx
    .select({ id: agencies.id, kind: agencies.kind })
    .from(agencies)
    .innerJoin(agencyKinds, and(eq(agencyKinds.code, agencies.kind), eq(agencyKinds.external, false)))
    .orderBy(agencies.id);
  let links = 0;
  for (const a of list) {
    const likely = ['department', 'province_committee', 'police', 'military', 'district_committee'].includes(a.kind) ? 0.8 : 0.3;
    if (!r.chance(likely)) continue;
    const connectedOn = `${r.int(2024, 2026)}-${String(r.int(1, 9)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    await tx.insert(socConnections).values({
      agencyId: a.id,
      connectedOn,
      scope: `(Dữ liệu mẫu) ${r.pick(['Nhật ký tường lửa và máy chủ cổng thông tin', 'Nhật ký máy chủ, tường lửa; cảnh báo phòng chống mã độc', 'Cảnh báo của hệ thống phòng chống mã độc tập trung'])} gửi về Trung tâm điều hành ATTT, an ninh mạng của tỉnh`,
      disconnectedOn: links === 3 ? '2026-10-05' : null,
      note: links === 3 ? '(Dữ liệu mẫu) Mất kết nối khi thay tường lửa; đang cấu hình lại' : null,
    });
    links++;
  }
  return links;
}
