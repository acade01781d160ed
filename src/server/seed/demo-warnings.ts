import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import type { Random } from './random.ts';
import { agencies } from '../modules/agencies/schema.ts';
import { systems, systemSoftware } from '../modules/systems/schema.ts';
import { effectiveLevel } from '../modules/systems/index.ts';
import { users } from '../modules/users/schema.ts';
import { remediationItems, warnings } from '../modules/warnings/schema.ts';
import { scans } from '../modules/scans/schema.ts';
import { assessments, inspectionAgencies, inspectionRounds, inspectionTasks } from '../modules/assessments/schema.ts';
import { insertWarning } from '../modules/warnings/service.ts';
import { applyFindings } from '../modules/scans/service.ts';
import { WarningInput } from '../../shared/warnings/schemas.ts';
import { addDays } from '../../shared/warnings/remediation.ts';
import { todayVn } from '../../shared/core/dates.ts';
import { compareVersions } from '../../shared/warnings/versions.ts';
import { normalizeName } from '../../shared/warnings/matching.ts';
import type { IncomingFinding, Severity } from '../../shared/scans/findings.ts';

/**
 * Warnings, scans, assessments and inspection rounds across Tỉnh Demo. Dates are relative to today, so every
 * indicator has something true to show whenever the demo is loaded: items answered, open and overdue; systems
 * scanned within 6 months, long ago and never; assessments on schedule and overdue; inspection tasks done and late.
 */

type DemoWarning = { daysAgo: number; deadlineDays: number | null; input: Omit<WarningInput, 'issuedOn' | 'deadline'> };

const NCSC = 'Trung tâm Giám sát an toàn không gian mạng quốc gia (NCSC)';
const A05 = 'Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao (A05)';

