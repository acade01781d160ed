/**
 * The TAXII 2.1 server's content (OASIS TAXII 2.1, sections 4–5): one API root and two read-only collections of the
 * province's shareable threat intelligence as STIX 2.1 objects.
 *
 * - `indicators`: the observables (IP, domain, URL, hash, e-mail) of accepted cases, as the indicators of the case's
 *   STIX file (same ids). Their TLP is the stricter of the observable's and the case's: CLEAR and GREEN go to every
 *   reader, AMBER as far as the case reaches (the response team and security unit, the agency subtree of the case and
 *   of the agencies named as affected, the national coordinating agency), AMBER+STRICT only to the case's own agency
 *   and the province-wide readers; RED is never published.
 * - `vulnerabilities`: the CVEs the province's warnings name, one vulnerability each, TLP:GREEN: the CVE id (and
 *   whether CISA lists it as exploited), not the warning, which its agencies alone read.
 *
 * Both also hold the producer's identity and the TLP marking definitions they use. Objects are paged by the time they
 * were added (an observable: when it was recorded, or when its case was accepted if later; a CVE: its first warning),
 * then by id: `added_after` and `next` resume exactly where a page ended.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { subtreeOf } from '../../auth/scope.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { agencies, designations } from '../agencies/index.ts';
import {
  IDENTITY_CREATED,
  incidentAgencies,
  incidentObservables,
  incidents,
  indicatorOf,
  intelProducer,
  markingDefinition,
  producerIdentity,
  stableUuid,
  TLP_MARKINGS,
  type StixObject,
} from '../incidents/index.ts';
import { knownExploitedCves, warnings } from '../warnings/index.ts';
import { can } from '../../../shared/core/capabilities.ts';
import { TLP_LEVELS, type ObservableType, type Tlp } from '../../../shared/incidents/vocabulary.ts';

export const TAXII_MEDIA = 'application/taxii+json;version=2.1';
const STIX_MEDIA = 'application/stix+json;version=2.1';
const API_ROOT = 'khien';
/** A page holds at most this many objects; a client asking for more gets this many and `more`. */
export const MAX_PAGE = 1000;

type Kind = 'indicators' | 'vulnerabilities';
const COLLECTIONS: { kind: Kind; id: string; title: string; description: string; type: string; markings: Tlp[] }[] = [
  {
    kind: 'indicators',
    id: stableUuid('taxii:collection:indicators'),
    title: 'Dấu hiệu tấn công (Indicators)',
    description: 'Indicators of compromise from the cases of the provincial response team, by TLP and the reader’s reach.',
    type: 'indicator',
    markings: ['clear', 'green', 'amber', 'amber+strict'],
  },
  {
    kind: 'vulnerabilities',
    id: stableUuid('taxii:collection:vulnerabilities'),
    title: 'Lỗ hổng trong cảnh báo (Vulnerabilities)',
    description: 'CVEs named by the security warnings sent to the province’s agencies.',
    type: 'vulnerability',
    markings: ['green'],
  },
];

export const discovery = (base: string) => ({
  title: 'Khiên TAXII 2.1',
  description: 'Threat intelligence the province shares: indicators of its incident cases and the vulnerabilities of its warnings.',
  default: `${base}/taxii2/${API_ROOT}/`,
  api_roots: [`${base}/taxii2/${API_ROOT}/`],
});

export function apiRoot(name: string) {
  if (name !== API_ROOT) throw notFound('API root');
  return {
    title: 'Khiên',
    description: 'Read-only collections of the provincial response team.',
    versions: [TAXII_MEDIA],
    max_content_length: 0,
  };
}

const info = (c: (typeof COLLECTIONS)[number]) => ({
  id: c.id,
  title: c.title,
  description: c.description,
  can_read: true,
  can_write: false,
  media_types: [STIX_MEDIA],
});

export function collections(root: string) {
  apiRoot(root);
  return { collections: COLLECTIONS.map(info) };
}

function collectionOf(root: string, id: string) {
  apiRoot(root);
  const c = COLLECTIONS.find((x) => x.id === id);
  if (!c) throw notFound('Collection');
  return c;
}
export const collection = (root: string, id: string) => info(collectionOf(root, id));

/** One object of a collection, with when it was added and (an indicator) the case it comes from. */
type Entry = { dateAdded: string; key: string; object: StixObject; incident?: { id: number; agencyId: number | null } };

export type ObjectQuery = { addedAfter?: string; limit?: number; next?: string; types?: string[]; ids?: string[] };

const badNext = () => new AppError(400, 'invalid', 'next: not a value this server gave', 'next: không phải giá trị máy chủ đã trả về', 'next');

function decodeNext(next: string): { dateAdded: string; key: string } {
  try {
    const [dateAdded, key] = JSON.parse(Buffer.from(next, 'base64url').toString('utf8')) as unknown[];
    if (typeof dateAdded === 'string' && typeof key === 'string' && !Number.isNaN(Date.parse(dateAdded))) return { dateAdded, key };
  } catch {}
  throw badNext();
}
const encodeNext = (e: Entry) => Buffer.from(JSON.stringify([e.dateAdded, e.key])).toString('base64url');

