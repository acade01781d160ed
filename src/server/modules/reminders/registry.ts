/**
 * The registry of reminder sources. A source looks at its module's tables and says which reminders are due:
 * a kind, a subject, an occurrence, recipients and the words. Delivery (deliver.ts) makes each
 * (kind, subject, recipient, occurrence) happen once, whatever the number of runs or app nodes.
 *
 * Each module keeps the sources over its own tables (e.g. incidents/reminders.ts) and exports them from its index.ts;
 * app.ts registers them:
 *   registerReminderSource({ name: 'scans', kinds: ['scan_due'], collect: async (db, { today }) => [...] });
 * Event-driven reminders (an incident assigned, a warning received) call `deliverReminder` from deliver.ts instead.
 */
import type { Db } from '../../db/client.ts';
import type { ReminderKind } from '../../../shared/reminders/kinds.ts';

export type Reminder = {
  kind: ReminderKind;
  /** What it is about, e.g. the task assignment id. */
  subjectId: string;
  /** Which occurrence: a due date, a submission number… Reminding again about the same occurrence sends nothing. */
  occurrence: string;
  recipients: number[];
  title: string;
  body: string;
  /** Path in the web app, e.g. "/tasks/assignments/12". */
  link: string | null;
  /** The agency the subject belongs to, where a listener (webhook events) needs it. */
  agencyId?: number;
};

type ReminderContext = { now: Date /** Vietnamese calendar day of `now`. */; today: string };

export type ReminderSource = {
  name: string;
  kinds: ReminderKind[];
  collect(db: Db, ctx: ReminderContext): Promise<Reminder[]>;
};

const sources = new Map<string, ReminderSource>();

/** Adds or replaces (by name) a source of scheduled reminders. */
export function registerReminderSource(source: ReminderSource) {
  sources.set(source.name, source);
}

export const reminderSources = () => [...sources.values()];

/** Told of every reminder a run collects, whether or not anybody receives it (webhooks derive events from them). */
export type ReminderListener = (db: Db, reminders: readonly Reminder[], now: Date) => Promise<unknown>;
const listeners = new Set<ReminderListener>();

export function registerReminderListener(listener: ReminderListener) {
  listeners.add(listener);
}

export const reminderListeners = () => [...listeners];