const WARNINGS: DemoWarning[] = [
  {
    daysAgo: 330,
    deadlineDays: null,
    input: {
      source: NCSC,
      number: 'DEMO-0112/NCSC-CB',
      title: 'Lỗ hổng tràn số nguyên trong PostgreSQL cho phép thực thi mã tùy ý',
      severity: 'high',
      cveIds: ['CVE-2023-5869'],
      recommendedAction: 'Nâng cấp PostgreSQL lên 11.22, 12.17, 13.13, 14.10, 15.5 hoặc mới hơn; hạn chế quyền tạo mảng của tài khoản ứng dụng.',
      products: [
        { vendor: 'PostgreSQL', product: 'PostgreSQL', versionRange: '>=11.0 <11.22 || >=12.0 <12.17 || >=13.0 <13.13 || >=14.0 <14.10 || >=15.0 <15.5' },
      ],
    },
  },
  {
    daysAgo: 290,
    deadlineDays: 7,
    input: {
      source: NCSC,
      number: 'DEMO-0231/NCSC-CB',
      title: 'Lỗ hổng nghiêm trọng trong Fortinet FortiOS SSL-VPN đang bị khai thác',
      severity: 'critical',
      cveIds: ['CVE-2024-21762'],
      recommendedAction: 'Nâng cấp FortiOS theo khuyến cáo FG-IR-24-015; nếu chưa nâng cấp được, tắt SSL-VPN.',
      products: [
        {
          vendor: 'Fortinet',
          product: 'FortiOS',
          versionRange: '>=7.4.0 <=7.4.2 || 7.2.0 - 7.2.6 || 7.0.0 - 7.0.13 || 6.4.0 - 6.4.14 || 6.2.0 - 6.2.15 || 6.0.x',
        },
      ],
    },
  },
  {
    daysAgo: 200,
    deadlineDays: 15,
    input: {
      source: A05,
      number: 'DEMO-1450/A05-P3',
      title: 'Nhiều lỗ hổng trong Apache HTTP Server trước phiên bản 2.4.58',
      severity: 'high',
      cveIds: ['CVE-2023-31122', 'CVE-2023-43622', 'CVE-2023-45802'],
      recommendedAction: 'Nâng cấp Apache HTTP Server lên 2.4.58 hoặc mới hơn.',
      products: [{ vendor: 'Apache', product: 'HTTP Server', versionRange: '>=2.4.0 <2.4.58' }],
    },
  },
  {
    daysAgo: 60,
    deadlineDays: 15,
    input: {
      source: NCSC,
      number: 'DEMO-0587/NCSC-CB',
      title: 'Lỗ hổng thực thi mã từ xa trong Apache Tomcat (TOCTOU)',
      severity: 'critical',
      cveIds: ['CVE-2024-50379', 'CVE-2024-56337'],
      recommendedAction: 'Nâng cấp Apache Tomcat lên 9.0.98, 10.1.34, 11.0.2 hoặc mới hơn; không bật quyền ghi cho default servlet.',
      products: [{ vendor: 'Apache', product: 'Tomcat', versionRange: '>=9.0.0 <9.0.98 || >=10.1.0 <10.1.34 || >=11.0.0 <11.0.2' }],
    },
  },
  {
    daysAgo: 40,
    deadlineDays: 10,
    input: {
      source: A05,
      number: 'DEMO-2110/A05-P3',
      title: 'Lỗ hổng tràn bộ đệm heap trong VMware vCenter Server',
      severity: 'critical',
      cveIds: ['CVE-2024-38812', 'CVE-2024-38813'],
      recommendedAction: 'Cập nhật vCenter Server 7.0 U3t, 8.0 U3d hoặc mới hơn.',
      products: [{ vendor: 'VMware', product: 'vCenter Server', versionRange: '>=7.0 <7.0.3t || >=8.0 <8.0.3d' }],
    },
  },
  {
    daysAgo: 12,
    deadlineDays: 20,
    input: {
      source: NCSC,
      number: 'DEMO-0702/NCSC-CB',
      title: 'Chiến dịch khai thác lỗ hổng Zimbra Collaboration (postjournal)',
      severity: 'critical',
      cveIds: ['CVE-2024-45519'],
      recommendedAction: 'Cài bản vá 9.0.0 Patch 41, 10.0.9, 10.1.1 hoặc 8.8.15 Patch 46; tắt dịch vụ postjournal nếu không dùng.',
      products: [{ vendor: 'Zimbra', product: 'Collaboration', versionRange: '8.8.15 || 9.0.0 || >=10.0.0 <10.0.9 || 10.1.0' }],
    },
  },
  {
    daysAgo: 5,
    deadlineDays: 60,
    input: {
      source: A05,
      number: 'DEMO-2388/A05-P3',
      title: 'Hệ điều hành Windows Server 2012 và 2012 R2 đã hết hỗ trợ, không còn bản vá bảo mật',
      severity: 'high',
      cveIds: [],
      recommendedAction: 'Lập kế hoạch nâng cấp hệ điều hành; trong thời gian chờ, cô lập máy chủ và chỉ mở các cổng cần thiết.',
      products: [{ vendor: 'Microsoft', product: 'Windows Server', versionRange: '<=2012 R2' }],
    },
  },
];

const ANSWERS: [string, number, string[]][] = [
  ['patched', 0.6, ['Đã nâng cấp lên phiên bản được khuyến cáo và kiểm tra lại hoạt động của hệ thống.', 'Đã cài bản vá của hãng trong đợt bảo trì định kỳ.']],
  [
    'mitigated',
    0.2,
    [
      'Chặn truy cập dịch vụ từ Internet bằng tường lửa, chỉ cho phép dải IP nội bộ trong thời gian chờ nâng cấp.',
      'Đã tắt tính năng bị ảnh hưởng và bật giám sát tại SOC tỉnh.',
    ],
  ],
  [
    'not_affected',
    0.1,
    [
      'Thành phần bị ảnh hưởng không được cài đặt; danh mục phần mềm đã được cập nhật lại.',
      'Hệ thống chỉ dùng trong mạng nội bộ và không bật tính năng có lỗ hổng.',
    ],
  ],
  ['accepted_risk', 0.1, ['Hệ thống sẽ được thay thế trong quý tới; đã cô lập và giám sát tăng cường.']],
];

