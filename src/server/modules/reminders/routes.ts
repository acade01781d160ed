import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { recordAudit } from '../audit/index.ts';
import { MarkReadInput, NotificationList, OutboxMessage, ReminderPreferences, ReminderRunResult } from '../../../shared/directives/schemas.ts';
import { runReminderJobs } from './jobs.ts';
import { listOutbox } from './outbox.ts';
import * as service from './service.ts';
import { assertCanOperateReminders, assertCanReadOutbox } from './access.ts';
import { z } from 'zod';

/** Notifications, reminder preferences, a manual run of the jobs, and the e-mail outbox. */
export async function reminderRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reminders'];

  r.get(
    '/api/notifications',
    { schema: { tags, summary: "The caller's notifications, newest first, with the unread count", response: { 200: NotificationList } } },
    async (req) => service.listNotifications(db, actorOf(req)),
  );

  r.post(
    '/api/notifications/read',
    { schema: { tags, summary: 'Mark the given notifications (or all) as read', body: MarkReadInput, response: { 200: NotificationList } } },
    async (req) => service.markRead(db, actorOf(req), req.body.ids),
  );

  r.get(
    '/api/reminder-preferences',
    { schema: { tags, summary: 'Which reminders the caller receives, in the app and by e-mail', response: { 200: ReminderPreferences } } },
    async (req) => service.getPreferences(db, actorOf(req)),
  );

  r.put(
    '/api/reminder-preferences',
    { schema: { tags, summary: 'Choose which reminders to receive', body: ReminderPreferences, response: { 200: ReminderPreferences } } },
    async (req) => service.setPreferences(db, actorOf(req), req.body),
  );

  r.post(
    '/api/reminders/run',
    { schema: { tags, summary: 'Run the reminder jobs now (idempotent: nothing is sent twice)', response: { 200: ReminderRunResult } } },
    async (req) => {
      const actor = actorOf(req);
      assertCanOperateReminders(actor);
      const tally = await runReminderJobs(db, config);
      await db.transaction((tx) => recordAudit(tx, actor, { action: 'run', entity: 'reminder_job', agencyId: actor.agencyId, after: tally }));
      return tally;
    },
  );

  r.get(
    '/api/admin/outbox',
    { schema: { tags, summary: 'E-mails written to the outbox folder (when no SMTP server is configured)', response: { 200: z.array(OutboxMessage) } } },
    async (req) => {
      assertCanReadOutbox(actorOf(req));
      return listOutbox(config.outboxDir);
    },
  );
}
