import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import type { Random } from './random.ts';
import { agencies } from '../modules/agencies/schema.ts';
import { users } from '../modules/users/schema.ts';
import { directives, directiveTasks, taskAssignments, taskReports } from '../modules/directives/schema.ts';
import { afterAcceptance, resolveAssignees, type AssignmentStatus, type DirectiveKind } from '../../shared/directives/tasks.ts';
import { addDays, nextOccurrence, previousOccurrence, type DeadlineRule } from '../../shared/core/recurrence.ts';
import { todayVn } from '../../shared/core/dates.ts';
import { instrumentName } from '../../shared/legal/citation.ts';
import { instrumentById } from '../../shared/legal/instruments.ts';

type SeedTask = {
  text: string; clause: string; deadline: DeadlineRule; evidence: string;
  kinds?: string[]; /** Agencies by name, e.g. the police as the provincial security unit. */ named?: string[];
};
/**
 * A seed document. `instrument` is its entry in the legal registry, which gives its number, issuer, title, date and
 * the instrument it implements exactly as published; `number` and `issuedOn` here only fill what the published text
 * leaves blank (the directives table needs both).
 */
type SeedDirective = { kind: DirectiveKind; instrument: string; number?: string; issuedOn?: string; basedOn?: string; summary: string; tasks: SeedTask[] };

const LOCAL = ['department', 'district_committee', 'commune_committee'];
const yearly = (day: number, month: number): DeadlineRule => ({ kind: 'yearly', day, month });
const once = (date: string): DeadlineRule => ({ kind: 'once', date });

/**
 * The main tasks of the five seed directives, written in our own words for Tỉnh Demo. The headers come from the legal
 * registry; where the published text leaves the number blank, it keeps the "…" of an unnumbered draft.
 */