/** What a scanner reports for an inventory entry (real advisories; ports as commonly deployed). */
type Vuln = { vendor: string; product: string; below: string; title: string; cves: string[]; severity: Severity; cvss: number; port: string; solution: string };
const VULNS: Vuln[] = [
  {
    vendor: 'apache',
    product: 'http server',
    below: '2.4.58',
    title: 'Apache HTTP Server < 2.4.58 Multiple Vulnerabilities',
    cves: ['CVE-2023-31122', 'CVE-2023-43622', 'CVE-2023-45802'],
    severity: 'high',
    cvss: 7.5,
    port: '443/tcp',
    solution: 'Update to version 2.4.58 or later.',
  },
  {
    vendor: 'apache',
    product: 'tomcat',
    below: '9.0.83',
    title: 'Apache Tomcat Request Smuggling Vulnerability',
    cves: ['CVE-2023-46589'],
    severity: 'high',
    cvss: 7.5,
    port: '8080/tcp',
    solution: 'Update to version 8.5.96, 9.0.83 or later.',
  },
  {
    vendor: 'nginx',
    product: 'nginx',
    below: '1.25.3',
    title: 'HTTP/2 Rapid Reset Attack Vulnerability',
    cves: ['CVE-2023-44487'],
    severity: 'high',
    cvss: 7.5,
    port: '443/tcp',
    solution: 'Update nginx and limit concurrent HTTP/2 streams.',
  },
  {
    vendor: 'postgresql',
    product: 'postgresql',
    below: '14.10',
    title: 'PostgreSQL Integer Overflow in Array Modification',
    cves: ['CVE-2023-5869'],
    severity: 'high',
    cvss: 8.8,
    port: '5432/tcp',
    solution: 'Update to 13.13, 14.10 or later.',
  },
  {
    vendor: 'fortinet',
    product: 'fortios',
    below: '7.2.7',
    title: 'Fortinet FortiOS SSL-VPN Out-of-bounds Write (FG-IR-24-015)',
    cves: ['CVE-2024-21762'],
    severity: 'critical',
    cvss: 9.8,
    port: '443/tcp',
    solution: 'Upgrade FortiOS to 7.2.7 or later.',
  },
  {
    vendor: 'vmware',
    product: 'vcenter server',
    below: '7.0.3t',
    title: 'VMware vCenter Server DCERPC Heap Overflow (VMSA-2024-0019)',
    cves: ['CVE-2024-38812'],
    severity: 'critical',
    cvss: 9.8,
    port: '443/tcp',
    solution: 'Apply vCenter Server 7.0 U3t or later.',
  },
  {
    vendor: 'zimbra',
    product: 'collaboration suite',
    below: '9.0.1',
    title: 'Zimbra Collaboration postjournal Remote Command Execution',
    cves: ['CVE-2024-45519'],
    severity: 'critical',
    cvss: 10,
    port: '25/tcp',
    solution: 'Install 9.0.0 Patch 41 or later.',
  },
  {
    vendor: 'microsoft',
    product: 'windows server',
    below: '2016',
    title: 'Microsoft Windows Server 2012 R2 End of Life Detection',
    cves: [],
    severity: 'critical',
    cvss: 10,
    port: 'general/tcp',
    solution: 'Upgrade to a supported Windows Server release.',
  },
  {
    vendor: 'oracle',
    product: 'mysql',
    below: '8.0',
    title: 'Oracle MySQL Server 5.7 End of Life Detection',
    cves: [],
    severity: 'high',
    cvss: 7.5,
    port: '3306/tcp',
    solution: 'Upgrade to a supported MySQL release.',
  },
];
const GENERIC: Omit<IncomingFinding, 'host'>[] = [
  {
    port: '443/tcp',
    cveIds: [],
    pluginId: '1.3.6.1.4.1.25623.1.0.103440',
    title: 'SSL/TLS: Report Weak Cipher Suites',
    severity: 'medium',
    cvss: 5.9,
    solution: 'Disable weak cipher suites in the TLS configuration.',
  },
  {
    port: '443/tcp',
    cveIds: [],
    pluginId: '1.3.6.1.4.1.25623.1.0.117274',
    title: 'SSL/TLS: Deprecated TLSv1.0 and TLSv1.1 Protocol Detection',
    severity: 'medium',
    cvss: 4.3,
    solution: 'Disable TLSv1.0 and TLSv1.1; allow only TLSv1.2 and TLSv1.3.',
  },
  {
    port: '80/tcp',
    cveIds: [],
    pluginId: null,
    title: 'Cookie without HttpOnly attribute',
    severity: 'low',
    cvss: 2.6,
    solution: 'Set the HttpOnly attribute on session cookies.',
  },
];

