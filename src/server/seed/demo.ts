import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { agencies, designations } from '../modules/agencies/schema.ts';
import { users } from '../modules/users/schema.ts';
import { hashPassword } from '../auth/password.ts';
import { recordAudit } from '../modules/audit/service.ts';
import type { Role } from '../../shared/core/roles.ts';
import type { Signer } from '../../shared/documents/signature.ts';
import { defaultGoverningBody } from '../../shared/documents/header.ts';
import { mobilePhone, seededRandom, vietnameseName } from './random.ts';
import { seedDemoSystems } from './demo-systems.ts';
import { seedDemoIncidents } from './demo-incidents.ts';
import { seedDemoWarnings } from './demo-warnings.ts';
import { seedDemoDirectives } from './demo-directives.ts';
import { seedDemoIndicators, seedDemoSocConnections } from './demo-indicators.ts';
import { seedDemoSignatureTokens } from './demo-signatures.ts';
import { seedDemoHunts } from './demo-hunts.ts';

/** The password of every demo account; printed at start and written in the README. */
export const DEMO_PASSWORD = 'khien-demo-2026';

export const DEMO_USERS: { username: string; fullName: string; agency: string; roles: Role[]; phone?: string }[] = [
  { username: 'admin', fullName: 'Trần Quốc Bảo', agency: 'SKHCN', roles: ['platform_admin'] },
  { username: 'attt', fullName: 'Lê Minh Đức', agency: 'CAT', roles: ['dept_security'] },
  { username: 'ungcuu', fullName: 'Phạm Thu Hà', agency: 'CAT', roles: ['responder'] },
  { username: 'lanhdao', fullName: 'Nguyễn Văn Thành', agency: 'UBND', roles: ['viewer'] },
  { username: 'syt.admin', fullName: 'Hoàng Thị Lan', agency: 'SYT', roles: ['agency_admin'] },
  { username: 'syt.canbo', fullName: 'Vũ Đức Long', agency: 'SYT', roles: ['agency_officer'] },
  { username: 'sgd.canbo', fullName: 'Đỗ Ngọc Mai', agency: 'SGDDT', roles: ['agency_officer'] },
  // Officers of two external organisations, who answer the duties the directives set operators and security firms.
  // Their phones are given, so the seeded stream the systems draw from after the users is not shifted.
  { username: 'vnpt.canbo', fullName: 'Ngô Thanh Tùng', agency: 'VNPT', roles: ['agency_officer'], phone: '0912000101' },
  { username: 'saoviet.canbo', fullName: 'Trịnh Minh Châu', agency: 'SAOVIET', roles: ['agency_officer'], phone: '0912000102' },
];

type Node = { key: string; name: string; kind: string; short?: string; children?: Node[] };

/** Tỉnh Demo after the 2025 reorganization: province → departments and communes → public service units. */
const PROVINCE: Node = {
  key: 'UBND',
  name: 'Ủy ban nhân dân tỉnh Demo',
  short: 'UBND tỉnh',
  kind: 'province_committee',
  children: [
    {
      key: 'VP',
      name: 'Văn phòng UBND tỉnh',
      kind: 'department',
      children: [{ key: 'TTHCC', name: 'Trung tâm Phục vụ hành chính công tỉnh', kind: 'public_unit' }],
    },
    {
      key: 'SKHCN',
      name: 'Sở Khoa học và Công nghệ',
      short: 'Sở KH&CN',
      kind: 'department',
      children: [{ key: 'TTCDS', name: 'Trung tâm Chuyển đổi số tỉnh', kind: 'public_unit' }],
    },
    { key: 'CAT', name: 'Công an tỉnh Demo', kind: 'police' },
    { key: 'BCHQS', name: 'Bộ Chỉ huy Quân sự tỉnh', kind: 'military' },
    { key: 'STC', name: 'Sở Tài chính', kind: 'department' },
    { key: 'SNV', name: 'Sở Nội vụ', kind: 'department' },
    { key: 'STP', name: 'Sở Tư pháp', kind: 'department' },
    {
      key: 'SYT',
      name: 'Sở Y tế',
      kind: 'department',
      children: [
        { key: 'BVDK', name: 'Bệnh viện Đa khoa tỉnh Demo', kind: 'hospital' },
        { key: 'BVYHCT', name: 'Bệnh viện Y học cổ truyền tỉnh', kind: 'hospital' },
        { key: 'CDC', name: 'Trung tâm Kiểm soát bệnh tật tỉnh', kind: 'public_unit' },
      ],
    },
    {
      key: 'SGDDT',
      name: 'Sở Giáo dục và Đào tạo',
      short: 'Sở GD&ĐT',
      kind: 'department',
      children: [
        { key: 'THPTC', name: 'Trường THPT Chuyên Demo', kind: 'school' },
        { key: 'THPTHB', name: 'Trường THPT Hòa Bình', kind: 'school' },
      ],
    },
    { key: 'SNNMT', name: 'Sở Nông nghiệp và Môi trường', kind: 'department' },
    { key: 'SXD', name: 'Sở Xây dựng', kind: 'department' },
    { key: 'SCT', name: 'Sở Công Thương', kind: 'department' },
    { key: 'SVHTTDL', name: 'Sở Văn hóa, Thể thao và Du lịch', kind: 'department' },
    { key: 'SDTTG', name: 'Sở Dân tộc và Tôn giáo', kind: 'department' },
    { key: 'TTRA', name: 'Thanh tra tỉnh', kind: 'department' },
    { key: 'BQLKCN', name: 'Ban Quản lý các khu công nghiệp tỉnh', kind: 'department' },
    { key: 'PHB', name: 'UBND phường Hòa Bình', kind: 'commune_committee' },
    { key: 'PTA', name: 'UBND phường Tân An', kind: 'commune_committee' },
    { key: 'PBS', name: 'UBND phường Bắc Sơn', kind: 'commune_committee' },
    { key: 'XDP', name: 'UBND xã Đông Phú', kind: 'commune_committee', children: [{ key: 'THDP', name: 'Trường Tiểu học Đông Phú', kind: 'school' }] },
    { key: 'XTH', name: 'UBND xã Tây Hòa', kind: 'commune_committee', children: [{ key: 'TYTTH', name: 'Trạm Y tế xã Tây Hòa', kind: 'hospital' }] },
    { key: 'XNT', name: 'UBND xã Nam Thành', kind: 'commune_committee' },
    { key: 'XPL', name: 'UBND xã Phú Lộc', kind: 'commune_committee' },
    { key: 'XTX', name: 'UBND xã Thanh Xuân', kind: 'commune_committee' },
    { key: 'XAK', name: 'UBND xã An Khánh', kind: 'commune_committee' },
    { key: 'XSM', name: 'UBND xã Suối Mây', kind: 'commune_committee' },
    { key: 'DKHN', name: 'UBND đặc khu Hòn Ngọc', kind: 'commune_committee' },
  ],
};

