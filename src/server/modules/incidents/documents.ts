import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError } from '../../http/errors.ts';
import { agencies, designations } from '../agencies/index.ts';
import { renderOfficialDocument, type DocBlock } from '../../documents/decree30.ts';
import { documentFrame, registerDocumentSubject } from '../outgoing/index.ts';
import { getIncident } from './queries.ts';
import { incidentObservables } from './schema.ts';
import { buildStixBundle } from './stix.ts';
import { CAPACITY_VI, EFFECT_VI, KIND_VI, OBSERVABLE_VI, SEVERITY_VI, STATUS_VI, TLP_LABEL } from './labels-vi.ts';
import { CLOSING_REPORT_RECIPIENTS } from '../../../shared/incidents/recipients.ts';
import { formatCitation, type Citation } from '../../../shared/legal/citation.ts';
import { formatDateTimeVi } from '../../../shared/core/dates.ts';
import type { IncidentDetail } from '../../../shared/incidents/schemas.ts';
import type { ObservableType, Tlp } from '../../../shared/incidents/vocabulary.ts';

/**
 * The reports of Decision 05/2017/QĐ-TTg and Circular 20/2017/TT-BTTTT as Word documents in the Decree 30/2020 layout:
 * the operator's initial report and closing report, and the response team's own report. Users edit and sign them
 * outside Khiên.
 */

const time = (iso: string | null) => (iso ? formatDateTimeVi(iso) : '—');
const text = (s: string | null | undefined, fallback = 'Chưa có thông tin.') => (s?.trim() ? s.trim() : fallback);
const fileName = (prefix: string, code: string) => `${prefix}-${code}.docx`;

async function agencyRow(db: Queryable, id: number | null) {
  if (id === null) return undefined;
  const [row] = await db.select().from(agencies).where(eq(agencies.id, id));
  return row;
}

async function designatedAgency(db: Queryable, code: string) {
  const [row] = await db.select({ agencyId: designations.agencyId, title: designations.titleVi }).from(designations).where(eq(designations.code, code));
  return { title: row?.title ?? '', agency: await agencyRow(db, row?.agencyId ?? null) };
}

const SUBJECT = (title: string) => `Sự cố an toàn thông tin mạng: ${title}`;

/** The agency that issues a report of the case: the operator's owner, or for the team's report (and a hotline case) the response team's agency. */
async function issuerOf(db: Queryable, d: IncidentDetail, teams: boolean) {
  const agencyId = teams ? null : d.agencyId;
  if (agencyId !== null) return agencyId;
  const team = await designatedAgency(db, 'response_team');
  if (!team.agency) {
    throw new AppError(409, 'no_response_team', 'No agency holds the response team designation', 'Chưa chỉ định cơ quan làm đội ứng cứu sự cố', 'designation');
  }
  return team.agency.id;
}

registerDocumentSubject('incident_initial', async (db, actor, id) => {
  const d = await getIncident(db, actor, id);
  return { agencyId: await issuerOf(db, d, false), documentType: 'bao_cao', subject: SUBJECT(d.title) };
});
registerDocumentSubject('incident_closing', async (db, actor, id) => {
  const d = await getIncident(db, actor, id);
  return { agencyId: await issuerOf(db, d, false), documentType: 'bao_cao', subject: SUBJECT(d.title) };
});
registerDocumentSubject('incident_response', async (db, actor, id) => {
  const d = await getIncident(db, actor, id);
  return { agencyId: await issuerOf(db, d, true), documentType: 'bao_cao', subject: SUBJECT(d.title) };
});

function observablesTable(d: IncidentDetail): DocBlock[] {
  if (!d.observables.length) return [{ kind: 'paragraph', text: 'Chưa ghi nhận dấu hiệu nhận diện.' }];
  return [
    {
      kind: 'table',
      headers: ['STT', 'Loại', 'Giá trị', 'Mức chia sẻ'],
      widths: [8, 22, 50, 20],
      rows: d.observables.map((o, i) => [i + 1, OBSERVABLE_VI[o.type], o.value, TLP_LABEL(o.tlp)]),
    },
  ];
}

function systemsTable(d: IncidentDetail): DocBlock[] {
  if (!d.systems.length)
    return [
      {
        kind: 'paragraph',
        text: d.hotlineOrganization ? `Đơn vị bị ảnh hưởng theo người báo: ${d.hotlineOrganization}.` : 'Chưa xác định hệ thống bị ảnh hưởng.',
      },
    ];
  return [
    {
      kind: 'table',
      headers: ['STT', 'Tên hệ thống', 'Mã', 'Cấp độ', 'Chủ quản'],
      widths: [8, 40, 17, 10, 25],
      rows: d.systems.map((s, i) => [i + 1, s.name, s.code, s.level ?? '—', s.agencyName]),
    },
  ];
}

