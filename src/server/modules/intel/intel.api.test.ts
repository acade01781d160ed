import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../../../../tests/support/test-app.ts';
import { HttpClient, listen } from '../../../../tests/support/http.ts';
import { initialReport } from '../../../../tests/support/incident-report.ts';
import { stixSchemaProblems } from '../../../../tests/support/stix-schemas.ts';

/**
 * The TAXII 2.1 server over real HTTP: discovery, collections, paged objects and manifests, who reads what by TLP,
 * every object valid against the OASIS STIX 2.1 schemas; the national coordinator's pulls recorded on the cases; the
 * MISP export and import of a case.
 */

const TAXII = 'application/taxii+json;version=2.1';
let t: TestApp;
let base: string;
let admin: HttpClient, officer: HttpClient, sgdOfficer: HttpClient, attt: HttpClient;
let syt: number, sgd: number, ncsc: number;
let sytCase: number, sgdCase: number, openCase: number;
let sytReader: HttpClient, sgdReader: HttpClient, unitReader: HttpClient, coordinator: HttpClient, wrongScope: HttpClient;
const ids: Record<string, string> = {};

type Obj = { type: string; id: string; object_marking_refs?: string[]; pattern?: string; name?: string; [k: string]: unknown };
type Envelope = { more: boolean; next?: string; objects?: Obj[] };

const ok = (res: { status: number; text: string; json: any }, status = 200) => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};

/** A client that sends `Authorization: Bearer …` and the TAXII Accept header, as cti-taxii-client does. */
function bearer(secret: string, accept = TAXII) {
  const c = new HttpClient(base);
  const request = c.request.bind(c);
  c.request = (method, path, opts = {}) => request(method, path, { ...opts, headers: { authorization: `Bearer ${secret}`, accept, ...opts.headers } });
  c.get = (path, headers) => c.request('GET', path, { headers });
  return c;
}

async function serviceToken(agencyId: number, username: string, scopes: string[]) {
  const account = ok(await admin.post('/api/service-accounts', { agencyId, username, fullName: `TAXII ${username}`, roles: ['viewer'] }), 201);
  return ok(await admin.post(`/api/users/${account.id}/access-tokens`, { name: 'TAXII', scopes, expiresInDays: 30 }), 201).secret as string;
}

async function newCase(c: HttpClient, agencyId: number, tlp: string, accept = true) {
  const systems = (await admin.get(`/api/systems?agencyId=${agencyId}&limit=500`)).json.items as { id: number; agencyId: number }[];
  const own = systems.find((s) => s.agencyId === agencyId)!;
  const id = ok(await c.post('/api/incidents', initialReport(agencyId, [own.id], { tlp })), 201).id as number;
  if (accept) ok(await admin.post(`/api/incidents/${id}/transitions`, { action: 'accept' }));
  return id;
}
const observe = async (id: number, type: string, value: string, tlp: string) =>
  ok(await admin.post(`/api/incidents/${id}/observables`, { type, value, tlp, description: `${type} ${tlp}` }));

let indicators: string;
let vulnerabilities: string;
const objectsUrl = (collection: string, query = '') => `/taxii2/khien/collections/${collection}/objects/${query}`;

/** Every object of a collection the client may read, page by page. */
async function pull(c: HttpClient, collection: string, limit = 1000) {
  const out: Obj[] = [];
  let next: string | undefined;
  let pages = 0;
  do {
    const env = ok(await c.get(objectsUrl(collection, `?limit=${limit}${next ? `&next=${encodeURIComponent(next)}` : ''}`))) as Envelope;
    out.push(...(env.objects ?? []));
    next = env.more ? env.next : undefined;
    pages++;
  } while (next && pages < 50);
  return { objects: out, pages };
}
const patterns = (objects: Obj[]) => objects.filter((o) => o.type === 'indicator').map((o) => o.pattern);

