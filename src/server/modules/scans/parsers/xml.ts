/**
 * XML reports, parsed without ever processing a DTD: entity declarations (XXE, "billion laughs") are refused wherever
 * they stand; a DOCTYPE that only names the root, points at an external DTD or declares elements (Nmap, Qualys and
 * Burp write one) is dropped before parsing, and nothing it names is ever fetched.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { badFile } from './text.ts';

export type XmlNode = Record<string, unknown>;

export const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
export const list = (v: unknown): unknown[] => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]);
export const nodes = (v: unknown): XmlNode[] => list(v).filter((x): x is XmlNode => typeof x === 'object' && x !== null);
/** The text of an element that may carry attributes or children ({ '#text': … }). */
export function text(v: unknown): string {
  const x = first(v);
  if (x === undefined || x === null) return '';
  if (typeof x === 'object') return text((x as XmlNode)['#text']);
  return String(x).trim();
}
export const attr = (n: unknown, name: string) => text((first(n) as XmlNode | undefined)?.[`@_${name}`]);

/** The text with CDATA sections and comments blanked out, same length: what is markup and where. */
const markupOnly = (xml: string) => xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g, (m) => ' '.repeat(m.length));

/** The document's root element name and the parsed tree. */
export function parseXml(xml: string): { root: string; doc: XmlNode } {
  // Only real markup counts: an HTML page quoted in a CDATA section ("<!DOCTYPE html>") is text, not a DTD.
  const markup = markupOnly(xml);
  if (/<!ENTITY/i.test(markup)) {
    throw badFile('XML with a DTD declaring entities is not accepted', 'Không chấp nhận tệp XML có DTD khai báo thực thể (ENTITY)');
  }
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(xml)?.[1];
  if (declared && !/^(utf-?8|utf-?16|us-ascii|iso-8859-1)$/i.test(declared)) {
    throw badFile(
      `The XML declares the encoding ${declared}; export the report as UTF-8`,
      `Tệp XML khai báo bảng mã ${declared}; hãy xuất báo cáo ở dạng UTF-8`,
    );
  }
  // What is left of a DOCTYPE names the root, points at an external DTD (never fetched) or declares elements: dropped.
  const doctype = /<!DOCTYPE[^>[]*(\[[^\]]*\])?\s*>/i.exec(markup);
  const body = doctype ? xml.slice(0, doctype.index) + xml.slice(doctype.index + doctype[0].length) : xml;
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw badFile(`Malformed XML at line ${line}, column ${col}: ${msg}`, `Tệp XML sai cú pháp tại dòng ${line}, cột ${col}`);
  }
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
  }).parse(body) as XmlNode;
  const root = Object.keys(doc).find((k) => !k.startsWith('?') && !k.startsWith('#')) ?? '';
  return { root, doc };
}