const cite = (c: Citation) => formatCitation(c);
const QD05 = (article: number, clause?: number, point?: string): Citation => ({ instrument: 'decision-05-2017', article, clause, point });
const TT20 = (article: number, clause?: number, point?: string): Citation => ({ instrument: 'circular-20-2017', article, clause, point });
/** A citation inside a sentence: "điểm …", "khoản …" in lower case; "Điều" keeps its capital. */
const inSentence = (s: string) => s.replace(/^(Điểm|Khoản) /, (m) => m.toLowerCase());

function organizationsTable(list: IncidentDetail['supportingOrganizations'], none: string): DocBlock[] {
  if (!list.length) return [{ kind: 'paragraph', text: none }];
  return [
    {
      kind: 'table',
      headers: ['STT', 'Tổ chức, doanh nghiệp', 'Kết quả xử lý đến thời điểm báo cáo'],
      widths: [8, 40, 52],
      rows: list.map((o, i) => [i + 1, o.name, o.result ?? '—']),
    },
  ];
}

function deadlineText(d: IncidentDetail) {
  const t = d.timeliness;
  if (!t.applies) return 'Không áp dụng (báo qua đường dây nóng)';
  const late = t.late ? ' (báo cáo chậm)' : '';
  return t.severityClass === 'immediate' ? `Báo cáo ngay; chậm nhất ${time(t.lateAt)}${late}` : `Chậm nhất ${time(t.lateAt)}${late}`;
}

/**
 * Báo cáo ban đầu sự cố: the operator's report to every recipient, in the order of the contents of Decision
 * 05/2017/QĐ-TTg Art. 11(4) (a)–(h), with the affected addresses of Circular 20/2017 Art. 9(3)(a).
 */
