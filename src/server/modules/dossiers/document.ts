import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { documentFrame, registerDocumentSubject } from '../outgoing/index.ts';
import { getSystem, systemSoftware } from '../systems/index.ts';
import { listSystemRequirements } from '../requirements/index.ts';
import { getDossier } from './service.ts';
import { renderOfficialDocument, type DocBlock } from '../../documents/decree30.ts';
import { ClassificationAnswersSchema, classifySystem, LEVEL_LABELS, type Level } from '../../../shared/systems/levels.ts';
import { formatDateVi } from '../../../shared/core/dates.ts';
import { formatCitation } from '../../../shared/legal/citation.ts';
import { vietnameseDateLine } from '../../documents/decree30.ts';

const STATUS_VI: Record<string, string> = {
  planned: 'Đang lập kế hoạch',
  in_development: 'Đang xây dựng',
  in_operation: 'Đang vận hành',
  retired: 'Đã dừng hoạt động',
};
const HOSTING_VI: Record<string, string> = {
  provincial_dc: 'Trung tâm dữ liệu của tỉnh',
  agency_premises: 'Tại cơ quan',
  cloud: 'Điện toán đám mây',
};
const REQ_STATUS_VI: Record<string, string> = {
  not_started: 'Chưa triển khai',
  in_progress: 'Đang triển khai',
  met: 'Đã đáp ứng',
  not_applicable: 'Không áp dụng',
};

const subjectOf = (systemName: string) => `Về việc đề nghị thẩm định, phê duyệt cấp độ an toàn hệ thống thông tin “${systemName}”`;

// The owner submits the dossier with a tờ trình (Decree 30/2020 Art. 7), numbered in its register.
registerDocumentSubject('dossier', async (db, actor, id) => {
  const dossier = await getDossier(db, actor, id);
  const system = await getSystem(db, actor, dossier.systemId);
  return { agencyId: dossier.agencyId, documentType: 'to_trinh', subject: subjectOf(system.name) };
});

/**
 * The level proposal as an official document for printing and signing: a tờ trình of the owner to the appraiser
 * (Decree 30/2020 Art. 7), with the dossier (Decree 85/2016 Art. 15) as its annex.
 */
/** What the dossier's document shows, read once: the DOCX and the exchange package's JSON are both made from it. */
export async function dossierRecord(db: Queryable, actor: Actor, id: number) {
  const dossier = await getDossier(db, actor, id);
  const system = await getSystem(db, actor, dossier.systemId);
  const software = await db.select().from(systemSoftware).where(eq(systemSoftware.systemId, system.id)).orderBy(asc(systemSoftware.id));
  const tracked = await listSystemRequirements(db, actor, system.id);
  const { reasons } = classifySystem(ClassificationAnswersSchema.parse(dossier.classification));
  return { dossier, system, software, tracked, reasons };
}

export const renderDossierDocx = async (db: Queryable, actor: Actor, id: number) => renderDossierDocument(db, await dossierRecord(db, actor, id));

