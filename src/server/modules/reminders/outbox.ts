/** Reading back the .eml files the outbox mailer wrote, for the admin page. */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=); adjacent words join before UTF-8 decoding. */
function decodeHeader(value: string): string {
  const words = /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g;
  let out = '';
  let bytes: number[] = [];
  let last = 0;
  const flush = () => {
    out += Buffer.from(bytes).toString('utf8');
    bytes = [];
  };
  for (let m = words.exec(value); m; m = words.exec(value)) {
    const between = value.slice(last, m.index);
    if (!(bytes.length && /^\s*$/.test(between))) {
      flush();
      out += between;
    }
    const text = m[3]!;
    if (m[2]!.toUpperCase() === 'B') bytes.push(...Buffer.from(text, 'base64'));
    else {
      const q = text.replace(/_/g, ' ');
      for (let i = 0; i < q.length; i++) {
        if (q[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(q.slice(i + 1, i + 3))) {
          bytes.push(parseInt(q.slice(i + 1, i + 3), 16));
          i += 2;
        } else bytes.push(q.charCodeAt(i));
      }
    }
    last = m.index + m[0].length;
  }
  flush();
  return out + value.slice(last);
}

function decodeQuotedPrintable(body: string): string {
  const soft = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Headers and text of a single-part message, as nodemailer writes plain-text mail. */
function parseEml(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = decodeHeader(line.slice(colon + 1).trim());
  }
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : body;
  return { headers, text };
}

/** The newest messages in the outbox folder, newest first. */
export async function listOutbox(dir: string, limit = 200) {
  const names = (await readdir(dir).catch(() => [] as string[]))
    .filter((n) => n.endsWith('.eml'))
    .sort()
    .reverse()
    .slice(0, limit);
  const out = [];
  for (const name of names) {
    const full = path.join(dir, name);
    const [info, raw] = [await stat(full), await readFile(full, 'utf8')];
    const { headers, text } = parseEml(raw);
    out.push({ name, size: info.size, at: info.mtime.toISOString(), to: headers.to ?? '', subject: headers.subject ?? '', text: text.slice(0, 4000) });
  }
  return out;
}
