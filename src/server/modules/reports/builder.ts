/** Builds a report's snapshot: the Decree 30/2020 frame (issuer, place, subject, recipients, signer) and every section's figures. */
import { isNull, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert } from '../../auth/scope.ts';
import { invalid } from '../../http/errors.ts';
import { agencies, designations, findVisible } from '../agencies/index.ts';
import { findDirective } from '../directives/index.ts';
import { parameterPeriods } from '../parameters/index.ts';
import { mayGenerate } from './access.ts';
import { sectionsOf, type ReportContext } from './registry.ts';
import './sections/systems.ts';
import './sections/contacts.ts';
import './sections/tasks.ts';
import './sections/indicators.ts';
import './sections/contributions.ts';
import {
  directiveReference,
  QUARTERLY_REPORT_CITATION,
  reportDueOn,
  reportPeriod,
  type DirectiveKind,
  type IssuedPrecision,
  type ReportKind,
} from '../../../shared/directives/tasks.ts';
import { formatDateVi, todayVn } from '../../../shared/core/dates.ts';
import type { ReportInput, ReportSnapshot } from '../../../shared/directives/schemas.ts';
import { formatCitation } from '../../../shared/legal/citation.ts';
import { YEARLY_REPORT_BASIS } from '../../../shared/contributions/due.ts';

type Snapshot = z.infer<typeof ReportSnapshot>;

async function designated(db: Queryable, code: string) {
  const [row] = await db
    .select({ id: agencies.id, name: agencies.name, shortName: agencies.shortName, parentId: agencies.parentId })
    .from(designations)
    .innerJoin(agencies, eq(agencies.id, designations.agencyId))
    .where(eq(designations.code, code));
  return row ?? null;
}

async function agencyRow(db: Queryable, id: number) {
  const [row] = await db
    .select({ id: agencies.id, name: agencies.name, shortName: agencies.shortName, parentId: agencies.parentId })
    .from(agencies)
    .where(eq(agencies.id, id));
  return row!;
}

