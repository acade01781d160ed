import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { startTestApp, type Client, type TestApp } from '../../../tests/support/test-app.ts';
import { listen, type HttpClient } from '../../../tests/support/http.ts';
import { registeredRoutes } from '../../../tests/support/routes.ts';
import { PDF } from '../../../tests/support/upload.ts';
import {
  BAD_PATH_IDS,
  DEEP,
  badQueryValues,
  badValues,
  fieldLocations,
  operationsOf,
  sample,
  toJson,
  withValueAt,
  type JsonSchema,
  type OpenApi,
  type Operation,
  type Param,
} from '../../../tests/support/malformed.ts';
import { ErrorBody, INT32_MAX } from '../../shared/core/schemas.ts';

/**
 * Property: for every operation of the OpenAPI document, malformed input (wrong types, out-of-range numbers,
 * NUL, lone surrogates, impossible dates, huge strings, deep nesting, wrong content types, non-canonical path ids)
 * answers 4xx in the error shape, never 5xx, and changes nothing. The cases are derived from the document, so a
 * new route is covered without editing this file; the count check fails if one is not.
 */

let t: TestApp;
let dataDir: string;
let admin: Client;
let anonymous: Client;
let httpAdmin: HttpClient;
let httpAnonymous: HttpClient;
let http: Awaited<ReturnType<typeof listen>>;
let ops: Operation[];
/** Operations reachable without a session (anonymous callers get the same cases). */
let publicOps: Set<string>;
let requirementId: string;
let bearer: string;
let auditRows: number;

