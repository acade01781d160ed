/**
 * Checks a STIX 2.1 bundle against the shape the specification requires (OASIS STIX 2.1, sections 2–7):
 * identifiers, spec_version, timestamps, required properties per object type, patterns, references and markings.
 * Returns the problems found; an empty list means the bundle is well-formed.
 */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const SDO = new Set([
  'attack-pattern',
  'campaign',
  'course-of-action',
  'grouping',
  'identity',
  'incident',
  'indicator',
  'infrastructure',
  'intrusion-set',
  'location',
  'malware',
  'malware-analysis',
  'note',
  'observed-data',
  'opinion',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
]);
const SRO = new Set(['relationship', 'sighting']);
const SCO = new Set([
  'artifact',
  'autonomous-system',
  'directory',
  'domain-name',
  'email-addr',
  'email-message',
  'file',
  'ipv4-addr',
  'ipv6-addr',
  'mac-addr',
  'mutex',
  'network-traffic',
  'process',
  'software',
  'url',
  'user-account',
  'windows-registry-key',
  'x509-certificate',
]);
/** Comparison expressions with a string literal: [type:path = 'value'] joined by AND/OR. */
const PATTERN =
  /^\[[a-z0-9-]+:[A-Za-z0-9_]+(?:\.(?:'[^']+'|[A-Za-z0-9_]+))* = '(?:[^'\\]|\\.)*'(?: (?:AND|OR) [a-z0-9-]+:[A-Za-z0-9_.']+ = '(?:[^'\\]|\\.)*')*\]$/;

type Obj = Record<string, unknown> & { type: string; id: string };

export function stixBundleProblems(bundle: unknown): string[] {
  const problems: string[] = [];
  const b = bundle as { type?: unknown; id?: unknown; objects?: unknown };
  if (b?.type !== 'bundle') problems.push('bundle: type must be "bundle"');
  if (typeof b?.id !== 'string' || !new RegExp(`^bundle--${UUID}$`).test(b.id)) problems.push(`bundle: bad id ${String(b?.id)}`);
  if (!Array.isArray(b?.objects) || b.objects.length === 0) return [...problems, 'bundle: objects must be a non-empty list'];
  const objects = b.objects as Obj[];
  const byId = new Map(objects.map((o) => [o.id, o]));
  if (byId.size !== objects.length) problems.push('bundle: duplicate ids');

  const ref = (o: Obj, prop: string, value: unknown, types?: string[]) => {
    if (typeof value !== 'string' || !byId.has(value)) problems.push(`${o.id}: ${prop} ${String(value)} is not in the bundle`);
    else if (types && !types.includes(byId.get(value)!.type)) problems.push(`${o.id}: ${prop} must point to ${types.join('/')}`);
  };
  const need = (o: Obj, ...props: string[]) => {
    for (const p of props) if (o[p] === undefined || o[p] === null || o[p] === '') problems.push(`${o.id}: missing ${p}`);
  };

  for (const o of objects) {
    if (typeof o.type !== 'string' || !/^[a-z0-9-]{3,250}$/.test(o.type)) {
      problems.push(`object with bad type ${String(o.type)}`);
      continue;
    }
    const version = SCO.has(o.type) ? '5' : '4';
    if (!new RegExp(`^${o.type}--${UUID}$`).test(o.id)) problems.push(`${o.id}: id must be ${o.type}--<uuid>`);
    else if (o.type !== 'marking-definition' && o.id.split('--')[1]![14] !== version) problems.push(`${o.id}: expected a UUIDv${version}`);
    if (o.spec_version !== '2.1') problems.push(`${o.id}: spec_version must be "2.1"`);
    for (const m of (o.object_marking_refs as unknown[] | undefined) ?? []) ref(o, 'object_marking_refs', m, ['marking-definition']);

    if (SDO.has(o.type) || SRO.has(o.type)) {
      need(o, 'created', 'modified');
      for (const t of ['created', 'modified'] as const)
        if (typeof o[t] === 'string' && !TIMESTAMP.test(o[t] as string)) problems.push(`${o.id}: ${t} is not an RFC 3339 UTC timestamp`);
      if (typeof o.created === 'string' && typeof o.modified === 'string' && Date.parse(o.modified) < Date.parse(o.created))
        problems.push(`${o.id}: modified before created`);
      if (o.created_by_ref !== undefined) ref(o, 'created_by_ref', o.created_by_ref, ['identity']);
    }
    switch (o.type) {
      case 'marking-definition':
        need(o, 'created');
        if (!o.definition_type && !o.extensions) problems.push(`${o.id}: a marking needs definition_type/definition or an extension`);
        break;
      case 'identity':
      case 'incident':
      case 'vulnerability':
        need(o, 'name');
        break;
      case 'indicator':
        need(o, 'pattern', 'pattern_type', 'valid_from');
        if (o.pattern_type === 'stix' && !PATTERN.test(String(o.pattern))) problems.push(`${o.id}: pattern ${String(o.pattern)} is not a valid STIX pattern`);
        if (typeof o.valid_from === 'string' && !TIMESTAMP.test(o.valid_from)) problems.push(`${o.id}: bad valid_from`);
        break;
      case 'observed-data': {
        need(o, 'first_observed', 'last_observed', 'number_observed');
        if (Date.parse(String(o.last_observed)) < Date.parse(String(o.first_observed))) problems.push(`${o.id}: last_observed before first_observed`);
        if (!(Number.isInteger(o.number_observed) && (o.number_observed as number) >= 1)) problems.push(`${o.id}: number_observed must be ≥ 1`);
        const refs = o.object_refs as unknown[] | undefined;
        if (!Array.isArray(refs) || !refs.length) problems.push(`${o.id}: object_refs must list the observed objects`);
        for (const r of refs ?? []) ref(o, 'object_refs', r, [...SCO]);
        break;
      }
      case 'relationship':
        need(o, 'relationship_type');
        ref(o, 'source_ref', o.source_ref);
        ref(o, 'target_ref', o.target_ref);
        break;
      default:
        if (SCO.has(o.type)) {
          if (['ipv4-addr', 'ipv6-addr', 'domain-name', 'url', 'email-addr'].includes(o.type)) need(o, 'value');
          if (o.type === 'file' && !o.hashes && !o.name) problems.push(`${o.id}: a file needs hashes or a name`);
          if ('created' in o) problems.push(`${o.id}: cyber-observables have no created`);
        }
    }
  }
  return problems;
}