/** The symbol part of "Số: 12/BC-CATD": the short name without marks, or the initials of the name. */
function symbolOf(a: { name: string; shortName: string | null }): string {
  const plain = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D');
  if (a.shortName)
    return plain(a.shortName)
      .replace(/[^A-Za-z0-9]/g, '')
      .toUpperCase();
  return plain(a.name)
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

/** "Demo" from "Ủy ban nhân dân tỉnh Demo": the place line of the document. */
async function placeName(db: Queryable) {
  const [root] = await db
    .select({ name: agencies.name })
    .from(agencies)
    .where(sql`${isNull(agencies.parentId)} and ${agencies.kind} = 'province_committee'`)
    .limit(1);
  const m = root ? /(?:tỉnh|thành phố)\s+(.+)$/i.exec(root.name) : null;
  return m?.[1] ?? root?.name ?? '';
}

export async function buildSnapshot(db: Queryable, actor: Actor, input: z.infer<typeof ReportInput>): Promise<{ snapshot: Snapshot; dueOn: string | null }> {
  const agency = await findVisible(db, actor, input.agencyId).catch(() => {
    throw invalid('agencyId', 'Unknown agency', 'Cơ quan không tồn tại');
  });
  if (agency.external) throw invalid('agencyId', 'Reports cover agencies of the province', 'Báo cáo chỉ lập cho cơ quan trong tỉnh');
  const quarter = input.kind === 'quarterly_security' ? (input.quarter ?? null) : null;
  if (input.kind === 'quarterly_security' && !quarter) throw invalid('quarter', 'Choose the quarter', 'Hãy chọn quý báo cáo');
  assert(mayGenerate(actor, input.kind, agency));
  let directive: ReportContext['directive'] = null;
  let directiveLine = '';
  if (input.kind === 'directive_yearly') {
    if (!input.directiveId) throw invalid('directiveId', 'Choose the directive', 'Hãy chọn văn bản chỉ đạo');
    const d = await findDirective(db, actor, input.directiveId).catch(() => {
      throw invalid('directiveId', 'Unknown directive', 'Văn bản chỉ đạo không tồn tại');
    });
    directive = { id: d.id, number: d.number, title: d.title };
    directiveLine = `${directiveReference({ ...d, kind: d.kind as DirectiveKind, issuedPrecision: d.issuedPrecision as IssuedPrecision })} của ${d.issuer} ${d.title.charAt(0).toLowerCase()}${d.title.slice(1)}`;
  }
  const now = new Date();
  const period = reportPeriod(input.kind, input.year, quarter);
  const ctx: ReportContext = {
    db,
    actor,
    kind: input.kind,
    agency: { id: agency.id, name: agency.name, path: agency.path },
    period,
    year: input.year,
    quarter,
    directive,
    today: todayVn(now),
  };

  const securityUnit = await designated(db, 'security_unit');
  const issuer = input.kind === 'agency_compliance' || !securityUnit ? await agencyRow(db, actor.agencyId) : securityUnit;
  const parent = issuer.parentId ? await agencyRow(db, issuer.parentId) : null;
  const committee = await designated(db, 'provincial_committee');
  const ministry = await designated(db, 'reporting_ministry');
  const coordinator = await designated(db, 'national_coordinator');

  const sections = [];
  for (const section of sectionsOf(input.kind)) {
    const built = await section.build(ctx);
    if (built) sections.push(built);
  }

  const place = await placeName(db);
  // The whole province, or one agency's subtree.
  const scope = agency.parentId === null ? `của các cơ quan nhà nước trên địa bàn tỉnh ${place}` : `thuộc phạm vi quản lý của ${agency.name}`;
  const frames: Record<ReportKind, { subject: string; intro: string; recipients: (string | false | null)[]; to: string }> = {
    quarterly_security: {
      subject: `Tình hình bảo đảm an toàn hệ thống thông tin ${period.label}`,
      intro: `Thực hiện ${formatCitation(QUARTERLY_REPORT_CITATION).replace(/^Điểm/, 'điểm')}, ${issuer.name} báo cáo tình hình bảo đảm an toàn các hệ thống thông tin ${scope} ${period.label} như sau:`,
      recipients: [
        ministry && `${ministry.name} (để báo cáo)`,
        coordinator && `${coordinator.name} (để phối hợp)`,
        committee && `${committee.name} (để báo cáo)`,
      ],
      to: ministry?.name ?? 'cơ quan cấp trên',
    },
    directive_yearly: {
      subject: `Kết quả thực hiện văn bản số ${directive?.number ?? ''} ${period.label}`,
      intro: `Thực hiện ${directiveLine}, ${issuer.name} tổng hợp, báo cáo kết quả thực hiện ${period.label} của các cơ quan, đơn vị như sau:`,
      recipients: [committee && `${committee.name} (để báo cáo)`],
      to: committee?.name ?? 'Ủy ban nhân dân tỉnh',
    },
    yearly_security: {
      subject: `Kết quả công tác bảo đảm an toàn thông tin mạng ${period.label}`,
      intro: `Thực hiện ${YEARLY_REPORT_BASIS.map((c) => formatCitation(c).replace(/^Điểm/, 'điểm')).join(' và ')}, trên cơ sở kết quả thực hiện do các cơ quan, đơn vị gửi về, ${issuer.name} báo cáo kết quả công tác bảo đảm an toàn thông tin mạng ${scope} ${period.label} như sau:`,
      recipients: [committee && `${committee.name} (để báo cáo)`],
      to: committee?.name ?? 'Ủy ban nhân dân tỉnh',
    },
    agency_compliance: {
      subject: `Mức độ tuân thủ quy định về bảo đảm an toàn thông tin của ${agency.name}`,
      intro: `${issuer.name} báo cáo mức độ tuân thủ các quy định về bảo đảm an toàn thông tin mạng của ${agency.name} tính đến ngày ${formatDateVi(ctx.today)} như sau:`,
      recipients: [securityUnit && securityUnit.id !== issuer.id && `${securityUnit.name} (để theo dõi)`, committee && `${committee.name} (để báo cáo)`],
      to: securityUnit && securityUnit.id !== issuer.id ? securityUnit.name : (committee?.name ?? 'cơ quan cấp trên'),
    },
  };
  const frame = frames[input.kind];

  return {
    dueOn: reportDueOn(input.kind, input.year, quarter, await parameterPeriods(db)),
    snapshot: {
      version: 1,
      builtAt: now.toISOString(),
      issuer: { agencyId: issuer.id, parentName: parent?.name ?? null, name: issuer.name, symbol: symbolOf(issuer) },
      place,
      title: 'BÁO CÁO',
      subject: frame.subject,
      intro: frame.intro,
      period,
      agency: { id: agency.id, name: agency.name },
      directive,
      sections,
      closing: `Trên đây là báo cáo ${frame.subject.charAt(0).toLowerCase()}${frame.subject.slice(1)}, ${issuer.name} kính báo cáo ${frame.to}./.`,
      recipients: frame.recipients.filter((r): r is string => typeof r === 'string'),
      // Who signs is chosen in the register when the report is numbered (modules/outgoing).
      signer: { title: '', name: '' },
    },
  };
}
