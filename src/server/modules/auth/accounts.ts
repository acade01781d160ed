/**
 * The Khiên account an outside identity names, whether a single sign-on's claims (oidc.ts) or a directory entry
 * (ldap.ts): by its e-mail when exactly one account has it, else by username; with none, one is provisioned without
 * a role in the configured agency (an admin grants roles), if the deployment says so. An inactive account, one of an
 * inactive agency, or a machine's account is refused, whatever the outside says.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { provisionSsoUser, users } from '../users/index.ts';
import { agencies } from '../agencies/index.ts';
import { recordAudit } from '../audit/index.ts';

export type AccountRefusal = 'no_account' | 'account_disabled' | 'username_taken';

export class AccountRefused extends Error {
  constructor(
    readonly reason: AccountRefusal,
    detail: string,
  ) {
    super(detail);
  }
}

/** Who the outside says this is; `email` only when the outside vouches for it, lower-case. */
export type Identity = { email: string | null; username: string; fullName: string };

type Provision = {
  /** The agency new accounts go to; none: no account is made. */
  agencyId: number | undefined;
  /** The setting that names it, for the log. */
  setting: string;
  /** Where the account came from, kept in the audit entry. */
  source: Record<string, unknown>;
  directoryDn?: string;
};

const USERNAME = /^[a-z0-9._-]{3,50}$/;

export async function externalAccount(db: Db, who: Identity, provision: Provision, ip: string) {
  const { email, username } = who;
  const select = () =>
    db.select({ user: users, agencyName: agencies.name, agencyActive: agencies.active }).from(users).innerJoin(agencies, eq(agencies.id, users.agencyId));
  // An e-mail two accounts share names neither: the username decides then.
  const withEmail = email ? await select().where(sql`lower(${users.email}) = ${email}`).limit(2) : [];
  const byEmail = withEmail.length === 1 ? withEmail[0] : undefined;
  const [byName] = byEmail ? [byEmail] : USERNAME.test(username) ? await select().where(eq(users.username, username)) : [];
  const found = byEmail ?? byName;
  if (found) {
    if (!found.user.active || !found.agencyActive || found.user.serviceAccount)
      throw new AccountRefused('account_disabled', 'The account is locked or is a machine account');
    return found;
  }
  const agencyId = provision.agencyId;
  if (!agencyId) throw new AccountRefused('no_account', 'No account matches, and accounts are not made at sign-in');
  if (!USERNAME.test(username)) throw new AccountRefused('no_account', `The outside username "${username}" cannot be a Khiên username`);
  return db.transaction(async (tx) => {
    const [agency] = await tx
      .select()
      .from(agencies)
      .where(and(eq(agencies.id, agencyId), eq(agencies.active, true)));
    if (!agency) throw new AccountRefused('no_account', `${provision.setting} names no active agency`);
    const user = await provisionSsoUser(tx, { agencyId, username, fullName: who.fullName, email, directoryDn: provision.directoryDn ?? null });
    // A username already held by an account the e-mail did not match is not taken over.
    if (!user) throw new AccountRefused('username_taken', `The username ${username} belongs to another account`);
    await recordAudit(
      tx,
      { userId: user.id, fullName: user.fullName, ip },
      { action: 'provision', entity: 'user', entityId: user.id, agencyId, after: { username, email, ...provision.source } },
    );
    return { user, agencyName: agency.name, agencyActive: true };
  });
}
