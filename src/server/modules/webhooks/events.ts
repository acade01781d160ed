/**
 * Where events come from (ADR 0005). Changes: the audit log, read in id order past a cursor — every change writes its
 * entry in its own transaction, and writers take the chain's lock before their id, so entries become visible in id
 * order and none is passed over. Deadlines: the reminders the reminder jobs collect (task overdue, finding due,
 * remediation overdue). Either way an event's `key` names its source, so deriving it twice adds nothing; each new
 * event is queued at once for every active subscription that chose its type and reaches its agencies.
 */
import { createHash } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import type { Reminder } from '../reminders/index.ts';
import { remediationItems } from '../warnings/index.ts';
import { webhookEvents } from './schema.ts';
import type { WebhookEventType } from '../../../shared/webhooks/events.ts';

type NewEvent = { key: string; type: WebhookEventType; agencyIds: number[]; data: Record<string, unknown>; occurredAt: Date };

/** The webhook-id: derived from the key, so the same event has the same id whichever node derived it. */
const messageId = (key: string) => `msg_${createHash('sha256').update(key).digest('base64url').slice(0, 27)}`;

/** Inserts the events not yet known and queues them for their subscribers, in the caller's transaction. */
async function record(tx: Tx, events: NewEvent[], now: Date) {
  if (!events.length) return 0;
  const inserted = await tx
    .insert(webhookEvents)
    .values(events.map((e) => ({ ...e, messageId: messageId(e.key) })))
    .onConflictDoNothing()
    .returning({ id: webhookEvents.id });
  if (!inserted.length) return 0;
  // A subscription reaches an event's agencies when one of them is in its agency's subtree; province-wide ones reach all.
  await tx.execute(sql`insert into webhook_deliveries (event_id, subscription_id, next_attempt_at)
    select e.id, s.id, ${now.toISOString()}::timestamptz
    from webhook_events e
    join webhook_subscriptions s on s.active and e.type = any(s.event_types) and s.created_at <= e.occurred_at
    where e.id = any(${sql.param(inserted.map((r) => r.id))}::bigint[])
      and (s.province_wide or exists (
        select 1 from agencies a join agencies o on o.id = s.agency_id
        where a.id = any(e.agency_ids) and a.path like o.path || '%'))
    on conflict do nothing`);
  return inserted.length;
}

type AuditRow = {
  id: number;
  at_ms: number;
  action: string;
  entity: string;
  entity_id: string | null;
  agency_id: number | null;
  before_status: string | null;
  after_status: string | null;
  severity: string | null;
  kind: string | null;
  created: { id: number; number: string }[] | null;
  number: string | null;
};

const agenciesOf = (id: number | null) => (id === null ? [] : [id]);

/** The events of one audit entry (none for most). */
function fromAudit(r: AuditRow, warningAgencies: Map<number, number[]>): NewEvent[] {
  const occurredAt = new Date(Number(r.at_ms));
  const key = (type: string, sub = '') => `audit:${r.id}:${type}${sub}`;
  const id = Number(r.entity_id);
  if (r.entity === 'incident' && (r.action === 'report' || r.action === 'public_report')) {
    const data = {
      incidentId: id,
      agencyId: r.agency_id,
      status: r.after_status,
      severity: r.severity,
      kind: r.kind,
      source: r.action === 'report' ? 'agency' : 'hotline',
    };
    return [{ key: key('incident.reported'), type: 'incident.reported', agencyIds: agenciesOf(r.agency_id), data, occurredAt }];
  }
  if (r.entity === 'incident' && r.action.startsWith('incident_')) {
    const data = { incidentId: id, agencyId: r.agency_id, action: r.action.slice('incident_'.length), from: r.before_status, to: r.after_status };
    const out: NewEvent[] = [{ key: key('incident.status_changed'), type: 'incident.status_changed', agencyIds: agenciesOf(r.agency_id), data, occurredAt }];
    if (r.after_status === 'closed') out.push({ key: key('incident.closed'), type: 'incident.closed', agencyIds: agenciesOf(r.agency_id), data, occurredAt });
    return out;
  }
  if (r.entity === 'dossier' && r.action.startsWith('dossier_')) {
    const data = { dossierId: id, agencyId: r.agency_id, action: r.action.slice('dossier_'.length), from: r.before_status, to: r.after_status };
    return [{ key: key('dossier.state_changed'), type: 'dossier.state_changed', agencyIds: agenciesOf(r.agency_id), data, occurredAt }];
  }
  if (r.entity === 'warning' && (r.action === 'create' || r.action === 'import')) {
    const created = r.action === 'create' ? [{ id, number: r.number ?? '' }] : (r.created ?? []);
    return created.map((w) => ({
      key: key('warning.recorded', `:${w.id}`),
      type: 'warning.recorded' as const,
      // A warning is read by the agencies it has remediation items for (and province-wide).
      agencyIds: warningAgencies.get(w.id) ?? [],
      data: { warningId: w.id, number: w.number, agencyIds: warningAgencies.get(w.id) ?? [] },
      occurredAt,
    }));
  }
  return [];
}

