/**
 * A case as a MISP event (MISP core format, https://www.misp-project.org/datamodels/) and the reverse: the attributes
 * of an uploaded MISP event added to a case's observables. The mapping of types and TLP is src/shared/intel/misp.ts.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert } from '../../auth/scope.ts';
import { AppError, invalid } from '../../http/errors.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import { normalizeObservable } from '../../../shared/incidents/observables.ts';
import type { ObservableType, Tlp } from '../../../shared/incidents/vocabulary.ts';
import { MISP_DISTRIBUTION, MISP_THREAT_LEVEL, mispAttributeOf, mispAttributes, mispEvents, observableOfMisp } from '../../../shared/intel/misp.ts';
import { assertNotEnded, canContribute, findIncident } from './access.ts';
import { changeCase } from './case-change.ts';
import { intelProducer } from './documents.ts';
import { getIncident } from './queries.ts';
import { incidentObservables } from './schema.ts';
import { stableUuid } from './stix.ts';

const epoch = (d: Date | string) => String(Math.floor(new Date(d).getTime() / 1000));
const tag = (tlp: Tlp) => ({ name: `tlp:${tlp}` });

/** The case as one MISP event: its observables as attributes, each with its own TLP tag and distribution. */
export async function exportMisp(db: Queryable, actor: Actor, id: number) {
  const d = await getIncident(db, actor, id);
  const rows = await db.select().from(incidentObservables).where(eq(incidentObservables.incidentId, id)).orderBy(asc(incidentObservables.id));
  const producer = await intelProducer(db);
  const event = {
    uuid: d.stixId,
    info: `${d.code}: ${d.title}`,
    date: todayVn(new Date(d.detectedAt)),
    threat_level_id: MISP_THREAT_LEVEL[d.severity] ?? '4',
    analysis: d.closedAt ? '2' : d.containedAt ? '1' : '0',
    distribution: MISP_DISTRIBUTION[d.tlp],
    published: false,
    timestamp: epoch(d.updatedAt),
    Orgc: { name: producer.name, uuid: stableUuid(`identity:${producer.name}`) },
    Tag: [tag(d.tlp), { name: `khien:kind="${d.kind}"` }],
    Attribute: rows.map((o) => {
      const { type, category } = mispAttributeOf(o.type as ObservableType, o.form);
      return {
        uuid: o.stixId,
        type,
        category,
        value: o.value,
        to_ids: o.type !== 'cve',
        comment: o.description ?? '',
        timestamp: epoch(o.createdAt),
        distribution: MISP_DISTRIBUTION[o.tlp as Tlp],
        Tag: [tag(o.tlp as Tlp)],
      };
    }),
  };
  return { name: `${d.code}.misp.json`, event: { Event: event }, attributeIds: rows.map((o) => o.stixId) };
}

/** An uploaded MISP file is at most this large and holds at most this many attributes. */
const MISP_UPLOAD_BYTES = 5 * 1024 * 1024;
const MAX_ATTRIBUTES = 5000;

function readMispFile(data: Buffer) {
  if (data.length > MISP_UPLOAD_BYTES) throw new AppError(413, 'file_too_large', 'A MISP file is at most 5 MB', 'Tệp MISP tối đa 5 MB', 'file');
  let doc: unknown;
  try {
    doc = JSON.parse(data.toString('utf8'));
  } catch {
    throw invalid('file', 'The file is not JSON', 'Tệp không phải JSON');
  }
  const events = mispEvents(doc);
  if (!events.length) throw invalid('file', 'The file holds no MISP event (Event with Attribute)', 'Tệp không chứa sự kiện MISP (Event với Attribute)');
  return events;
}

/** May the actor add observables to the case? Checked before the upload is read. */
export async function assertMayImportMisp(db: Queryable, actor: Actor, id: number) {
  const found = await findIncident(db, actor, id);
  assertNotEnded(found.incident);
  assert(canContribute(actor, found.incident, found.agencyPath));
}

/**
 * The attributes of a MISP event added to the case as observables: the types Khiên keeps (IP, domain, URL, hashes,
 * e-mail, CVE), each normalized as a typed-in one is; a value the case already has, or that repeats in the file, is
 * skipped. A TLP tag on the attribute (else on the event) sets its TLP; without one it is AMBER.
 */
export async function importMisp(db: Db, actor: Actor, id: number, upload: { name: string; data: Buffer }) {
  const attributes = readMispFile(upload.data).flatMap(mispAttributes);
  if (attributes.length > MAX_ATTRIBUTES) {
    throw invalid('file', `At most ${MAX_ATTRIBUTES} attributes per file`, `Tối đa ${MAX_ATTRIBUTES} thuộc tính mỗi tệp`);
  }
  const wanted = new Map<string, { type: ObservableType; form: string; value: string; tlp: Tlp; description: string | null }>();
  let unsupported = 0;
  let invalidValues = 0;
  for (const a of attributes) {
    const kind = observableOfMisp(a.type);
    if (!kind) {
      unsupported++;
      continue;
    }
    const normalized = normalizeObservable(kind.type, a.value.split('|')[kind.part] ?? '');
    if (!normalized) {
      invalidValues++;
      continue;
    }
    const key = `${kind.type}\u0000${normalized.value}`;
    if (!wanted.has(key)) {
      wanted.set(key, {
        type: kind.type,
        form: normalized.form,
        value: normalized.value,
        tlp: a.tlp ?? 'amber',
        description: a.comment.trim().slice(0, 1000) || null,
      });
    }
  }
  let added: { type: string; value: string }[] = [];
  const incident = await changeCase(db, actor, { id, lock: true }, async (tx, found) => {
    assertNotEnded(found.incident);
    assert(canContribute(actor, found.incident, found.agencyPath));
    const values = [...wanted.values()].map((o) => ({ incidentId: id, ...o, createdBy: actor.userId }));
    added = values.length
      ? await tx
          .insert(incidentObservables)
          .values(values)
          .onConflictDoNothing()
          .returning({ type: incidentObservables.type, value: incidentObservables.value })
      : [];
    const summary = { file: upload.name, added: added.length, duplicates: wanted.size - added.length, unsupported, invalid: invalidValues };
    return { event: { kind: 'observables_imported', detail: summary }, action: 'import_observables', after: { ...summary, observables: added } };
  });
  return { added: added.length, duplicates: wanted.size - added.length, unsupported, invalid: invalidValues, incident };
}
