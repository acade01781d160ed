import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert } from '../../auth/scope.ts';
import { invalid, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { agencies } from '../agencies/index.ts';
import { users } from '../users/index.ts';
import { responseTeamCertificates, responseTeamMembers } from './schema.ts';
import { mayEditRoster } from './access.ts';
import { parametersAt } from '../parameters/index.ts';
import { addDays, CERTIFICATE_WARNING_DAYS, certificateValid, isQualified, teamStrength } from '../../../shared/incidents/readiness.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import type { CertificateInput, MemberInput, MemberPatch } from '../../../shared/incidents/readiness-schemas.ts';
import type { EMPLOYMENTS } from '../../../shared/incidents/vocabulary.ts';

/**
 * The provincial incident response team (Đội ứng cứu sự cố): at least five experts, in-house or hired, with skill
 * certificates. A province-wide list: everyone signed in reads it (it is the hotline's people), the specialized
 * security unit and the platform admin keep it (access.ts `mayEditRoster`).
 */
export async function getRoster(db: Queryable, actor: Actor) {
  const today = todayVn();
  const horizon = addDays(today, CERTIFICATE_WARNING_DAYS);
  const members = await db
    .select({ member: responseTeamMembers, agencyName: agencies.name })
    .from(responseTeamMembers)
    .leftJoin(agencies, eq(agencies.id, responseTeamMembers.agencyId))
    .orderBy(asc(responseTeamMembers.fullName));
  const certificates = await db.select().from(responseTeamCertificates).orderBy(asc(responseTeamCertificates.expiresOn));
  const roster = members.map(({ member: m, agencyName }) => {
    const certs = certificates.filter((c) => c.memberId === m.id);
    return {
      id: m.id,
      fullName: m.fullName,
      agencyId: m.agencyId,
      agencyName,
      employment: m.employment as (typeof EMPLOYMENTS)[number],
      position: m.position,
      phone: m.phone,
      email: m.email,
      expertise: m.expertise,
      userId: m.userId,
      active: m.active,
      joinedOn: m.joinedOn,
      qualified: isQualified({ ...m, certificates: certs }, today),
      certificates: certs.map((c) => ({
        id: c.id,
        name: c.name,
        issuer: c.issuer,
        issuedOn: c.issuedOn,
        expiresOn: c.expiresOn,
        valid: certificateValid(c, today),
        expiringSoon: certificateValid(c, today) && c.expiresOn !== null && c.expiresOn <= horizon,
      })),
    };
  });
  return {
    members: roster,
    strength: teamStrength(
      members.map(({ member: m }) => ({ ...m, certificates: certificates.filter((c) => c.memberId === m.id) })),
      await parametersAt(db, today),
    ),
    can: { edit: mayEditRoster(actor) },
  };
}

async function checkRefs(db: Queryable, body: { agencyId?: number | null; userId?: number | null }) {
  if (body.agencyId) {
    const [a] = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, body.agencyId));
    if (!a) throw invalid('agencyId', 'The organization does not exist', 'Cơ quan, tổ chức không tồn tại');
  }
  if (body.userId) {
    const [u] = await db.select({ id: users.id }).from(users).where(eq(users.id, body.userId));
    if (!u) throw invalid('userId', 'The user does not exist', 'Người dùng không tồn tại');
  }
}

async function findMember(db: Queryable, id: number) {
  const [row] = await db.select().from(responseTeamMembers).where(eq(responseTeamMembers.id, id));
  if (!row) throw notFound('Team member');
  return row;
}

export async function addMember(db: Db, actor: Actor, body: z.infer<typeof MemberInput>) {
  assert(mayEditRoster(actor));
  return db.transaction(async (tx) => {
    await checkRefs(tx, body);
    const [row] = await tx.insert(responseTeamMembers).values(body).returning();
    await recordAudit(tx, actor, { action: 'create', entity: 'response_team_member', entityId: row!.id, after: row });
    return getRoster(tx, actor);
  });
}

export async function updateMember(db: Db, actor: Actor, id: number, patch: z.infer<typeof MemberPatch>) {
  return db.transaction(async (tx) => {
    // Everyone reads the roster: a member that exists is refused (403), one that does not is not found (404).
    const before = await findMember(tx, id);
    assert(mayEditRoster(actor));
    await checkRefs(tx, patch);
    const [after] = await tx
      .update(responseTeamMembers)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(responseTeamMembers.id, id))
      .returning();
    await recordAudit(tx, actor, { action: 'update', entity: 'response_team_member', entityId: id, before, after });
    return getRoster(tx, actor);
  });
}

/** Replaces a member's certificates (name, issuer, issue and expiry dates). */
export async function replaceCertificates(db: Db, actor: Actor, id: number, list: z.infer<typeof CertificateInput>[]) {
  return db.transaction(async (tx) => {
    await findMember(tx, id);
    assert(mayEditRoster(actor));
    for (const c of list) {
      if (c.issuedOn && c.expiresOn && c.expiresOn < c.issuedOn)
        throw invalid('expiresOn', 'A certificate expires after it is issued', 'Ngày hết hạn phải sau ngày cấp');
    }
    const before = await tx.delete(responseTeamCertificates).where(eq(responseTeamCertificates.memberId, id)).returning();
    if (list.length) await tx.insert(responseTeamCertificates).values(list.map((c) => ({ ...c, memberId: id })));
    await recordAudit(tx, actor, { action: 'update_certificates', entity: 'response_team_member', entityId: id, before, after: list });
    return getRoster(tx, actor);
  });
}
