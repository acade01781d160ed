import { LRUCache } from 'lru-cache';
import type { Queryable } from '../../db/client.ts';
import { auditHead } from '../audit/index.ts';
import { dashboardCacheLookups } from '../../http/metrics.ts';

/**
 * Finished dashboards as UTF-8 JSON, valid while nothing has changed. Every response sends the same buffer: a
 * country's dashboard is megabytes, and a copy per response in flight would not count against the heap limit. The audit head is read *before* the build, so
 * the document holds at least that state; a later change raises the head, and the entry is never read again.
 * Building a province's dashboard aggregates thousands of systems; serving it from here costs one index probe.
 * The age limit bounds what a change made outside the application (by hand in SQL) can leave stale. Requests that
 * miss together share one build: after a change, fifty leaders opening the country's dashboard build it once.
 */
export function dashboardCache(opts: { maxBytes: number; maxAgeMs: number }) {
  const cache =
    opts.maxBytes > 0 ? new LRUCache<string, Buffer>({ maxSize: opts.maxBytes, sizeCalculation: (json) => json.length || 1, ttl: opts.maxAgeMs }) : null;
  const building = new Map<string, Promise<Buffer>>();
  return async (db: Queryable, key: string, build: () => Promise<unknown>): Promise<Buffer> => {
    if (!cache) return toJson(await build());
    const versioned = `${await auditHead(db)}|${key}`;
    const hit = cache.get(versioned);
    dashboardCacheLookups.inc({ result: hit === undefined ? 'miss' : 'hit' });
    if (hit !== undefined) return hit;
    let pending = building.get(versioned);
    if (!pending) {
      pending = build()
        .then(toJson)
        .finally(() => building.delete(versioned));
      building.set(versioned, pending);
    }
    const json = await pending;
    cache.set(versioned, json);
    return json;
  };
}

const toJson = (document: unknown) => Buffer.from(JSON.stringify(document));