export const DIRECTIVES: SeedDirective[] = [
  {
    kind: 'directive', instrument: 'vinh-phuc-directive-2023', number: '…/CT-UBND', issuedOn: '2023-05-08',
    summary: 'Chỉ thị năm 2023 của tỉnh Vĩnh Phúc (nay thuộc tỉnh Phú Thọ): hoàn thành phê duyệt cấp độ và triển khai phương án bảo đảm an toàn, phòng chống mã độc tập trung theo lộ trình, tập huấn toàn bộ cán bộ và bảo vệ dữ liệu cá nhân.',
    tasks: [
      { text: 'Hoàn thành xác định cấp độ và phê duyệt hồ sơ cấp độ cho toàn bộ hệ thống thông tin đang vận hành.', clause: 'Mục 1',
        deadline: once('2023-06-30'), evidence: 'Quyết định phê duyệt hồ sơ đề xuất cấp độ của từng hệ thống.', kinds: LOCAL },
      { text: 'Triển khai đầy đủ phương án bảo đảm an toàn thông tin theo hồ sơ cấp độ đã được phê duyệt.', clause: 'Mục 2',
        deadline: once('2023-08-31'), evidence: 'Báo cáo kết quả triển khai phương án, biên bản kiểm tra.', kinds: LOCAL },
      { text: 'Cài đặt phần mềm phòng, chống mã độc có quản trị tập trung cho toàn bộ máy chủ, máy trạm của các cơ quan cấp tỉnh.', clause: 'Mục 3',
        deadline: once('2023-12-31'), evidence: 'Danh sách máy được cài đặt, ảnh chụp màn hình máy chủ quản trị tập trung.', kinds: ['department'] },
      { text: 'Cài đặt phần mềm phòng, chống mã độc có quản trị tập trung cho toàn bộ máy chủ, máy trạm của UBND cấp xã.', clause: 'Mục 3',
        deadline: once('2024-12-31'), evidence: 'Danh sách máy được cài đặt và kết nối về máy chủ quản trị.', kinds: ['district_committee', 'commune_committee'] },
      { text: 'Hoàn thành cài đặt phần mềm phòng, chống mã độc có quản trị tập trung tại trường học, bệnh viện và cơ sở y tế.', clause: 'Mục 3',
        deadline: once('2026-12-31'), evidence: 'Danh sách máy được cài đặt theo từng đơn vị.', kinds: ['school', 'hospital'] },
      { text: 'Phổ biến, tập huấn kỹ năng bảo đảm an toàn thông tin cho toàn bộ cán bộ, công chức, viên chức của cơ quan.', clause: 'Mục 4',
        deadline: yearly(30, 11), evidence: 'Kế hoạch, danh sách tham dự, tài liệu tập huấn.', kinds: LOCAL },
      { text: 'Tham gia chiến dịch làm sạch mã độc trên không gian mạng do cơ quan chức năng phát động hằng năm.', clause: 'Mục 5',
        deadline: yearly(31, 10), evidence: 'Báo cáo kết quả rà soát, xử lý mã độc trên các máy của cơ quan.', kinds: LOCAL },
      { text: 'Rà soát hoạt động xử lý dữ liệu cá nhân của cơ quan, bảo đảm tuân thủ Nghị định số 13/2023/NĐ-CP.', clause: 'Mục 6',
        deadline: once('2023-12-31'), evidence: 'Báo cáo rà soát, hồ sơ đánh giá tác động xử lý dữ liệu cá nhân.', kinds: ['department'] },
      { text: 'Báo cáo kết quả thực hiện Chỉ thị về đơn vị chuyên trách để tổng hợp, báo cáo UBND tỉnh.', clause: 'Mục 7',
        deadline: yearly(15, 12), evidence: 'Báo cáo năm theo đề cương hướng dẫn.', kinds: LOCAL },
    ],
  },
  {
    kind: 'official_letter', instrument: 'thanh-hoa-letter-2024', number: '…/UBND-CNTT', issuedOn: '2024-03-12', basedOn: 'directive-09-2024',
    summary: 'Công văn năm 2024 của tỉnh Thanh Hóa: triển khai mô hình bảo vệ 4 lớp, cử và công bố đầu mối, báo cáo định kỳ hằng quý.',
    tasks: [
      { text: 'Triển khai mô hình bảo vệ 4 lớp cho các hệ thống thông tin: lực lượng tại chỗ; tổ chức giám sát, bảo vệ chuyên nghiệp; kiểm tra, đánh giá độc lập định kỳ; kết nối, chia sẻ thông tin với hệ thống giám sát quốc gia.',
        clause: 'Điểm 1', deadline: once('2024-12-31'), evidence: 'Hợp đồng dịch vụ giám sát, báo cáo đánh giá độc lập, xác nhận kết nối.', kinds: LOCAL },
      { text: 'Cử đầu mối ứng cứu sự cố, bảo đảm an toàn thông tin và công bố trên cổng/trang thông tin điện tử của cơ quan; cập nhật ngay khi thay đổi.',
        clause: 'Điểm 2', deadline: once('2024-06-30'), evidence: 'Văn bản cử đầu mối, đường dẫn công bố trên cổng thông tin.', kinds: LOCAL },
      { text: 'Báo cáo tình hình bảo đảm an toàn các hệ thống thông tin thuộc phạm vi quản lý về đơn vị chuyên trách để tổng hợp.',
        clause: 'Điểm 3', deadline: { kind: 'quarterly', day: 15, monthOfQuarter: 3 }, evidence: 'Báo cáo quý theo mẫu.', kinds: ['department', 'district_committee', 'commune_committee'] },
      { text: 'Tổng hợp, gửi Bộ báo cáo quý về bảo đảm an toàn hệ thống thông tin của tỉnh trước ngày 20 tháng cuối quý.',
        clause: 'Điểm 3', deadline: { kind: 'quarterly', day: 20, monthOfQuarter: 3 }, evidence: 'Báo cáo quý đã ký, gửi Bộ.', named: ['Công an tỉnh Demo'] },
      { text: 'Công bố đầu mối tiếp nhận, xử lý sự cố; cảnh báo khách hàng và chia sẻ thông tin sự cố với đơn vị chuyên trách của tỉnh.',
        clause: 'Điểm 4', deadline: once('2024-09-30'), evidence: 'Văn bản thông báo đầu mối và quy trình chia sẻ thông tin.', kinds: ['telecom'] },
    ],
  },
  {
    kind: 'directive', instrument: 'quang-nam-directive-15-2022', basedOn: 'directive-18-2022',
    summary: 'Chỉ thị năm 2022 của tỉnh Quảng Nam (nay thuộc thành phố Đà Nẵng): rà quét lỗ hổng định kỳ 6 tháng, phương án ứng cứu sự cố, diễn tập hằng năm.',
    tasks: [
      { text: 'Rà quét, đánh giá lỗ hổng bảo mật toàn bộ hệ thống thông tin của cơ quan ít nhất 6 tháng một lần và khắc phục triệt để các lỗ hổng phát hiện.',
        clause: 'Khoản 2', deadline: { kind: 'every_months', months: 6, from: '2023-06-30' }, evidence: 'Báo cáo kết quả rà quét và khắc phục.', kinds: LOCAL },
      { text: 'Xây dựng, ban hành phương án ứng cứu sự cố và kịch bản ứng phó cho từng hệ thống thông tin.',
        clause: 'Khoản 3', deadline: once('2022-12-31'), evidence: 'Quyết định ban hành phương án, kịch bản ứng cứu sự cố.', kinds: ['department'] },
      { text: 'Tổ chức diễn tập thực chiến ứng cứu sự cố ít nhất một lần mỗi năm cho các hệ thống thông tin cấp độ 3 trở lên.',
        clause: 'Khoản 4', deadline: yearly(30, 11), evidence: 'Kế hoạch, kịch bản và báo cáo kết quả diễn tập.', named: ['Công an tỉnh Demo', 'Trung tâm Chuyển đổi số tỉnh'] },
      { text: 'Báo cáo kết quả thực hiện Chỉ thị hằng năm về đơn vị chuyên trách.',
        clause: 'Khoản 6', deadline: yearly(14, 12), evidence: 'Báo cáo năm.', kinds: ['department'] },
    ],
  },
  {
    kind: 'official_letter', instrument: 'bac-giang-letter-2236-2019', basedOn: 'directive-14-2019',
    summary: 'Công văn năm 2019 của tỉnh Bắc Giang (nay thuộc tỉnh Bắc Ninh) triển khai Chỉ thị 14/CT-TTg: bố trí kinh phí cho an toàn thông tin, xác định cấp độ hệ thống, báo cáo hằng năm.',
    tasks: [
      { text: 'Bố trí tối thiểu 10% tổng kinh phí các kế hoạch, dự án công nghệ thông tin cho các hạng mục bảo đảm an toàn thông tin.',
        clause: 'Điểm 1', deadline: yearly(31, 7), evidence: 'Dự toán kinh phí, kế hoạch ứng dụng CNTT có hạng mục ATTT.', kinds: LOCAL },
      { text: 'Xác định cấp độ và lập hồ sơ đề xuất cấp độ cho các hệ thống thông tin đang quản lý.',
        clause: 'Điểm 2', deadline: once('2019-12-31'), evidence: 'Hồ sơ đề xuất cấp độ, quyết định phê duyệt.', kinds: ['department'] },
      { text: 'Báo cáo tình hình thực hiện về đơn vị chuyên trách để tổng hợp, báo cáo UBND tỉnh.',
        clause: 'Điểm 5', deadline: yearly(10, 12), evidence: 'Báo cáo năm.', kinds: ['department'] },
    ],
  },
  {
    kind: 'official_letter', instrument: 'hai-phong-letter-812-2024', basedOn: 'dispatch-33-2024',
    summary: 'Công văn năm 2024 của thành phố Hải Phòng: hoàn thành phê duyệt cấp độ và triển khai phương án cho hệ thống cung cấp dịch vụ công trực tuyến, kiểm tra đánh giá định kỳ, phòng chống mã độc tống tiền.',
    tasks: [
      { text: 'Hoàn thành phê duyệt cấp độ cho các hệ thống thông tin cung cấp dịch vụ công trực tuyến.',
        clause: 'Điểm 1', deadline: once('2024-09-30'), evidence: 'Quyết định phê duyệt cấp độ.', kinds: LOCAL, named: ['Trung tâm Phục vụ hành chính công tỉnh'] },
      { text: 'Triển khai đầy đủ phương án bảo đảm an toàn thông tin theo cấp độ cho các hệ thống cung cấp dịch vụ công trực tuyến.',
        clause: 'Điểm 1', deadline: once('2024-12-31'), evidence: 'Báo cáo triển khai phương án.', kinds: LOCAL, named: ['Trung tâm Phục vụ hành chính công tỉnh'] },
      { text: 'Kiểm tra, đánh giá an toàn thông tin định kỳ bởi tổ chức độc lập: cấp độ 1–2 hai năm một lần, cấp độ 3–4 hằng năm, cấp độ 5 sáu tháng một lần.',
        clause: 'Điểm 2', deadline: yearly(31, 10), evidence: 'Báo cáo đánh giá của tổ chức độc lập.', kinds: ['department'] },
      { text: 'Rà soát, đánh giá nguy cơ tấn công mã độc tống tiền (ransomware); kiểm tra sao lưu dữ liệu và báo cáo kết quả.',
        clause: 'Điểm 3', deadline: once('2024-04-30'), evidence: 'Báo cáo rà soát, kết quả kiểm tra sao lưu và phục hồi.', kinds: LOCAL },
    ],
  },
];