const ISO = (col: SQL) => sql`to_char(date_trunc('milliseconds', ${col}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const tlpRank = (col: SQL) => sql`case ${col} when 'clear' then 0 when 'green' then 1 when 'amber' then 2 when 'amber+strict' then 3 else 4 end`;

/** Who reads AMBER objects of which cases (see the module comment). */
async function visibleTlp(db: Queryable, actor: Actor): Promise<SQL> {
  if (can(actor, 'intel.read')) return sql`x.tlp_rank <= 3`;
  const [coordinator] = await db.select({ agencyId: designations.agencyId }).from(designations).where(sql`${designations.code} = 'national_coordinator'`);
  const inReach = sql`(x.agency_id in (select id from ${agencies} where path like ${subtreeOf(actor)})
    or x.incident_id in (select ia.incident_id from ${incidentAgencies} ia join ${agencies} a on a.id = ia.agency_id where a.path like ${subtreeOf(actor)}))`;
  const amber = coordinator?.agencyId === actor.agencyId ? sql`true` : inReach;
  return sql`(x.tlp_rank <= 1 or (x.tlp_rank = 2 and ${amber}) or (x.tlp_rank = 3 and x.agency_id = ${actor.agencyId}))`;
}

const after = (q: ObjectQuery, cursor: { dateAdded: string; key: string } | null) => [
  q.addedAfter ? sql`x.date_added > ${q.addedAfter} collate "C"` : sql`true`,
  cursor ? sql`(x.date_added > ${cursor.dateAdded} collate "C" or (x.date_added = ${cursor.dateAdded} and x.key > ${cursor.key} collate "C"))` : sql`true`,
];

type IndicatorRow = {
  incident_id: number;
  agency_id: number | null;
  type: string;
  form: string;
  value: string;
  description: string | null;
  stix_id: string;
  created: string;
  date_added: string;
  key: string;
  tlp_rank: number;
};

async function indicatorEntries(db: Queryable, actor: Actor, q: ObjectQuery, cursor: { dateAdded: string; key: string } | null, limit: number) {
  const identityId = producerIdentity(await intelProducer(db)).id;
  const uuids = q.ids?.filter((i) => i.startsWith('indicator--')).map((i) => i.slice('indicator--'.length));
  if (uuids && !uuids.length) return [];
  const byId = uuids
    ? sql`x.stix_id in (${sql.join(
        uuids.map((u) => sql`${u}`),
        sql`, `,
      )})`
    : sql`true`;
  const rows = (
    await db.execute(sql`select * from (
      select i.id as incident_id, i.agency_id, o.type, o.form, o.value, o.description, o.stix_id::text as stix_id,
        ${ISO(sql`o.created_at`)} as created,
        ${ISO(sql`greatest(o.created_at, coalesce(i.triaged_at, o.created_at))`)} as date_added,
        'indicator--' || o.stix_id::text as key,
        greatest(${tlpRank(sql`o.tlp`)}, ${tlpRank(sql`i.tlp`)}) as tlp_rank
      from ${incidentObservables} o join ${incidents} i on i.id = o.incident_id
      where o.type <> 'cve' and i.status not in ('received', 'rejected', 'merged')) x
    where ${await visibleTlp(db, actor)} and ${byId} and ${sql.join(after(q, cursor), sql` and `)}
    order by x.date_added collate "C", x.key collate "C" limit ${limit}`)
  ).rows as IndicatorRow[];
  return rows.map((r): Entry => {
    const object = indicatorOf(
      { stixId: r.stix_id, type: r.type as ObservableType, form: r.form, value: r.value, description: r.description, createdAt: r.created },
      identityId,
      TLP_LEVELS[Number(r.tlp_rank)]!,
    )!;
    return {
      dateAdded: r.date_added,
      key: r.key,
      object,
      incident: { id: Number(r.incident_id), agencyId: r.agency_id === null ? null : Number(r.agency_id) },
    };
  });
}

const vulnerabilityId = (cve: string) => `vulnerability--${stableUuid(`cve:${cve}`)}`;

async function vulnerabilityEntries(db: Queryable, q: ObjectQuery, cursor: { dateAdded: string; key: string } | null, limit: number) {
  const identityId = producerIdentity(await intelProducer(db)).id;
  let cves: string[] | undefined;
  if (q.ids) {
    // Vulnerability ids are derived from the CVE: match them against the CVEs the warnings name.
    const wanted = new Set(q.ids);
    const all = (await db.execute(sql`select distinct c.cve from ${warnings} w cross join lateral unnest(w.cve_ids) as c(cve)`)).rows as { cve: string }[];
    cves = all.map((r) => r.cve).filter((c) => wanted.has(vulnerabilityId(c)));
    if (!cves.length) return [];
  }
  const byId = cves
    ? sql`x.key in (${sql.join(
        cves.map((c) => sql`${c}`),
        sql`, `,
      )})`
    : sql`true`;
  const rows = (
    await db.execute(sql`select * from (
      select c.cve as key, ${ISO(sql`min(w.created_at)`)} as date_added,
        exists (select 1 from ${knownExploitedCves} k where k.cve_id = c.cve) as exploited
      from ${warnings} w cross join lateral unnest(w.cve_ids) as c(cve) group by c.cve) x
    where ${byId} and ${sql.join(after(q, cursor), sql` and `)}
    order by x.date_added collate "C", x.key collate "C" limit ${limit}`)
  ).rows as { key: string; date_added: string; exploited: boolean }[];
  return rows.map(
    (r): Entry => ({
      dateAdded: r.date_added,
      key: r.key,
      object: {
        type: 'vulnerability',
        spec_version: '2.1',
        id: vulnerabilityId(r.key),
        created: r.date_added,
        modified: r.date_added,
        created_by_ref: identityId,
        object_marking_refs: [TLP_MARKINGS.green],
        name: r.key,
        ...(r.exploited ? { labels: ['known-exploited'] } : {}),
        external_references: [{ source_name: 'cve', external_id: r.key }],
      },
    }),
  );
}

/** The identity and markings every reader gets, added when they were first published. */
async function fixedEntries(db: Queryable, c: (typeof COLLECTIONS)[number]): Promise<Entry[]> {
  const identity = producerIdentity(await intelProducer(db));
  const markings = c.markings.map(markingDefinition);
  return [
    { dateAdded: IDENTITY_CREATED, key: identity.id, object: identity },
    ...markings.map((m) => ({ dateAdded: m.created, key: m.id, object: m as StixObject })),
  ];
}

const byAdded = (a: Entry, b: Entry) =>
  a.dateAdded === b.dateAdded ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : Date.parse(a.dateAdded) - Date.parse(b.dateAdded);

/** One page of a collection's objects, oldest added first, and whether more follow. */
export async function page(db: Queryable, actor: Actor, root: string, collectionId: string, q: ObjectQuery) {
  const c = collectionOf(root, collectionId);
  const cursor = q.next ? decodeNext(q.next) : null;
  const limit = Math.min(q.limit ?? MAX_PAGE, MAX_PAGE);
  const wants = (e: Entry) => (!q.types || q.types.includes(e.object.type)) && (!q.ids || q.ids.includes(e.object.id));
  const fixed = (await fixedEntries(db, c)).filter(
    (e) => wants(e) && (!q.addedAfter || Date.parse(e.dateAdded) > Date.parse(q.addedAfter)) && (!cursor || byAdded(e, { ...cursor, object: e.object }) > 0),
  );
  const stored =
    q.types && !q.types.includes(c.type)
      ? []
      : c.kind === 'indicators'
        ? await indicatorEntries(db, actor, q, cursor, limit + 1)
        : await vulnerabilityEntries(db, q, cursor, limit + 1);
  const all = [...fixed, ...stored].sort(byAdded);
  const entries = all.slice(0, limit);
  const more = all.length > limit;
  return { entries, more, next: more ? encodeNext(entries[entries.length - 1]!) : undefined };
}

/** One object by id (every version: there is one), or 404 when the reader may not see it. */
export async function objectById(db: Queryable, actor: Actor, root: string, collectionId: string, objectId: string) {
  const { entries } = await page(db, actor, root, collectionId, { ids: [objectId] });
  if (!entries.length) throw notFound('Object');
  return entries;
}

export const envelope = (p: { entries: Entry[]; more: boolean; next?: string }) =>
  p.entries.length ? { more: p.more, ...(p.next ? { next: p.next } : {}), objects: p.entries.map((e) => e.object) } : { more: false };

export const manifest = (p: { entries: Entry[]; more: boolean; next?: string }) =>
  p.entries.length
    ? {
        more: p.more,
        ...(p.next ? { next: p.next } : {}),
        objects: p.entries.map((e) => ({
          id: e.object.id,
          date_added: e.dateAdded,
          version: String(e.object.modified ?? e.object.created),
          media_type: STIX_MEDIA,
        })),
      }
    : { more: false };

/** The X-TAXII-Date-Added-First/Last headers of a page. */
export const addedHeaders = (entries: Entry[]): Record<string, string> =>
  entries.length ? { 'x-taxii-date-added-first': entries[0]!.dateAdded, 'x-taxii-date-added-last': entries[entries.length - 1]!.dateAdded } : {};

/** The agency designated as the national coordinator, whose tokens' pulls are recorded as shares of the cases. */
export async function isCoordinator(db: Queryable, actor: Actor) {
  if (actor.tokenId === undefined) return false;
  const [row] = await db.select({ agencyId: designations.agencyId }).from(designations).where(sql`${designations.code} = 'national_coordinator'`);
  return row?.agencyId === actor.agencyId;
}
