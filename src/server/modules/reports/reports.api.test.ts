import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';
import { quarterOf } from '../../../shared/core/recurrence.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import { initialReport } from '../../../../tests/support/incident-report.ts';

type Figure = { key: string; value: number | string | null };
type Report = {
  id: number;
  number: string | null;
  kind: string;
  dueOn: string | null;
  agencyId: number;
  snapshot: { sections: { key: string; figures: Figure[]; tables: { title: string; rows: unknown[][] }[] }[]; recipients: string[]; issuer: { name: string } };
};

let t: TestApp;
let dataDir: string;
let attt: Client;
let admin: Client;
let officer: Client; // syt.canbo
let sgd: Client; // sgd.canbo
let responder: Client; // ungcuu
let agencies: { id: number; name: string; parentId: number | null }[];
const id = (name: string) => agencies.find((a) => a.name === name)!.id;
const today = todayVn();
const year = Number(today.slice(0, 4));
const quarter = quarterOf(today);

const figure = (r: Report, key: string) => r.snapshot.sections.flatMap((s) => s.figures).find((f) => f.key === key)?.value;
const docxText = async (buf: Buffer) =>
  (await (await JSZip.loadAsync(buf)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'khien-reports-'));
  t = await startTestApp({ DATA_DIR: dataDir });
  [attt, admin, officer, sgd, responder] = await Promise.all(['attt', 'admin', 'syt.canbo', 'sgd.canbo', 'ungcuu'].map((u) => t.login(u)));
  agencies = (await admin.get('/api/agencies')).json();
});
afterAll(async () => {
  await t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the quarterly report to the Ministry', () => {
  let report: Report;
  let root: number;
  beforeAll(async () => {
    root = agencies.find((a) => a.parentId === null && a.name.startsWith('Ủy ban'))!.id;
    const res = await attt.post('/api/reports', { kind: 'quarterly_security', agencyId: root, year, quarter });
    expect(res.statusCode, res.body).toBe(201);
    report = res.json();
  });

  it('carries the same figures as the systems statistics', async () => {
    const stats = (await attt.get(`/api/agencies/${root}/systems-stats`)).json();
    expect(figure(report, 'systems.total')).toBe(stats.total);
    expect(figure(report, 'systems.approved')).toBe(stats.approved);
    expect(figure(report, 'systems.approvedPercent')).toBe(stats.approvedPercent);
    expect(figure(report, 'systems.planDeployedPercent')).toBe(stats.planDeployedPercent);
    expect(figure(report, 'systems.compliancePercent')).toBe(stats.compliancePercent);
    for (const l of [1, 2, 3, 4, 5]) expect(figure(report, `systems.level${l}`)).toBe(stats.byLevel[l]);
  });

  it('carries the directive indicators of the quarter as the dashboard shows them', async () => {
    const d = (await attt.get(`/api/dashboard?agencyId=${root}&period=${year}-Q${quarter}`)).json() as {
      score: number;
      values: { id: string; percent: number | null }[];
    };
    for (const v of d.values) expect(figure(report, `indicators.${v.id}`), v.id).toBe(v.percent);
    expect(figure(report, 'indicators.score')).toBe(d.score);
    expect(report.snapshot.sections.find((s) => s.key === 'indicators')!.tables[0]!.rows).toHaveLength(d.values.length);
  });

  it('counts contact points and tasks of the subtree', async () => {
    const all = (await attt.get('/api/agencies')).json() as { external: boolean; contactName: string | null; active: boolean }[];
    const inTree = all.filter((a) => !a.external && a.active);
    expect(figure(report, 'contacts.agencies')).toBe(inTree.length);
    expect(figure(report, 'contacts.designated')).toBe(inTree.filter((a) => a.contactName).length);
    const tasks = (await attt.get(`/api/tasks?limit=1&agencyId=${root}`)).json();
    expect(figure(report, 'tasks.assigned')).toBe(tasks.total);
    expect(figure(report, 'tasks.overdue')).toBe(tasks.overdue);
  });

  it('is due on the 20th of the last month of the quarter and goes to the Ministry', () => {
    expect(report.dueOn).toBe(`${year}-${String(quarter * 3).padStart(2, '0')}-20`);
    expect(report.snapshot.issuer.name).toBe('Công an tỉnh Demo');
    expect(report.snapshot.recipients[0]).toContain('A05');
    // No number before the register issues one (not the database id).
    expect(report.number).toBeNull();
  });

  it('renders a Decree 30 document with the figures', async () => {
    const res = await attt.get(`/api/reports/${report.id}/docx`);
    expect(res.statusCode).toBe(200);
    const text = await docxText(res.rawPayload);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    // Not yet numbered in the register of the issuer (Công an tỉnh): the number is left blank, the symbol printed.
    expect(text).toContain('Số: /BC-CAT');
    expect(text).toContain('BÁO CÁO');
    // Its basis: Dispatch 33/CĐ-TTg §1.c (the quarterly report before the 20th of the quarter's last month).
    expect(text).toContain('Thực hiện điểm c khoản 1 Công điện số 33/CĐ-TTg, Công an tỉnh Demo báo cáo');
    expect(text).not.toContain('85/2016');
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain(`Tổng số hệ thống thông tin đang quản lý: ${figure(report, 'systems.total')} hệ thống`);
    expect(text).toContain(`${String(figure(report, 'systems.approvedPercent')).replace('.', ',')}%`);
  });

  it("exports the figures and tables as a typed workbook, labels not codes, the sheet words in the reader's language", async () => {
    const res = await attt.get(`/api/reports/${report.id}/xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.length).toBeGreaterThan(2);
    const names = wb.worksheets.map((w) => w.name);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(31);
    expect(names).toContain('Số lượng hệ thống thông tin');
    const summary = wb.worksheets[0]!;
    expect(summary.name).toBe('Tổng hợp');
    expect(String(summary.getCell('A2').value)).toMatch(/— lập lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4} \(giờ Việt Nam\)$/);
    expect((summary.getRow(3).values as string[]).slice(1)).toEqual(['Mục', 'Chỉ tiêu', 'Giá trị']);
    const rowOf = (label: string) => {
      let found: ExcelJS.Row | undefined;
      summary.eachRow((r) => {
        if (r.getCell(2).value === label) found = r;
      });
      expect(found, label).toBeDefined();
      return found!;
    };
    expect(rowOf('Tổng số hệ thống thông tin').getCell(3)).toMatchObject({ value: figure(report, 'systems.total'), numFmt: '#,##0' });
    const approved = figure(report, 'systems.approvedPercent') as number | null;
    const share = rowOf('Tỷ lệ hệ thống được phê duyệt cấp độ').getCell(3);
    if (approved === null) expect(share.type).toBe(ExcelJS.ValueType.Null);
    else {
      expect(share.numFmt).toBe('0.0%');
      expect(share.value).toBeCloseTo(approved / 100, 10);
    }
    // The agencies' table: counts as numbers, the compliance share as a percentage, "—" an empty cell.
    const byAgency = wb.getWorksheet('Tình hình theo cơ quan, đơn vị')!;
    expect((byAgency.getRow(3).values as string[]).slice(1)).toEqual([
      'STT',
      'Cơ quan, đơn vị',
      'Số HTTT',
      'Đã phê duyệt cấp độ',
      'Đã triển khai phương án',
      'Đáp ứng yêu cầu',
    ]);
    const first = byAgency.getRow(5);
    expect(first.getCell(1)).toMatchObject({ value: 1, type: ExcelJS.ValueType.Number });
    expect(first.getCell(3).type).toBe(ExcelJS.ValueType.Number);
    const compliance = first.getCell(6);
    expect([ExcelJS.ValueType.Number, ExcelJS.ValueType.Null]).toContain(compliance.type);
    if (compliance.type === ExcelJS.ValueType.Number) expect(compliance.numFmt).toBe('0.0%');
    // The indicators' targets: numbers, the budget's a minimum.
    const targets = wb.worksheets.find((w) => w.name.startsWith('Các chỉ tiêu theo chỉ thị'))!;
    expect(targets.getCell('E5')).toMatchObject({ value: 1, numFmt: '0.0%' });
    let budget: ExcelJS.Row | undefined;
    targets.eachRow((r) => {
      if (String(r.getCell(2).value).startsWith('Tỷ lệ kinh phí')) budget = r;
    });
    expect(budget!.getCell(5)).toMatchObject({ value: 0.1, numFmt: '"≥ "0.0%' });
    const shown = wb.worksheets.flatMap((ws) => ws.getSheetValues().flatMap((r, n) => (Array.isArray(r) && n !== 4 ? r.slice(1).map(String) : [])));
    expect(shown).not.toContain('systems.total');
    expect(shown.some((v) => /^\d+(,\d+)?%$/.test(v))).toBe(false);
    expect(shown.some((v) => /^\d{4}-\d\d-\d\dT/.test(v))).toBe(false);

    expect((await attt.put('/api/auth/locale', { locale: 'en' })).statusCode).toBe(204);
    try {
      const en = new ExcelJS.Workbook();
      await en.xlsx.load((await attt.get(`/api/reports/${report.id}/xlsx`)).rawPayload as unknown as ArrayBuffer);
      expect(en.worksheets[0]!.name).toBe('Summary');
      expect((en.worksheets[0]!.getRow(3).values as string[]).slice(1)).toEqual(['Section', 'Figure', 'Value']);
      expect(String(en.worksheets[0]!.getCell('A2').value)).toMatch(/— made at \d\d:\d\d on \d\d\/\d\d\/\d{4} \(Vietnam time\)$/);
    } finally {
      await attt.put('/api/auth/locale', { locale: 'vi' });
    }
  });

  it('keeps the figures it was built from when the data changes afterwards', async () => {
    const before = figure(report, 'systems.total') as number;
    const created = await officer.post('/api/systems', { agencyId: officer.me.agencyId, code: 'RPT-NEW-1', name: 'Hệ thống mới sau báo cáo' });
    expect(created.statusCode, created.body).toBe(201);
    expect((await attt.get(`/api/agencies/${root}/systems-stats`)).json().total).toBe(before + 1);
    const reopened = (await attt.get(`/api/reports/${report.id}`)).json() as Report;
    expect(figure(reopened, 'systems.total')).toBe(before);
    expect(await docxText((await attt.get(`/api/reports/${report.id}/docx`)).rawPayload)).toContain(`đang quản lý: ${before} hệ thống`);
  });

  it('shows the number the register issued it with, in the list, the detail and the workbook; none while only reserved', async () => {
    const listed = async () => ((await attt.get('/api/reports')).json() as Report[]).find((r) => r.id === report.id)!.number;
    const note = async () => {
      const res = await attt.get(`/api/reports/${report.id}/xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const cells = wb.worksheets[0]!.getSheetValues().flatMap((r) => (Array.isArray(r) ? r.slice(1).map(String) : []));
      return { disposition: String(res.headers['content-disposition']), cells };
    };
    expect(await listed()).toBeNull();
    const draft = await note();
    expect(draft.disposition).toContain(`bao-cao-du-thao-${report.id}.xlsx`);
    expect(draft.cells).toContain('Chưa ban hành, chưa có số — Công an tỉnh Demo');
    const reserved = await attt.post('/api/outgoing-documents', { subjectKind: 'report', subjectId: report.id });
    expect(reserved.statusCode, reserved.body).toBe(201);
    const entry = reserved.json() as { id: number; reference: string };
    expect(entry.reference).toMatch(/^\d{2,}\/BC-CAT$/);
    expect((await attt.get(`/api/reports/${report.id}`)).json().number).toBeNull();
    expect(await listed()).toBeNull();
    expect((await attt.post(`/api/outgoing-documents/${entry.id}/issue`)).statusCode).toBe(200);
    expect((await attt.get(`/api/reports/${report.id}`)).json().number).toBe(entry.reference);
    expect(await listed()).toBe(entry.reference);
    const issued = await note();
    expect(issued.disposition).toContain(`bao-cao-${entry.reference.replace('/', '-')}.xlsx`);
    expect(issued.cells).toContain(`Số: ${entry.reference} — Công an tỉnh Demo`);
    expect(await docxText((await attt.get(`/api/reports/${report.id}/docx`)).rawPayload)).toContain(`Số: ${entry.reference}`);
  });
});