beforeAll(async () => {
  t = await startTestApp();
  const http = await listen(t.app);
  base = http.base;
  [admin, officer, sgdOfficer, attt] = await Promise.all(['admin', 'syt.canbo', 'sgd.canbo', 'attt'].map((u) => http.login(u)));
  const agencies = (await admin.get('/api/agencies')).json as { id: number; name: string; kind: string }[];
  syt = agencies.find((a) => a.name === 'Sở Y tế')!.id;
  sgd = agencies.find((a) => a.name === 'Sở Giáo dục và Đào tạo')!.id;
  ncsc = agencies.find((a) => a.name === 'Trung tâm Giám sát an toàn không gian mạng quốc gia')!.id;

  // Sở Y tế's case is TLP:GREEN, its observables from CLEAR to RED; Sở Giáo dục's case is AMBER; one case is not accepted.
  sytCase = await newCase(officer, syt, 'green');
  await observe(sytCase, 'ip', '203.0.113.7', 'green');
  await observe(sytCase, 'domain', 'c2.evil.example', 'amber');
  await observe(sytCase, 'url', 'http://evil.example/payload', 'amber+strict');
  await observe(sytCase, 'file_hash', 'a'.repeat(64), 'red');
  await observe(sytCase, 'cve', 'CVE-2024-3400', 'clear');
  await observe(sytCase, 'email', 'attacker@evil.example', 'clear');
  sgdCase = await newCase(sgdOfficer, sgd, 'amber');
  await observe(sgdCase, 'ip', '198.51.100.9', 'green');
  openCase = await newCase(officer, syt, 'clear', false);
  ok(await officer.post(`/api/incidents/${openCase}/observables`, { type: 'domain', value: 'not-yet.example', tlp: 'clear' }));
  ok(
    await attt.post('/api/warnings', {
      source: 'NCSC',
      number: 'TAXII-1',
      issuedOn: '2026-11-01',
      title: 'Lỗ hổng PAN-OS GlobalProtect',
      severity: 'critical',
      cveIds: ['CVE-2024-3400'],
      recommendedAction: null,
      products: [{ vendor: 'Palo Alto Networks', product: 'PAN-OS' }],
    }),
    201,
  );

  sytReader = bearer(await serviceToken(syt, 'syt.taxii', ['intel:read']));
  sgdReader = bearer(await serviceToken(sgd, 'sgd.taxii', ['intel:read']));
  coordinator = bearer(await serviceToken(ncsc, 'ncsc.taxii', ['intel:read']));
  wrongScope = bearer(await serviceToken(syt, 'syt.reports', ['incidents:read']));
  unitReader = bearer(ok(await attt.post('/api/access-tokens', { name: 'TAXII', scopes: ['intel:read'], expiresInDays: 30 }), 201).secret);
  const cols = ok(await sytReader.get('/taxii2/khien/collections/')).collections as { id: string; title: string }[];
  indicators = cols[0]!.id;
  vulnerabilities = cols[1]!.id;
});
afterAll(async () => {
  await t?.close();
});