/** The document of a dossier already read (the exchange package reads it once for the DOCX and the JSON). */
export async function renderDossierDocument(db: Queryable, { dossier, system, software, tracked, reasons }: Awaited<ReturnType<typeof dossierRecord>>) {
  const level = dossier.proposedLevel as Level;

  const body: DocBlock[] = [
    { kind: 'heading', text: 'I. THÔNG TIN CHUNG VỀ HỆ THỐNG' },
    {
      kind: 'table',
      headers: ['Nội dung', 'Thông tin'],
      widths: [35, 65],
      rows: [
        ['Tên hệ thống', system.name],
        ['Mã hệ thống', system.code],
        ['Chủ quản hệ thống', system.agencyName],
        ['Đơn vị vận hành', system.operatorAgencyName ?? system.agencyName],
        ['Tình trạng', STATUS_VI[system.status] ?? system.status],
        ['Thời điểm đưa vào vận hành', system.goLiveOn ? formatDateVi(system.goLiveOn) : 'Chưa vận hành'],
        ['Vị trí đặt hệ thống', HOSTING_VI[system.hosting] + (system.cloudProvider ? ` (${system.cloudProvider})` : '')],
        [
          'Đối tượng phục vụ',
          [system.servesInternal && 'nội bộ cơ quan', system.servesOtherAgencies && 'cơ quan, tổ chức khác', system.servesPublic && 'người dân, doanh nghiệp']
            .filter(Boolean)
            .join(', ') || 'nội bộ cơ quan',
        ],
      ],
    },
    { kind: 'heading', text: 'II. MÔ TẢ HỆ THỐNG' },
    { kind: 'paragraph', text: dossier.description || system.purpose || 'Chưa có mô tả.' },
  ];
  if (software.length) {
    body.push(
      { kind: 'paragraph', text: 'Thành phần phần mềm chính của hệ thống:' },
      {
        kind: 'table',
        headers: ['STT', 'Hãng', 'Sản phẩm', 'Phiên bản'],
        widths: [10, 30, 40, 20],
        rows: software.map((s, i) => [i + 1, s.vendor ?? '', s.product, s.version ?? '']),
      },
    );
  }
  body.push(
    { kind: 'heading', text: 'III. ĐỀ XUẤT CẤP ĐỘ' },
    {
      kind: 'paragraph',
      text: `Đề xuất hệ thống thông tin được xác định ở ${LEVEL_LABELS[level].vi.toLowerCase()}. Căn cứ pháp lý là các tiêu chí xác định cấp độ mà hệ thống đáp ứng:`,
    },
    {
      kind: 'table',
      headers: ['STT', 'Tiêu chí hệ thống đáp ứng', 'Căn cứ pháp lý', 'Cấp độ'],
      widths: [8, 47, 33, 12],
      rows: reasons.map((r, i) => [i + 1, r.component && r.ruleId !== '5.2' ? `Thành phần “${r.component}”: ${r.vi}` : r.vi, r.article, r.level]),
    },
  );
  if (dossier.proposedLevel !== dossier.computedLevel) {
    body.push({
      kind: 'paragraph',
      text: `Theo các tiêu chí, hệ thống ở cấp độ ${dossier.computedLevel}; chủ quản đề xuất cấp độ ${dossier.proposedLevel} với thuyết minh: ${dossier.justification ?? ''}`,
    });
  }
  body.push(
    { kind: 'heading', text: 'IV. PHƯƠNG ÁN BẢO ĐẢM AN TOÀN HỆ THỐNG THÔNG TIN' },
    {
      kind: 'paragraph',
      text:
        dossier.securityPlan ||
        'Phương án bảo đảm an toàn thông tin đáp ứng các yêu cầu cơ bản của cấp độ đề xuất theo TCVN 11930:2017, chi tiết tại bảng dưới đây.',
    },
    {
      kind: 'paragraph',
      text: `Mức độ đáp ứng yêu cầu cơ bản: ${tracked.met}/${tracked.applicable} yêu cầu áp dụng${tracked.compliancePercent === null ? '' : ` (${String(tracked.compliancePercent).replace('.', ',')}%)`}.`,
    },
    {
      kind: 'table',
      headers: ['Mã', 'Yêu cầu', 'Tình trạng'],
      widths: [15, 60, 25],
      rows: tracked.items.map((t) => [t.requirementId, t.titleVi, REQ_STATUS_VI[t.status] ?? t.status]),
    },
  );
  const more: DocBlock[] = [];
  if (dossier.opinion) more.push({ kind: 'paragraph', text: `Ý kiến chuyên môn của đơn vị chuyên trách về an toàn thông tin: ${dossier.opinion}` });
  if (dossier.appraisalOpinion) {
    const doc = dossier.appraisalNumber
      ? ` (văn bản số ${dossier.appraisalNumber}${dossier.appraisalDate ? ` ngày ${formatDateVi(dossier.appraisalDate)}` : ''})`
      : '';
    const result = dossier.appraisalAgreed === false ? 'Không thống nhất cấp độ đề xuất' : 'Thống nhất cấp độ đề xuất';
    more.push({ kind: 'paragraph', text: `Kết quả thẩm định${doc}: ${result}. ${dossier.appraisalOpinion}` });
  }
  if (more.length) body.push({ kind: 'heading', text: 'V. Ý KIẾN CHUYÊN MÔN VÀ THẨM ĐỊNH' }, ...more);

  const frame = await documentFrame(db, {
    agencyId: dossier.agencyId,
    subjectKind: 'dossier',
    subjectId: dossier.id,
    documentType: 'to_trinh',
    date: new Date(),
  });
  const levelText = LEVEL_LABELS[level].vi.toLowerCase();
  const reference = frame.reference ? `Tờ trình số ${frame.reference}` : 'Tờ trình';
  const cover: DocBlock[] = [
    {
      kind: 'paragraph',
      text: `Căn cứ ${formatCitation({ instrument: 'decree-85-2016' })} về bảo đảm an toàn hệ thống thông tin theo cấp độ;`,
    },
    {
      kind: 'paragraph',
      text: `${system.agencyName} trình ${dossier.rule.appraiserNameVi} thẩm định hồ sơ đề xuất cấp độ an toàn của hệ thống thông tin “${system.name}” (mã ${system.code}), với các nội dung chính sau:`,
    },
    {
      kind: 'bullets',
      items: [
        `Cấp độ đề xuất: ${levelText}${dossier.proposedLevel !== dossier.computedLevel ? ` (theo các tiêu chí là cấp độ ${dossier.computedLevel}; thuyết minh tại mục III của hồ sơ)` : ''}.`,
        `Chủ quản hệ thống: ${system.agencyName}; đơn vị vận hành: ${system.operatorAgencyName ?? system.agencyName}.`,
        `Mức độ đáp ứng yêu cầu cơ bản của cấp độ: ${tracked.met}/${tracked.applicable} yêu cầu áp dụng.`,
      ],
    },
    { kind: 'paragraph', text: 'Hồ sơ đề xuất cấp độ chi tiết tại Phụ lục kèm theo Tờ trình này.' },
    { kind: 'paragraph', text: `${system.agencyName} kính trình ${dossier.rule.appraiserNameVi} xem xét, thẩm định./.` },
  ];
  const data = await renderOfficialDocument({
    ...frame,
    kind: 'TỜ TRÌNH',
    subject: subjectOf(system.name),
    to: [dossier.rule.appraiserNameVi],
    body: cover,
    recipients: ['Như trên'],
    annex: {
      title: `HỒ SƠ ĐỀ XUẤT CẤP ĐỘ AN TOÀN HỆ THỐNG THÔNG TIN “${system.name.toLocaleUpperCase('vi')}”`,
      attachedTo: `(Kèm theo ${reference} ${vietnameseDateLine('', frame.date).replace(/^, /, '')} của ${system.agencyName})`,
      body,
    },
  });
  return { name: `ho-so-de-xuat-cap-do-${system.code}.docx`, data };
}
