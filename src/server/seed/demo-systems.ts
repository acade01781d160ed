import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { agencies, agencyKinds } from '../modules/agencies/schema.ts';
import { systems, systemSoftware } from '../modules/systems/schema.ts';
import { dossiers, dossierEvents } from '../modules/dossiers/schema.ts';
import { requirements, systemRequirements } from '../modules/requirements/schema.ts';
import { users } from '../modules/users/schema.ts';
import { classifySystem, EMPTY_ANSWERS, type SystemAnswers } from '../../shared/systems/levels.ts';
import type { DataKind } from '../../shared/systems/schemas.ts';
import type { DossierState } from '../../shared/dossiers/workflow.ts';
import type { Random } from './random.ts';
import { vietnameseOf } from '../../shared/systems/domestic.ts';
import { conditionHolds, type RequirementCondition } from '../../shared/requirements/compliance.ts';

/** Inventory facts (what the register records) and the classification answers (Decree 85/2016 Arts. 6–11). */
type Template = {
  name: string;
  code: string;
  dataKinds: DataKind[];
  otherAgencies?: boolean;
  online?: 'information' | 'partial' | 'full';
  answers: Partial<SystemAnswers>;
  publicUsers?: number;
  software: [string, string, string][];
  /** Always in operation, whatever the draw: warnings in the demo and its tests are matched against its software. */
  operating?: true;
};

const internal = (over: Partial<SystemAnswers> = {}): Partial<SystemAnswers> => ({ functions: ['internal'], information: ['private', 'personal'], ...over });
const shared = (information: SystemAnswers['information']): Partial<SystemAnswers> => ({
  functions: ['infrastructure'],
  information,
  infrastructureScope: 'sector_or_provinces',
});

const COMMON: Template[] = [
  // Information only (8.2.a), no personal data of its readers.
  {
    name: 'Cổng/Trang thông tin điện tử',
    code: 'WEB',
    dataKinds: ['public'],
    online: 'information',
    answers: { functions: ['internal', 'citizens_businesses'], information: ['public'], onlinePublicServiceLevel: 'up_to_2' },
    publicUsers: 20000,
    software: [
      ['WordPress', 'WordPress', '6.4.3'],
      ['Apache', 'HTTP Server', '2.4.57'],
      ['Oracle', 'MySQL', '8.0.35'],
    ],
  },
  {
    name: 'Hệ thống quản lý văn bản và điều hành',
    code: 'QLVB',
    dataKinds: ['internal', 'personal'],
    otherAgencies: true,
    answers: internal(),
    software: [
      ['VNPT', 'iOffice', '4.2'],
      ['Microsoft', 'SQL Server', '2019'],
      ['Microsoft', 'Windows Server', '2019'],
    ],
  },
  {
    name: 'Hệ thống thư điện tử công vụ',
    code: 'MAIL',
    dataKinds: ['internal', 'personal'],
    answers: internal(),
    software: [
      ['Zimbra', 'Collaboration Suite', '9.0.0'],
      ['Canonical', 'Ubuntu Linux', '20.04'],
    ],
  },
  {
    name: 'Phần mềm kế toán',
    code: 'KT',
    dataKinds: ['internal', 'personal'],
    answers: internal(),
    software: [
      ['MISA', 'MISA Mimosa', '2022'],
      ['Microsoft', 'Windows Server', '2016'],
    ],
  },
];

