import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';
import { quarterOf } from '../../../shared/core/recurrence.ts';
import { todayVn } from '../../../shared/core/dates.ts';

type Agency = { id: number; name: string; parentId: number | null; kind: string };
type Entry = {
  id: number;
  agencyId: number;
  number: number;
  reference: string;
  symbol: string;
  status: string;
  signer: { name: string } | null;
  can: { edit: boolean; issue: boolean };
};

let t: TestApp;
let admin: Client;
let sytAdmin: Client;
let sytOfficer: Client;
let sgdOfficer: Client;
let attt: Client;
let agencies: Agency[];
let sytDossiers: number[];
let sgdDossier: number;
const id = (name: string) => agencies.find((a) => a.name === name)!.id;
const year = Number(todayVn().slice(0, 4));

async function dossiersOf(c: Client, agencyId: number) {
  const systems = (await c.get(`/api/systems?agencyId=${agencyId}&limit=500`)).json().items as { id: number; agencyId: number; dossierState: string | null }[];
  const out: number[] = [];
  for (const s of systems.filter((x) => x.agencyId === agencyId && x.dossierState)) {
    out.push(...((await c.get(`/api/systems/${s.id}/dossiers`)).json() as { id: number }[]).map((d) => d.id));
  }
  return out;
}

async function documentText(res: LightMyRequestResponse) {
  expect(res.statusCode, res.body).toBe(200);
  const zip = await JSZip.loadAsync(res.rawPayload);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
}

beforeAll(async () => {
  t = await startTestApp();
  [admin, sytAdmin, sytOfficer, sgdOfficer, attt] = await Promise.all(['admin', 'syt.admin', 'syt.canbo', 'sgd.canbo', 'attt'].map((u) => t.login(u)));
  agencies = (await admin.get('/api/agencies')).json();
  sytDossiers = await dossiersOf(sytOfficer, id('Sở Y tế'));
  sgdDossier = (await dossiersOf(sgdOfficer, id('Sở Giáo dục và Đào tạo')))[0]!;
  expect(sytDossiers.length).toBeGreaterThanOrEqual(2);
});
afterAll(async () => {
  await t?.close();
});

describe('document settings', () => {
  it('default the place from the province and give every agency an abbreviation', async () => {
    const res = await sytOfficer.get(`/api/agencies/${id('Sở Y tế')}/document-settings`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({ abbreviation: 'SYT', place: null, defaultPlace: 'Demo', governingBody: 'ỦY BAN NHÂN DÂN TỈNH DEMO', can: { edit: false } });
    expect(s.signers.length).toBeGreaterThan(0);
    // The police print their ministry, not the province's committee, above their name.
    const police = (await attt.get(`/api/agencies/${id('Công an tỉnh Demo')}/document-settings`)).json();
    expect(police.governingBody).toBe('BỘ CÔNG AN');
  });

  it('are edited by the agency admin, not by its officers, and not across agencies', async () => {
    const url = `/api/agencies/${id('Sở Y tế')}/document-settings`;
    const body = {
      abbreviation: 'SYT',
      place: 'Phố Demo',
      governingBody: 'Ủy ban nhân dân tỉnh Demo',
      draftingUnit: 'VP',
      signers: [
        { collective: null, authority: null, head: null, title: 'Giám đốc', name: 'Bùi Thanh Sơn' },
        { collective: null, authority: 'KT', head: 'Giám đốc', title: 'Phó Giám đốc', name: 'Đinh Thị Hoa' },
      ],
    };
    expect((await sytOfficer.put(url, body)).statusCode).toBe(403);
    const res = await sytAdmin.put(url, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ place: 'Phố Demo', can: { edit: true } });
    const again = await sytAdmin.put(url, { ...body, place: '' });
    expect(again.json().place).toBeNull();
    // Agency A's admin cannot reach agency B's settings.
    expect((await sytAdmin.put(`/api/agencies/${id('Sở Giáo dục và Đào tạo')}/document-settings`, body)).statusCode).toBe(404);
  });

  it('refuse a KT. signer without the title signed for, and an abbreviation with punctuation', async () => {
    const url = `/api/agencies/${id('Sở Y tế')}/document-settings`;
    const base = { abbreviation: 'SYT', place: null, governingBody: null, draftingUnit: null, signers: [] };
    const signer = await sytAdmin.put(url, { ...base, signers: [{ authority: 'KT', title: 'Phó Giám đốc', name: 'A' }] });
    expect(signer.statusCode).toBe(400);
    expect(signer.json().error).toMatchObject({ field: 'signers.0.head' });
    expect(signer.json().error.messageVi).toMatch(/ký thay/);
    const abbreviation = await sytAdmin.put(url, { ...base, abbreviation: 'S.Y.T' });
    expect(abbreviation.statusCode).toBe(400);
    expect(abbreviation.json().error.field).toBe('abbreviation');
  });
});

