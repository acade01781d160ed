import { createHash, randomUUID } from 'node:crypto';
import type { ObservableType, Tlp } from '../../../shared/incidents/vocabulary.ts';

/**
 * A case as a STIX 2.1 bundle for the national coordinator: the incident, the producing organization, each
 * observable as an indicator (with a STIX pattern) and as observed data (with its cyber-observable object),
 * CVEs as vulnerabilities, relationships tying them to the incident, and TLP 2.0 markings.
 */

/** The TLP 2.0 marking definitions published by OASIS (extension-definition--60a3c5c5-…). */
const TLP_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';
export const TLP_MARKINGS: Record<Tlp, string> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

export function markingDefinition(tlp: Tlp) {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP_MARKINGS[tlp],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${tlp.toUpperCase()}`,
    extensions: { [TLP_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: tlp } },
  };
}

/** The namespace STIX 2.1 fixes for deterministic cyber-observable ids (UUIDv5). */
const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

const hex = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

export function uuidv5(namespace: string, name: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return hex(bytes);
}

/**
 * A version-4-shaped UUID derived from `seed`: objects Khiên does not store an id for (identity, observed data,
 * relationships) keep the same id from one export to the next, so a consumer updates rather than duplicates them.
 */
export function stableUuid(seed: string): string {
  const bytes = createHash('sha256').update(seed).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return hex(bytes);
}

/** JSON with sorted keys (the JSON canonicalization STIX uses for SCO ids, enough for strings and plain objects). */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}

const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const HASH_NAMES: Record<string, string> = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256' };

type Sco = { type: string; props: Record<string, unknown>; path: string; value: string };

/** The cyber-observable object for an observable (none for a CVE), and the property path patterns compare. */
function scoFor(o: { type: ObservableType; form: string; value: string }): Sco | null {
  switch (o.type) {
    case 'ip':
      return { type: o.form === 'ipv6' ? 'ipv6-addr' : 'ipv4-addr', props: { value: o.value }, path: 'value', value: o.value };
    case 'domain':
      return { type: 'domain-name', props: { value: o.value }, path: 'value', value: o.value };
    case 'url':
      return { type: 'url', props: { value: o.value }, path: 'value', value: o.value };
    case 'email':
      return { type: 'email-addr', props: { value: o.value }, path: 'value', value: o.value };
    case 'file_hash': {
      const name = HASH_NAMES[o.form]!;
      return { type: 'file', props: { hashes: { [name]: o.value } }, path: `hashes.${quote(name)}`, value: o.value };
    }
    case 'cve':
      return null;
  }
}

/** A STIX pattern matching the observable, e.g. [ipv4-addr:value = '203.0.113.7']. */
export function patternFor(o: { type: ObservableType; form: string; value: string }): string | null {
  const sco = scoFor(o);
  return sco ? `[${sco.type}:${sco.path} = ${quote(sco.value)}]` : null;
}

export type StixCase = {
  stixId: string;
  code: string;
  title: string;
  description: string;
  kind: string;
  severity: string;
  serious: boolean;
  tlp: Tlp;
  detectedAt: string;
  reportedAt: string;
  updatedAt: string;
  agencyName: string | null;
  closing: { rootCause: string | null; origin: string | null } | null;
  observables: { stixId: string; type: ObservableType; form: string; value: string; tlp: Tlp; description: string | null; createdAt: string }[];
};

export type StixObject = Record<string, unknown> & { type: string; id: string };
export type StixBundle = { type: 'bundle'; id: string; objects: StixObject[] };

const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);

/** When the producer's identity was first published: its `created`, the same in every export. */
export const IDENTITY_CREATED = '2025-03-01T00:00:00.000Z';

/** The organization in whose name Khiên publishes (the provincial response team). */
export function producerIdentity(producer: { name: string }): StixObject {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: `identity--${stableUuid(`identity:${producer.name}`)}`,
    created: IDENTITY_CREATED,
    modified: IDENTITY_CREATED,
    name: producer.name,
    identity_class: 'organization',
    sectors: ['government-local'],
  };
}

const commonProps = (identityId: string, created: string, modified: string, tlp: Tlp) => ({
  spec_version: '2.1',
  created,
  modified,
  created_by_ref: identityId,
  object_marking_refs: [TLP_MARKINGS[tlp]],
});

type IndicatorSource = { stixId: string; type: ObservableType; form: string; value: string; description: string | null; createdAt: string };

/** The indicator of an observable (none for a CVE), with its STIX pattern: the same id in the file and on TAXII. */
export function indicatorOf(o: IndicatorSource, identityId: string, tlp: Tlp): StixObject | null {
  const sco = scoFor(o);
  if (!sco) return null;
  return {
    type: 'indicator',
    id: `indicator--${o.stixId}`,
    ...commonProps(identityId, o.createdAt, o.createdAt, tlp),
    name: `${sco.type}: ${o.value}`,
    ...(o.description ? { description: o.description } : {}),
    indicator_types: ['malicious-activity'],
    pattern: patternFor(o),
    pattern_type: 'stix',
    pattern_version: '2.1',
    valid_from: o.createdAt,
  };
}

export function buildStixBundle(c: StixCase, producer: { name: string }): StixBundle {
  const identity = producerIdentity(producer);
  const identityId = identity.id;
  const incidentId = `incident--${c.stixId}`;
  const tlps = new Set<Tlp>([c.tlp]);
  const objects: StixObject[] = [];
  const common = (created: string, modified: string, tlp: Tlp) => commonProps(identityId, created, modified, tlp);
  const relationship = (source: string, type: string, target: string, at: string, tlp: Tlp) => ({
    type: 'relationship',
    id: `relationship--${stableUuid(`${source}|${type}|${target}`)}`,
    ...common(at, at, tlp),
    relationship_type: type,
    source_ref: source,
    target_ref: target,
  });

  objects.push(identity);
  const description = [
    c.description,
    c.agencyName ? `Cơ quan bị ảnh hưởng: ${c.agencyName}` : null,
    c.closing?.rootCause ? `Nguyên nhân: ${c.closing.rootCause}` : null,
    c.closing?.origin ? `Nguồn gốc: ${c.closing.origin}` : null,
  ]
    .filter(Boolean)
    .join('\n\n');
  objects.push({
    type: 'incident',
    id: incidentId,
    ...common(c.reportedAt, later(c.updatedAt, c.reportedAt), c.tlp),
    name: `${c.code}: ${c.title}`,
    description,
    labels: [c.kind, `severity:${c.severity}`, ...(c.serious ? ['serious'] : [])],
    external_references: [{ source_name: 'khien', external_id: c.code }],
  });

  for (const o of c.observables) {
    tlps.add(o.tlp);
    const at = o.createdAt;
    const sco = scoFor(o);
    if (!sco) {
      const vulnerabilityId = `vulnerability--${o.stixId}`;
      objects.push({
        type: 'vulnerability',
        id: vulnerabilityId,
        ...common(at, at, o.tlp),
        name: o.value,
        ...(o.description ? { description: o.description } : {}),
        external_references: [{ source_name: 'cve', external_id: o.value }],
      });
      objects.push(relationship(incidentId, 'related-to', vulnerabilityId, at, o.tlp));
      continue;
    }
    const scoId = `${sco.type}--${uuidv5(SCO_NAMESPACE, canonical(sco.props))}`;
    objects.push({ type: sco.type, spec_version: '2.1', id: scoId, ...sco.props, object_marking_refs: [TLP_MARKINGS[o.tlp]] });
    const observedId = `observed-data--${stableUuid(`observed:${c.stixId}:${o.stixId}`)}`;
    objects.push({
      type: 'observed-data',
      id: observedId,
      ...common(at, at, o.tlp),
      first_observed: c.detectedAt,
      last_observed: later(at, c.detectedAt),
      number_observed: 1,
      object_refs: [scoId],
    });
    const indicator = indicatorOf(o, identityId, o.tlp)!;
    const indicatorId = indicator.id;
    objects.push(indicator);
    objects.push(relationship(indicatorId, 'based-on', observedId, at, o.tlp));
    objects.push(relationship(indicatorId, 'related-to', incidentId, at, o.tlp));
    objects.push(relationship(observedId, 'related-to', incidentId, at, o.tlp));
  }
  const markings: StixObject[] = [...tlps].sort().map(markingDefinition);
  return { type: 'bundle', id: `bundle--${randomUUID()}`, objects: [...markings, ...objects] };
}