const BY_KIND: Record<string, Template[]> = {
  department: [
    // A database shared by the agencies of the sector (Art. 6(2)(c)): 9.3.
    {
      name: 'Cơ sở dữ liệu chuyên ngành',
      code: 'CSDL',
      dataKinds: ['internal', 'personal', 'important'],
      otherAgencies: true,
      answers: { ...shared(['private', 'personal']), functions: ['internal', 'infrastructure'] },
      software: [
        ['Oracle', 'Database', '19c'],
        ['Apache', 'Tomcat', '9.0.80'],
        ['Red Hat', 'Enterprise Linux', '8.6'],
      ],
    },
    // Staff records: internal with personal information, 8.1 (sensitive data is no criterion of the decree).
    {
      name: 'Hệ thống quản lý hồ sơ cán bộ, công chức',
      code: 'HSCB',
      dataKinds: ['personal', 'sensitive_personal'],
      answers: internal({ information: ['personal'] }),
      operating: true,
      software: [
        ['PostgreSQL', 'PostgreSQL', '14.9'],
        ['nginx', 'nginx', '1.24.0'],
      ],
    },
  ],
  province_committee: [
    {
      name: 'Hệ thống thông tin giải quyết thủ tục hành chính tỉnh',
      code: 'HTTTGQTTHC',
      dataKinds: ['personal', 'internal'],
      otherAgencies: true,
      online: 'full',
      answers: { functions: ['internal', 'citizens_businesses'], information: ['private', 'personal'], onlinePublicServiceLevel: '3_or_above' },
      publicUsers: 900000,
      software: [
        ['Liferay', 'Liferay Portal', '7.4.3'],
        ['PostgreSQL', 'PostgreSQL', '13.12'],
        ['nginx', 'nginx', '1.22.1'],
      ],
    },
    {
      name: 'Nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP)',
      code: 'LGSP',
      dataKinds: ['internal', 'personal', 'important'],
      otherAgencies: true,
      answers: shared(['private', 'personal']),
      software: [
        ['WSO2', 'API Manager', '4.1.0'],
        ['Red Hat', 'Enterprise Linux', '8.8'],
      ],
    },
    {
      name: 'Hệ thống hội nghị truyền hình trực tuyến',
      code: 'HNTH',
      dataKinds: ['internal'],
      otherAgencies: true,
      answers: internal({ information: ['private'] }),
      software: [
        ['Cisco', 'Webex Room', '11.5'],
        ['Polycom', 'RealPresence', '10.1'],
      ],
    },
  ],
  police: [
    {
      name: 'Hệ thống giám sát an toàn thông tin mạng tỉnh (SOC)',
      code: 'SOC',
      dataKinds: ['internal', 'important'],
      otherAgencies: true,
      answers: shared(['private']),
      operating: true,
      software: [
        ['Elastic', 'Elasticsearch', '8.11.1'],
        ['Wazuh', 'Wazuh', '4.7.0'],
        ['Fortinet', 'FortiOS', '7.2.5'],
      ],
    },
  ],
  hospital: [
    // Online services to patients (9.2.a) and their personal information, 150,000 of them (9.2.c).
    {
      name: 'Phần mềm quản lý bệnh viện (HIS)',
      code: 'HIS',
      dataKinds: ['personal', 'sensitive_personal'],
      online: 'partial',
      answers: {
        functions: ['internal', 'citizens_businesses'],
        information: ['personal'],
        onlinePublicServiceLevel: '3_or_above',
        onlineServiceUsersWithPersonalData: 150000,
      },
      publicUsers: 150000,
      software: [
        ['Microsoft', 'SQL Server', '2017'],
        ['Microsoft', 'Windows Server', '2012 R2'],
        ['Microsoft', 'IIS', '8.5'],
      ],
    },
    // Medical images stay inside the hospital: 8.1.
    {
      name: 'Hệ thống lưu trữ và truyền hình ảnh y tế (PACS)',
      code: 'PACS',
      dataKinds: ['personal', 'sensitive_personal'],
      answers: internal({ information: ['personal'] }),
      software: [
        ['Orthanc', 'Orthanc', '1.12.1'],
        ['Canonical', 'Ubuntu Linux', '22.04'],
      ],
    },
  ],
  school: [
    // Parents and pupils online, fewer than 10,000 of them (8.2.c).
    {
      name: 'Phần mềm quản lý trường học',
      code: 'QLTH',
      dataKinds: ['personal'],
      online: 'information',
      answers: {
        functions: ['internal', 'citizens_businesses'],
        information: ['personal'],
        onlinePublicServiceLevel: 'up_to_2',
        onlineServiceUsersWithPersonalData: 1500,
      },
      publicUsers: 1500,
      software: [
        ['VNEdu', 'vnEdu', '3.0'],
        ['Apache', 'HTTP Server', '2.4.54'],
      ],
    },
  ],
  commune_committee: [
    {
      name: 'Hệ thống một cửa điện tử cấp xã',
      code: 'MCDT',
      dataKinds: ['personal'],
      online: 'partial',
      answers: { functions: ['internal', 'citizens_businesses'], information: ['personal'], onlinePublicServiceLevel: '3_or_above' },
      publicUsers: 12000,
      software: [
        ['Apache', 'Tomcat', '8.5.93'],
        ['Oracle', 'MySQL', '5.7.44'],
      ],
    },
    {
      name: 'Hệ thống camera giám sát an ninh trật tự',
      code: 'CAM',
      dataKinds: ['personal'],
      answers: internal({ information: ['personal'] }),
      software: [
        ['Hikvision', 'iVMS-4200', '3.9'],
        ['Hikvision', 'NVR firmware', '4.30.085'],
      ],
    },
  ],
  public_unit: [
    {
      name: 'Trung tâm dữ liệu tỉnh',
      code: 'TTDL',
      dataKinds: ['internal', 'personal', 'important'],
      otherAgencies: true,
      answers: shared(['private', 'personal']),
      software: [
        ['VMware', 'ESXi', '7.0.3'],
        ['VMware', 'vCenter Server', '7.0.3'],
        ['Cisco', 'Adaptive Security Appliance', '9.16.4'],
      ],
    },
  ],
  military: [],
};

