import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import JSZip from 'jszip';
import { startTestApp, type TestApp } from '../../../../tests/support/test-app.ts';
import { listen, type HttpClient } from '../../../../tests/support/http.ts';
import { initialReport } from '../../../../tests/support/incident-report.ts';
import { multipart, PDF } from '../../../../tests/support/upload.ts';
import { DossierContent, ExchangeDocument, IncidentContent } from './format.ts';

/** Packages for the Ministry's platforms and the references they gave (issue 19, "Exchange"), over real HTTP. */

let t: TestApp;
let dataDir: string;
let officer: HttpClient, other: HttpClient, attt: HttpClient, viewer: HttpClient, responder: HttpClient;
let dossier: { id: number; systemName: string };
let incident: number;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'khien-exchange-'));
  t = await startTestApp({ DATA_DIR: dataDir });
  const http = await listen(t.app);
  [officer, other, attt, viewer, responder] = await Promise.all(['syt.canbo', 'sgd.canbo', 'attt', 'lanhdao', 'ungcuu'].map((u) => http.login(u)));
  const me = (await officer.get('/api/auth/me')).json;
  const systems = (await officer.get(`/api/systems?agencyId=${me.agencyId}&limit=500`)).json.items as {
    id: number;
    agencyId: number;
    dossierState: string | null;
  }[];
  const editable = systems.find((s) => s.agencyId === me.agencyId && (s.dossierState === 'draft' || s.dossierState === 'returned'));
  expect(editable, 'a seeded draft or returned dossier of Sở Y tế').toBeDefined();
  const id = ((await officer.get(`/api/systems/${editable!.id}/dossiers`)).json as { id: number }[])[0]!.id;
  const form = multipart('thiet-ke-so-bo.pdf', PDF, 'application/pdf');
  const up = await officer.request('POST', `/api/dossiers/${id}/files?part=design`, { raw: form.payload, headers: form.headers });
  expect(up.status, up.text).toBe(201);
  dossier = { id, systemName: (await officer.get(`/api/dossiers/${id}`)).json.systemName };
  const systemId = systems.find((s) => s.agencyId === me.agencyId)!.id;
  const reported = await officer.post('/api/incidents', initialReport(me.agencyId, [systemId], { title: 'Trang thông tin bị thay đổi giao diện' }));
  expect(reported.status, reported.text).toBe(201);
  incident = reported.json.id;
});
afterAll(async () => {
  await t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The package's files, each checked against the manifest's size and digest. */
async function unpack(res: { status: number; text: string; bytes: Buffer; headers: Headers }) {
  expect(res.status, res.text.slice(0, 300)).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/zip');
  const zip = await JSZip.loadAsync(res.bytes);
  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
  expect(names.sort()).toEqual([...manifest.files.map((f: { name: string }) => f.name), 'manifest.json'].sort());
  const files = new Map<string, Buffer>();
  for (const f of manifest.files as { name: string; bytes: number; sha256: string }[]) {
    const data = await zip.file(f.name)!.async('nodebuffer');
    expect(data.length, f.name).toBe(f.bytes);
    expect(sha256(data), f.name).toBe(f.sha256);
    files.set(f.name, data);
  }
  return { manifest, files };
}

const docxText = async (data: Buffer) => (await (await JSZip.loadAsync(data)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
const audits = async (entity: string, id: number) =>
  (
    await t.database.db.execute(
      sql`select action, actor_user_id as "actorUserId" from audit_log where entity = ${entity} and entity_id = ${String(id)} order by id`,
    )
  ).rows as { action: string; actorUserId: number }[];

describe("a dossier's package for the level-management platform", () => {
  it('holds the tờ trình with the dossier, the same content as JSON, the attached design and a manifest with digests', async () => {
    const res = await officer.get(`/api/dossiers/${dossier.id}/exchange-package`);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''ho-so-de-xuat-cap-do-.+\.zip$/);
    const { manifest, files } = await unpack(res);
    expect(manifest).toMatchObject({
      format: 'khien.exchange-package',
      version: 1,
      subject: { kind: 'dossier', id: dossier.id },
      platform: 'level_management',
    });
    const docx = [...files.keys()].find((n) => n.endsWith('.docx'))!;
    expect(await docxText(files.get(docx)!)).toContain(dossier.systemName);
    const json = ExchangeDocument(DossierContent).parse(JSON.parse(files.get(docx.replace(/\.docx$/, '.json'))!.toString()));
    expect(json.contentDigest).toBe(manifest.contentDigest);
    expect(json.platform.basis[0]).toContain('Thanh Hóa');
    expect(json.content.system.name).toBe(dossier.systemName);
    expect(json.content.criteria.length).toBeGreaterThan(0);
    expect(json.content.criteria[0]!.basis).toMatch(/Nghị định số 85\/2016\/NĐ-CP/);
    const design = json.content.attachments.find((a) => a.name === 'thiet-ke-so-bo.pdf')!;
    expect(design).toMatchObject({ part: 'design', mediaType: 'application/pdf', bytes: PDF.length });
    expect(files.get(design.file)).toEqual(PDF);
  });

  it("records the platform's reference against the content sent, audited, and flags it once the dossier changes", async () => {
    const res = await officer.post(`/api/dossiers/${dossier.id}/exchange-submissions`, {
      reference: 'CD-2026-00123',
      submittedOn: today(),
      note: 'Tải lên bản đầy đủ',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json.platform).toBe('level_management');
    expect(res.json.items).toMatchObject([{ reference: 'CD-2026-00123', submittedOn: today(), current: true, recordedByName: expect.any(String) }]);
    expect((await audits('dossier', dossier.id)).at(-1)).toMatchObject({ action: 'record_exchange' });

    const changed = await officer.request('PATCH', `/api/dossiers/${dossier.id}`, { body: { description: 'Mô tả cập nhật sau khi gửi lên nền tảng.' } });
    expect(changed.status, changed.text).toBe(200);
    const after = (await officer.get(`/api/dossiers/${dossier.id}/exchange-submissions`)).json;
    expect(after.items[0]).toMatchObject({ reference: 'CD-2026-00123', current: false });
    expect(after.contentDigest).not.toBe(after.items[0].contentDigest);
    // The unit records the resubmission; the newest comes first and matches the content.
    const again = await attt.post(`/api/dossiers/${dossier.id}/exchange-submissions`, { reference: 'CD-2026-00124', submittedOn: today() });
    expect(again.status, again.text).toBe(201);
    expect(again.json.items.map((i: { reference: string; current: boolean }) => [i.reference, i.current])).toEqual([
      ['CD-2026-00124', true],
      ['CD-2026-00123', false],
    ]);
  });

  it('refuses a reference already recorded, a day in the future and an empty reference, naming the field, writing nothing', async () => {
    const before = (await officer.get(`/api/dossiers/${dossier.id}/exchange-submissions`)).json.items.length;
    const refuse = async (body: object, status: number, field: string) => {
      const res = await officer.post(`/api/dossiers/${dossier.id}/exchange-submissions`, body);
      expect(res.status, res.text).toBe(status);
      expect(res.json.error).toMatchObject({ field, messageVi: expect.any(String), message: expect.any(String) });
    };
    await refuse({ reference: 'CD-2026-00123', submittedOn: today() }, 409, 'reference');
    await refuse({ reference: 'CD-2026-09999', submittedOn: '2999-01-01' }, 400, 'submittedOn');
    await refuse({ reference: '  ', submittedOn: today() }, 400, 'reference');
    await refuse({ reference: 'CD-2026-09999', submittedOn: '01/12/2026' }, 400, 'submittedOn');
    expect((await officer.get(`/api/dossiers/${dossier.id}/exchange-submissions`)).json.items.length).toBe(before);
  });

  it("hides another agency's dossier (404) and lets a reader see but not record (403)", async () => {
    expect((await other.get(`/api/dossiers/${dossier.id}/exchange-package`)).status).toBe(404);
    expect((await other.get(`/api/dossiers/${dossier.id}/exchange-submissions`)).status).toBe(404);
    expect((await other.post(`/api/dossiers/${dossier.id}/exchange-submissions`, { reference: 'X-1', submittedOn: today() })).status).toBe(404);
    const seen = await viewer.get(`/api/dossiers/${dossier.id}/exchange-submissions`);
    expect(seen.status).toBe(200);
    expect(seen.json.can).toEqual({ record: false });
    expect((await viewer.post(`/api/dossiers/${dossier.id}/exchange-submissions`, { reference: 'X-2', submittedOn: today() })).status).toBe(403);
  });
});

describe("a case's package for the national incident coordination platform", () => {
  it('holds the initial report and its content as JSON, with no closing report before one is filed', async () => {
    const { manifest, files } = await unpack(await responder.get(`/api/incidents/${incident}/exchange-package`));
    expect(manifest).toMatchObject({ subject: { kind: 'incident', id: incident }, platform: 'incident_coordination' });
    const names = [...files.keys()];
    expect(names.filter((n) => n.endsWith('.docx'))).toEqual([expect.stringMatching(/^bao-cao-ban-dau-/)]);
    const json = ExchangeDocument(IncidentContent).parse(JSON.parse(files.get(names.find((n) => n.endsWith('.json'))!)!.toString()));
    expect(json.platform).toMatchObject({ code: 'incident_coordination', address: 'irlab.vn' });
    expect(json.content.incident.title).toBe('Trang thông tin bị thay đổi giao diện');
    expect(json.content.closingReport).toBeNull();
    expect(json.content.recipients.map((r) => r.role)).toContain('national_coordinator');
    expect(json.content.systems).toHaveLength(1);
  });

  it('lets the team and the reporting agency record the reference, and hides the case from another agency', async () => {
    const byTeam = await responder.post(`/api/incidents/${incident}/exchange-submissions`, { reference: 'IR-77-2026', submittedOn: today() });
    expect(byTeam.status, byTeam.text).toBe(201);
    expect(byTeam.json).toMatchObject({ platform: 'incident_coordination', can: { record: true }, items: [{ reference: 'IR-77-2026', current: true }] });
    const byOwner = await officer.post(`/api/incidents/${incident}/exchange-submissions`, { reference: 'IR-78-2026', submittedOn: today() });
    expect(byOwner.status, byOwner.text).toBe(201);
    expect((await audits('incident', incident)).filter((a) => a.action === 'record_exchange')).toHaveLength(2);
    expect((await other.get(`/api/incidents/${incident}/exchange-package`)).status).toBe(404);
    expect((await other.post(`/api/incidents/${incident}/exchange-submissions`, { reference: 'IR-79-2026', submittedOn: today() })).status).toBe(404);
  });
});