describe('the quarterly report on incidents, warnings and vulnerabilities', () => {
  const rootId = () => agencies.find((a) => a.parentId === null && a.name.startsWith('Ủy ban'))!.id;
  const quarterly = async () => {
    const res = await attt.post('/api/reports', { kind: 'quarterly_security', agencyId: rootId(), year, quarter });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Report;
  };
  const num = (r: Report, key: string) => {
    const v = figure(r, key);
    expect(typeof v, key).toBe('number');
    return v as number;
  };
  const move = async (id: number, action: string) => expect((await responder.post(`/api/incidents/${id}/transitions`, { action })).statusCode).toBe(200);
  let before: Report;
  let after: Report;
  let lateCode: string;

  beforeAll(async () => {
    before = await quarterly();
    // An incident of Sở Y tế reported 6 days after detection (late by the 5-day rule), worked to closure with its lessons.
    const system = (await officer.post('/api/systems', { agencyId: officer.me.agencyId, code: 'RPT-INC-1', name: 'Cổng thông tin thử báo cáo quý' })).json();
    const filed = await officer.post(
      '/api/incidents',
      initialReport(officer.me.agencyId, [system.id], {
        kind: 'phishing',
        severity: 'low',
        capacity: 'within',
        detectedAt: new Date(Date.now() - 144 * 3_600_000).toISOString(),
      }),
    );
    expect(filed.statusCode, filed.body).toBe(201);
    const incident = filed.json() as { id: number; code: string };
    lateCode = incident.code;
    for (const action of ['accept', 'start_response', 'contain', 'recover']) await move(incident.id, action);
    const written = await responder.put(`/api/incidents/${incident.id}/response-report`, {
      damage: 'Hai tài khoản bị lộ mật khẩu',
      rootCause: 'Thư giả mạo',
      origin: 'Tên miền giả mạo',
      actions: 'Đổi mật khẩu, chặn tên miền',
      lessonsLearned: 'Tập huấn nhận diện thư giả mạo',
    });
    expect(written.statusCode, written.body).toBe(200);
    await move(incident.id, 'close');
    // A warning received today that hits one new system of Sở Y tế, answered at once; a scan of that system today.
    expect((await officer.put(`/api/systems/${system.id}/software`, [{ vendor: 'KhienReport', product: 'Quarter Server', version: '1.2.0' }])).statusCode).toBe(
      200,
    );
    const w = await attt.post('/api/warnings', {
      source: 'NCSC',
      number: 'T-QUY-1',
      issuedOn: today,
      title: 'Lỗ hổng kiểm thử trong KhienReport Quarter Server',
      severity: 'high',
      cveIds: ['CVE-2099-0042'],
      products: [{ vendor: 'KhienReport', product: 'Quarter Server', versionRange: '<2.0.0' }],
    });
    expect(w.statusCode, w.body).toBe(201);
    const items = w.json().items as { id: number; systemId: number }[];
    expect(items.map((i) => i.systemId)).toEqual([system.id]);
    expect((await officer.post(`/api/remediation-items/${items[0]!.id}/response`, { status: 'patched' })).statusCode).toBe(200);
    const scan = await officer.post(`/api/systems/${system.id}/scans`, { scannedOn: today, tool: 'Nmap' });
    expect(scan.statusCode, scan.body).toBe(201);
    after = await quarterly();
  });

  it('puts the two sections after the systems, in the order of the layout', () => {
    expect(after.snapshot.sections.map((s) => s.key)).toEqual(['systems', 'incidents', 'vulnerabilities', 'contacts', 'tasks', 'indicators']);
  });

  it('counts the incidents reported in the quarter by kind and severity, the late reports and the closed cases with lessons', () => {
    const delta = (key: string) => num(after, key) - num(before, key);
    expect(delta('incidents.reported')).toBe(1);
    expect(delta('incidents.kind.phishing')).toBe(1);
    expect(delta('incidents.kind.malware')).toBe(0);
    expect(delta('incidents.severity.low')).toBe(1);
    expect(delta('incidents.severity.high')).toBe(0);
    expect(delta('incidents.late')).toBe(1);
    expect(delta('incidents.closed')).toBe(1);
    expect(delta('incidents.closedWithLessons')).toBe(1);
    const kinds = ['malware', 'ransomware', 'intrusion', 'defacement', 'ddos', 'data_leak', 'phishing', 'account_compromise', 'other'];
    expect(kinds.reduce((a, k) => a + num(after, `incidents.kind.${k}`), 0)).toBe(num(after, 'incidents.reported'));
    const section = after.snapshot.sections.find((s) => s.key === 'incidents')!;
    const grid = section.tables[0]!.rows;
    expect(grid.at(-1)).toEqual([
      '',
      'Tổng cộng',
      ...['low', 'medium', 'high', 'critical'].map((s) => num(after, `incidents.severity.${s}`)),
      num(after, 'incidents.reported'),
    ]);
    expect(grid.find((r) => r[1] === 'Lừa đảo trực tuyến')).toBeDefined();
    expect(section.tables[1]!.rows.map((r) => r[1])).toContain(lateCode);
  });

  it('counts the warnings received, the systems hit, the answers by their due day, the scans and the open findings', async () => {
    const delta = (key: string) => num(after, key) - num(before, key);
    expect(delta('warnings.received')).toBe(1);
    expect(delta('warnings.concerning')).toBe(1);
    expect(delta('warnings.systems')).toBe(1);
    expect(delta('warnings.items')).toBe(1);
    expect(delta('warnings.onTime')).toBe(1);
    expect(delta('warnings.late')).toBe(0);
    expect(delta('warnings.open')).toBe(0);
    expect(delta('scans.done')).toBe(1);
    expect(num(after, 'warnings.onTime') + num(after, 'warnings.late') + num(after, 'warnings.open')).toBe(num(after, 'warnings.items'));
    // The quarter runs: open at its end is open today, as the warnings statistics count it.
    const stats = (await attt.get(`/api/warnings/stats?agencyId=${rootId()}`)).json() as { openFindings: Record<string, number> };
    for (const s of ['critical', 'high', 'medium', 'low']) expect(num(after, `findings.open.${s}`), s).toBe(stats.openFindings[s]);
    const rows = after.snapshot.sections.find((s) => s.key === 'vulnerabilities')!.tables[0]!.rows;
    expect(rows.find((r) => String(r[1]).startsWith('T-QUY-1 (NCSC)'))).toEqual([
      expect.any(Number),
      expect.stringContaining('T-QUY-1'),
      'Cao',
      expect.any(String),
      1,
      1,
      0,
      0,
    ]);
  });

  it('prints the sections in the Word document and types their figures in the workbook', async () => {
    const text = await docxText((await attt.get(`/api/reports/${after.id}/docx`)).rawPayload);
    expect(text).toContain('TÌNH HÌNH SỰ CỐ AN TOÀN THÔNG TIN MẠNG');
    expect(text).toContain(`Số sự cố báo cáo chậm so với thời hạn báo cáo sự cố: ${num(after, 'incidents.late')}/${num(after, 'incidents.reported')}.`);
    expect(text).toContain('CẢNH BÁO, LỖ HỔNG BẢO MẬT VÀ KẾT QUẢ XỬ LÝ');
    expect(text).toContain(`đã thực hiện ${num(after, 'scans.done')} lượt rà quét lỗ hổng bảo mật`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await attt.get(`/api/reports/${after.id}/xlsx`)).rawPayload as unknown as ArrayBuffer);
    // The sheet is named by the table's title cut to whole words under 31 characters.
    const grid = wb.worksheets.find((w) => w.name.length > 5 && 'Sự cố được báo cáo theo loại và mức độ'.startsWith(w.name))!;
    expect(grid.getCell('A1').value).toBe('SỰ CỐ ĐƯỢC BÁO CÁO THEO LOẠI VÀ MỨC ĐỘ');
    expect((grid.getRow(3).values as string[]).slice(1)).toEqual(['STT', 'Loại sự cố', 'Thấp', 'Trung bình', 'Cao', 'Nghiêm trọng cao', 'Tổng số']);
    expect(grid.getCell('G5').type).toBe(ExcelJS.ValueType.Number);
  });
});