describe('TAXII discovery and collections', () => {
  it('answers discovery, the API root and its two read-only collections in the TAXII media type', async () => {
    const res = await sytReader.get('/taxii2/');
    expect(res.headers.get('content-type')).toMatch(/^application\/taxii\+json; ?version="?2\.1"?/);
    expect(res.json).toMatchObject({ title: expect.any(String), api_roots: [expect.stringMatching(/\/taxii2\/khien\/$/)] });
    expect(ok(await sytReader.get('/taxii2/khien/'))).toMatchObject({ versions: [TAXII] });
    const cols = ok(await sytReader.get('/taxii2/khien/collections/')).collections;
    expect(cols).toHaveLength(2);
    expect(cols.every((c: { can_read: boolean; can_write: boolean; media_types: string[] }) => c.can_read && !c.can_write)).toBe(true);
    expect(cols[0].media_types).toEqual(['application/stix+json;version=2.1']);
    expect(ok(await sytReader.get(`/taxii2/khien/collections/${indicators}/`)).id).toBe(indicators);
  });

  it('refuses a wrong Accept (406), an unknown root or collection (404), no token (401) and a token without intel:read (403)', async () => {
    const json = await bearer('x').get('/taxii2/', { accept: 'application/json' });
    expect(json.status).toBe(401);
    expect((await sytReader.get('/taxii2/', { accept: 'application/json' })).status).toBe(406);
    expect((await sytReader.get('/taxii2/', { accept: 'application/taxii+json;version=2.0' })).status).toBe(406);
    expect((await sytReader.get('/taxii2/', { accept: 'application/taxii+json' })).status).toBe(200);
    expect((await sytReader.get('/taxii2/other/')).status).toBe(404);
    const unknown = await sytReader.get(objectsUrl('9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d'));
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toMatchObject({ code: 'not_found', messageVi: expect.any(String) });
    expect((await new HttpClient(base).get('/taxii2/')).status).toBe(401);
    const scoped = await wrongScope.get('/taxii2/');
    expect(scoped.status).toBe(403);
    expect(scoped.json.error.code).toBe('token_scope');
    expect((await sytReader.get(objectsUrl(indicators, '?added_after=yesterday'))).status).toBe(400);
    expect((await sytReader.get(objectsUrl(indicators, '?next=garbage'))).status).toBe(400);
  });
});

describe('TAXII objects by TLP and reach', () => {
  it('gives every reader CLEAR and GREEN, AMBER as far as the case reaches, AMBER+STRICT to its own agency, never RED', async () => {
    const mine = patterns((await pull(sytReader, indicators)).objects);
    expect(mine).toEqual(
      expect.arrayContaining([
        "[ipv4-addr:value = '203.0.113.7']",
        "[domain-name:value = 'c2.evil.example']",
        "[url:value = 'http://evil.example/payload']",
        "[email-addr:value = 'attacker@evil.example']",
      ]),
    );
    // Sở Giáo dục's case is AMBER: its GREEN address is published as AMBER (the stricter), out of Sở Y tế's reach.
    expect(mine).not.toContain("[ipv4-addr:value = '198.51.100.9']");
    const theirs = patterns((await pull(sgdReader, indicators)).objects);
    expect(theirs).toContain("[ipv4-addr:value = '203.0.113.7']");
    expect(theirs).toContain("[ipv4-addr:value = '198.51.100.9']");
    expect(theirs).not.toContain("[domain-name:value = 'c2.evil.example']");
    expect(theirs).not.toContain("[url:value = 'http://evil.example/payload']");
    const unit = patterns((await pull(unitReader, indicators)).objects);
    expect(unit).toEqual(expect.arrayContaining(["[domain-name:value = 'c2.evil.example']", "[url:value = 'http://evil.example/payload']"]));
    for (const seen of [mine, theirs, unit]) {
      expect(seen.some((p) => p?.includes('a'.repeat(64)))).toBe(false);
      expect(seen.some((p) => p?.includes('not-yet.example'))).toBe(false);
    }
  });

  it('marks each indicator with the stricter TLP of the observable and the case, and serves only objects valid against the OASIS STIX 2.1 schemas', async () => {
    const all = [
      ...(await pull(unitReader, indicators)).objects,
      ...(await pull(unitReader, vulnerabilities)).objects,
      ...(await pull(sytReader, indicators)).objects,
    ];
    expect(all.length).toBeGreaterThan(10);
    expect(all.flatMap(stixSchemaProblems)).toEqual([]);
    const sgdIp = all.find((o) => o.pattern === "[ipv4-addr:value = '198.51.100.9']")!;
    expect(sgdIp.object_marking_refs).toEqual(['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421']);
    const types = new Set(all.map((o) => o.type));
    expect([...types].sort()).toEqual(['identity', 'indicator', 'marking-definition', 'vulnerability']);
    // A broken object is caught: the validation is not vacuous.
    expect(stixSchemaProblems({ ...sgdIp, pattern_type: undefined, created: 'today' })).not.toEqual([]);
  });

  it('publishes the CVEs of the warnings as TLP:GREEN vulnerabilities, without the warning itself', async () => {
    const v = (await pull(sgdReader, vulnerabilities)).objects.filter((o) => o.type === 'vulnerability');
    const cve = v.find((o) => o.name === 'CVE-2024-3400')!;
    expect(cve).toMatchObject({ external_references: [{ source_name: 'cve', external_id: 'CVE-2024-3400' }] });
    expect(cve.object_marking_refs).toEqual(['marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb']);
    expect(JSON.stringify(cve)).not.toContain('GlobalProtect');
  });
});