describe('register of outgoing documents', () => {
  let first: Entry;

  it("numbers the issuer's documents of the year from 01, with the type's abbreviation and the issuer's", async () => {
    const res = await sytOfficer.post('/api/outgoing-documents', { subjectKind: 'dossier', subjectId: sytDossiers[0], signerIndex: 1 });
    expect(res.statusCode, res.body).toBe(201);
    first = res.json();
    expect(first).toMatchObject({
      number: 1,
      reference: '01/TTr-SYT',
      symbol: 'TTr-SYT',
      status: 'reserved',
      signer: { name: 'Đinh Thị Hoa' },
      can: { edit: true, issue: true },
    });
    const second = (await sytOfficer.post('/api/outgoing-documents', { subjectKind: 'dossier', subjectId: sytDossiers[1] })).json() as Entry;
    expect(second.reference).toBe('02/TTr-SYT');
    // An agency that has not said who signs cannot number a document yet.
    const sgd = await sgdOfficer.post('/api/outgoing-documents', { subjectKind: 'dossier', subjectId: sgdDossier });
    expect(sgd.statusCode, sgd.body).toBe(400);
    expect(sgd.json().error.field).toBe('signerIndex');
  });

  it('gives a document one number only', async () => {
    const res = await sytOfficer.post('/api/outgoing-documents', { subjectKind: 'dossier', subjectId: sytDossiers[0] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('already_numbered');
  });

  it("keeps agency A out of agency B's documents and register", async () => {
    expect((await sytOfficer.post('/api/outgoing-documents', { subjectKind: 'dossier', subjectId: sgdDossier })).statusCode).toBe(404);
    const list = (await sgdOfficer.get('/api/outgoing-documents')).json() as Entry[];
    expect(list.some((e) => e.agencyId === id('Sở Y tế'))).toBe(false);
    expect((await sgdOfficer.patch(`/api/outgoing-documents/${first.id}`, { number: 7 })).statusCode).toBe(404);
    const own = (await sytOfficer.get(`/api/outgoing-documents?agencyId=${id('Sở Y tế')}&year=${year}`)).json() as Entry[];
    expect(own.map((e) => e.reference).sort()).toEqual(['01/TTr-SYT', '02/TTr-SYT']);
  });

  it('lets the number be corrected before issue, never to one already taken', async () => {
    const taken = await sytOfficer.patch(`/api/outgoing-documents/${first.id}`, { number: 2 });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.field).toBe('number');
    const res = await sytOfficer.patch(`/api/outgoing-documents/${first.id}`, { number: 5, issuedOn: `${year}-01-09` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().reference).toBe('05/TTr-SYT');
    expect((await sytOfficer.patch(`/api/outgoing-documents/${first.id}`, { issuedOn: `${year - 1}-12-31` })).json().error.field).toBe('issuedOn');
  });

  it('prints the number, the signer and the date in the document, and freezes them at issue', async () => {
    const before = await documentText(await sytOfficer.get(`/api/dossiers/${sytDossiers[0]}/docx`));
    expect(before).toContain('Số: 05/TTr-SYT');
    expect(before).toContain('KT. GIÁM ĐỐC');
    expect(before).toContain('Đinh Thị Hoa');
    expect(before).toContain('Demo, ngày 09 tháng 01 năm');
    expect(before).toContain('- Lưu: VT, VP.');
    expect(before).not.toContain('THỦ TRƯỞNG CƠ QUAN');
    expect(before).toContain('(Kèm theo Tờ trình số 05/TTr-SYT ngày 09 tháng 01 năm');
    const issued = await sytOfficer.post(`/api/outgoing-documents/${first.id}/issue`, {});
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json()).toMatchObject({ status: 'issued', issuedOn: `${year}-01-09`, can: { edit: false, issue: false } });
    const late = await sytOfficer.patch(`/api/outgoing-documents/${first.id}`, { number: 6 });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('already_issued');
    // A later change of the settings does not rewrite what was issued.
    const current = (await sytAdmin.get(`/api/agencies/${id('Sở Y tế')}/document-settings`)).json();
    expect((await sytAdmin.put(`/api/agencies/${id('Sở Y tế')}/document-settings`, { ...current, draftingUnit: 'KHTC' })).statusCode).toBe(200);
    const after = await documentText(await sytOfficer.get(`/api/dossiers/${sytDossiers[0]}/docx`));
    expect(after).toContain('- Lưu: VT, VP.');
  });

  it('leaves the number blank on a document not yet numbered', async () => {
    const dossier = sytDossiers[2];
    if (dossier === undefined) return;
    const text = await documentText(await sytOfficer.get(`/api/dossiers/${dossier}/docx`));
    expect(text).toMatch(/Số: {7}\/TTr-SYT/);
  });

  it('numbers the police reports in their own register, under their own header', async () => {
    const today = todayVn();
    const root = agencies.find((a) => !a.parentId && a.kind === 'province_committee')!;
    const report = await attt.post('/api/reports', { kind: 'quarterly_security', agencyId: root.id, year, quarter: quarterOf(today) });
    expect(report.statusCode, report.body).toBe(201);
    const res = await attt.post('/api/outgoing-documents', { subjectKind: 'report', subjectId: report.json().id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ reference: '01/BC-CAT', agencyId: id('Công an tỉnh Demo') });
    // The security unit's staff do not number other agencies' documents.
    expect((await attt.post('/api/outgoing-documents', { subjectKind: 'dossier', subjectId: sytDossiers[2] ?? sytDossiers[1] })).statusCode).toBe(403);
    const text = await documentText(await attt.get(`/api/reports/${report.json().id}/docx`));
    expect(text).toContain('BỘ CÔNG AN');
    expect(text).toContain('CÔNG AN TỈNH DEMO');
    expect(text).not.toContain('ỦY BAN NHÂN DÂN TỈNH DEMO\nCÔNG AN');
    expect(text).toContain('Số: 01/BC-CAT');
    expect(text).toContain('Công điện số 33/CĐ-TTg');
  });
});

describe('PDF', () => {
  it('answers 503 in both languages where LibreOffice is missing, says so for the button, and still 404 out of scope', async () => {
    const saved = process.env.SOFFICE_PATH;
    process.env.SOFFICE_PATH = '/nonexistent/soffice';
    try {
      const status = await sytOfficer.get('/api/documents/pdf-status');
      expect(status.json()).toEqual({
        available: false,
        message: 'PDF not available: LibreOffice is not installed on the server',
        messageVi: 'PDF chưa khả dụng: máy chủ chưa cài LibreOffice',
      });
      const res = await sytOfficer.get(`/api/dossiers/${sytDossiers[0]}/pdf`);
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toMatchObject({ code: 'pdf_unavailable', messageVi: 'PDF chưa khả dụng: máy chủ chưa cài LibreOffice' });
      expect((await sytOfficer.get(`/api/dossiers/${sgdDossier}/pdf`)).statusCode).toBe(404);
    } finally {
      if (saved === undefined) delete process.env.SOFFICE_PATH;
      else process.env.SOFFICE_PATH = saved;
    }
  });
});
