/**
 * The documents as a clerk sees them: each document type is rendered to PDF through the API (LibreOffice) and its
 * pages read back with their text positions (poppler's pdftotext -bbox-layout), then checked against the layout of
 * Decree 30/2020 Appendix I: where the header, number, date, kind, subject and signature stand, page numbers from
 * page 2, and no page left with fewer than 3 lines. Page 1 of each is rendered to PNG (WRITE_DOC_IMAGES=1 writes
 * them to docs/images/documents/ for the user guide).
 *
 * Needs soffice (libreoffice-writer-nogui) and poppler-utils; .ci/run installs them. Where they are missing the
 * suite is skipped and says why. Rendering does not depend on the database, so it runs in the PGlite project only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestApp, type Client, type TestApp } from '../../../tests/support/test-app.ts';
import { pdfAvailable } from './pdf.ts';
import { quarterOf } from '../../shared/core/recurrence.ts';
import { todayVn } from '../../shared/core/dates.ts';

const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();
const onPostgres = process.env.KHIEN_TEST_DB === 'postgres';
const missing = [!pdfAvailable() && 'soffice (apt-get install libreoffice-writer-nogui)', !hasPoppler && 'pdftotext (apt-get install poppler-utils)'].filter(
  Boolean,
);
const skip = missing.length > 0 || onPostgres;
if (missing.length) console.log(`visual document test skipped: ${missing.join(', ')} not installed`);

/** A4 in points, and the text area of Appendix I: 30 mm left, 15 mm right, 20 mm top. */
const PAGE = { width: 595.3, height: 841.9 };
const MM = 72 / 25.4;
const TEXT = { left: 30 * MM, right: PAGE.width - 15 * MM, top: 20 * MM };
const CENTRE = (TEXT.left + TEXT.right) / 2;

type Line = { text: string; xMin: number; xMax: number; yMin: number; yMax: number };
type Page = Line[];

/** The lines of each page with their boxes, from pdftotext -bbox-layout. */
function pagesOf(pdf: string): Page[] {
  const html = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return [...html.matchAll(/<page[^>]*>([\s\S]*?)<\/page>/g)].map(([, page]) =>
    [...page!.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)].map((m) => ({
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
      text: [...m[5]!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1]).join(' '),
    })),
  );
}

const find = (page: Page, pattern: RegExp) => page.find((l) => pattern.test(l.text));
const mid = (l: Line) => (l.xMin + l.xMax) / 2;

/** One of each document type Khiên produces (file names of docs/images/documents/). */
const KEYS = ['to-trinh-ho-so-cap-do', 'bao-cao-ban-dau-su-co', 'bao-cao-ket-thuc-su-co', 'bao-cao-ung-cuu-su-co', 'bao-cao-quy'] as const;

type Doc = { key: string; url: string; kind: RegExp; subject: RegExp; signer: string; governingBody?: RegExp };

let t: TestApp;
let work: string;
const docs: Doc[] = [];
const rendered = new Map<string, Page[]>();

