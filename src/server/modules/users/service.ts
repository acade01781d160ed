import { and, arrayOverlaps, asc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency } from '../../auth/scope.ts';
import { conflict, invalid, notFound } from '../../http/errors.ts';
import { generateTemporaryPassword, hashPassword } from '../../auth/password.ts';
import { destroyUserSessions } from '../../auth/sessions.ts';
import { hasMfaSql, resetMfa as removeSecondFactor } from '../../auth/mfa.ts';
import { recordAudit } from '../audit/index.ts';
import { agencies, findVisible } from '../agencies/index.ts';
import type { UserListQuery } from '../../../shared/users/schemas.ts';
import { users } from './schema.ts';
import { grantable, userCan } from './access.ts';
import type { Role } from '../../../shared/core/roles.ts';
import { rolesWith } from '../../../shared/core/capabilities.ts';

const columns = {
  id: users.id,
  agencyId: users.agencyId,
  agencyName: agencies.name,
  agencyPath: agencies.path,
  username: users.username,
  fullName: users.fullName,
  email: users.email,
  phone: users.phone,
  position: users.position,
  roles: users.roles,
  locale: users.locale,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
  serviceAccount: users.serviceAccount,
  mfaEnrolled: hasMfaSql(users.id),
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
};

type Row = Awaited<ReturnType<typeof findUser>>;

const present = (actor: Actor, { agencyPath, ...u }: Row) => ({
  ...u,
  roles: u.roles as Role[],
  locale: u.locale === 'en' ? ('en' as const) : ('vi' as const),
  lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  createdAt: u.createdAt.toISOString(),
  can: userCan(actor, { agencyId: u.agencyId, agencyPath }),
});

function assertGrantable(actor: Actor, roles: Role[]) {
  const allowed = grantable(actor);
  const bad = roles.find((r) => !allowed.includes(r));
  if (bad) throw invalid('roles', `You cannot grant the role ${bad}`, `Bạn không được cấp vai trò ${bad}`);
}

export async function listUsers(db: Queryable, actor: Actor, q: z.output<typeof UserListQuery>) {
  const where: (SQL | undefined)[] = [readableAgency(actor, users.agencyId)];
  if (q.agencyId) where.push(eq(users.agencyId, q.agencyId));
  if (q.capability) where.push(arrayOverlaps(users.roles, rolesWith(q.capability)));
  const status = q.status ?? (q.includeInactive === 'true' ? 'all' : 'active');
  if (status !== 'all') where.push(eq(users.active, status === 'active'));
  if (q.q) where.push(or(ilike(users.fullName, `%${q.q}%`), ilike(users.username, `%${q.q}%`)));
  const rows = await db
    .select(columns)
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(and(...where))
    .orderBy(asc(agencies.name), asc(users.fullName));
  return rows.map((r) => present(actor, r));
}

async function findUser(db: Queryable, actor: Actor, id: number) {
  const [row] = await db
    .select(columns)
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(and(eq(users.id, id), readableAgency(actor, users.agencyId)));
  if (!row) throw notFound('User');
  return row;
}

export const getUser = async (db: Queryable, actor: Actor, id: number) => present(actor, await findUser(db, actor, id));

async function managedAgency(db: Queryable, actor: Actor, agencyId: number) {
  const agency = await findVisible(db, actor, agencyId).catch(() => {
    throw invalid('agencyId', 'The agency does not exist', 'Cơ quan không tồn tại');
  });
  assert(userCan(actor, { agencyId: agency.id, agencyPath: agency.path }).manage);
  return agency;
}

type NewAccount = {
  agencyId: number;
  username: string;
  fullName: string;
  email?: string | null;
  phone?: string | null;
  position?: string | null;
  roles: Role[];
};

async function insertAccount(db: Db, actor: Actor, input: NewAccount, secret: { passwordHash: string; mustChangePassword: boolean; serviceAccount: boolean }) {
  await managedAgency(db, actor, input.agencyId);
  assertGrantable(actor, input.roles);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
    if (existing) throw invalid('username', 'This username is taken', 'Tên đăng nhập đã được sử dụng');
    const [row] = await tx
      .insert(users)
      .values({ ...input, ...secret })
      .returning();
    await recordAudit(tx, actor, { action: 'create', entity: 'user', entityId: row!.id, agencyId: row!.agencyId, after: row });
    return getUser(tx, actor, row!.id);
  });
}

export async function createUser(db: Db, actor: Actor, input: NewAccount) {
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const user = await insertAccount(db, actor, input, { passwordHash, mustChangePassword: true, serviceAccount: false });
  return { user, temporaryPassword };
}