/** The states a demo dossier is left in (not the level 4–5 opinion and level-5 list steps). */
type SeededState = Extract<DossierState, 'draft' | 'submitted' | 'under_appraisal' | 'appraised' | 'returned' | 'approved'>;

/** How far along each demo dossier is: most approved, every state represented. */
const STATES: [SeededState | 'unclassified' | 'classified', number][] = [
  ['unclassified', 0.1],
  ['classified', 0.08],
  ['draft', 0.1],
  ['submitted', 0.08],
  ['under_appraisal', 0.07],
  ['appraised', 0.05],
  ['returned', 0.06],
  ['approved', 0.46],
];

function pickState(r: Random) {
  let x = r.next();
  for (const [s, p] of STATES) {
    x -= p;
    if (x < 0) return s;
  }
  return 'approved';
}

const PATH: Record<SeededState, SeededState[]> = {
  draft: [],
  submitted: ['submitted'],
  under_appraisal: ['submitted', 'under_appraisal'],
  appraised: ['submitted', 'under_appraisal', 'appraised'],
  returned: ['submitted', 'under_appraisal', 'returned'],
  approved: ['submitted', 'under_appraisal', 'appraised', 'approved'],
};
const ACTION: Record<SeededState, string> = {
  draft: 'create',
  submitted: 'submit',
  under_appraisal: 'start_appraisal',
  appraised: 'appraise',
  returned: 'return',
  approved: 'approve',
};

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** About 150 systems across Tỉnh Demo, in every dossier state, with software and requirement progress. */
export async function seedDemoSystems(tx: Tx, r: Random) {
  const owners = await tx
    .select({ id: agencies.id, name: agencies.name, kind: agencies.kind, shortName: agencies.shortName })
    .from(agencies)
    .innerJoin(agencyKinds, eq(agencyKinds.code, agencies.kind))
    .where(eq(agencyKinds.external, false));
  const catalog = await tx
    .select({ id: requirements.id, levels: requirements.levels, minimum: requirements.minimum, condition: requirements.condition })
    .from(requirements);
  const [attt] = await tx.select({ id: users.id, fullName: users.fullName }).from(users).where(eq(users.username, 'attt'));
  const [vnpt] = await tx
    .select({ id: agencies.id })
    .from(agencies)
    .where(and(eq(agencies.kind, 'telecom'), isNull(agencies.parentId)))
    .limit(1);
  // Drawn for every system, pinned or not, so the draws that follow stay the same.
  const status = (t: Template) => {
    const drawn = r.chance(0.9) ? 'in_operation' : r.pick(['planned', 'in_development', 'retired']);
    return t.operating ? 'in_operation' : drawn;
  };
  let n = 0;
  for (const owner of owners) {
    const templates = [...(BY_KIND[owner.kind] ?? []), ...COMMON.filter(() => r.chance(0.8))];
    for (const t of templates) {
      n++;
      const answers: SystemAnswers = { ...EMPTY_ANSWERS, ...t.answers };
      const { level } = classifySystem(answers);
      const state = pickState(r);
      const goLive = new Date(Date.UTC(r.int(2015, 2025), r.int(0, 11), r.int(1, 28)));
      const classified = state !== 'unclassified';
      const approvedOn = state === 'approved' ? isoDay(new Date(Date.UTC(r.int(2022, 2026), r.int(0, 9), r.int(1, 28)))) : null;
      const [system] = await tx
        .insert(systems)
        .values({
          agencyId: owner.id,
          operatorAgencyId: r.chance(0.2) ? (vnpt?.id ?? null) : null,
          code: `${t.code}-${String(owner.id).padStart(3, '0')}`,
          name: `${t.name} — ${owner.shortName ?? owner.name}`,
          purpose: `${t.name} phục vụ hoạt động của ${owner.name}.`,
          status: status(t),
          goLiveOn: isoDay(goLive),
          hosting: r.pick(['provincial_dc', 'provincial_dc', 'agency_premises', 'cloud']),
          servesInternal: answers.functions.includes('internal'),
          servesOtherAgencies: t.otherAgencies ?? false,
          servesPublic: answers.functions.includes('citizens_businesses'),
          internalUsers: r.int(10, 400),
          publicUsers: t.publicUsers ?? null,
          dataKinds: t.dataKinds,
          onlinePublicService: t.online ?? 'none',
          classification: classified ? answers : null,
          computedLevel: classified ? level : null,
          proposedLevel: classified ? level : null,
          approvedLevel: approvedOn ? level : null,
          approvedOn,
          approvalDecision: approvedOn ? `${r.int(10, 999)}/QĐ-${(owner.shortName ?? 'CQ').replace(/[^\p{L}\p{N}]/gu, '').toUpperCase()}` : null,
        })
        .returning({ id: systems.id });
      const id = system!.id;
      // The vendor table says which are made or mastered by a Vietnamese enterprise (Thanh Hóa letter 1.d).
      await tx
        .insert(systemSoftware)
        .values(t.software.map(([vendor, product, version]) => ({ systemId: id, vendor, product, version, vietnamese: vietnameseOf({ vendor }).vietnamese })));
      if (!classified) continue;

      // Requirement progress: approved systems are mostly along, others just started.
      const progress = state === 'approved' ? 0.75 : 0.3;
      const rows = catalog
        .filter((c) => c.levels.includes(level) && conditionHolds(c.condition, { environment: 'production', dataKinds: t.dataKinds }))
        .map((c) => {
          const x = r.next();
          const status = x < progress ? 'met' : x < progress + 0.12 ? 'in_progress' : x < progress + 0.16 ? 'not_applicable' : 'not_started';
          return {
            systemId: id,
            requirementId: c.id,
            status,
            reason: status === 'not_applicable' ? 'Hệ thống không có thành phần tương ứng.' : null,
            lastVerifiedOn: status === 'met' ? isoDay(new Date(Date.UTC(2026, r.int(0, 10), r.int(1, 28)))) : null,
            // The security unit approved the "not applicable" of approved systems; the others' await approval.
            notApplicableApprovedBy: status === 'not_applicable' && approvedOn ? (attt?.id ?? null) : null,
            notApplicableApprovedAt: status === 'not_applicable' && approvedOn ? new Date(`${approvedOn}T09:00:00+07:00`) : null,
            minimum: c.minimum,
          };
        });
      // A quarter of the approved systems have deployed their whole plan: every requirement met, but for approved
      // "not applicable" ones other than the minimum requirements (which nothing excuses).
      if (r.chance(0.25) && state === 'approved')
        rows.forEach((row) => {
          if (row.status !== 'not_applicable' || row.minimum)
            Object.assign(row, { status: 'met', reason: null, notApplicableApprovedBy: null, notApplicableApprovedAt: null });
        });
      if (rows.length) await tx.insert(systemRequirements).values(rows.map(({ minimum: _m, ...row }) => row));

      if (state === 'classified') continue;
      const start = new Date(Date.UTC(2026, r.int(0, 9), r.int(1, 28)));
      const [dossier] = await tx
        .insert(dossiers)
        .values({
          systemId: id,
          agencyId: owner.id,
          state,
          computedLevel: level,
          proposedLevel: level,
          classification: answers,
          description: `${t.name} phục vụ hoạt động của ${owner.name}.`,
          securityPlan: 'Phương án bảo đảm an toàn thông tin theo yêu cầu cơ bản của cấp độ đề xuất.',
          ...(['appraised', 'approved'].includes(state)
            ? {
                appraisalAgreed: true,
                appraisalOpinion: 'Hồ sơ đáp ứng yêu cầu; thống nhất cấp độ đề xuất.',
                appraisalNumber: `${r.int(10, 999)}/TĐ-ATTT`,
                appraisalDate: isoDay(new Date(start.getTime() + 9 * 86400_000)),
              }
            : {}),
          decisionNumber: approvedOn ? `${r.int(10, 999)}/QĐ-PD` : null,
          decisionDate: approvedOn,
          decisionAuthority: approvedOn ? (level === 5 ? 'Thủ tướng Chính phủ' : owner.name) : null,
          submissions: state === 'draft' ? 0 : 1,
          createdAt: start,
          updatedAt: start,
        })
        .returning({ id: dossiers.id });
      const events = [
        {
          dossierId: dossier!.id,
          action: 'create',
          fromState: null as string | null,
          toState: 'draft',
          at: start,
          actorName: `Cán bộ ${owner.shortName ?? owner.name}`,
          actorUserId: null as number | null,
          comment: null as string | null,
        },
      ];
      let prev: SeededState = 'draft';
      PATH[state].forEach((s, i) => {
        const appraiser = s === 'under_appraisal' || s === 'appraised' || (s === 'returned' && prev !== 'appraised');
        events.push({
          dossierId: dossier!.id,
          action: ACTION[s],
          fromState: prev,
          toState: s,
          at: new Date(start.getTime() + (i + 1) * 3 * 86400_000),
          actorName: appraiser ? attt!.fullName : `Lãnh đạo ${owner.shortName ?? owner.name}`,
          actorUserId: appraiser ? attt!.id : null,
          comment:
            s === 'returned' ? 'Đề nghị bổ sung mô hình kết nối mạng và phương án sao lưu dữ liệu.' : s === 'appraised' ? 'Thống nhất cấp độ đề xuất.' : null,
        });
        prev = s;
      });
      await tx.insert(dossierEvents).values(events);
    }
  }
  return n + (await seedTestSystem(tx, owners, catalog));
}

