import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

export type Cell = string | number | boolean | null | undefined | Date | string[] | number[];

/** PostgreSQL COPY text format: tab-separated, \N for NULL, backslash escapes, {a,b} arrays. */
function encode(v: Cell): string {
  if (v === null || v === undefined) return '\\N';
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v))
    return `{${v.map((x) => (typeof x === 'number' ? String(x) : `"${String(x).replace(/(["\\])/g, '\\$1')}"`)).join(',')}}`.replace(/\\/g, '\\\\');
  return String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** Streams rows into a table with COPY … FROM STDIN, in chunks so memory stays flat. */
export async function copyRows(client: PoolClient, table: string, columns: string[], rows: Iterable<Cell[]>): Promise<number> {
  let n = 0;
  const lines = (function* () {
    let chunk: string[] = [];
    for (const row of rows) {
      chunk.push(row.map(encode).join('\t'));
      n++;
      if (chunk.length === 5000) {
        yield `${chunk.join('\n')}\n`;
        chunk = [];
      }
    }
    if (chunk.length) yield `${chunk.join('\n')}\n`;
  })();
  const sink = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(lines), sink);
  return n;
}