beforeAll(async () => {
  if (skip) return;
  work = mkdtempSync(path.join(tmpdir(), 'khien-visual-'));
  t = await startTestApp();
  const [admin, syt, attt] = await Promise.all(['admin', 'syt.canbo', 'attt'].map((u) => t.login(u)));
  const ok = async (res: Promise<{ statusCode: number; body: string; json(): any }>) => {
    const r = await res;
    if (r.statusCode >= 300) throw new Error(`${r.statusCode} ${r.body}`);
    return r.json();
  };
  const number = (c: Client, subjectKind: string, subjectId: number) => ok(c.post('/api/outgoing-documents', { subjectKind, subjectId }));

  // A level dossier of Sở Y tế: a tờ trình with the dossier as its annex.
  const systems = (await ok(syt.get(`/api/systems?agencyId=${syt.me.agencyId}&limit=500`))).items as {
    id: number;
    agencyId: number;
    dossierState: string | null;
  }[];
  const system = systems.find((s) => s.agencyId === syt.me.agencyId && s.dossierState)!;
  const dossier = ((await ok(syt.get(`/api/systems/${system.id}/dossiers`))) as { id: number }[])[0]!.id;
  await number(syt, 'dossier', dossier);
  docs.push({
    key: 'to-trinh-ho-so-cap-do',
    url: `/api/dossiers/${dossier}/pdf`,
    kind: /^TỜ TRÌNH$/,
    subject: /^Về việc đề nghị thẩm định/,
    signer: 'Bùi Thanh Sơn',
    governingBody: /^ỦY BAN NHÂN DÂN/,
  });

  // A closed incident with all three reports; its agency signs the first two.
  const list = (await ok(admin.get('/api/incidents?status=closed'))) as { items?: { id: number }[] } | { id: number }[];
  const items = Array.isArray(list) ? list : (list.items ?? []);
  let incident: { id: number; agencyId: number } | undefined;
  for (const i of items) {
    const d = await ok(admin.get(`/api/incidents/${i.id}`));
    if (d.closingReport.updatedAt && d.responseReport.updatedAt && d.agencyId) {
      incident = { id: d.id, agencyId: d.agencyId };
      break;
    }
  }
  expect(incident, 'a closed demo incident with both reports').toBeDefined();
  const settings = await ok(admin.get(`/api/agencies/${incident!.agencyId}/document-settings`));
  await ok(
    admin.put(`/api/agencies/${incident!.agencyId}/document-settings`, {
      ...settings,
      signers: [{ collective: null, authority: null, head: null, title: 'Giám đốc', name: 'Nguyễn Văn Ký' }],
    }),
  );
  await number(admin, 'incident_initial', incident!.id);
  await number(admin, 'incident_closing', incident!.id);
  await number(attt, 'incident_response', incident!.id);
  const at = `/api/incidents/${incident!.id}`;
  docs.push(
    {
      key: 'bao-cao-ban-dau-su-co',
      url: `${at}/initial-report.pdf`,
      kind: /^BÁO CÁO BAN ĐẦU$/,
      subject: /^Sự cố an toàn thông tin mạng/,
      signer: 'Nguyễn Văn Ký',
    },
    {
      key: 'bao-cao-ket-thuc-su-co',
      url: `${at}/closing-report.pdf`,
      kind: /^BÁO CÁO KẾT THÚC ỨNG PHÓ SỰ CỐ$/,
      subject: /^Sự cố an toàn thông tin mạng/,
      signer: 'Nguyễn Văn Ký',
    },
    {
      key: 'bao-cao-ung-cuu-su-co',
      url: `${at}/response-report.pdf`,
      kind: /^BÁO CÁO KẾT QUẢ ỨNG CỨU SỰ CỐ$/,
      subject: /^Sự cố an toàn thông tin mạng/,
      signer: 'Đại tá Phạm Văn Kiên',
      governingBody: /^BỘ CÔNG AN$/,
    },
  );

  // The quarterly report of the security unit (Công an tỉnh).
  const today = todayVn();
  const root = ((await ok(attt.get('/api/agencies'))) as { id: number; parentId: number | null; kind: string }[]).find(
    (a) => !a.parentId && a.kind === 'province_committee',
  )!;
  const report = await ok(
    attt.post('/api/reports', { kind: 'quarterly_security', agencyId: root.id, year: Number(today.slice(0, 4)), quarter: quarterOf(today) }),
  );
  await number(attt, 'report', report.id);
  docs.push({
    key: 'bao-cao-quy',
    url: `/api/reports/${report.id}/pdf`,
    kind: /^BÁO CÁO$/,
    subject: /^Tình hình bảo đảm an toàn hệ thống thông tin/,
    signer: 'Đại tá Phạm Văn Kiên',
    governingBody: /^BỘ CÔNG AN$/,
  });

  // Each PDF through the API, then its pages' text and page 1 as PNG.
  const by = (d: Doc) => (d.url.startsWith('/api/dossiers') ? syt : admin);
  for (const d of docs) {
    const res = await by(d).get(d.url);
    if (res.statusCode !== 200) throw new Error(`${d.url}: ${res.statusCode} ${res.body}`);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = path.join(work, `${d.key}.pdf`);
    writeFileSync(pdf, res.rawPayload);
    rendered.set(d.key, pagesOf(pdf));
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(work, d.key)]);
    if (process.env.WRITE_DOC_IMAGES) {
      mkdirSync('docs/images/documents', { recursive: true });
      copyFileSync(path.join(work, `${d.key}.png`), `docs/images/documents/${d.key}.png`);
    }
  }
}, 600_000);