/**
 * A test system with personal data (Vĩnh Phúc directive 1.g: secured like one in real operation), drawn from no
 * random number so the systems above stay as they are: the health department's trial of electronic health records.
 */
async function seedTestSystem(
  tx: Tx,
  owners: { id: number; name: string; shortName: string | null }[],
  catalog: { id: string; levels: number[]; condition: RequirementCondition | null }[],
) {
  const owner = owners.find((o) => o.name === 'Sở Y tế');
  if (!owner) return 0;
  const answers: SystemAnswers = { ...EMPTY_ANSWERS, ...internal({ information: ['personal'] }) };
  const { level } = classifySystem(answers);
  const dataKinds: DataKind[] = ['personal', 'sensitive_personal'];
  const [system] = await tx
    .insert(systems)
    .values({
      agencyId: owner.id,
      code: `HSSK-TN-${String(owner.id).padStart(3, '0')}`,
      name: `Hệ thống hồ sơ sức khỏe điện tử (thử nghiệm) — ${owner.shortName ?? owner.name}`,
      purpose: `Thử nghiệm hồ sơ sức khỏe điện tử với dữ liệu của người bệnh trước khi ${owner.name} đưa vào vận hành chính thức.`,
      status: 'in_development',
      environment: 'test',
      hosting: 'provincial_dc',
      internalUsers: 40,
      dataKinds,
      classification: answers,
      computedLevel: level,
      proposedLevel: level,
    })
    .returning({ id: systems.id });
  await tx.insert(systemSoftware).values([
    { systemId: system!.id, vendor: 'PostgreSQL', product: 'PostgreSQL', version: '16.2' },
    { systemId: system!.id, vendor: 'Canonical', product: 'Ubuntu Linux', version: '22.04' },
  ]);
  const rows = catalog
    .filter((c) => c.levels.includes(level) && conditionHolds(c.condition, { environment: 'test', dataKinds }))
    .map((c) => ({ systemId: system!.id, requirementId: c.id }));
  await tx.insert(systemRequirements).values(rows);
  return 1;
}
