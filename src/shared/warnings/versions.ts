/**
 * Version comparison and version ranges, for matching authority warnings against software inventories.
 *
 * Inventories hold what people type: "2.4.57", "1.0.0-rc.1", "7.0.3", "2012 R2", "19c", "4.30.085", "v1.2", "1.1.1k".
 * A version is read as a sequence of tokens:
 * - numbers, compared numerically (2.4.57 > 2.4.6; 4.30.085 = 4.30.85);
 * - pre-release labels (alpha, beta, rc, pre, preview, dev, snapshot, milestone "M1", and anything after a "-" that
 *   starts with a letter), which sort BEFORE the release they lead to (1.0.0-rc.1 < 1.0.0);
 * - other letters (service packs and patch letters: "2012 R2", "19c", "1.1.1k", "9.3p1", "7.0 U3"), which sort AFTER
 *   the version they extend (2012 < 2012 R2 < 2012 R3; 1.1.1 < 1.1.1k).
 * Missing numeric parts count as 0 (1.0 = 1.0.0); semver build metadata ("+build.5") is ignored.
 */

type Token = { kind: 'num'; n: number } | { kind: 'pre'; rank: number; label: string } | { kind: 'post'; label: string };

const PRE_RANK: Record<string, number> = { dev: 0, snapshot: 0, alpha: 1, a: 1, beta: 2, b: 2, m: 3, milestone: 3, pre: 4, preview: 4, ea: 4, rc: 5, cr: 5 };
const PRE_WORDS = new Set(['dev', 'snapshot', 'alpha', 'beta', 'milestone', 'pre', 'preview', 'ea', 'rc', 'cr']);

/** The tokens of a version, or null when it has no digit at all (e.g. "latest", "—"). */
function parseVersion(raw: string | null | undefined): Token[] | null {
  if (!raw) return null;
  let v = raw
    .trim()
    .toLowerCase()
    .replace(/^v(?=\d)/, '');
  v = v.split('+')[0]!;
  if (!/\d/.test(v)) return null;
  const tokens: Token[] = [];
  // Split into runs of digits or letters, remembering what separated them.
  const re = /(\d+|[a-z]+)/g;
  let last = 0;
  let afterHyphen = false;
  for (const m of v.matchAll(re)) {
    const sep = v.slice(last, m.index);
    if (sep.includes('-')) afterHyphen = true;
    last = m.index + m[0].length;
    const run = m[1]!;
    if (/^\d/.test(run)) {
      tokens.push({ kind: 'num', n: Number(run) });
      continue;
    }
    // "1.0.0-rc.1", "1.0.0rc1", "9.0.0.M1", "2.0-beta": pre-release. "2012 r2", "19c", "1.1.1k": a later revision.
    const pre = PRE_WORDS.has(run) || (afterHyphen && run !== 'u' && run !== 'r' && run !== 'p' && run !== 'sp') || (run === 'm' && /^\d/.test(v.slice(last)));
    tokens.push(pre ? { kind: 'pre', rank: PRE_RANK[run] ?? 4, label: run } : { kind: 'post', label: run });
  }
  return tokens;
}

const ORDER = { pre: 0, end: 1, num: 2, post: 3 } as const;

/** Negative when a < b, 0 when equal, positive when a > b. Versions without digits compare as text. */
export function compareVersions(a: string, b: string): number {
  const ta = parseVersion(a);
  const tb = parseVersion(b);
  if (!ta || !tb) return a.trim().toLowerCase().localeCompare(b.trim().toLowerCase());
  return compareTokens(ta, tb);
}

function compareTokens(ta: Token[], tb: Token[]): number {
  const n = Math.max(ta.length, tb.length);
  for (let i = 0; i < n; i++) {
    let x = ta[i];
    let y = tb[i];
    // A missing number is a zero: 1.0 = 1.0.0, and 1.0 < 1.0.1.
    if (!x && y?.kind === 'num') x = { kind: 'num', n: 0 };
    if (!y && x?.kind === 'num') y = { kind: 'num', n: 0 };
    const kx = x ? x.kind : 'end';
    const ky = y ? y.kind : 'end';
    if (kx !== ky) return ORDER[kx] - ORDER[ky];
    if (!x || !y) continue;
    if (x.kind === 'num' && y.kind === 'num') {
      if (x.n !== y.n) return x.n - y.n;
    } else if (x.kind === 'pre' && y.kind === 'pre') {
      if (x.rank !== y.rank) return x.rank - y.rank;
    } else if (x.kind === 'post' && y.kind === 'post') {
      const c = x.label.localeCompare(y.label);
      if (c) return c;
    }
  }
  return 0;
}

