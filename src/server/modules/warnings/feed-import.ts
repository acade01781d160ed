/**
 * Importing warnings from a feed file (CISA KEV, NVD CVE API 2.0, CSAF 2.0, OSV, or the province's own list; the
 * format is read from the content). Every entry is checked first; with any bad entry nothing is written and every
 * bad entry is reported (422). Warnings already recorded (same source and number) are skipped, so a feed can be
 * imported again; each new warning keeps where it came from. A KEV catalog also records its CVEs as exploited.
 */
import { and, eq, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert } from '../../auth/scope.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { warnings } from './schema.ts';
import { insertWarning } from './service.ts';
import { mayRecordWarnings } from './access.ts';
import { inventoryNames } from './matching.ts';
import { recordExploited } from './known-exploited.ts';
import { readFeed } from './feeds/index.ts';
import { badFile } from '../scans/index.ts';
import { KnownExploitedInput, WarningInput } from '../../../shared/warnings/schemas.ts';

type RowError = { row: number; id: string; field: string; message: string; messageVi: string };

/** Feeds are imported by the specialized security unit (and platform admins); checked before the file is read. */
export function assertMayImportFeed(actor: Actor) {
  assert(mayRecordWarnings(actor));
}

const issueOf = (id: string, row: number, error: { issues: { path: PropertyKey[]; message: string }[] }): RowError => {
  const issue = error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'row';
  return { row, id, field, message: `${id}: ${field}: ${issue.message}`, messageVi: `${id}: ${field}: giá trị không hợp lệ` };
};

export async function importFeed(db: Db, actor: Actor, data: Buffer, name: string) {
  assertMayImportFeed(actor);
  const fetchedAt = new Date();
  const feed = readFeed(data);
  const errors: RowError[] = [];
  const good: { id: string; input: WarningInput }[] = [];
  const exploited: KnownExploitedInput[] = [];
  const seen = new Set<string>();
  for (const entry of feed.entries) {
    if (entry.problem) {
      errors.push({ row: entry.row, id: entry.id, ...entry.problem });
      continue;
    }
    const parsed = WarningInput.safeParse(entry.input);
    if (!parsed.success) {
      errors.push(issueOf(entry.id, entry.row, parsed.error));
      continue;
    }
    if (entry.exploited) {
      const known = KnownExploitedInput.safeParse(entry.exploited);
      if (!known.success) {
        errors.push(issueOf(entry.id, entry.row, known.error));
        continue;
      }
      exploited.push(known.data);
    }
    const key = `${parsed.data.source}\u0000${parsed.data.number}`;
    if (seen.has(key)) {
      errors.push({
        row: entry.row,
        id: entry.id,
        field: 'number',
        message: `${entry.id}: the same warning appears twice in the file`,
        messageVi: `${entry.id}: cảnh báo bị lặp trong tệp`,
      });
      continue;
    }
    seen.add(key);
    good.push({ id: entry.id, input: parsed.data });
  }
  if (errors.length) {
    throw new AppError(
      422,
      'import_rows',
      `${errors.length} entr${errors.length === 1 ? 'y is' : 'ies are'} invalid; nothing was imported`,
      `${errors.length} mục không hợp lệ; chưa nhập mục nào`,
      'file',
      errors,
    );
  }
  if (!good.length && !feed.ignored) throw badFile('The file has no warnings', 'Tệp không có cảnh báo nào');
  return db.transaction(async (tx) => {
    const recorded = new Set<string>();
    for (let i = 0; i < good.length; i += 500) {
      const batch = good.slice(i, i + 500).map(({ input }) => and(eq(warnings.source, input.source), eq(warnings.number, input.number)));
      for (const w of await tx
        .select({ source: warnings.source, number: warnings.number })
        .from(warnings)
        .where(or(...batch)))
        recorded.add(`${w.source}\u0000${w.number}`);
    }
    const names = await inventoryNames(tx);
    const created: { id: number; number: string; items: number }[] = [];
    const skipped: string[] = [];
    for (const { id, input } of good) {
      if (recorded.has(`${input.source}\u0000${input.number}`)) {
        skipped.push(input.number);
        continue;
      }
      const { warning, items } = await insertWarning(tx, actor.userId, input, { provenance: { feed: feed.format, feedId: id, fetchedAt }, names });
      created.push({ id: warning.id, number: warning.number, items: items.length });
    }
    await recordExploited(tx, exploited);
    await recordAudit(tx, actor, {
      action: 'import',
      entity: 'warning',
      after: {
        file: name,
        format: feed.format,
        created,
        skipped,
        ignored: feed.ignored,
        knownExploited: exploited.map((e) => e.cveId),
      },
    });
    return {
      format: feed.format,
      created: created.length,
      skipped: skipped.length,
      ignored: feed.ignored,
      items: created.reduce((n, c) => n + c.items, 0),
      knownExploited: exploited.length,
    };
  });
}
