import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError } from '../../http/errors.ts';
import { agencies, designations } from '../agencies/index.ts';
import { renderOfficialDocument, type DocBlock } from '../../documents/decree30.ts';
import { getIncident } from './queries.ts';
import { incidentObservables } from './schema.ts';
import { buildStixBundle } from './stix.ts';
import { KIND_VI, OBSERVABLE_VI, SEVERITY_VI, STATUS_VI, TLP_LABEL } from './labels-vi.ts';
import { formatDateVi, VN_TZ } from '../../../shared/core/dates.ts';
import type { IncidentDetail } from '../../../shared/incidents/schemas.ts';
import type { ObservableType, Tlp } from '../../../shared/incidents/vocabulary.ts';

/**
 * The reports of Circular 20/2017/TT-BTTTT as Word documents in the Decree 30/2020 layout: the initial report
 * the agency files, and the closing report of the response. Users edit and sign them outside Khiên.
 */

const time = (iso: string | null) => {
  if (!iso) return '—';
  const hm = new Intl.DateTimeFormat('en-GB', { timeZone: VN_TZ, hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
  return `${hm} ngày ${formatDateVi(new Date(iso))}`;
};
const text = (s: string | null | undefined, fallback = 'Chưa có thông tin.') => (s?.trim() ? s.trim() : fallback);
const symbol = (s: string | null | undefined) => (s ?? 'CQ').replace(/[^\p{L}\p{N}&]/gu, '').toUpperCase();
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

function observablesTable(d: IncidentDetail): DocBlock[] {
  if (!d.observables.length) return [{ kind: 'paragraph', text: 'Chưa ghi nhận dấu hiệu nhận diện.' }];
  return [{ kind: 'table', headers: ['STT', 'Loại', 'Giá trị', 'Mức chia sẻ'], widths: [8, 22, 50, 20],
    rows: d.observables.map((o, i) => [i + 1, OBSERVABLE_VI[o.type], o.value, TLP_LABEL(o.tlp)]) }];
}

function systemsTable(d: IncidentDetail): DocBlock[] {
  if (!d.systems.length) return [{ kind: 'paragraph', text: d.hotlineOrganization ? `Đơn vị bị ảnh hưởng theo người báo: ${d.hotlineOrganization}.` : 'Chưa xác định hệ thống bị ảnh hưởng.' }];
  return [{ kind: 'table', headers: ['STT', 'Tên hệ thống', 'Mã', 'Cấp độ', 'Chủ quản'], widths: [8, 40, 17, 10, 25],
    rows: d.systems.map((s, i) => [i + 1, s.name, s.code, s.level ?? '—', s.agencyName]) }];
}

/** Báo cáo ban đầu sự cố: filed by the agency with its managing body, the provincial team and the national coordinator. */
export async function renderInitialReport(db: Queryable, actor: Actor, id: number) {
  const d = await getIncident(db, actor, id);
  const owner = await agencyRow(db, d.agencyId);
  const team = await designatedAgency(db, 'response_team');
  const issuer = owner ?? team.agency;
  const parent = await agencyRow(db, issuer?.parentId ?? null);
  const t = d.timeliness;
  const body: DocBlock[] = [
    { kind: 'paragraph', text: 'Thực hiện Quyết định số 05/2017/QĐ-TTg của Thủ tướng Chính phủ và Thông tư số 20/2017/TT-BTTTT của Bộ Thông tin và Truyền thông về điều phối, ứng cứu sự cố an toàn thông tin mạng, đơn vị báo cáo ban đầu về sự cố như sau:' },
    { kind: 'heading', text: 'I. THÔNG TIN ĐƠN VỊ BÁO CÁO' },
    { kind: 'table', headers: ['Nội dung', 'Thông tin'], widths: [35, 65], rows: [
      ['Cơ quan, đơn vị', owner?.name ?? `${d.hotlineOrganization ?? '—'} (báo qua đường dây nóng)`],
      ['Địa chỉ', owner?.address ?? '—'],
      ['Đầu mối ứng cứu sự cố', owner?.contactName ? `${owner.contactName}${owner.contactPhone ? `, ĐT: ${owner.contactPhone}` : ''}${owner.contactEmail ? `, ${owner.contactEmail}` : ''}` : '—'],
      ['Người báo cáo', [d.reporter.name, d.reporter.position].filter(Boolean).join(', ')],
      ['Liên hệ người báo cáo', [d.reporter.phone, d.reporter.email].filter(Boolean).join(', ') || '—'],
    ] },
    { kind: 'heading', text: 'II. HỆ THỐNG THÔNG TIN BỊ SỰ CỐ' },
    ...systemsTable(d),
    { kind: 'heading', text: 'III. THÔNG TIN VỀ SỰ CỐ' },
    { kind: 'table', headers: ['Nội dung', 'Thông tin'], widths: [35, 65], rows: [
      ['Mã sự cố', d.code],
      ['Tên sự cố', d.title],
      ['Thời điểm phát hiện', time(d.detectedAt)],
      ['Thời điểm báo cáo', time(d.reportedAt)],
      ['Loại sự cố', KIND_VI[d.kind]],
      ['Mức độ', SEVERITY_VI[d.severity]],
      ['Sự cố nghiêm trọng', d.serious ? 'Có — báo cáo ngay' : 'Không'],
      ['Thời hạn báo cáo', t.applies ? `${d.serious ? 'Ngay khi phát hiện; chậm nhất' : 'Chậm nhất'} ${time(t.lateAt)}${t.late ? ' (báo cáo chậm)' : ''}` : 'Không áp dụng (báo qua đường dây nóng)'],
    ] },
    { kind: 'paragraph', text: `Mô tả sự cố: ${text(d.description)}` },
    { kind: 'paragraph', text: `Ảnh hưởng hiện tại: ${text(d.currentImpact)}` },
    { kind: 'heading', text: 'IV. CÁC BIỆN PHÁP ĐÃ TRIỂN KHAI' },
    { kind: 'paragraph', text: text(d.actionsTaken) },
    { kind: 'heading', text: 'V. ĐỀ NGHỊ HỖ TRỢ' },
    { kind: 'paragraph', text: text(d.supportRequested, 'Không có đề nghị hỗ trợ.') },
    { kind: 'heading', text: 'VI. DẤU HIỆU NHẬN DIỆN ĐÃ GHI NHẬN' },
    ...observablesTable(d),
  ];
  const data = await renderOfficialDocument({
    issuer: { parentName: parent?.name, name: issuer?.name ?? team.title },
    number: `Số: ${d.id}/BC-${symbol(issuer?.shortName ?? null)}`,
    place: 'Demo',
    date: new Date(d.reportedAt),
    kind: 'BÁO CÁO BAN ĐẦU',
    subject: `Sự cố an toàn thông tin mạng: ${d.title}`,
    body,
    recipients: [...d.recipients, 'Lưu: VT.'],
    signer: { title: 'THỦ TRƯỞNG CƠ QUAN', name: '' },
  });
  return { name: fileName('bao-cao-ban-dau', d.code), data };
}

const STATUS_EVENTS = new Set(['reported', 'status']);

/** Báo cáo kết thúc ứng phó sự cố: issued by the response team when the case is closed (or as a draft before). */
export async function renderClosingReport(db: Queryable, actor: Actor, id: number) {
  const d = await getIncident(db, actor, id);
  const r = d.closingReport;
  if (!r.updatedAt) {
    throw new AppError(409, 'no_closing_report', 'Write the closing report first', 'Chưa có báo cáo kết thúc sự cố', 'closingReport');
  }
  const team = await designatedAgency(db, 'response_team');
  const parent = await agencyRow(db, team.agency?.parentId ?? null);
  const milestones = d.events.filter((e) => STATUS_EVENTS.has(e.kind)).map((e) => {
    const detail = (e.detail ?? {}) as { to?: keyof typeof STATUS_VI };
    return [time(e.at), e.kind === 'reported' ? 'Tiếp nhận báo cáo' : STATUS_VI[detail.to ?? 'received'], e.actorName ?? '', e.message ?? ''];
  });
  const national = await designatedAgency(db, 'national_coordinator');
  const body: DocBlock[] = [
    { kind: 'heading', text: 'I. THÔNG TIN CHUNG VỀ SỰ CỐ' },
    { kind: 'table', headers: ['Nội dung', 'Thông tin'], widths: [35, 65], rows: [
      ['Mã sự cố', d.code],
      ['Tên sự cố', d.title],
      ['Cơ quan bị ảnh hưởng', d.agencyName ?? d.hotlineOrganization ?? '—'],
      ['Loại sự cố, mức độ', `${KIND_VI[d.kind]}; ${SEVERITY_VI[d.severity]}${d.serious ? '; sự cố nghiêm trọng' : ''}`],
      ['Thời điểm phát hiện', time(d.detectedAt)],
      ['Thời điểm báo cáo', `${time(d.reportedAt)}${d.timeliness.late ? ' (báo cáo chậm so với quy định)' : ''}`],
      ['Ngăn chặn', time(d.containedAt)],
      ['Khôi phục', time(d.recoveredAt)],
      ['Kết thúc', time(d.closedAt)],
      ['Trưởng nhóm xử lý', d.lead?.fullName ?? '—'],
      ['Thành viên tham gia', d.responders.map((p) => p.fullName).join(', ') || '—'],
    ] },
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
    { kind: 'paragraph', text: d.communication
      ? `Người phát ngôn: ${d.communication.spokesperson}. Nội dung quyết định: ${d.communication.decision}`
      : 'Không công bố thông tin sự cố ra công chúng.' },
  ];
  const data = await renderOfficialDocument({
    issuer: { parentName: parent?.name, name: team.agency?.name ?? team.title },
    number: `Số: ${d.id}/BC-ƯCSC`,
    place: 'Demo',
    date: d.closedAt ? new Date(d.closedAt) : new Date(),
    kind: 'BÁO CÁO KẾT THÚC ỨNG PHÓ SỰ CỐ',
    subject: `Sự cố an toàn thông tin mạng: ${d.title}`,
    body,
    recipients: [d.agencyName, d.managingAgencyName, national.agency ? `${national.title} (${national.agency.name})` : national.title, 'Lưu: VT, ĐƯCSC.']
      .filter((x): x is string => !!x),
    signer: { title: 'TRƯỞNG ĐỘI ỨNG CỨU SỰ CỐ', name: '' },
  });
  return { name: fileName('bao-cao-ket-thuc', d.code), data };
}

/** The case as a STIX 2.1 bundle for the national coordinator, produced in the name of the provincial response team. */
export async function exportStix(db: Queryable, actor: Actor, id: number) {
  const d = await getIncident(db, actor, id);
  const observables = await db.select().from(incidentObservables).where(eq(incidentObservables.incidentId, id)).orderBy(asc(incidentObservables.id));
  const team = await designatedAgency(db, 'response_team');
  const bundle = buildStixBundle({
    stixId: d.stixId, code: d.code, title: d.title, description: d.description, kind: d.kind, severity: d.severity, serious: d.serious,
    tlp: d.tlp, detectedAt: d.detectedAt, reportedAt: d.reportedAt, updatedAt: d.updatedAt, agencyName: d.agencyName,
    closing: d.closingReport.updatedAt ? { rootCause: d.closingReport.rootCause, origin: d.closingReport.origin } : null,
    observables: observables.map((o) => ({ stixId: o.stixId, type: o.type as ObservableType, form: o.form, value: o.value, tlp: o.tlp as Tlp,
      description: o.description, createdAt: o.createdAt.toISOString() })),
  }, { name: team.agency ? `${team.title} (${team.agency.name})` : team.title });
  return { name: `${d.code}.stix.json`, bundle };
}