describe('TAXII paging and filters', () => {
  it('pages by date added then id without gaps or repeats, with more/next and the X-TAXII-Date-Added headers', async () => {
    const whole = (await pull(unitReader, indicators)).objects.map((o) => o.id);
    const paged = await pull(unitReader, indicators, 2);
    expect(paged.pages).toBe(Math.ceil(whole.length / 2));
    expect(paged.objects.map((o) => o.id)).toEqual(whole);
    const first = await unitReader.get(objectsUrl(indicators, '?limit=3'));
    expect(first.json.more).toBe(true);
    const firstAdded = first.headers.get('x-taxii-date-added-first')!;
    const lastAdded = first.headers.get('x-taxii-date-added-last')!;
    expect(Date.parse(firstAdded)).toBeLessThanOrEqual(Date.parse(lastAdded));
    // added_after the last of a page: only what was added later.
    const later = ok(await unitReader.get(objectsUrl(indicators, `?added_after=${encodeURIComponent(lastAdded)}`))) as Envelope;
    const manifest = ok(await unitReader.get(`/taxii2/khien/collections/${indicators}/manifest/`)).objects as { id: string; date_added: string }[];
    const added = new Map(manifest.map((m) => [m.id, m.date_added]));
    expect(later.objects!.every((o) => Date.parse(added.get(o.id)!) > Date.parse(lastAdded))).toBe(true);
    expect(later.objects!.length).toBe(manifest.filter((m) => Date.parse(m.date_added) > Date.parse(lastAdded)).length);
    const none = ok(await unitReader.get(objectsUrl(indicators, '?added_after=2999-01-01T00:00:00Z')));
    expect(none).toEqual({ more: false });
  });

  it('lists the same objects in the manifest, with version and media type', async () => {
    const objects = (await pull(sytReader, indicators)).objects;
    const manifest = ok(await sytReader.get(`/taxii2/khien/collections/${indicators}/manifest/`));
    expect(manifest.objects.map((m: { id: string }) => m.id)).toEqual(objects.map((o) => o.id));
    const indicator = objects.find((o) => o.type === 'indicator')!;
    expect(manifest.objects.find((m: { id: string }) => m.id === indicator.id)).toEqual({
      id: indicator.id,
      date_added: expect.stringMatching(/Z$/),
      version: indicator.modified,
      media_type: 'application/stix+json;version=2.1',
    });
  });

  it('filters by match[type] and match[id], and serves one object by id only to a reader who may see it', async () => {
    const only = ok(await sytReader.get(objectsUrl(indicators, '?match[type]=indicator'))).objects as Obj[];
    expect(only.length).toBeGreaterThan(0);
    expect(only.every((o) => o.type === 'indicator')).toBe(true);
    const markings = ok(await sytReader.get(objectsUrl(indicators, '?match[type]=marking-definition'))).objects as Obj[];
    expect(markings.map((m) => m.name).sort()).toEqual(['TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:CLEAR', 'TLP:GREEN']);
    const domain = only.find((o) => o.pattern === "[domain-name:value = 'c2.evil.example']")!;
    ids.domain = domain.id;
    expect(ok(await sytReader.get(objectsUrl(indicators, `?match[id]=${domain.id}`))).objects.map((o: Obj) => o.id)).toEqual([domain.id]);
    expect(ok(await sytReader.get(`${objectsUrl(indicators)}${domain.id}/`)).objects[0].id).toBe(domain.id);
    expect((await sgdReader.get(`${objectsUrl(indicators)}${domain.id}/`)).status).toBe(404);
    expect((await sytReader.get(`${objectsUrl(indicators)}not-an-id/`)).status).toBe(400);
    expect(ok(await sytReader.get(objectsUrl(indicators, '?match[spec_version]=2.0')))).toEqual({ more: false });
  });
});