export async function renderInitialReport(db: Queryable, actor: Actor, id: number) {
  const d = await getIncident(db, actor, id);
  const frame = await documentFrame(db, {
    agencyId: await issuerOf(db, d, false),
    subjectKind: 'incident_initial',
    subjectId: d.id,
    documentType: 'bao_cao',
    date: new Date(d.reportedAt),
  });
  const c = d.reporter;
  const body: DocBlock[] = [
    {
      kind: 'paragraph',
      text: `Thực hiện ${inSentence(cite(QD05(11)))} và ${inSentence(cite(TT20(9)))}, đơn vị vận hành hệ thống thông tin báo cáo ban đầu về sự cố an toàn thông tin mạng như sau:`,
    },
    { kind: 'heading', text: 'I. ĐƠN VỊ VẬN HÀNH, CƠ QUAN CHỦ QUẢN HỆ THỐNG THÔNG TIN' },
    {
      kind: 'table',
      headers: ['Nội dung', 'Thông tin'],
      widths: [35, 65],
      rows: [
        ['Đơn vị vận hành hệ thống thông tin', d.operator.name ?? `${d.hotlineOrganization ?? '—'} (báo qua đường dây nóng)`],
        ['Địa chỉ đơn vị vận hành', d.operator.address ?? '—'],
        ['Cơ quan chủ quản hệ thống thông tin', d.managingAgencyName ?? d.agencyName ?? '—'],
        ['Đơn vị cung cấp dịch vụ hạ tầng công nghệ thông tin, viễn thông', d.infrastructureProvider ?? '—'],
      ],
    },
    { kind: 'heading', text: 'II. ĐẦU MỐI LIÊN LẠC VỀ SỰ CỐ' },
    {
      kind: 'table',
      headers: ['Nội dung', 'Thông tin'],
      widths: [35, 65],
      rows: [
        ['Họ và tên', c.name],
        ['Chức vụ', c.position ?? '—'],
        ['Điện thoại', c.phone ?? '—'],
        ['Thư điện tử', c.email ?? '—'],
      ],
    },
    { kind: 'heading', text: 'III. HỆ THỐNG THÔNG TIN BỊ SỰ CỐ' },
    ...systemsTable(d),
    { kind: 'paragraph', text: `Tên miền, địa chỉ IP: ${d.affectedAddresses.length ? d.affectedAddresses.join('; ') : 'Chưa có thông tin.'}` },
    { kind: 'heading', text: 'IV. MÔ TẢ SỰ CỐ' },
    {
      kind: 'table',
      headers: ['Nội dung', 'Thông tin'],
      widths: [35, 65],
      rows: [
        ['Mã sự cố', d.code],
        ['Tên sự cố', d.title],
        ['Thời điểm phát hiện', time(d.detectedAt)],
        ['Thời điểm báo cáo', time(d.reportedAt)],
        ['Loại sự cố', KIND_VI[d.kind]],
        ['Đánh giá sơ bộ mức độ nguy hại', SEVERITY_VI[d.severity]],
        [
          'Ảnh hưởng của sự cố',
          d.effects.length ? d.effects.map((e) => EFFECT_VI[e]).join('; ') : 'Không thuộc các trường hợp tại khoản 1 Điều 9 Quyết định số 05/2017/QĐ-TTg',
        ],
        ['Khả năng xử lý', CAPACITY_VI[d.capacity]],
        [
          'Sự cố nghiêm trọng',
          d.serious
            ? `Có khả năng là sự cố nghiêm trọng (${d.seriousness.grounds.join('; ')})`
            : 'Chưa đủ các tiêu chí tại Điều 9 Quyết định số 05/2017/QĐ-TTg',
        ],
        ['Thời hạn báo cáo', deadlineText(d)],
      ],
    },
    { kind: 'paragraph', text: `Hiện tượng: ${text(d.description)}` },
    { kind: 'paragraph', text: `Mức độ lây lan: ${text(d.spread)}` },
    { kind: 'paragraph', text: `Tác động đến hoạt động bình thường của đơn vị: ${text(d.currentImpact)}` },
    { kind: 'heading', text: 'V. CÁC BIỆN PHÁP ĐÃ TRIỂN KHAI HOẶC DỰ KIẾN TRIỂN KHAI' },
    { kind: 'paragraph', text: text(d.actionsTaken) },
    { kind: 'heading', text: 'VI. TỔ CHỨC, DOANH NGHIỆP ĐANG HỖ TRỢ ỨNG CỨU, XỬ LÝ' },
    ...organizationsTable(d.supportingOrganizations, 'Chưa có tổ chức, doanh nghiệp hỗ trợ.'),
    { kind: 'heading', text: 'VII. KẾT QUẢ ỨNG CỨU SỰ CỐ BAN ĐẦU' },
    { kind: 'paragraph', text: text(d.initialResult) },
    { kind: 'heading', text: 'VIII. KIẾN NGHỊ, ĐỀ XUẤT HƯỚNG ỨNG CỨU, XỬ LÝ' },
    { kind: 'paragraph', text: text(d.supportRequested, 'Không có kiến nghị.') },
    { kind: 'heading', text: 'IX. DẤU HIỆU NHẬN DIỆN ĐÃ GHI NHẬN' },
    ...observablesTable(d),
  ];
  const data = await renderOfficialDocument({
    ...frame,
    kind: 'BÁO CÁO BAN ĐẦU',
    subject: SUBJECT(d.title),
    body,
    recipients: d.recipients.map((r) => r.name),
  });
  return { name: fileName('bao-cao-ban-dau', d.code), data };
}

/**
 * Báo cáo kết thúc ứng phó sự cố: the operator's, to the owner and the national coordinator, within 5 days after the
 * response ends (Circular 20/2017/TT-BTTTT Art. 9(2)(b)).
 */