const EXTERNAL: Node[] = [
  { key: 'VNPT', name: 'VNPT Demo (Viễn thông Demo)', kind: 'telecom' },
  { key: 'VIETTEL', name: 'Viettel Demo', kind: 'telecom' },
  { key: 'FPT', name: 'FPT Telecom chi nhánh Demo', kind: 'telecom' },
  { key: 'SAOVIET', name: 'Công ty Cổ phần An ninh mạng Sao Việt', kind: 'security_firm' },
  { key: 'KDPN', name: 'Trung tâm Kiểm định An toàn thông tin Phương Nam', kind: 'assessor' },
  { key: 'A05', name: 'Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao (A05)', kind: 'national_body' },
  { key: 'NCSC', name: 'Trung tâm Giám sát an toàn không gian mạng quốc gia', kind: 'national_body' },
];

const DESIGNATED: Record<string, string> = {
  provincial_committee: 'UBND',
  security_unit: 'CAT',
  it_department: 'SKHCN',
  response_team: 'CAT',
  national_coordinator: 'NCSC',
  reporting_ministry: 'A05',
  cybersecurity_authority: 'A05',
};

/**
 * The document settings of the agencies whose documents the demo prints: the header above their name, the drafting
 * unit of "Lưu: VT, …" and who signs. The others print their parent's name above theirs and have no signer yet.
 */
const DOCUMENT_SETTINGS: Record<string, { governingBody?: string | null; draftingUnit: string; signers: Signer[] }> = {
  UBND: {
    draftingUnit: 'VP',
    signers: [
      { collective: 'ỦY BAN NHÂN DÂN', authority: null, head: null, title: 'CHỦ TỊCH', name: 'Trần Quốc Hưng' },
      { collective: 'ỦY BAN NHÂN DÂN', authority: 'KT', head: 'CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Nguyễn Thị Thu Hằng' },
    ],
  },
  CAT: {
    governingBody: 'BỘ CÔNG AN',
    draftingUnit: 'PA05',
    signers: [
      { collective: null, authority: 'KT', head: 'GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Đại tá Phạm Văn Kiên' },
      { collective: null, authority: null, head: null, title: 'GIÁM ĐỐC', name: 'Thiếu tướng Lê Quang Vinh' },
    ],
  },
  SYT: {
    draftingUnit: 'VP',
    signers: [
      { collective: null, authority: null, head: null, title: 'GIÁM ĐỐC', name: 'Bùi Thanh Sơn' },
      { collective: null, authority: 'KT', head: 'GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Đinh Thị Hoa' },
    ],
  },
  SKHCN: {
    draftingUnit: 'CĐS',
    signers: [{ collective: null, authority: 'KT', head: 'GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Ngô Minh Tuấn' }],
  },
};

const slug = (key: string) => key.toLowerCase();