const sharesOf = async (id: number) =>
  (await t.database.db.execute(sql`select channel, object_ids, digest, shared_by from incident_shares where incident_id = ${id} order by id`)).rows as {
    channel: string;
    object_ids: string[];
    digest: string | null;
  }[];

describe('what the national coordinator was sent', () => {
  it('records the indicators its token pulls, by case, once, with an audit entry and a timeline entry', async () => {
    const pulled = (await pull(coordinator, indicators)).objects;
    // The coordinator reads the cases' AMBER (not AMBER+STRICT) indicators.
    expect(patterns(pulled)).toContain("[domain-name:value = 'c2.evil.example']");
    expect(patterns(pulled)).not.toContain("[url:value = 'http://evil.example/payload']");
    const shares = await sharesOf(sytCase);
    expect(shares).toHaveLength(1);
    expect(shares[0]!.channel).toBe('taxii');
    expect([...shares[0]!.object_ids].sort()).toEqual(
      pulled
        .filter((o) => o.type === 'indicator' && (o.pattern!.includes('203.0.113.7') || o.pattern!.includes('evil.example')))
        .map((o) => o.id)
        .sort(),
    );
    expect(await sharesOf(sgdCase)).toHaveLength(1);
    // Pulling again sends nothing new; other readers' pulls are not shares.
    await pull(coordinator, indicators);
    await pull(sytReader, indicators);
    expect(await sharesOf(sytCase)).toHaveLength(1);
    const detail = ok(await admin.get(`/api/incidents/${sytCase}`));
    expect(detail.nationalSharedAt).not.toBeNull();
    expect(detail.shares).toEqual([expect.objectContaining({ channel: 'taxii', sharedBy: 'TAXII ncsc.taxii', objectIds: shares[0]!.object_ids })]);
    expect(detail.events.some((e: { kind: string; detail: { channel?: string } }) => e.kind === 'shared_national' && e.detail?.channel === 'taxii')).toBe(true);
    const { rows } = await t.database.db.execute(
      sql`select count(*)::int as n from audit_log where entity = 'incident' and entity_id = ${String(sytCase)} and action = 'share_national' and actor_token_id is not null`,
    );
    expect((rows[0] as { n: number }).n).toBe(1);
  });

  it('records a STIX or MISP file downloaded for the coordinator, with its SHA-256; only the team may', async () => {
    const stix = await attt.get(`/api/incidents/${sytCase}/stix?for=national_coordinator`);
    expect(stix.status).toBe(200);
    const misp = await attt.get(`/api/incidents/${sytCase}/misp?for=national_coordinator`);
    expect(misp.status).toBe(200);
    const shares = await sharesOf(sytCase);
    expect(shares.map((s) => s.channel)).toEqual(['taxii', 'file', 'misp']);
    expect(shares[1]!.digest).toBe(createHash('sha256').update(stix.text).digest('hex'));
    expect(shares[1]!.object_ids).toEqual(JSON.parse(stix.text).objects.map((o: Obj) => o.id));
    expect(shares[2]!.digest).toBe(createHash('sha256').update(misp.text).digest('hex'));
    // A plain download is not a share; the agency's officer reads the file but may not record it as sent.
    expect((await attt.get(`/api/incidents/${sytCase}/misp`)).status).toBe(200);
    expect((await officer.get(`/api/incidents/${sytCase}/misp`)).status).toBe(200);
    expect((await officer.get(`/api/incidents/${sytCase}/misp?for=national_coordinator`)).status).toBe(403);
    expect((await attt.get(`/api/incidents/${openCase}/stix?for=national_coordinator`)).status).toBe(409);
    expect((await attt.get(`/api/incidents/${sytCase}/stix?for=someone`)).status).toBe(400);
    expect(await sharesOf(sytCase)).toHaveLength(3);
  });
});