const sent = { inject: 0, http: 0 };
/** Malformed requests sent per operation key. */
const casesPerOperation = new Map<string, number>();
const count = (op: Operation) => casesPerOperation.set(op.key, (casesPerOperation.get(op.key) ?? 0) + 1);
const failures: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'khien-malformed-'));
  // The hotline's per-IP limit would otherwise answer 429 before validation is reached.
  t = await startTestApp({ DATA_DIR: dataDir, INCIDENT_INTAKE_MAX_PER_HOUR: '100000' });
  admin = await t.login('admin');
  anonymous = await t.anonymous();
  http = await listen(t.app);
  [httpAdmin, httpAnonymous] = await Promise.all([http.login('admin'), http.anonymous()]);
  ops = operationsOf((await admin.get('/api/docs/json')).json() as OpenApi);
  requirementId = (await admin.get('/api/requirements')).json()[0].id;
  bearer = (await admin.post(`/api/agencies/${admin.me.agencyId}/api-tokens`, { name: 'Kiểm thử dữ liệu sai' })).json().token;
  publicOps = new Set();
  for (const op of ops) {
    const res = await anonymous.request({ method: op.method as never, url: urlOf(op), ...(op.method === 'GET' ? {} : jsonRaw('{')) });
    if (!(res.statusCode === 401 && res.json().error.code === 'unauthorized')) publicOps.add(op.key);
  }
  auditRows = await countAudit();
});
afterAll(async () => {
  console.log(`malformed input: ${casesPerOperation.size} operations, ${sent.inject + sent.http} requests (${sent.http} over real HTTP)`);
  await t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Changes recorded in the audit log (sign-ins of the sessions opened for ENDS_SESSION cases aside). */
const countAudit = async () => Number((await t.database.db.execute(sql`select count(*)::int as n from audit_log where action <> 'login'`)).rows[0]!.n);

/** A valid value for each path parameter, so only the one under test is wrong. */
function validParam(p: Param): string {
  if (p.schema.enum) return String(p.schema.enum[0]);
  const known: Record<string, string> = {
    id: '1',
    taskId: '1',
    observableId: '1',
    deliveryId: '1',
    requirementId,
    code: 'security_unit',
    period: '2026-Q4',
    level: '3',
    key: 'scan.intervalMonths',
    // The TAXII server's: its API root, a collection, an object.
    apiRoot: 'khien',
    collectionId: '00000000-0000-4000-8000-000000000000',
    objectId: 'indicator--00000000-0000-4000-8000-000000000000',
  };
  const v = known[p.name];
  if (v === undefined) throw new Error(`no valid value for path parameter "${p.name}": add one to validParam`);
  return v;
}
const apiRoutes = () =>
  registeredRoutes(t.app)
    .filter((r) => (r.url.startsWith('/api/') && !r.url.startsWith('/api/docs')) || r.url.startsWith('/taxii2/'))
    .map((r) => `${r.method} ${r.url}`);
const urlOf = (op: Operation, override: Record<string, string> = {}) =>
  op.path.replace(/\{(\w+)\}/g, (_m, name: string) => override[name] ?? validParam(op.pathParams.find((p) => p.name === name)!));
const jsonRaw = (text: string, type = 'application/json') => ({ payload: text, headers: { 'content-type': type } });
const bearerHeader = (op: Operation): Record<string, string> => (op.bearer ? { authorization: `Bearer ${bearer}` } : {});

/** Signing out ends the session it is sent with: those cases get a session of their own. */
const ENDS_SESSION = new Set(['POST /api/auth/logout']);
const injectCaller = async (op: Operation, signedIn: boolean) => (!signedIn ? anonymous : ENDS_SESSION.has(op.key) ? t.login('admin') : admin);
const httpCaller = async (op: Operation, signedIn: boolean) => (!signedIn ? httpAnonymous : ENDS_SESSION.has(op.key) ? http.login('admin') : httpAdmin);

type Answer = { status: number; json: unknown };
/** Callers of an operation: the platform admin, and anonymous callers where the route is public. */
const callers = (op: Operation) => [{ who: 'admin', signedIn: true }, ...(publicOps.has(op.key) && !op.bearer ? [{ who: 'anonymous', signedIn: false }] : [])];

function check(label: string, res: Answer, allowed: number[], signedIn: boolean) {
  const body = ErrorBody.safeParse(res.json);
  const error = body.success ? body.data.error : undefined;
  if (!allowed.includes(res.status)) failures.push(`${label}: ${res.status} (expected ${allowed.join('/')}) ${JSON.stringify(res.json)?.slice(0, 200)}`);
  else if (!error?.messageVi) failures.push(`${label}: ${res.status} without the error shape: ${JSON.stringify(res.json)?.slice(0, 200)}`);
  else if (signedIn && ['unauthorized', 'password_change_required', 'csrf'].includes(error.code))
    failures.push(`${label}: the session was lost (${error.code})`);
}

async function inject(c: Client, op: Operation, url: string, extra: { payload?: string | Buffer; headers?: Record<string, string> } = {}): Promise<Answer> {
  sent.inject++;
  count(op);
  const res = await c.request({ method: op.method as never, url, payload: extra.payload, headers: { ...bearerHeader(op), ...extra.headers } });
  let json: unknown;
  try {
    json = res.json();
  } catch {
    json = res.body;
  }
  return { status: res.statusCode, json };
}
async function overHttp(c: HttpClient, op: Operation, url: string, extra: { payload?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  sent.http++;
  count(op);
  const res = await c.request(op.method, url, { raw: extra.payload, headers: { ...bearerHeader(op), ...extra.headers } });
  return { status: res.status, json: res.json ?? res.text };
}
const sampleBody = (op: Operation) => (op.body ? toJson(sample(op.body)) : undefined);
const jsonHeaders = { 'content-type': 'application/json' };

/** Runs cases four at a time: the database serves several sessions at once, which keeps the file well under a minute. */
async function runAll(cases: (() => Promise<void>)[]) {
  const queue = [...cases];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await next();
    }),
  );
}
/** The heavy cases get more than the 30 s default: the whole API suite runs files side by side. */
const HEAVY = 180_000;

function report() {
  const shown = failures.splice(0);
  expect(shown.slice(0, 60), `${shown.length} malformed requests were not refused properly`).toEqual([]);
}

