/**
 * The MISP core format's vocabulary as Khiên maps it (https://www.misp-project.org/datamodels/, "MISP core format"):
 * an incident's observables as MISP attributes, a TLP as a `tlp:` tag and a distribution level, and back.
 */
import { TLP_LEVELS, type ObservableType, type Tlp } from '../incidents/vocabulary.ts';

/** The MISP attribute type and category an observable is exported as. */
export function mispAttributeOf(type: ObservableType, form: string): { type: string; category: string } {
  switch (type) {
    case 'ip':
      return { type: 'ip-dst', category: 'Network activity' };
    case 'domain':
      return { type: 'domain', category: 'Network activity' };
    case 'url':
      return { type: 'url', category: 'Network activity' };
    case 'email':
      return { type: 'email-src', category: 'Payload delivery' };
    case 'file_hash':
      return { type: form, category: 'Payload delivery' };
    case 'cve':
      return { type: 'vulnerability', category: 'External analysis' };
  }
}

/**
 * The observable type a MISP attribute type is read as, and which part of a composite value (`filename|md5`,
 * `ip-dst|port`) holds it; null for the types Khiên does not keep (filenames, registry keys, yara rules…).
 */
export function observableOfMisp(type: string): { type: ObservableType; part: 0 | 1 } | null {
  switch (type) {
    case 'ip-dst':
    case 'ip-src':
    case 'ip-dst|port':
    case 'ip-src|port':
      return { type: 'ip', part: 0 };
    case 'domain':
    case 'hostname':
    case 'domain|ip':
      return { type: 'domain', part: 0 };
    case 'url':
      return { type: 'url', part: 0 };
    case 'md5':
    case 'sha1':
    case 'sha256':
      return { type: 'file_hash', part: 0 };
    case 'filename|md5':
    case 'filename|sha1':
    case 'filename|sha256':
      return { type: 'file_hash', part: 1 };
    case 'email':
    case 'email-src':
    case 'email-dst':
      return { type: 'email', part: 0 };
    case 'vulnerability':
      return { type: 'cve', part: 0 };
    default:
      return null;
  }
}

/** MISP distribution levels: 0 your organisation only, 1 this community only, 2 connected communities, 3 all communities. */
export const MISP_DISTRIBUTION: Record<Tlp, '0' | '1' | '2' | '3'> = {
  clear: '3',
  green: '2',
  amber: '1',
  'amber+strict': '0',
  red: '0',
};

/** The TLP of a `tlp:` tag (TLP 1.0's `white` is 2.0's `clear`), or null for another tag. */
function tlpOfTag(name: string): Tlp | null {
  const m = /^tlp:\s*([a-z+-]+)$/i.exec(name.trim());
  if (!m) return null;
  const level = m[1]!.toLowerCase().replace('-', '+');
  if (level === 'white') return 'clear';
  return (TLP_LEVELS as readonly string[]).includes(level) ? (level as Tlp) : null;
}

/** The strictest of the given levels (clear < green < amber < amber+strict < red). */
const strictestTlp = (levels: Tlp[], fallback: Tlp): Tlp =>
  levels.reduce((a, b) => (TLP_LEVELS.indexOf(b) > TLP_LEVELS.indexOf(a) ? b : a), levels[0] ?? fallback);

/** MISP threat levels: 1 high, 2 medium, 3 low, 4 undefined. */
export const MISP_THREAT_LEVEL: Record<string, '1' | '2' | '3' | '4'> = { critical: '1', high: '1', medium: '2', low: '3' };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const objs = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const tagsOf = (v: Obj) => objs(v.Tag).map((t) => (typeof t.name === 'string' ? t.name : ''));

/** The events of a MISP file: one event ({ Event }), a list of them, or a search answer ({ response: [...] }). */
export function mispEvents(doc: unknown): Obj[] {
  const list = Array.isArray(doc) ? doc : isObj(doc) && Array.isArray(doc.response) ? doc.response : [doc];
  return list
    .filter(isObj)
    .map((e) => (isObj(e.Event) ? e.Event : e))
    .filter((e) => Array.isArray(e.Attribute) || Array.isArray(e.Object));
}

/** The strictest TLP of an event's or attribute's `tlp:` tags; null without one. */
export function tlpOf(v: Obj): Tlp | null {
  const levels = tagsOf(v)
    .map(tlpOfTag)
    .filter((t): t is Tlp => t !== null);
  return levels.length ? strictestTlp(levels, 'amber') : null;
}

/** Every attribute of an event, its objects' too, with the TLP it carries (its own tag, else the event's). */
export function mispAttributes(event: Obj): { type: string; value: string; comment: string; tlp: Tlp | null; uuid: string }[] {
  const eventTlp = tlpOf(event);
  const attributes = [...objs(event.Attribute), ...objs(event.Object).flatMap((o) => objs(o.Attribute))];
  return attributes.map((a) => ({
    type: typeof a.type === 'string' ? a.type : '',
    value: typeof a.value === 'string' ? a.value : '',
    comment: typeof a.comment === 'string' ? a.comment : '',
    tlp: tlpOf(a) ?? eventTlp,
    uuid: typeof a.uuid === 'string' ? a.uuid : '',
  }));
}

/**
 * A MISP feed's manifest.json: event uuid → the event's summary (info, date, timestamp…), as `publish_feed` writes
 * it; each event is then `<uuid>.json` beside it.
 */
export const isMispManifest = (doc: unknown): doc is Record<string, Obj> =>
  isObj(doc) &&
  Object.keys(doc).length > 0 &&
  Object.entries(doc).every(([k, v]) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(k) && isObj(v) && 'info' in v);