describe('MISP', () => {
  it('exports a case as a MISP event: observables as typed attributes with TLP tags and distribution', async () => {
    const res = await officer.get(`/api/incidents/${sytCase}/misp`);
    expect(res.headers.get('content-disposition')).toMatch(/\.misp\.json/);
    const e = res.json.Event;
    expect(e).toMatchObject({ info: expect.stringContaining('SC-'), distribution: '2', Tag: expect.arrayContaining([{ name: 'tlp:green' }]) });
    const byType = Object.fromEntries(e.Attribute.map((a: { type: string }) => [a.type, a]));
    expect(Object.keys(byType).sort()).toEqual(['domain', 'email-src', 'ip-dst', 'sha256', 'url', 'vulnerability']);
    expect(byType['ip-dst']).toMatchObject({
      value: '203.0.113.7',
      category: 'Network activity',
      to_ids: true,
      Tag: [{ name: 'tlp:green' }],
      distribution: '2',
    });
    expect(byType.vulnerability).toMatchObject({ value: 'CVE-2024-3400', to_ids: false });
    expect(byType.sha256.Tag).toEqual([{ name: 'tlp:red' }]);
    expect(byType.sha256.distribution).toBe('0');
  });

  it('adds the attributes of an uploaded MISP event to a case, once, with their TLP', async () => {
    const data = readFileSync('tests/fixtures/misp/feed/a3e1d7c4-8f26-4b90-b5e3-2c9d1f7e6a54.json');
    const upload = (c: HttpClient, bytes: Buffer) => {
      const boundary = '----khienmisp';
      const raw = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="event.json"\r\nContent-Type: application/json\r\n\r\n`),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return c.request('POST', `/api/incidents/${sgdCase}/observables/misp`, {
        raw: new Uint8Array(raw),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
    };
    const first = ok(await upload(sgdOfficer, data), 201);
    expect(first).toMatchObject({ added: 3, duplicates: 0, unsupported: 0, invalid: 1 });
    const obs = first.incident.observables as { type: string; value: string; tlp: string; description: string | null }[];
    expect(obs.find((o) => o.type === 'email')).toMatchObject({ value: 'thongbao@thue-demo.example', tlp: 'green', description: 'Sender of the lure' });
    expect(obs.find((o) => o.type === 'url')).toMatchObject({ tlp: 'amber' });
    expect(obs.find((o) => o.type === 'file_hash')).toMatchObject({ value: '9e107d9d372bb6826bd81d3542a419d6' });
    const again = ok(await upload(sgdOfficer, data), 201);
    expect(again).toMatchObject({ added: 0, duplicates: 3 });
    // Objects' attributes count too (the FortiOS event's CVE and CPE: the CPE is not an observable).
    const forti = ok(await upload(admin, readFileSync('tests/fixtures/misp/feed/5f8c2a9e-3b1d-4c7a-9e21-6d4b8f0a1c32.json')), 201);
    expect(forti).toMatchObject({ added: 4, unsupported: 3 });
    expect(forti.incident.observables.find((o: { type: string }) => o.type === 'cve').value).toBe('CVE-2024-21762');
    // Refused: another agency's case (404), a file that is no MISP event (400).
    expect((await upload(officer, data)).status).toBe(404);
    expect((await upload(sgdOfficer, Buffer.from('{"hello": 1}'))).status).toBe(400);
    expect((await upload(sgdOfficer, Buffer.from('not json'))).status).toBe(400);
  });
});