type Comparator = { op: '<' | '<=' | '>' | '>=' | '='; version: string };
/** Alternatives (OR) of comparator sets (AND). An empty list of alternatives means every version. */
export type VersionRange = { any: true } | { any: false; alternatives: Comparator[][] };

class VersionRangeError extends Error {}

/** "2.4.x" / "2.4.*" → [>=2.4, <2.5]. */
function wildcard(v: string): Comparator[] | null {
  const m = /^(\d+(?:\.\d+)*)\.[x*]$/i.exec(v);
  if (!m) return null;
  const parts = m[1]!.split('.').map(Number);
  const upper = [...parts];
  upper[upper.length - 1]!++;
  return [
    { op: '>=', version: parts.join('.') },
    { op: '<', version: upper.join('.') },
  ];
}

/**
 * Reads a range as written in warnings: comparators joined by spaces (AND), alternatives by "||"
 * (">=2.4.0 <2.4.58 || 2.2.x"), inclusive hyphen ranges ("7.2.0 - 7.2.6"), wildcards ("2.4.x"),
 * exact versions ("2012 R2", "=9.0.0"), and "*" or blank for every version.
 * Throws on a range it cannot read, so a bad feed row is refused rather than matching nothing.
 */
export function parseRange(text: string | null | undefined): VersionRange {
  const t = (text ?? '').trim();
  if (!t || t === '*' || /^(all|tất cả|mọi phiên bản)$/i.test(t)) return { any: true };
  const alternatives = t
    .split('||')
    .map((alt) => alt.trim())
    .map((alt) => {
      if (!alt) throw new VersionRangeError(`empty alternative in "${t}"`);
      const hyphen = /^(.+?)\s+-\s+(.+)$/.exec(alt);
      if (hyphen)
        return [
          { op: '>=', version: hyphen[1]!.trim() },
          { op: '<=', version: hyphen[2]!.trim() },
        ] as Comparator[];
      if (!/^[<>=]/.test(alt)) {
        // A bare version: exact, possibly with spaces inside ("2012 R2") or a wildcard.
        const w = wildcard(alt);
        if (w) return w;
        if (!parseVersion(alt)) throw new VersionRangeError(`"${alt}" is not a version`);
        return [{ op: '=', version: alt }] as Comparator[];
      }
      const comps: Comparator[] = [];
      const re = /(<=|>=|<|>|==?)\s*([^<>=]+)/g;
      let consumed = '';
      for (const m of alt.matchAll(re)) {
        const version = m[2]!.trim();
        consumed += m[0];
        const op = (m[1] === '==' ? '=' : m[1]) as Comparator['op'];
        const w = op === '=' ? wildcard(version) : null;
        if (w) comps.push(...w);
        else {
          if (!parseVersion(version)) throw new VersionRangeError(`"${version}" is not a version`);
          comps.push({ op, version });
        }
      }
      if (!comps.length || consumed.replace(/\s/g, '') !== alt.replace(/\s/g, '')) throw new VersionRangeError(`cannot read "${alt}"`);
      return comps;
    });
  return { any: false, alternatives };
}

/** Is the range readable? For form and feed validation. */
export function isValidRange(text: string | null | undefined): boolean {
  try {
    parseRange(text);
    return true;
  } catch {
    return false;
  }
}

function satisfies(version: string, c: Comparator): boolean {
  const d = compareVersions(version, c.version);
  switch (c.op) {
    case '<':
      return d < 0;
    case '<=':
      return d <= 0;
    case '>':
      return d > 0;
    case '>=':
      return d >= 0;
    case '=':
      return d === 0;
  }
}

/**
 * Does the version fall in the range? "unknown" when the inventory gives no usable version and the range
 * is not "every version": the system cannot be ruled out, so its owner is asked.
 */
export function versionInRange(version: string | null | undefined, range: VersionRange): boolean | 'unknown' {
  if (range.any) return true;
  if (!version || !parseVersion(version)) return 'unknown';
  return range.alternatives.some((all) => all.every((c) => satisfies(version, c)));
}

/**
 * A version as an inventory or a vendor prints it, read as the version proper and its update: the cumulative
 * update, service pack, release, hotfix or build that NVD keeps in the CPE `update` field.
 */