export async function renderClosingReport(db: Queryable, actor: Actor, id: number) {
  const d = await getIncident(db, actor, id);
  const r = d.closingReport;
  if (!r.updatedAt) {
    throw new AppError(
      409,
      'no_closing_report',
      'The operator has not written the closing report yet',
      'Đơn vị vận hành chưa lập báo cáo kết thúc ứng phó sự cố',
      'closingReport',
    );
  }
  const frame = await documentFrame(db, {
    agencyId: await issuerOf(db, d, false),
    subjectKind: 'incident_closing',
    subjectId: d.id,
    documentType: 'bao_cao',
    date: new Date(r.updatedAt),
  });
  const due = d.closingTimeliness;
  const body: DocBlock[] = [
    { kind: 'paragraph', text: `Thực hiện ${inSentence(cite(TT20(9, 2, 'b')))}, đơn vị vận hành hệ thống thông tin báo cáo kết thúc ứng phó sự cố như sau:` },
    { kind: 'heading', text: 'I. THÔNG TIN CHUNG VỀ SỰ CỐ' },
    {
      kind: 'table',
      headers: ['Nội dung', 'Thông tin'],
      widths: [35, 65],
      rows: [
        ['Mã sự cố', d.code],
        ['Tên sự cố', d.title],
        ['Đơn vị vận hành hệ thống thông tin', d.operator.name ?? d.agencyName ?? '—'],
        ['Cơ quan chủ quản hệ thống thông tin', d.managingAgencyName ?? d.agencyName ?? '—'],
        ['Loại sự cố', KIND_VI[d.kind]],
        ['Thời điểm phát hiện', time(d.detectedAt)],
        ['Kết thúc ứng cứu (khôi phục hoạt động)', time(d.recoveredAt)],
        ['Thời hạn gửi báo cáo kết thúc', due.dueAt ? `Chậm nhất ${time(due.dueAt)}${due.late ? ' (gửi chậm)' : ''}` : '—'],
      ],
    },
    { kind: 'paragraph', text: 'Hệ thống bị ảnh hưởng:' },
    ...systemsTable(d),
    { kind: 'heading', text: 'II. THIỆT HẠI' },
    { kind: 'paragraph', text: text(r.damage) },
    { kind: 'heading', text: 'III. NGUYÊN NHÂN SỰ CỐ' },
    { kind: 'paragraph', text: text(r.cause) },
    { kind: 'heading', text: 'IV. CÁC BIỆN PHÁP ĐÃ THỰC HIỆN' },
    { kind: 'paragraph', text: text(r.actions) },
    { kind: 'heading', text: 'V. TỔ CHỨC, DOANH NGHIỆP ĐÃ HỖ TRỢ ỨNG CỨU VÀ KẾT QUẢ' },
    ...organizationsTable(r.supportingOrganizations, 'Không có tổ chức, doanh nghiệp hỗ trợ.'),
    { kind: 'heading', text: 'VI. KIẾN NGHỊ, ĐỀ XUẤT' },
    { kind: 'paragraph', text: text(r.recommendations) },
    { kind: 'heading', text: 'VII. BÀI HỌC KINH NGHIỆM' },
    { kind: 'paragraph', text: text(r.lessonsLearned) },
  ];
  const recipients = d.recipients.filter((x) => (CLOSING_REPORT_RECIPIENTS as readonly string[]).includes(x.role)).map((x) => x.name);
  const data = await renderOfficialDocument({ ...frame, kind: 'BÁO CÁO KẾT THÚC ỨNG PHÓ SỰ CỐ', subject: SUBJECT(d.title), body, recipients });
  return { name: fileName('bao-cao-ket-thuc', d.code), data };
}

const STATUS_EVENTS = new Set(['reported', 'status']);