afterAll(async () => {
  await t?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(skip)('documents rendered by LibreOffice', () => {
  const each = () => KEYS.map((key) => [key, { get: () => docs.find((d) => d.key === key)! }] as const);

  it('renders every document type', () => {
    expect(docs.map((d) => d.key).sort()).toEqual([...KEYS].sort());
    for (const d of docs) expect(statSync(path.join(work, `${d.key}.png`)).size).toBeGreaterThan(10_000);
  });

  it.each(each())('%s: page 1 has the header, number and date where Appendix I puts them', (key, doc) => {
    const d = doc.get();
    const page = rendered.get(key)![0]!;
    const motto = find(page, /^CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$/)!;
    const tagline = find(page, /^Độc lập - Tự do - Hạnh phúc$/)!;
    const number = find(page, /^Số: \d{2,}\/[\p{L}\d-]+$/u)!;
    const date = find(page, /^Demo, ngày \d{2} tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$/)!;
    expect(motto, `${key}: motto`).toBeDefined();
    expect(tagline, `${key}: tagline`).toBeDefined();
    expect(number, `${key}: number`).toBeDefined();
    expect(date, `${key}: date`).toBeDefined();
    // The national title at the top right, the tagline under it, the date under that.
    expect(motto.yMin).toBeLessThan(TEXT.top + 20);
    expect(mid(motto)).toBeGreaterThan(CENTRE);
    expect(tagline.yMin).toBeGreaterThan(motto.yMin);
    expect(date.yMin).toBeGreaterThan(tagline.yMax);
    expect(mid(date)).toBeGreaterThan(CENTRE);
    // The number in the left column, under the issuer; the issuer (and its governing body) at the top left.
    expect(mid(number)).toBeLessThan(CENTRE);
    const issuerLines = page.filter((l) => l.yMax <= number.yMin && l.xMax < CENTRE);
    expect(issuerLines.length, `${key}: issuer lines`).toBeGreaterThanOrEqual(1);
    expect(issuerLines[0]!.yMin).toBeLessThan(TEXT.top + 20);
    if (d.governingBody) expect(issuerLines[0]!.text, key).toMatch(d.governingBody);
    // The police print their ministry, never the province's committee, above their name.
    if (d.governingBody?.source === '^BỘ CÔNG AN$')
      expect(
        issuerLines.some((l) => /ỦY BAN NHÂN DÂN/.test(l.text)),
        key,
      ).toBe(false);
    // Nothing outside the margins.
    for (const l of page) {
      expect(l.xMin, `${key}: ${l.text}`).toBeGreaterThan(TEXT.left - 3);
      expect(l.xMax, `${key}: ${l.text}`).toBeLessThan(TEXT.right + 3);
    }
  });

  it.each(each())('%s: the kind and subject are centred under the header', (key, doc) => {
    const d = doc.get();
    const page = rendered.get(key)![0]!;
    const kind = find(page, d.kind)!;
    const subject = find(page, d.subject)!;
    expect(kind, `${key}: kind`).toBeDefined();
    expect(subject, `${key}: subject`).toBeDefined();
    const date = find(page, /^Demo, ngày/)!;
    expect(kind.yMin).toBeGreaterThan(date.yMax);
    expect(subject.yMin).toBeGreaterThan(kind.yMin);
    expect(Math.abs(mid(kind) - CENTRE)).toBeLessThan(6);
    expect(Math.abs(mid(subject) - CENTRE)).toBeLessThan(6);
  });

  it.each(each())('%s: the signature block stands right of "Nơi nhận", with the signer', (key, doc) => {
    const d = doc.get();
    const pages = rendered.get(key)!;
    const at = pages.findIndex((p) => find(p, /^Nơi nhận:/));
    expect(at, `${key}: Nơi nhận`).toBeGreaterThanOrEqual(0);
    const page = pages[at]!;
    const recipients = find(page, /^Nơi nhận:/)!;
    const name = find(page, new RegExp(`^${d.signer}$`))!;
    expect(name, `${key}: signer ${d.signer}`).toBeDefined();
    expect(recipients.xMax).toBeLessThan(CENTRE);
    expect(mid(name)).toBeGreaterThan(CENTRE);
    expect(name.yMin).toBeGreaterThan(recipients.yMin);
    expect(find(page, /^- Lưu: VT(, [\p{L}\d]+)?\.$/u), `${key}: archive line`).toBeDefined();
    expect(page.some((l) => /THỦ TRƯỞNG CƠ QUAN/.test(l.text))).toBe(false);
  });

  it.each(each())('%s: numbers pages from 2 in the top margin, and leaves no page nearly empty', (key) => {
    const pages = rendered.get(key)!;
    expect(pages.length, key).toBeGreaterThanOrEqual(2);
    const top = (p: Page) => p.filter((l) => l.yMax < TEXT.top + 2);
    expect(top(pages[0]!), `${key}: page 1 shows no number`).toEqual([]);
    pages.slice(1).forEach((p, i) => {
      const numbers = top(p);
      expect(
        numbers.map((l) => l.text),
        `${key}: page ${i + 2}`,
      ).toEqual([String(i + 2)]);
      expect(Math.abs(mid(numbers[0]!) - CENTRE)).toBeLessThan(6);
    });
    // At least 3 lines of text on every page (beside its number from page 2).
    for (const [i, p] of pages.entries()) expect(p.length, `${key}: lines on page ${i + 1}`).toBeGreaterThanOrEqual(3 + (i > 0 ? 1 : 0));
  });
});