/** A finding for each inventory entry with a known vulnerable version, plus a few configuration findings. */
function findingsOf(software: { vendor: string | null; product: string; version: string | null }[], host: string, r: Random): IncomingFinding[] {
  const out: IncomingFinding[] = [];
  for (const sw of software) {
    const v = VULNS.find(
      (x) => normalizeName(sw.vendor).startsWith(x.vendor) && normalizeName(sw.product) === x.product && sw.version && compareVersions(sw.version, x.below) < 0,
    );
    if (v) out.push({ host, port: v.port, cveIds: v.cves, pluginId: null, title: v.title, severity: v.severity, cvss: v.cvss, solution: v.solution });
  }
  for (const g of GENERIC) if (r.chance(0.45)) out.push({ ...g, host });
  return out;
}

const pickAnswer = (r: Random) => {
  let x = r.next();
  for (const a of ANSWERS) {
    x -= a[1];
    if (x < 0) return a;
  }
  return ANSWERS[0]!;
};

export async function seedDemoWarnings(tx: Tx, r: Random): Promise<number> {
  const today = todayVn();
  const ago = (days: number) => addDays(today, -days);
  const at = (day: string, hour = 9) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+07:00`);
  const [attt] = await tx.select({ id: users.id, fullName: users.fullName }).from(users).where(eq(users.username, 'attt'));
  const officers = new Map((await tx.select({ id: users.id, agencyId: users.agencyId }).from(users)).map((u) => [u.agencyId, u.id]));
  const org = async (kind: string) =>
    (
      await tx
        .select({ id: agencies.id, name: agencies.name })
        .from(agencies)
        .where(and(eq(agencies.kind, kind), isNull(agencies.parentId)))
        .limit(1)
    )[0];
  const assessor = (await org('assessor'))!;
  const monitor = (await org('security_firm'))!;
  const telecom = await org('telecom');

  // Professional monitoring providers for about half the systems of level 3 and above.
  const all = await tx
    .select({ id: systems.id, agencyId: systems.agencyId, status: systems.status, goLiveOn: systems.goLiveOn, level: effectiveLevel })
    .from(systems)
    .orderBy(systems.id);
  const providerOf = new Map<number, number>();
  for (const s of all) {
    if ((s.level ?? 0) >= 3 && r.chance(0.5)) providerOf.set(s.id, r.chance(0.8) || !telecom ? monitor.id : telecom.id);
  }
  for (const [systemId, providerId] of providerOf) {
    await tx.execute(sql`update systems set monitoring_provider_agency_id = ${providerId} where id = ${systemId}`);
  }

  // Warnings, matched against the inventory by the real matching code; older ones mostly answered.
  let records = 0;
  for (const w of WARNINGS) {
    const issuedOn = ago(w.daysAgo);
    const input = WarningInput.parse({ ...w.input, issuedOn, deadline: w.deadlineDays === null ? null : addDays(issuedOn, w.deadlineDays) });
    const { warning, items } = await insertWarning(tx, attt!.id, input);
    records++;
    await tx
      .update(warnings)
      .set({ createdAt: at(issuedOn), updatedAt: at(issuedOn), matchedAt: at(issuedOn) })
      .where(eq(warnings.id, warning.id));
    await tx
      .update(remediationItems)
      .set({ createdAt: at(issuedOn, 10), updatedAt: at(issuedOn, 10), notifiedAt: at(issuedOn, 10) })
      .where(eq(remediationItems.warningId, warning.id));
    const answeredShare = w.daysAgo > 100 ? 0.92 : w.daysAgo > 30 ? 0.55 : 0.25;
    for (const item of items) {
      if (!r.chance(answeredShare)) continue;
      const [status, , texts] = pickAnswer(r);
      const resolvedOn = addDays(issuedOn, Math.min(r.int(2, 40), w.daysAgo));
      await tx
        .update(remediationItems)
        .set({
          status,
          response: r.pick(texts),
          approvedBy: status === 'accepted_risk' ? 'Giám đốc/Thủ trưởng cơ quan chủ quản' : null,
          resolvedOn,
          respondedBy: officers.get(item.agencyId) ?? null,
          respondedAt: at(resolvedOn, 15),
          updatedAt: at(resolvedOn, 15),
        })
        .where(eq(remediationItems.id, item.id));
    }
  }

  // Scans: most systems in operation scanned within 6 months, some only long ago, some never. The older scan's
  // findings that the newer one no longer reports are closed by the real reconciliation.
  const software = await tx.select().from(systemSoftware);
  for (const s of all.filter((x) => x.status === 'in_operation')) {
    const roll = r.next();
    if (roll < 0.12) continue;
    const host = `10.${20 + (s.agencyId % 200)}.${s.id % 250}.${r.int(10, 250)}`;
    const inventory = software.filter((x) => x.systemId === s.id);
    const dates = roll < 0.3 ? [ago(r.int(200, 420))] : [ago(r.int(200, 420)), ago(r.int(3, 170))];
    let previous: IncomingFinding[] | null = null;
    for (const scannedOn of dates) {
      const found: IncomingFinding[] = previous ? previous.filter(() => r.chance(0.55)) : findingsOf(inventory, host, r);
      const [scan] = await tx
        .insert(scans)
        .values({
          systemId: s.id,
          agencyId: s.agencyId,
          scannedOn,
          tool: r.pick(['OpenVAS / Greenbone (GMP 22.4)', 'Nessus Professional', 'OpenVAS / Greenbone (GMP 22.4)']),
          scope: `Máy chủ ${host} và các dịch vụ công bố`,
          performedBy: r.pick(['Công an tỉnh Demo (đội ứng cứu sự cố)', monitor.name, 'Cán bộ CNTT của cơ quan']),
          source: 'openvas',
          fileName: `scan-${s.id}-${scannedOn}.xml`,
          hosts: [host],
          createdBy: attt!.id,
          createdAt: at(scannedOn, 16),
        })
        .returning();
      await applyFindings(tx, scan!, found);
      records++;
      previous = found;
    }
  }

  // Assessments by the independent assessor; some systems fall overdue for their level.
  for (const s of all.filter((x) => x.status === 'in_operation' && x.level)) {
    if (!r.chance(0.7)) continue;
    const months = s.level! >= 5 ? 6 : s.level! >= 3 ? 12 : 24;
    const assessedOn = ago(r.int(20, Math.round(months * 30.4 * (r.chance(0.25) ? 1.6 : 0.9))));
    const byMonitor = providerOf.get(s.id) !== monitor.id && r.chance(0.2);
    const failed = r.chance(0.15);
    await tx.insert(assessments).values({
      systemId: s.id,
      agencyId: s.agencyId,
      assessorAgencyId: byMonitor ? monitor.id : assessor.id,
      assessedOn,
      scope: 'Kiểm tra, đánh giá an toàn thông tin theo yêu cầu cơ bản của cấp độ (TCVN 11930:2017): quản lý và kỹ thuật.',
      result: failed ? 'failed' : r.chance(0.6) ? 'passed_with_findings' : 'passed',
      summary: failed
        ? 'Hệ thống chưa đáp ứng một số yêu cầu kỹ thuật bắt buộc; cần khắc phục và đánh giá lại.'
        : 'Hệ thống cơ bản đáp ứng yêu cầu của cấp độ.',
      findings:
        failed || r.chance(0.5)
          ? [
              {
                title: 'Chưa có phương án sao lưu dữ liệu định kỳ ra ngoài hệ thống',
                severity: 'high',
                recommendation: 'Sao lưu hằng ngày, lưu bản sao tách biệt.',
              },
              {
                title: 'Mật khẩu quản trị chưa đặt theo chính sách',
                severity: 'medium',
                recommendation: 'Áp dụng chính sách mật khẩu và xác thực hai yếu tố.',
              },
            ]
          : [],
      createdBy: attt!.id,
      createdAt: at(assessedOn, 17),
    });
    records++;
  }

  // Two inspection rounds of the year: one completed with tasks done and late, one under way.
  const byName = async (names: string[]) => tx.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.name, names));
  const rounds = [
    {
      title: 'Kiểm tra công tác bảo đảm an toàn thông tin mạng năm 2026 (đợt 1)',
      startsAgo: 150,
      days: 20,
      status: 'completed',
      agencies: ['Sở Y tế', 'Sở Giáo dục và Đào tạo', 'Sở Tài chính', 'UBND phường Hòa Bình', 'UBND xã Đông Phú'],
    },
    {
      title: 'Kiểm tra công tác bảo đảm an toàn thông tin mạng năm 2026 (đợt 2)',
      startsAgo: 14,
      days: 30,
      status: 'in_progress',
      agencies: ['Sở Nội vụ', 'Sở Xây dựng', 'Bệnh viện Đa khoa tỉnh Demo', 'Trung tâm Phục vụ hành chính công tỉnh'],
    },
  ];
  const TASKS: [string, string][] = [
    ['Chưa cập nhật đầu mối ATTT trên cổng thông tin điện tử.', 'Công bố đầu mối ATTT (họ tên, điện thoại, thư điện tử) trên cổng thông tin của cơ quan.'],
    ['Chưa phê duyệt hồ sơ đề xuất cấp độ cho hệ thống đang vận hành.', 'Hoàn thiện và trình phê duyệt hồ sơ đề xuất cấp độ.'],
    ['Máy trạm chưa cài phần mềm phòng, chống mã độc tập trung.', 'Triển khai phần mềm phòng, chống mã độc có quản trị tập trung cho toàn bộ máy trạm.'],
    ['Chưa rà quét lỗ hổng định kỳ 6 tháng.', 'Tổ chức rà quét lỗ hổng và khắc phục các lỗ hổng mức cao, nghiêm trọng.'],
  ];
  for (const [i, plan] of rounds.entries()) {
    const startsOn = ago(plan.startsAgo);
    const [round] = await tx
      .insert(inspectionRounds)
      .values({
        title: plan.title,
        decisionNumber: `DEMO-${120 + i}/QĐ-CAT`,
        startsOn,
        endsOn: addDays(startsOn, plan.days),
        status: plan.status,
        createdBy: attt!.id,
        plan: 'Căn cứ Luật An ninh mạng và Nghị định 85/2016/NĐ-CP. Nội dung: tổ chức, nhân sự; cấp độ hệ thống; phòng, chống mã độc; sao lưu; ứng cứu sự cố.',
        createdAt: at(ago(plan.startsAgo + 10)),
      })
      .returning();
    const inspected = await byName(plan.agencies);
    for (const [j, a] of inspected.entries()) {
      const done = plan.status === 'completed' || j < 2;
      const inspectedOn = addDays(startsOn, 2 + j * 3);
      await tx.insert(inspectionAgencies).values({
        roundId: round!.id,
        agencyId: a.id,
        inspectedOn: done ? inspectedOn : null,
        conclusion: done ? 'Cơ quan đã triển khai cơ bản các yêu cầu; còn một số tồn tại cần khắc phục.' : null,
      });
      if (!done) continue;
      for (const [finding, action] of TASKS.filter(() => r.chance(0.5)).slice(0, 3)) {
        const dueOn = addDays(inspectedOn, r.pick([30, 45, 60, 90]));
        const isDone = dueOn < today ? r.chance(0.6) : r.chance(0.3);
        const doneOn = isDone ? addDays(inspectedOn, r.int(5, 25)) : null;
        await tx.insert(inspectionTasks).values({
          roundId: round!.id,
          agencyId: a.id,
          finding,
          action,
          dueOn,
          status: isDone ? 'done' : 'open',
          response: isDone ? 'Đã khắc phục; gửi kèm văn bản báo cáo kết quả.' : null,
          doneOn: doneOn && doneOn <= today ? doneOn : isDone ? today : null,
          respondedBy: isDone ? (officers.get(a.id) ?? null) : null,
          respondedAt: isDone ? at(doneOn && doneOn <= today ? doneOn : today, 14) : null,
        });
      }
    }
    records++;
  }
  return records;
}