describe('who may generate and read reports', () => {
  it("keeps the Ministry and People's Committee reports to the security unit", async () => {
    expect((await officer.post('/api/reports', { kind: 'quarterly_security', agencyId: id('Sở Y tế'), year, quarter })).statusCode).toBe(403);
    const noQuarter = await attt.post('/api/reports', { kind: 'quarterly_security', agencyId: id('Sở Y tế'), year });
    expect(noQuarter.json().error.field).toBe('quarter');
  });

  it("lets an agency report on its own compliance, and nobody else's", async () => {
    const own = await officer.post('/api/reports', { kind: 'agency_compliance', agencyId: id('Sở Y tế'), year });
    expect(own.statusCode, own.body).toBe(201);
    const report = own.json() as Report;
    expect(report.snapshot.sections.map((s) => s.key)).toEqual(['systems', 'system_list', 'contacts', 'tasks', 'indicators']);
    const theirs = await officer.post('/api/reports', { kind: 'agency_compliance', agencyId: id('Sở Giáo dục và Đào tạo'), year });
    const missing = await officer.post('/api/reports', { kind: 'agency_compliance', agencyId: 999_999, year });
    expect(theirs.statusCode).toBe(400);
    expect(theirs.json()).toEqual(missing.json());
    // Reading follows the agency: Sở GD&ĐT's officer neither lists nor opens Sở Y tế's report.
    expect((await sgd.get(`/api/reports/${report.id}`)).statusCode).toBe(404);
    expect((await sgd.get(`/api/reports/${report.id}/docx`)).statusCode).toBe(404);
    expect((await sgd.get('/api/reports')).json().map((r: { id: number }) => r.id)).not.toContain(report.id);
    expect((await attt.get('/api/reports')).json().map((r: { id: number }) => r.id)).toContain(report.id);
  });
});

