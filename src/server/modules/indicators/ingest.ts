import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert } from '../../auth/scope.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findVisible } from '../agencies/index.ts';
import { agencyIndicators, apiTokens } from './schema.ts';
import { protectedCountSql } from './reports.ts';
import { mayManageTokens } from './access.ts';
import { EndpointRow, type CountsPush } from '../../../shared/indicators/schemas.ts';
import { periodOf } from '../../../shared/indicators/rules.ts';
import { todayVn } from '../../../shared/core/dates.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

// ---- tokens: agency admins issue them for their consoles; the token is shown once.

export async function listTokens(db: Queryable, actor: Actor, agencyId: number) {
  const agency = await findVisible(db, actor, agencyId);
  assert(mayManageTokens(actor, agency));
  const rows = await db
    .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.agencyId, agencyId))
    .orderBy(desc(apiTokens.id));
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  }));
}

export async function issueToken(db: Db, actor: Actor, agencyId: number, name: string) {
  const agency = await findVisible(db, actor, agencyId);
  assert(mayManageTokens(actor, agency) && !agency.external);
  const token = `khien_${randomBytes(32).toString('base64url')}`;
  const row = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ agencyId, name, tokenHash: sha256(token), createdBy: actor.userId })
      .returning();
    await recordAudit(tx, actor, { action: 'create', entity: 'api_token', entityId: row!.id, agencyId, after: { id: row!.id, name } });
    return row!;
  });
  return { id: row.id, name: row.name, token };
}

export async function revokeToken(db: Db, actor: Actor, id: number) {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
  if (!row) throw notFound('Token');
  const agency = await findVisible(db, actor, row.agencyId).catch(() => {
    throw notFound('Token');
  });
  assert(mayManageTokens(actor, agency));
  await db.transaction(async (tx) => {
    await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)));
    await recordAudit(tx, actor, { action: 'revoke', entity: 'api_token', entityId: id, agencyId: row.agencyId, after: { name: row.name } });
  });
}

const badToken = () => new AppError(401, 'bad_token', 'Missing, unknown or revoked API token', 'Mã truy cập API không có, không đúng hoặc đã bị thu hồi');

/** The agency behind a `Authorization: Bearer khien_…` header. */
export async function tokenAgency(db: Queryable, req: FastifyRequest) {
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  if (!token.startsWith('khien_')) throw badToken();
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)))
    .returning();
  if (!row) throw badToken();
  return { agencyId: row.agencyId, actor: { userId: row.createdBy!, fullName: `API: ${row.name}`, ip: req.ip } };
}

// ---- pushes

export type EndpointInput = z.infer<typeof EndpointRow>;
export const MAX_BATCH = 20_000;

/** Rows from a CSV with a header line: hostname, os, agent_version, last_seen (any order; extra columns ignored). */
export function parseEndpointCsv(text: string): { rows: unknown[]; errors: { row: number; field: string; message: string; messageVi: string }[] } {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  if (!lines.length) return { rows: [], errors: [{ row: 1, field: 'file', message: 'Empty file', messageVi: 'Tệp rỗng' }] };
  const header = lines[0]!.split(',').map((h) => h.trim().toLowerCase());
  const col = (names: string[]) => header.findIndex((h) => names.includes(h));
  const at = {
    hostname: col(['hostname', 'host']),
    os: col(['os']),
    agentVersion: col(['agent_version', 'agentversion', 'agent']),
    lastSeen: col(['last_seen', 'lastseen']),
  };
  if (at.hostname < 0)
    return { rows: [], errors: [{ row: 1, field: 'hostname', message: 'The header needs a hostname column', messageVi: 'Dòng tiêu đề phải có cột hostname' }] };
  const rows = lines.slice(1).map((line) => {
    const cells = line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    const v = (i: number) => (i >= 0 && cells[i] ? cells[i] : undefined);
    return { hostname: v(at.hostname) ?? '', os: v(at.os), agentVersion: v(at.agentVersion), lastSeen: v(at.lastSeen) };
  });
  return { rows, errors: [] };
}

