import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import Bowser from 'bowser';
import type { Db } from '../../db/client.ts';
import { SessionInfo } from '../../../shared/auth/schemas.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { destroyUserSessions, sessionsOf } from '../../auth/sessions.ts';
import { recordAudit } from '../audit/index.ts';

/** "Chrome 120 · Windows 10" from a user agent; null when it names neither. */
function deviceOf(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const { browser, os } = Bowser.parse(userAgent);
  const major = browser.version?.split('.')[0];
  const parts = [browser.name && [browser.name, major].filter(Boolean).join(' '), os.name && [os.name, os.versionName ?? os.version].filter(Boolean).join(' ')];
  return parts.filter(Boolean).join(' · ') || null;
}

/** Where the user is signed in, and signing out everywhere else. */
export async function sessionRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  r.get(
    '/api/auth/sessions',
    { schema: { tags, summary: "The caller's sessions: device, address, when last seen", response: { 200: z.array(SessionInfo) } } },
    async (req) => {
      const current = req.sessionUser!.sessionId;
      return (await sessionsOf(db, actorOf(req).userId)).map((s) => ({
        id: s.id.slice(0, 12),
        current: s.id === current,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        ip: s.ip,
        device: deviceOf(s.userAgent),
      }));
    },
  );

  r.post(
    '/api/auth/sessions/sign-out-others',
    { schema: { tags, summary: "End the caller's other sessions (sign out everywhere else)", response: { 200: z.object({ ended: z.number() }) } } },
    async (req) => {
      const actor = actorOf(req);
      return db.transaction(async (tx) => {
        const ended = await destroyUserSessions(tx, actor.userId, req.sessionToken ?? undefined);
        await recordAudit(tx, actor, { action: 'sign_out_elsewhere', entity: 'user', entityId: actor.userId, agencyId: actor.agencyId, after: { ended } });
        return { ended };
      });
    },
  );
}