/** A seed document's header as the registry records it, with the demo's fillers where the text leaves a blank. */
export function published(d: SeedDirective) {
  const i = instrumentById(d.instrument);
  const number = i.number ?? d.number;
  const issuedOn = i.issuedOn ?? d.issuedOn;
  if (!number || !issuedOn) throw new Error(`seed directive ${d.instrument} needs a number and a date`);
  const basedOn = d.basedOn ? `${instrumentName(d.basedOn)} của ${instrumentById(d.basedOn).issuerVi}` : null;
  return { ...d, number, issuedOn, issuer: i.issuerVi, title: i.titleVi, basedOn };
}

const at = (day: string, hour = 9) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+07:00`);

/** The demo directives, their assignments and a history of progress: most work done and accepted, some overdue, some awaiting review. */
export async function seedDemoDirectives(tx: Tx, r: Random): Promise<number> {
  const today = todayVn();
  const all = await tx.select({ id: agencies.id, kind: agencies.kind, active: agencies.active, name: agencies.name }).from(agencies);
  const [attt] = await tx.select({ id: users.id, fullName: users.fullName }).from(users).where(eq(users.username, 'attt'));
  const officers = await tx.select({ id: users.id, fullName: users.fullName, agencyId: users.agencyId }).from(users)
    .where(inArray(users.agencyId, all.map((a) => a.id)));
  const reporterOf = (agencyId: number) => officers.find((o) => o.agencyId === agencyId) ?? null;

  for (const seed of DIRECTIVES) {
    const d = published(seed);
    const [directive] = await tx.insert(directives).values({
      kind: d.kind, number: d.number, issuer: d.issuer, issuedOn: d.issuedOn, title: d.title, summary: d.summary, basedOn: d.basedOn,
      createdBy: attt?.id ?? null, createdAt: at(d.issuedOn), updatedAt: at(d.issuedOn),
    }).returning({ id: directives.id });
    for (const [i, t] of d.tasks.entries()) {
      const named = all.filter((a) => t.named?.includes(a.name)).map((a) => a.id);
      const assignees = resolveAssignees(all, { kinds: t.kinds ?? [], agencyIds: named });
      const [task] = await tx.insert(directiveTasks).values({
        directiveId: directive!.id, code: String(i + 1), text: t.text, legalClause: t.clause, deadline: t.deadline, expectedEvidence: t.evidence,
        assignKinds: t.kinds ?? [], assignAgencyIds: named, createdAt: at(d.issuedOn), updatedAt: at(d.issuedOn),
      }).returning({ id: directiveTasks.id });

      type Plan = { agencyId: number; dueOn: string | null; status: AssignmentStatus; completed: number; lastDone: string | null;
        reports: { dueOn: string; progress: 'in_progress' | 'done'; review: 'accepted' | 'pending' | 'returned' | null; day: string }[] };
      const plans: Plan[] = assignees.map((agencyId) => {
        const plan: Plan = { agencyId, dueOn: null, status: 'not_started', completed: 0, lastDone: null, reports: [] };
        // The occurrence due most recently (before today), and the one after it.
        const past = previousOccurrence(t.deadline, today);
        const upcoming = nextOccurrence(t.deadline, today);
        const roll = r.next();
        if (past && roll < 0.78) {
          plan.reports.push({ dueOn: past, progress: 'done', review: 'accepted', day: addDays(past, -r.int(1, 10)) });
          const next = afterAcceptance(t.deadline, past);
          Object.assign(plan, { status: next.status, dueOn: next.dueOn, completed: 1, lastDone: past });
        } else if (past && roll < 0.86) {
          plan.reports.push({ dueOn: past, progress: 'done', review: 'pending', day: addDays(past, -1) });
          Object.assign(plan, { status: 'submitted', dueOn: past });
        } else if (past) {
          // Overdue: some started, one returned with reasons.
          if (r.chance(0.4)) plan.reports.push({ dueOn: past, progress: 'in_progress', review: null, day: addDays(past, -r.int(5, 20)) });
          else if (r.chance(0.3)) plan.reports.push({ dueOn: past, progress: 'done', review: 'returned', day: addDays(past, -2) });
          plan.status = plan.reports[0]?.review === 'returned' ? 'returned' : plan.reports.length ? 'in_progress' : 'not_started';
          plan.dueOn = past;
        } else {
          plan.dueOn = upcoming;
          if (r.chance(0.3)) {
            plan.reports.push({ dueOn: upcoming!, progress: 'in_progress', review: null, day: addDays(today, -r.int(1, 30)) });
            plan.status = 'in_progress';
          }
        }
        return plan;
      });
      if (!plans.length) continue;
      const inserted = await tx.insert(taskAssignments).values(plans.map((p) => ({
        taskId: task!.id, agencyId: p.agencyId, dueOn: p.dueOn, status: p.status, completedOccurrences: p.completed, lastCompletedDueOn: p.lastDone,
      }))).returning({ id: taskAssignments.id, agencyId: taskAssignments.agencyId });
      const reports = plans.flatMap((p) => p.reports.map((rep) => {
        const reporter = reporterOf(p.agencyId);
        const reviewed = rep.review === 'accepted' || rep.review === 'returned';
        return {
          assignmentId: inserted.find((a) => a.agencyId === p.agencyId)!.id, dueOn: rep.dueOn, progress: rep.progress,
          comment: rep.progress === 'done' ? 'Đã hoàn thành nhiệm vụ, gửi kèm báo cáo kết quả.' : 'Đang triển khai, dự kiến hoàn thành đúng hạn.',
          review: rep.review, reviewComment: rep.review === 'returned' ? 'Báo cáo chưa có số liệu cụ thể; đề nghị bổ sung minh chứng.' : rep.review === 'accepted' ? 'Đạt yêu cầu.' : null,
          reviewedBy: reviewed ? attt?.id ?? null : null, reviewedByName: reviewed ? attt?.fullName ?? null : null,
          reviewedAt: reviewed ? at(addDays(rep.day, 2), 15) : null,
          submittedBy: reporter?.id ?? null, submittedByName: reporter?.fullName ?? 'Cán bộ đầu mối', submittedAt: at(rep.day, 10),
        };
      }));
      if (reports.length) await tx.insert(taskReports).values(reports);
    }
  }
  return DIRECTIVES.length;
}