/** Validates every row first: one bad row rejects the batch, reported by row number (1 = first data row). */
export function validateEndpoints(rows: unknown[]) {
  const errors: { row: number; field: string; message: string; messageVi: string }[] = [];
  const valid: EndpointInput[] = [];
  rows.forEach((raw, i) => {
    const r = EndpointRow.safeParse(raw);
    if (r.success) valid.push(r.data);
    else {
      const issue = r.error.issues[0]!;
      errors.push({
        row: i + 1,
        field: String(issue.path[0] ?? 'row'),
        message: issue.message,
        messageVi: `Dòng ${i + 1}: giá trị không hợp lệ ở cột ${String(issue.path[0] ?? '')}`,
      });
    }
  });
  return { valid, errors };
}

/**
 * Upserts the machines of one agency and refreshes its protected count for the current quarter.
 * Idempotent: the same batch twice leaves the same rows. One statement per batch (unnest), one transaction.
 * (An update of known machines then a plain insert of new ones, under a per-agency lock, measured twice as slow.)
 */
export async function upsertEndpoints(db: Db, agencyId: number, actor: { userId: number; fullName: string; ip: string }, rows: EndpointInput[]) {
  const byHost = new Map(rows.map((r) => [r.hostname.toLowerCase(), r]));
  const hosts = [...byHost.keys()];
  const now = new Date().toISOString();
  const list = [...byHost.values()];
  return db.transaction(async (tx) => {
    // sql.param keeps each column one array parameter (a bare array would expand into a list).
    await tx.execute(sql`insert into endpoints (agency_id, hostname, os, agent_version, last_seen_at, updated_at)
      select ${agencyId}, h, o, v, s::timestamptz, now()
      from unnest(${sql.param(hosts)}::text[], ${sql.param(list.map((r) => r.os ?? null))}::text[],
        ${sql.param(list.map((r) => r.agentVersion ?? null))}::text[], ${sql.param(list.map((r) => r.lastSeen ?? now))}::text[]) as t(h, o, v, s)
      on conflict (agency_id, hostname) do update set os = excluded.os, agent_version = excluded.agent_version,
        last_seen_at = greatest(endpoints.last_seen_at, excluded.last_seen_at), updated_at = now()`);
    const period = periodOf(todayVn());
    const [report] = await tx
      .insert(agencyIndicators)
      .values({ agencyId, period, protectedEndpoints: sql`${protectedCountSql(agencyId)}`, endpointsSource: 'ingest' })
      .onConflictDoUpdate({
        target: [agencyIndicators.agencyId, agencyIndicators.period],
        set: { protectedEndpoints: sql`${protectedCountSql(agencyId)}`, endpointsSource: 'ingest', updatedAt: new Date() },
      })
      .returning({ protectedEndpoints: agencyIndicators.protectedEndpoints });
    await recordAudit(tx, actor, {
      action: 'ingest',
      entity: 'endpoints',
      agencyId,
      after: { rows: hosts.length, period, protectedEndpoints: report!.protectedEndpoints },
    });
    return { received: rows.length, upserted: hosts.length, protectedEndpoints: report!.protectedEndpoints, period };
  });
}

/** A console that knows the totals pushes them directly. */
export async function pushCounts(db: Db, agencyId: number, actor: { userId: number; fullName: string; ip: string }, c: z.infer<typeof CountsPush>) {
  const period = periodOf(todayVn());
  const values = {
    servers: c.servers,
    workstations: c.workstations,
    protectedEndpoints: Math.min(c.protectedEndpoints, c.servers + c.workstations),
    antimalwareProduct: c.product ?? null,
    antimalwareConsole: c.console ?? null,
    endpointsSource: 'ingest' as const,
    updatedAt: new Date(),
  };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(agencyIndicators)
      .values({ agencyId, period, ...values })
      .onConflictDoUpdate({ target: [agencyIndicators.agencyId, agencyIndicators.period], set: values })
      .returning();
    await recordAudit(tx, actor, { action: 'ingest', entity: 'agency_indicators', entityId: row!.id, agencyId, after: values });
    return { period, servers: row!.servers, workstations: row!.workstations, protectedEndpoints: row!.protectedEndpoints };
  });
}