const BATCH = 1000;

/**
 * Derives the events of the audit entries past the cursor, up to BATCH entries, and moves the cursor: one node at a
 * time (the cursor row is locked), in one transaction with the events and deliveries it queues. Returns the number of
 * entries read, so a caller can go on while it is BATCH.
 */
export async function deriveFromAudit(db: Db, now: Date): Promise<{ read: number; events: number }> {
  return db.transaction(async (tx) => {
    const [cursor] = (await tx.execute(sql`select last_audit_id::int8 as "last" from webhook_cursor where id = 1 for update`)).rows as { last: string }[];
    const last = Number(cursor!.last);
    // With no subscription on, nothing could be queued: skip to the log's end in one step.
    const skipped = await tx.execute(sql`update webhook_cursor set last_audit_id = greatest(last_audit_id, (select coalesce(max(id), 0) from audit_log))
      where id = 1 and not exists (select 1 from webhook_subscriptions where active) returning last_audit_id`);
    if (skipped.rows.length) return { read: 0, events: 0 };
    const [upper] = (
      await tx.execute(
        sql`select max(id)::int8 as "upper", count(*)::int as "n" from (select id from audit_log where id > ${last} order by id limit ${BATCH}) b`,
      )
    ).rows as { upper: string | null; n: number }[];
    if (!upper?.upper) return { read: 0, events: 0 };
    const rows = (
      await tx.execute(sql`select id::int8 as id, (extract(epoch from at) * 1000)::float8 as at_ms, action, entity, entity_id, agency_id,
          coalesce(before->>'status', before->>'state') as before_status, coalesce(after->>'status', after->>'state') as after_status,
          after->>'severity' as severity, after->>'kind' as kind, after->>'number' as number,
          case when action = 'import' then after->'created' end as created
        from audit_log
        where id > ${last} and id <= ${upper.upper}
          and ((entity = 'incident' and (action in ('report', 'public_report') or action like 'incident\\_%'))
            or (entity = 'dossier' and action like 'dossier\\_%')
            or (entity = 'warning' and action in ('create', 'import')))
        order by id`)
    ).rows.map((r) => ({ ...(r as AuditRow), id: Number((r as { id: string }).id) }));
    const warningIds = rows
      .filter((r) => r.entity === 'warning')
      .flatMap((r) => (r.action === 'create' ? [Number(r.entity_id)] : (r.created ?? []).map((c) => c.id)));
    const warningAgencies = new Map<number, number[]>();
    if (warningIds.length) {
      const items = await tx
        .selectDistinct({ warningId: remediationItems.warningId, agencyId: remediationItems.agencyId })
        .from(remediationItems)
        .where(inArray(remediationItems.warningId, warningIds));
      for (const i of items) warningAgencies.set(i.warningId, [...(warningAgencies.get(i.warningId) ?? []), i.agencyId]);
    }
    const events = await record(
      tx,
      rows.flatMap((r) => fromAudit(r, warningAgencies)),
      now,
    );
    await tx.execute(sql`update webhook_cursor set last_audit_id = ${upper.upper} where id = 1`);
    return { read: upper.n, events };
  });
}

/** The reminder kinds that are also events, and what their subject is. */
const FROM_REMINDERS: Partial<Record<Reminder['kind'], { type: WebhookEventType; subject: string }>> = {
  task_overdue: { type: 'task.overdue', subject: 'taskAssignmentId' },
  finding_due: { type: 'finding.due', subject: 'findingId' },
  remediation_overdue: { type: 'remediation.overdue', subject: 'remediationItemId' },
};

/** The events of the reminders a reminder run collected: registered by app.ts as a reminder listener. */
export async function eventsFromReminders(db: Db, reminders: readonly Reminder[], now: Date) {
  const events: NewEvent[] = [];
  for (const r of reminders) {
    const mapped = FROM_REMINDERS[r.kind];
    if (!mapped || r.agencyId === undefined) continue;
    events.push({
      key: `reminder:${r.kind}:${r.subjectId}:${r.occurrence}`,
      type: mapped.type,
      agencyIds: [r.agencyId],
      data: { [mapped.subject]: Number(r.subjectId), agencyId: r.agencyId, dueOn: r.occurrence },
      occurredAt: now,
    });
  }
  if (!events.length) return 0;
  return db.transaction((tx) => record(tx, events, now));
}