/** Loads Tỉnh Demo into an empty database. Seeded: the same province on every machine. */
export async function seedDemo(db: Db, seed = 2026) {
  const r = seededRandom(seed);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const ids = new Map<string, number>();
    const insert = async (node: Node, parent: { id: number; path: string; name: string } | null) => {
      const docs = DOCUMENT_SETTINGS[node.key];
      // Most agencies have a contact point; a few lack one or have not published it, so indicators have gaps to show.
      const roll = r.next();
      const external = !parent;
      const contact =
        roll < 0.1
          ? {}
          : {
              contactName: vietnameseName(r),
              contactPosition: r.pick([
                'Phó Chánh Văn phòng',
                'Trưởng phòng Công nghệ thông tin',
                'Chuyên viên CNTT',
                'Phó Giám đốc',
                'Công chức Văn phòng - Thống kê',
              ]),
              contactPhone: mobilePhone(r),
              // An external organisation's own domain, not the province's.
              contactEmail: EXTERNAL.includes(node) ? `attt@${slug(node.key)}.vn` : `attt.${slug(node.key)}@demo.gov.vn`,
              contactDesignatedOn: `${r.int(2022, 2025)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
              contactPublished: roll > 0.25,
              contactPublishedUrl:
                roll > 0.25
                  ? EXTERNAL.includes(node)
                    ? `https://${slug(node.key)}.vn/dau-moi-su-co`
                    : `https://${slug(node.key)}.demo.gov.vn/dau-moi-attt`
                  : null,
            };
      const [row] = await tx
        .insert(agencies)
        .values({
          name: node.name,
          shortName: node.short ?? null,
          kind: node.kind,
          parentId: parent?.id ?? null,
          address: `${r.int(1, 300)} đường ${r.pick(['Trần Hưng Đạo', 'Lê Lợi', 'Hùng Vương', 'Nguyễn Huệ', 'Quang Trung', 'Hai Bà Trưng'])}, tỉnh Demo`,
          phone: `0${r.int(200, 299)}${String(r.int(0, 9999999)).padStart(7, '0')}`,
          email: external ? `lienhe@${slug(node.key)}.vn` : `${slug(node.key)}@demo.gov.vn`,
          portalUrl: external ? `https://${slug(node.key)}.vn` : `https://${slug(node.key)}.demo.gov.vn`,
          ...contact,
          docAbbreviation: node.key,
          docGoverningBody: docs?.governingBody !== undefined ? docs.governingBody : defaultGoverningBody(node.kind, parent?.name ?? null),
          docDraftingUnit: docs?.draftingUnit ?? null,
          docSigners: docs?.signers ?? [],
        })
        .returning({ id: agencies.id });
      const path = `${parent?.path ?? '/'}${row!.id}/`;
      await tx.update(agencies).set({ path }).where(eq(agencies.id, row!.id));
      ids.set(node.key, row!.id);
      for (const child of node.children ?? []) await insert(child, { id: row!.id, path, name: node.name });
    };
    await insert(PROVINCE, null);
    for (const org of EXTERNAL) await insert(org, null);

    for (const [code, key] of Object.entries(DESIGNATED)) {
      await tx
        .update(designations)
        .set({ agencyId: ids.get(key)! })
        .where(eq(designations.code, code));
    }
    for (const u of DEMO_USERS) {
      await tx.insert(users).values({
        username: u.username,
        fullName: u.fullName,
        agencyId: ids.get(u.agency)!,
        roles: u.roles,
        passwordHash,
        email: `${u.username}@demo.gov.vn`,
        phone: u.phone ?? mobilePhone(r),
      });
    }
    const systemCount = await seedDemoSystems(tx, r);
    // Each module seeds from its own random stream, so adding one does not reshuffle the others.
    const incidents = await seedDemoIncidents(tx, seededRandom(seed + 4));
    const warnings = await seedDemoWarnings(tx, seededRandom(seed + 5));
    const directives = await seedDemoDirectives(tx, seededRandom(seed + 7));
    const indicators = await seedDemoIndicators(tx, seededRandom(seed + 6));
    const socLinks = await seedDemoSocConnections(tx, seededRandom(seed + 8));
    const signatureTokens = await seedDemoSignatureTokens(tx, seededRandom(seed + 9));
    const threatHunts = await seedDemoHunts(tx, seededRandom(seed + 10));
    await recordAudit(tx as Tx, null, {
      action: 'seed',
      entity: 'demo_province',
      after: {
        agencies: ids.size,
        users: DEMO_USERS.length,
        systems: systemCount,
        incidents,
        warnings,
        directives,
        indicators,
        socLinks,
        signatureTokens,
        hunts: threatHunts,
        seed,
      },
    });
  });
}

export async function isEmpty(db: Db) {
  const { rows } = await db.execute(sql`select not exists (select 1 from agencies) as empty`);
  return (rows[0] as { empty: boolean }).empty;
}