/** A machine's account: no password (the stored value is no hash, so nothing verifies against it); it acts through API tokens. */
export const createServiceAccount = (db: Db, actor: Actor, input: NewAccount) =>
  insertAccount(db, actor, input, { passwordHash: '!', mustChangePassword: false, serviceAccount: true });

/** A service account the actor manages, for its tokens: 404 outside the actor's reach or for a person's account. */
export async function managedServiceAccount(db: Queryable, actor: Actor, id: number) {
  const account = await findUser(db, actor, id);
  if (!account.serviceAccount) throw notFound('Service account');
  assert(userCan(actor, account).manage);
  return account;
}

/** Whether the actor manages the service account `id` (false for a person's account or one out of reach). */
export async function managesServiceAccount(db: Queryable, actor: Actor, id: number) {
  const [row] = await db
    .select({ agencyId: users.agencyId, agencyPath: agencies.path })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(and(eq(users.id, id), eq(users.serviceAccount, true), readableAgency(actor, users.agencyId)));
  return !!row && userCan(actor, row).manage;
}

export async function updateUser(
  db: Db,
  actor: Actor,
  id: number,
  patch: {
    agencyId?: number;
    fullName?: string;
    email?: string | null;
    phone?: string | null;
    position?: string | null;
    roles?: Role[];
    active?: boolean;
  },
) {
  return db.transaction(async (tx) => {
    const current = await findUser(tx, actor, id);
    assert(userCan(actor, current).manage);
    if (patch.agencyId && patch.agencyId !== current.agencyId) await managedAgency(tx, actor, patch.agencyId);
    if (patch.roles) {
      // Only the roles that change need to be grantable: an agency admin may edit a colleague who holds more.
      const changed = [...patch.roles.filter((r) => !current.roles.includes(r)), ...current.roles.filter((r) => !patch.roles!.includes(r as Role))];
      assertGrantable(actor, changed as Role[]);
    }
    const dropsOwnRole = patch.roles && current.roles.some((r) => !patch.roles!.includes(r as Role));
    if (id === actor.userId && (patch.active === false || dropsOwnRole)) {
      throw invalid(
        patch.active === false ? 'active' : 'roles',
        'You cannot deactivate yourself or drop your own roles',
        'Không thể tự vô hiệu hoá hoặc tự bỏ vai trò của mình',
      );
    }
    const [before] = await tx.select().from(users).where(eq(users.id, id)).for('update');
    const [after] = await tx
      .update(users)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning();
    if (patch.active === false || patch.agencyId !== undefined || patch.roles) await destroyUserSessions(tx, id);
    await recordAudit(tx, actor, { action: 'update', entity: 'user', entityId: id, agencyId: after!.agencyId, before, after });
    return getUser(tx, actor, id);
  });
}

export async function resetPassword(db: Db, actor: Actor, id: number) {
  const current = await findUser(db, actor, id);
  assert(userCan(actor, current).manage);
  if (current.serviceAccount)
    throw invalid('id', 'A service account has no password; give it an API token', 'Tài khoản dịch vụ không có mật khẩu; hãy cấp mã truy cập API');
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  return db.transaction(async (tx) => {
    // A directory account becomes local again: the temporary password is its way in from now on.
    const [{ directoryDn }] = (await tx.select({ directoryDn: users.directoryDn }).from(users).where(eq(users.id, id)).for('update')) as [
      { directoryDn: string | null },
    ];
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, directoryDn: null, passwordChangedAt: new Date(), updatedAt: new Date() })
      .where(eq(users.id, id));
    await destroyUserSessions(tx, id);
    await recordAudit(tx, actor, {
      action: 'reset_password',
      entity: 'user',
      entityId: id,
      agencyId: current.agencyId,
      ...(directoryDn ? { before: { directoryDn }, after: { directoryDn: null } } : {}),
    });
    return { user: await getUser(tx, actor, id), temporaryPassword };
  });
}

/** Removes the user's second factors (a lost phone or key) and ends their sessions; they enrol again if their role requires it. */
export async function resetMfa(db: Db, actor: Actor, id: number) {
  const current = await findUser(db, actor, id);
  assert(userCan(actor, current).manage);
  return db.transaction(async (tx) => {
    const removed = await removeSecondFactor(tx, id);
    if (!removed.totp && !removed.passkeys.length)
      throw conflict('mfa', 'This user has no second factor set up', 'Người dùng này chưa thiết lập xác thực hai bước');
    await destroyUserSessions(tx, id);
    await recordAudit(tx, actor, {
      action: 'reset_mfa',
      entity: 'user',
      entityId: id,
      agencyId: current.agencyId,
      before: { totp: removed.totp, passkeys: removed.passkeys },
      after: { totp: false, passkeys: [] },
    });
    return getUser(tx, actor, id);
  });
}