describe('malformed input, derived from the OpenAPI document', () => {
  it('derives its cases from a document that lists every registered API route', () => {
    const registered = apiRoutes();
    expect(registered.length).toBeGreaterThan(100);
    expect(ops.map((o) => o.key).sort()).toEqual([...registered].sort());
    expect(publicOps).toEqual(
      new Set([
        'GET /api/auth/csrf',
        'GET /api/auth/methods',
        'GET /api/auth/oidc/start',
        'GET /api/auth/oidc/callback',
        'POST /api/auth/login',
        'POST /api/auth/ldap/login',
        'POST /api/auth/logout',
        'GET /api/public/incidents/form-token',
        'POST /api/public/incidents',
        'GET /api/public/operator-contacts',
        'GET /api/health',
        'GET /api/ready',
        'POST /api/ingest/endpoints',
        'POST /api/ingest/counts',
      ]),
    );
  });

  it('declares bounds on every integer and string it takes', () => {
    /** bigint columns: money amounts (đồng) and the audit log's own id. */
    const WIDE = new Set([
      'POST /api/agencies/:id/budgets body.totalAmount',
      'POST /api/agencies/:id/budgets body.securityAmount',
      'PUT /api/budgets/:id body.totalAmount',
      'PUT /api/budgets/:id body.securityAmount',
      'GET /api/audit query.beforeId',
    ]);
    const unbounded: string[] = [];
    const visit = (where: string, s: JsonSchema) => {
      const type = s.type ?? (s.oneOf ?? s.anyOf)?.[0]?.type;
      if (type === 'integer' && !WIDE.has(where) && (s.maximum === undefined || s.maximum > INT32_MAX)) unbounded.push(`${where}: integer up to ${s.maximum}`);
      if (type === 'string' && s.maxLength === undefined && !s.enum && !s.format && !/\{\d+,\d+\}\$$|^\^[^*+]*\$$/.test(s.pattern ?? ''))
        unbounded.push(`${where}: string without maxLength`);
    };
    for (const op of ops) {
      for (const p of [...op.pathParams, ...op.queryParams]) visit(`${op.key} ${op.pathParams.includes(p) ? 'path' : 'query'}.${p.name}`, p.schema);
      if (op.body) for (const loc of fieldLocations(op.body)) visit(`${op.key} body.${loc.path.join('.')}`, loc.schema);
    }
    expect(unbounded).toEqual([]);
  });

  it(
    'answers malformed path ids with 400 or 404 over real HTTP, never with record 1',
    async () => {
      const cases: (() => Promise<void>)[] = [];
      for (const op of ops) {
        for (const p of op.pathParams) {
          for (const bad of BAD_PATH_IDS) {
            for (const { who, signedIn } of callers(op))
              cases.push(async () => {
                const res = await overHttp(await httpCaller(op, signedIn), op, urlOf(op, { [p.name]: bad }), {
                  payload: sampleBody(op),
                  headers: op.body ? jsonHeaders : {},
                });
                check(`${who} ${op.key} ${p.name}=${bad.slice(0, 20)}`, res, bad.length > 100 ? [414] : [400, 404], signedIn);
                const field = (res.json as { error?: { field?: string } }).error?.field;
                // A 400 must be about this parameter: a 400 about the body would mean the id was taken as a real one.
                if (
                  res.status === 400 &&
                  validParam(p) === '1' &&
                  field !== p.name &&
                  !(res.json as { error?: { code?: string } }).error?.code?.includes('url')
                ) {
                  failures.push(`${who} ${op.key} ${p.name}=${bad}: 400 about ${field}, not the id`);
                }
              });
          }
        }
      }
      await runAll(cases);
      report();
    },
    HEAVY,
  );

  it(
    'answers malformed query values with 400',
    async () => {
      const cases: (() => Promise<void>)[] = [];
      for (const op of ops) {
        const params = op.queryParams.length ? op.queryParams : [{ name: 'unexpected', schema: { type: 'string' } }];
        for (const p of params) {
          const bads = op.queryParams.length ? badQueryValues(p.schema) : badQueryValues(p.schema).filter((b) => b.label === 'NUL');
          for (const bad of bads) {
            const values = Array.isArray(bad.value) ? (bad.value as string[]) : [bad.value as string];
            const query = values.map((v) => `${p.name}=${encodeURIComponent(v)}`).join('&');
            for (const { who, signedIn } of callers(op))
              cases.push(async () => {
                const res = await inject(
                  await injectCaller(op, signedIn),
                  op,
                  `${urlOf(op)}?${query}`,
                  op.body ? { payload: sampleBody(op), headers: jsonHeaders } : {},
                );
                check(`${who} ${op.key} ?${p.name}=${bad.label}`, res, [400], signedIn);
              });
          }
        }
      }
      await runAll(cases);
      report();
    },
    HEAVY,
  );

  it(
    'answers a malformed field of a JSON body with 400',
    async () => {
      const cases: (() => Promise<void>)[] = [];
      for (const op of ops) {
        if (!op.body) continue;
        const base = sample(op.body);
        for (const loc of fieldLocations(op.body)) {
          for (const bad of badValues(loc.schema)) {
            const payload = toJson(withValueAt(base, loc.path, bad.value, op.body));
            for (const { who, signedIn } of callers(op))
              cases.push(async () => {
                const res = await inject(await injectCaller(op, signedIn), op, urlOf(op), { payload, headers: jsonHeaders });
                // A route may cap its body below the app's 1 MB (the public hotline): 413 before validation.
                check(`${who} ${op.key} body.${loc.path.join('.') || '(root)'}=${bad.label}`, res, bad.label === 'huge string' ? [400, 413] : [400], signedIn);
              });
          }
        }
      }
      await runAll(cases);
      report();
    },
    HEAVY,
  );

  it(
    'answers broken JSON, deep nesting and wrong content types with 400 or 415 over real HTTP',
    async () => {
      const cases: { label: string; payload: string; type: string; allowed: number[] }[] = [
        { label: 'truncated JSON', payload: '{"a":', type: 'application/json', allowed: [400] },
        { label: 'empty JSON', payload: '', type: 'application/json', allowed: [400] },
        { label: '10,000 nested arrays', payload: DEEP.text, type: 'application/json', allowed: [400] },
        { label: 'NUL in a key', payload: '{"a\\u0000b":1}', type: 'application/json', allowed: [400] },
        { label: 'lone surrogate in a key', payload: '{"\\ud800":1}', type: 'application/json', allowed: [400] },
        { label: 'text/plain', payload: 'x', type: 'text/plain', allowed: [415] },
        { label: 'XML', payload: '<a/>', type: 'application/xml', allowed: [415] },
        { label: 'form', payload: 'a=1', type: 'application/x-www-form-urlencoded', allowed: [415] },
      ];
      const calls: (() => Promise<void>)[] = [];
      for (const op of ops) {
        if (op.method === 'GET' || op.method === 'DELETE') continue;
        for (const c of cases) {
          for (const { who, signedIn } of callers(op))
            calls.push(async () => {
              const res = await overHttp(await httpCaller(op, signedIn), op, urlOf(op), { payload: c.payload, headers: { 'content-type': c.type } });
              check(`${who} ${op.key} ${c.label}`, res, c.allowed, signedIn);
            });
        }
      }
      await runAll(calls);
      report();
    },
    HEAVY,
  );

  it('answers malformed multipart uploads with 4xx', async () => {
    const part = (filename: string, boundary: string, end = true) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`),
        PDF,
        Buffer.from(end ? `\r\n--${boundary}--\r\n` : ''),
      ]);
    const cases = [
      { label: 'no boundary', payload: part('a.pdf', 'b'), type: 'multipart/form-data' },
      { label: 'NUL in the file name', payload: part('a\u0000b.pdf', 'bnd'), type: 'multipart/form-data; boundary=bnd' },
      { label: 'a 300-character boundary', payload: part('a.pdf', 'b'.repeat(300)), type: `multipart/form-data; boundary=${'b'.repeat(300)}` },
      { label: 'no closing boundary', payload: part('a.pdf', 'bnd', false), type: 'multipart/form-data; boundary=bnd' },
    ];
    for (const op of ops.filter((o) => o.multipart)) {
      for (const c of cases) {
        const res = await inject(admin, op, urlOf(op), { payload: c.payload, headers: { 'content-type': c.type } });
        check(`admin ${op.key} ${c.label}`, res, [400, 404, 406, 413, 415, 422], true);
      }
    }
    report();
  });

  it('changed nothing and kept the session', async () => {
    expect(await countAudit()).toBe(auditRows);
    expect((await admin.get('/api/auth/me')).statusCode).toBe(200);
    expect((await httpAdmin.get('/api/auth/me')).status).toBe(200);
  });

  it('sent malformed requests to every registered route', () => {
    // No exclusions: a route without parameters or body still gets a NUL in its query string.
    const registered = apiRoutes();
    expect(registered.filter((r) => !casesPerOperation.get(r))).toEqual([]);
    expect(casesPerOperation.size).toBe(registered.length);
    expect(sent.inject + sent.http).toBeGreaterThan(5000);
  });
});