export type VendorVersion = { version: string | null; update: string | null };

/** A first word that is an update, not a version: "SP1" alone is Windows 7 SP1's update, where "R2" is a version. */
const UPDATE_WORD = /^(sp|cu|ru|u|h|hf|update|build|rollup|hotfix|service|cumulative)\d*(\.\d+)*[a-z]?$/;

/**
 * An update as NVD (`cumulative_update_21`, `update3j`, `sp3_rollup_30`, `r11.4`, `h1`) and people ("CU21", "U3j",
 * "SP3 RU30", "R11.4", "-h1") write it, in one form: words shortened (cu, u, sp, ru, h), separators as dots.
 */
export function canonicalUpdate(raw: string | null | undefined): string | null {
  const t = (raw ?? '')
    .trim()
    .toLowerCase()
    .replace(/cumulative[\s_-]*update/g, 'cu')
    .replace(/update[\s_-]*rollup|rollup/g, 'ru')
    .replace(/service[\s_-]*pack/g, 'sp')
    .replace(/hot[\s_-]*fix/g, 'h')
    .replace(/\bbuild\b/g, ' ')
    .replace(/update/g, 'u')
    .replace(/[\s_,;()-]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
  return t && t !== '*' && t !== '-' ? t : null;
}

/** Distribution package revisions: Debian/Ubuntu, RPM, Alpine (the part after the last hyphen). */
const DISTRO_REVISION = /^\d+$|ubuntu|deb\d|debian|\bel\d|\.el\d|fc\d|amzn|alpine|mga\d|suse|sles|bpo|module|rhel|centos|nodesource|[~+]/i;

/**
 * Reads a version as vendors and packagers print it:
 * "13.1 Build 48.47", "NS13.1: Build 48.47.nc", "13.1-48.47" (NetScaler) → 13.1 / 48.47; "2016 CU21" → 2016 / cu21;
 * "22.6R2", "9.1R11.4" (Ivanti) → 22.6 / r2, 9.1 / r11.4; "2010 SP3 RU30" → 2010 / sp3.ru30; "7.0 Update 3", "7.0U3c"
 * (VMware) → 7.0 / u3, 7.0 / u3c; "10.2.12-h1" (PAN-OS) → 10.2.12 / h1; "9.8(4)15" (Cisco ASA) → 9.8.4.15; letters
 * that belong to the version stay in it ("1.1.1k", "16.12.10a", "19c"). Distribution revisions are dropped, so a
 * package is compared on its upstream version ("2.4.49-1ubuntu3", "1:2.4.49-1", "1.1.1k-7.el8_6" → 2.4.49, 1.1.1k).
 * A version that starts with a word ("R2 SP1", left once "Windows Server 2008" is the product) keeps that word as the
 * version. Null when there is no digit at all ("latest").
 */
export function readVendorVersion(raw: string | null | undefined): VendorVersion | null {
  let t = (raw ?? '').trim();
  if (!/\d/.test(t)) return null;
  t = t
    .replace(/^(v|ns)(?=\d)/i, '')
    .replace(/^\d+:(?=\d)/, '')
    .replace(/\.nc$/i, '');
  t = t.replace(/(\d)\((\d+)\)(\d+)/g, '$1.$2.$3').replace(/(\d)\((\d+)\)/g, '$1.$2');
  const hyphen = /^(.*\d[a-z]*)-([^-\s]+)$/i.exec(t);
  if (hyphen && DISTRO_REVISION.test(hyphen[2]!)) t = hyphen[1]!;
  t = t
    .replace(/\+[^\s]*$/, '')
    .replace(/:/g, ' ')
    .trim();
  const lead = /^\d+(?:\.\d+)*(?:[a-z]+(?![a-z\d]))?/i.exec(t);
  if (lead) return { version: lead[0].toLowerCase(), update: canonicalUpdate(t.slice(lead[0].length)) };
  const [first, ...rest] = t.split(/\s+/);
  if (UPDATE_WORD.test(first!.toLowerCase())) return { version: null, update: canonicalUpdate(t) };
  return { version: first!.toLowerCase(), update: canonicalUpdate(rest.join(' ')) };
}

/** The version and update as one comparable string ("2016 cu21", "13.1 48.47"): what ranges are compared against. */
export const joinedVersion = (v: VendorVersion) => [v.version, v.update].filter(Boolean).join(' ');