/** The response team's own report of the case: its work, findings and lessons (apart from the operator's closing report). */
export async function renderResponseReport(db: Queryable, actor: Actor, id: number) {
  const d = await getIncident(db, actor, id);
  const r = d.responseReport;
  if (!r.updatedAt) {
    throw new AppError(409, 'no_response_report', "Write the response team's report first", 'Chưa có báo cáo kết quả ứng cứu của đội', 'responseReport');
  }
  const frame = await documentFrame(db, {
    agencyId: await issuerOf(db, d, true),
    subjectKind: 'incident_response',
    subjectId: d.id,
    documentType: 'bao_cao',
    date: d.closedAt ? new Date(d.closedAt) : new Date(),
  });
  const milestones = d.events
    .filter((e) => STATUS_EVENTS.has(e.kind))
    .map((e) => {
      const detail = (e.detail ?? {}) as { to?: keyof typeof STATUS_VI };
      return [time(e.at), e.kind === 'reported' ? 'Tiếp nhận báo cáo' : STATUS_VI[detail.to ?? 'received'], e.actorName ?? '', e.message ?? ''];
    });
  const national = await designatedAgency(db, 'national_coordinator');
  const body: DocBlock[] = [
    { kind: 'heading', text: 'I. THÔNG TIN CHUNG VỀ SỰ CỐ' },
    {
      kind: 'table',
      headers: ['Nội dung', 'Thông tin'],
      widths: [35, 65],
      rows: [
        ['Mã sự cố', d.code],
        ['Tên sự cố', d.title],
        ['Cơ quan bị ảnh hưởng', d.agencyName ?? d.hotlineOrganization ?? '—'],
        ['Loại sự cố, mức độ', `${KIND_VI[d.kind]}; ${SEVERITY_VI[d.severity]}${d.serious ? '; có khả năng là sự cố nghiêm trọng' : ''}`],
        ['Thời điểm phát hiện', time(d.detectedAt)],
        ['Thời điểm báo cáo', `${time(d.reportedAt)}${d.timeliness.late ? ' (báo cáo chậm so với quy định)' : ''}`],
        ['Ngăn chặn', time(d.containedAt)],
        ['Khôi phục', time(d.recoveredAt)],
        ['Kết thúc', time(d.closedAt)],
        ['Trưởng nhóm xử lý', d.lead?.fullName ?? '—'],
        ['Thành viên tham gia', d.responders.map((p) => p.fullName).join(', ') || '—'],
      ],
    },
    { kind: 'paragraph', text: 'Hệ thống bị ảnh hưởng:' },
    ...systemsTable(d),
    { kind: 'heading', text: 'II. DIỄN BIẾN XỬ LÝ' },
    { kind: 'table', headers: ['Thời điểm', 'Bước xử lý', 'Người thực hiện', 'Ghi chú'], widths: [22, 26, 22, 30], rows: milestones },
    { kind: 'heading', text: 'III. ĐÁNH GIÁ THIỆT HẠI' },
    { kind: 'paragraph', text: text(r.damage) },
    { kind: 'heading', text: 'IV. NGUYÊN NHÂN SỰ CỐ' },
    { kind: 'paragraph', text: text(r.rootCause) },
    { kind: 'heading', text: 'V. NGUỒN GỐC TẤN CÔNG' },
    { kind: 'paragraph', text: text(r.origin) },
    { kind: 'heading', text: 'VI. CÁC BIỆN PHÁP ĐÃ THỰC HIỆN' },
    { kind: 'paragraph', text: text(r.actions) },
    { kind: 'heading', text: 'VII. BÀI HỌC KINH NGHIỆM' },
    { kind: 'paragraph', text: text(r.lessonsLearned) },
    { kind: 'heading', text: 'VIII. DẤU HIỆU NHẬN DIỆN' },
    ...observablesTable(d),
    { kind: 'heading', text: 'IX. CUNG CẤP THÔNG TIN CHO CÔNG CHÚNG' },
    {
      kind: 'paragraph',
      text: d.communication
        ? `Người phát ngôn: ${d.communication.spokesperson}. Nội dung quyết định: ${d.communication.decision}`
        : 'Không công bố thông tin sự cố ra công chúng.',
    },
  ];
  const data = await renderOfficialDocument({
    ...frame,
    kind: 'BÁO CÁO KẾT QUẢ ỨNG CỨU SỰ CỐ',
    subject: SUBJECT(d.title),
    body,
    recipients: [d.agencyName, d.managingAgencyName, national.agency ? `${national.title} (${national.agency.name})` : national.title].filter(
      (x): x is string => !!x,
    ),
  });
  return { name: fileName('bao-cao-ung-cuu', d.code), data };
}

/** Who Khiên's threat intelligence is produced by: the provincial response team (its designated agency). */
export async function intelProducer(db: Queryable) {
  const team = await designatedAgency(db, 'response_team');
  return { name: team.agency ? `${team.title} (${team.agency.name})` : team.title };
}

/** The case as a STIX 2.1 bundle for the national coordinator, produced in the name of the provincial response team. */
export async function exportStix(db: Queryable, actor: Actor, id: number) {
  const d = await getIncident(db, actor, id);
  const observables = await db.select().from(incidentObservables).where(eq(incidentObservables.incidentId, id)).orderBy(asc(incidentObservables.id));
  const bundle = buildStixBundle(
    {
      stixId: d.stixId,
      code: d.code,
      title: d.title,
      description: d.description,
      kind: d.kind,
      severity: d.severity,
      serious: d.serious,
      tlp: d.tlp,
      detectedAt: d.detectedAt,
      reportedAt: d.reportedAt,
      updatedAt: d.updatedAt,
      agencyName: d.agencyName,
      closing: d.responseReport.updatedAt ? { rootCause: d.responseReport.rootCause, origin: d.responseReport.origin } : null,
      observables: observables.map((o) => ({
        stixId: o.stixId,
        type: o.type as ObservableType,
        form: o.form,
        value: o.value,
        tlp: o.tlp as Tlp,
        description: o.description,
        createdAt: o.createdAt.toISOString(),
      })),
    },
    await intelProducer(db),
  );
  return { name: `${d.code}.stix.json`, bundle };
}
