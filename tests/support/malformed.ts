/**
 * Malformed inputs derived from the OpenAPI document: for each operation, its path parameters, query parameters
 * and JSON body fields, a value the schema accepts (to hold the other fields valid) and values it must refuse.
 */

export type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
};
type OpenApiParam = { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: JsonSchema };
type OpenApiOperation = {
  summary?: string;
  parameters?: OpenApiParam[];
  security?: Record<string, unknown>[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
};
export type OpenApi = { paths: Record<string, Record<string, OpenApiOperation>> };

export type Param = { name: string; schema: JsonSchema };
export type Operation = {
  /** `METHOD /api/x/:id`, as Fastify registers it. */
  key: string;
  method: string;
  path: string;
  summary: string;
  pathParams: Param[];
  queryParams: Param[];
  body?: JsonSchema;
  multipart: boolean;
  /** Only a bearer token reaches it (the anti-malware pushes); routes a session or an API token reach are called with the session. */
  bearer: boolean;
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(doc: OpenApi): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([m]) => METHODS.includes(m))
      .map(([m, op]) => {
        const params = op.parameters ?? [];
        const summary = op.summary ?? '';
        return {
          key: `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
          method: m.toUpperCase(),
          path,
          summary,
          pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
          queryParams: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
          body: op.requestBody?.content['application/json']?.schema,
          multipart: /multipart/i.test(summary),
          bearer: !!op.security?.length && op.security.every((s) => 'bearer' in s),
        };
      }),
  );
}

/** A JSON token JSON.stringify cannot write (1e309 parses to Infinity; 10,000 nested arrays). */
class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text of a value that may hold RawJson tokens. */
export function toJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_k, v: unknown) => (v instanceof RawJson ? `@@raw${raws.push(v.text) - 1}@@` : v));
  return text.replace(/"@@raw(\d+)@@"/g, (_m, i: string) => raws[Number(i)]!);
}

const NUL = 'abc\u0000def';
const LONE_SURROGATE = 'abc\ud800def';
const INT32_OVERFLOW = 2 ** 31;
export const DEEP = new RawJson('['.repeat(10_000) + ']'.repeat(10_000));
const INFINITY = new RawJson('1e309');

/** A value the schema accepts, as far as a schema without cross-field rules tells. */
export function sample(s: JsonSchema): unknown {
  if (s.enum) return s.enum[0];
  const option = s.oneOf?.[0] ?? s.anyOf?.[0];
  if (option) return sample(option);
  switch (s.type) {
    case 'string':
      return sampleString(s);
    case 'integer':
    case 'number': {
      const low = s.minimum === undefined ? 1 : s.minimum + (s.exclusiveMinimum ? 1 : 0);
      return Math.min(Math.max(low, 1), s.maximum ?? Infinity);
    }
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items ?? {}));
    case 'object':
      return Object.fromEntries((s.required ?? []).map((k) => [k, sample(s.properties?.[k] ?? {})]));
    default:
      return null;
  }
}

const patternsOf = (s: JsonSchema): RegExp[] =>
  [s.pattern, ...(s.allOf ?? []).map((a) => a.pattern)].filter((p): p is string => !!p).map((p) => new RegExp(p, 'u'));

const STRING_CANDIDATES = [
  'Giá trị thử nghiệm',
  'MatKhau2026moi',
  'nguoi.dung',
  '2026-01-15',
  '2026-01-15T08:00:00+07:00',
  '2026-Q1',
  '0912345678',
  'hop.thu@example.vn',
  'https://example.vn',
  'CVE-2024-12345',
  'cpe:2.3:a:vendor:product:1.0:*:*:*:*:*:*:*',
  'HT-01',
  '10.0.0.1',
];

function sampleString(s: JsonSchema): string {
  if (s.format === 'date-time') return '2026-01-15T08:00:00+07:00';
  if (s.format === 'date') return '2026-01-15';
  const patterns = patternsOf(s);
  const fits = (v: string) => v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Infinity) && patterns.every((p) => p.test(v));
  return STRING_CANDIDATES.find(fits) ?? 'x'.repeat(Math.max(s.minLength ?? 1, 1));
}

const isDate = (s: JsonSchema) => s.format === 'date' || !!s.pattern?.startsWith('^\\d{4}-\\d{2}-\\d{2}$');
const isDateTime = (s: JsonSchema) => s.format === 'date-time';
const typeOf = (s: JsonSchema) => s.type ?? (s.oneOf ?? s.anyOf)?.[0]?.type;

export type Bad = { label: string; value: unknown };

/**
 * Values a JSON body field with this schema must refuse: the wrong type, out-of-range numbers, NUL and lone
 * surrogates, huge strings, impossible dates, deep nesting.
 */
export function badValues(s: JsonSchema): Bad[] {
  const out: Bad[] = [];
  const type = typeOf(s);
  if (!s.nullable && type) out.push({ label: 'null', value: null });
  switch (type) {
    case 'string':
      out.push(
        { label: 'NUL', value: NUL },
        { label: 'lone surrogate', value: LONE_SURROGATE },
        { label: 'huge string', value: 'x'.repeat(Math.max(100_000, (s.maxLength ?? 0) + 1)) },
        { label: 'number', value: 12345 },
      );
      if (s.enum) out.push({ label: 'not in enum', value: 'khong_co_gia_tri_nay' });
      if (isDate(s))
        out.push({ label: '2026-02-30', value: '2026-02-30' }, { label: '2026-13-45', value: '2026-13-45' }, { label: 'year 0', value: '0000-01-01' });
      if (isDateTime(s)) out.push({ label: 'Feb 30', value: '2026-02-30T10:00:00Z' }, { label: 'offset +23:59', value: '2026-01-15T10:00:00+23:59' });
      break;
    case 'integer':
    case 'number':
      out.push({ label: '1e309', value: INFINITY }, { label: 'hex string', value: '0x10' });
      if (s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER) out.push({ label: 'maximum + 1', value: s.maximum + 1 });
      if (s.maximum === undefined || s.maximum < INT32_OVERFLOW) out.push({ label: '2^31', value: INT32_OVERFLOW });
      if (s.minimum !== undefined && s.minimum >= 0) out.push({ label: '-1', value: -1 });
      if (type === 'integer') out.push({ label: '1.5', value: 1.5 }, { label: '2^53 + 2', value: 2 ** 53 + 2 });
      break;
    case 'boolean':
      out.push({ label: 'string', value: 'true' }, { label: 'number', value: 1 });
      break;
    case 'array':
      out.push({ label: 'string', value: 'x' }, { label: 'nested arrays', value: DEEP });
      if (s.maxItems !== undefined) out.push({ label: 'maxItems + 1', value: Array.from({ length: s.maxItems + 1 }, () => sample(s.items ?? {})) });
      break;
    case 'object':
      out.push({ label: 'string', value: 'x' }, { label: 'array', value: [] }, { label: 'nested arrays', value: DEEP });
      break;
    default:
      out.push({ label: 'NUL', value: NUL }, { label: 'nested arrays', value: DEEP });
  }
  return out;
}

/** Values a query parameter with this schema must refuse (query values are strings). */
export function badQueryValues(s: JsonSchema): Bad[] {
  // No lone surrogate: a URL carries bytes, and the bytes of one are invalid UTF-8, which decodes to other text.
  const out: Bad[] = [
    { label: 'NUL', value: NUL },
    { label: 'huge', value: 'x'.repeat(100_000) },
    { label: 'repeated', value: ['1', '2'] },
  ];
  const type = typeOf(s);
  const numeric = type === 'integer' || type === 'number' || (type === 'string' && s.pattern?.includes('\\d') && !isDate(s) && !s.enum);
  if (numeric) {
    if (s.maximum === undefined || s.maximum < INT32_OVERFLOW) out.push({ label: '2147483648', value: '2147483648' });
    for (const v of ['1e3', '0x10', ' 1', '1.5', '-1', '1e309', 'Infinity', '', 'abc']) out.push({ label: JSON.stringify(v), value: v });
  }
  if (s.enum) out.push({ label: 'not in enum', value: 'khong_co' });
  if (isDate(s)) out.push({ label: '2026-02-30', value: '2026-02-30' }, { label: '2026-13-45', value: '2026-13-45' });
  return out;
}

/** Path parameter values that must not reach a record: non-canonical numbers, overflow, bad encodings. */
export const BAD_PATH_IDS = ['%201', '1e3', '0x10', '2147483648', '-1', '1.0', '01', '1%00', '%ED%A0%80', '%00', '9'.repeat(40), 'x'.repeat(101)];

/** Where a bad value can go in a body: its fields, the first item of its arrays, one level of nesting down. */
export function fieldLocations(s: JsonSchema, path: (string | number)[] = [], depth = 0): { path: (string | number)[]; schema: JsonSchema }[] {
  const here = [{ path, schema: s }];
  if (depth >= 3) return here;
  const option = s.oneOf?.[0] ?? s.anyOf?.[0];
  if (option) return [...here, ...fieldLocations(option, path, depth + 1).slice(1)];
  if (s.type === 'object') {
    return [...here, ...Object.entries(s.properties ?? {}).flatMap(([k, v]) => fieldLocations(v, [...path, k], depth + 1))];
  }
  if (s.type === 'array' && s.items) return [...here, ...fieldLocations(s.items, [...path, 0], depth + 1)];
  return here;
}

/** A copy of `base` with `value` at `path` (arrays and objects along the way are created from the schema's sample). */
export function withValueAt(base: unknown, path: (string | number)[], value: unknown, schema: JsonSchema): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const items = schema.items ?? {};
    const list = Array.isArray(base) && base.length ? [...base] : [sample(items)];
    list[0] = withValueAt(list[0], rest, value, items);
    return list;
  }
  const obj = schema.oneOf?.[0] ?? schema.anyOf?.[0] ?? schema;
  const record = (base && typeof base === 'object' && !Array.isArray(base) ? { ...base } : {}) as Record<string, unknown>;
  const child = obj.properties?.[head!] ?? {};
  record[head!] = withValueAt(record[head!] ?? sample(child), rest, value, child);
  return record;
}
