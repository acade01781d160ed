import { lt, sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { Queryable } from '../db/client.ts';
import { AppError } from './errors.ts';
import { rateLimitWindows } from './rate-limit-schema.ts';

/** The longest window a caller may ask for: rows older than that are stale (purgeStaleWindows). */
const MAX_WINDOW_MS = 24 * 3_600_000;

export type Hit = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one request against `key` in a fixed window of `windowMs`, in PostgreSQL: one atomic upsert, so every app
 * node and a restarted one see the same count (no Redis needed). Allowed while the window's count is at most `max`.
 */
async function hit(db: Queryable, key: string, max: number, windowMs: number): Promise<Hit> {
  if (windowMs > MAX_WINDOW_MS) throw new Error(`rate-limit window over ${MAX_WINDOW_MS} ms`);
  const window = sql`make_interval(secs => ${windowMs / 1000})`;
  const expired = sql`${rateLimitWindows.windowStart} <= now() - ${window}`;
  const [row] = await db
    .insert(rateLimitWindows)
    .values({ key, count: 1 })
    .onConflictDoUpdate({
      target: rateLimitWindows.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimitWindows.count} + 1 end`,
        windowStart: sql`case when ${expired} then now() else ${rateLimitWindows.windowStart} end`,
      },
    })
    .returning({ count: rateLimitWindows.count, left: sql<string>`extract(epoch from ${rateLimitWindows.windowStart} + ${window} - now())` });
  if (row!.count <= max) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(Number(row!.left))) };
}

/** Deletes windows older than any limit's (run by housekeeping.ts); returns how many. */
export async function purgeStaleWindows(db: Queryable): Promise<number> {
  const stale = lt(rateLimitWindows.windowStart, sql`now() - make_interval(secs => ${MAX_WINDOW_MS / 1000})`);
  return (await db.delete(rateLimitWindows).where(stale).returning({ key: rateLimitWindows.key })).length;
}

/**
 * Throws the 429 of the error shape, with Retry-After, when `key` is over its limit. `message` says what was limited.
 */
export async function enforceLimit(
  db: Queryable,
  reply: FastifyReply,
  limit: { key: string; max: number; windowMs: number },
  message: { en: string; vi: string },
) {
  const result = await hit(db, limit.key, limit.max, limit.windowMs);
  if (result.allowed) return;
  reply.header('retry-after', String(result.retryAfterSeconds));
  throw new AppError(429, 'too_many_requests', message.en, message.vi);
}

/**
 * The part of a client address one party controls: an IPv4 address, or the /64 of an IPv6 one (a single
 * subscriber usually gets a whole /64, so counting full IPv6 addresses would let them rotate freely).
 */
export function addressKey(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (v4) return v4[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
