/** A user's notifications and reminder preferences; always the caller's own. */
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { notifications, reminderPreferences } from './schema.ts';
import { REMINDER_KINDS, type ReminderKind } from '../../../shared/reminders/kinds.ts';

export async function listNotifications(db: Queryable, actor: Actor) {
  const items = await db.select().from(notifications).where(eq(notifications.userId, actor.userId)).orderBy(desc(notifications.id)).limit(50);
  const [unread] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
  return {
    unread: unread!.n,
    items: items.map(({ userId: _u, ...n }) => ({ ...n, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null })),
  };
}

/** Marks the given notifications (or all) of the caller as read. */
export async function markRead(db: Db, actor: Actor, ids?: number[]) {
  return db.transaction(async (tx) => {
    const marked = await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt), ids ? inArray(notifications.id, ids.length ? ids : [0]) : undefined))
      .returning({ id: notifications.id });
    await recordAudit(tx, actor, {
      action: 'read',
      entity: 'notification',
      entityId: actor.userId,
      agencyId: actor.agencyId,
      after: { ids: marked.map((m) => m.id) },
    });
    return listNotifications(tx, actor);
  });
}

export async function getPreferences(db: Queryable, actor: Actor) {
  const rows = await db.select().from(reminderPreferences).where(eq(reminderPreferences.userId, actor.userId));
  return REMINDER_KINDS.map((kind) => {
    const row = rows.find((r) => r.kind === kind);
    return { kind, inApp: row?.inApp ?? true, email: row?.email ?? true };
  });
}

export async function setPreferences(db: Db, actor: Actor, prefs: { kind: ReminderKind; inApp: boolean; email: boolean }[]) {
  return db.transaction(async (tx) => {
    const before = await getPreferences(tx, actor);
    for (const p of prefs) {
      await tx
        .insert(reminderPreferences)
        .values({ userId: actor.userId, ...p })
        .onConflictDoUpdate({ target: [reminderPreferences.userId, reminderPreferences.kind], set: { inApp: p.inApp, email: p.email, updatedAt: new Date() } });
    }
    const after = await getPreferences(tx, actor);
    await recordAudit(tx, actor, { action: 'update', entity: 'reminder_preferences', entityId: actor.userId, agencyId: actor.agencyId, before, after });
    return after;
  });
}