describe('the yearly report on a directive', () => {
  it('names a document whose day the text leaves blank by what the text gives', async () => {
    const vinhPhuc = ((await attt.get('/api/directives')).json() as { id: number; number: string }[]).find((d) => d.number === '…/CT-UBND')!;
    const root = agencies.find((a) => a.parentId === null && a.name.startsWith('Ủy ban'))!.id;
    const res = await attt.post('/api/reports', { kind: 'directive_yearly', agencyId: root, year, directiveId: vinhPhuc.id });
    expect(res.statusCode, res.body).toBe(201);
    const text = await docxText((await attt.get(`/api/reports/${res.json().id}/docx`)).rawPayload);
    expect(text).toContain('Chỉ thị số …/CT-UBND tháng 6/2023 của UBND tỉnh Vĩnh Phúc');
  });

  it('reports task by task and agency by agency, due mid-December', async () => {
    const directive = ((await attt.get('/api/directives')).json() as { id: number; number: string }[]).find((d) => d.number === '15/CT-UBND')!;
    const root = agencies.find((a) => a.parentId === null && a.name.startsWith('Ủy ban'))!.id;
    const res = await attt.post('/api/reports', { kind: 'directive_yearly', agencyId: root, year, directiveId: directive.id });
    expect(res.statusCode, res.body).toBe(201);
    const report = res.json() as Report;
    expect(report.dueOn).toBe(`${year}-12-15`);
    const section = report.snapshot.sections.find((s) => s.key === 'directive_tasks')!;
    expect(section.tables[0]!.rows).toHaveLength(6);
    const detail = (await attt.get(`/api/directives/${directive.id}`)).json() as { tasks: { assignments: { agencyId: number }[] }[] };
    // The report covers the province's tree: the tasks of the operators and security firms (Quảng Nam 4–5), which stand
    // outside it, are not its tasks.
    const outside = new Set(agencies.filter((a) => a.parentId === null && a.id !== root).map((a) => a.id));
    const inTree = detail.tasks.filter((t) => t.assignments.some((a) => !outside.has(a.agencyId)));
    expect(figure(report, 'directive.tasks')).toBe(inTree.length);
    expect(detail.tasks.length - inTree.length).toBe(4);
    expect(report.snapshot.recipients[0]).toContain('Ủy ban nhân dân tỉnh Demo');
    const text = await docxText((await attt.get(`/api/reports/${report.id}/docx`)).rawPayload);
    expect(text).toContain('Chỉ thị số 15/CT-UBND ngày 09/11/2022 của UBND tỉnh Quảng Nam về việc đẩy mạnh');
    expect((await attt.post('/api/reports', { kind: 'directive_yearly', agencyId: root, year })).json().error.field).toBe('directiveId');
  });
});
