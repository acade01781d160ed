/**
 * Sign-in against the province's directory (OpenLDAP, Active Directory) through `ldapts`: the service account finds
 * the one entry the filter names, then a bind as that entry with the typed password checks it. The entry is matched
 * to a Khiên account as accounts.ts says; the account then signs in through that entry only (its local password is
 * dropped, users/account.ts linkDirectory), so disabling someone in the directory shuts them out here too.
 */
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import type { FastifyBaseLogger } from 'fastify';
import { Client, Filter, InvalidCredentialsError, SizeLimitExceededError, type Entry } from 'ldapts';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { AppError } from '../../http/errors.ts';
import { AccountRefused, externalAccount } from './accounts.ts';

type LdapConfig = NonNullable<Config['ldap']>;
export type DirectoryEntry = { dn: string; username: string; email: string | null; fullName: string };

const directoryUnavailable = () =>
  new AppError(
    503,
    'directory_unavailable',
    'The directory (LDAP/Active Directory) does not answer; try again later or tell the administrator',
    'Không kết nối được máy chủ thư mục (LDAP/Active Directory); vui lòng thử lại sau hoặc báo quản trị viên',
  );

const REFUSALS: Record<AccountRefused['reason'], [string, string]> = {
  no_account: [
    'The directory knows you, but no Khiên account matches yours; ask an administrator to create one',
    'Thư mục đã xác nhận bạn nhưng chưa có tài khoản Khiên tương ứng; hãy đề nghị quản trị viên tạo tài khoản',
  ],
  account_disabled: ['Your Khiên account is locked; ask an administrator', 'Tài khoản Khiên của bạn đã bị khoá; hãy liên hệ quản trị viên'],
  username_taken: [
    'Your directory username belongs to another Khiên account; ask an administrator',
    'Tên đăng nhập trong thư mục đã thuộc về một tài khoản Khiên khác; hãy liên hệ quản trị viên',
  ],
};

/** The first value of an attribute, whatever case the server names it in. */
function attributeOf(entry: Entry, attribute: string): string | null {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  const raw = key ? entry[key] : undefined;
  const first = Array.isArray(raw) ? raw[0] : raw;
  const text = first === undefined ? '' : first.toString().trim();
  return text || null;
}

/** TLS checks the certificate against the URL's host (ldapts' StartTLS would otherwise check "localhost"). */
function tlsOptions(l: LdapConfig): ConnectionOptions {
  const host = new URL(l.url).hostname.replace(/^\[|\]$/g, '');
  return { ...(l.ca ? { ca: l.ca } : {}), host, ...(isIP(host) ? {} : { servername: host }) };
}

class DirectoryDown extends Error {}

/**
 * The entry whose password this is, or null when the directory says no (no such entry, more than one, a wrong
 * password). Throws DirectoryDown when the directory cannot be asked: unreachable, TLS refused, the service account
 * refused, the base DN missing.
 */
async function authenticate(l: LdapConfig, typed: string, password: string): Promise<DirectoryEntry | null> {
  // An empty password would make the bind "unauthenticated", which some directories (Active Directory) accept.
  if (!password) return null;
  // ldapts speaks TLS from the start whenever tlsOptions are given: only for ldaps://.
  const ldaps = new URL(l.url).protocol === 'ldaps:';
  const client = new Client({ url: l.url, connectTimeout: 5_000, timeout: 10_000, ...(ldaps ? { tlsOptions: tlsOptions(l) } : {}) });
  try {
    let entries: Entry[];
    try {
      if (l.startTls) await client.startTLS(tlsOptions(l));
      if (l.bindDn) await client.bind(l.bindDn, l.bindPassword);
      // The typed name is escaped (RFC 4515) before it goes into the configured filter: `*)(uid=*` stays a literal name.
      const filter = l.userFilter.replaceAll('{username}', Filter.escape(typed));
      const attributes = [l.attributes.username, l.attributes.email, l.attributes.name];
      entries = (await client.search(l.baseDn, { scope: 'sub', filter, sizeLimit: 2, attributes })).searchEntries;
    } catch (err) {
      if (err instanceof SizeLimitExceededError) return null;
      throw new DirectoryDown(`${(err as Error).name}: ${(err as Error).message}`);
    }
    // None, or a name two entries answer to: nobody to check the password of.
    if (entries.length !== 1) return null;
    const entry = entries[0]!;
    try {
      await client.bind(entry.dn, password);
    } catch (err) {
      if (err instanceof InvalidCredentialsError) return null;
      throw new DirectoryDown(`bind as the entry: ${(err as Error).name}: ${(err as Error).message}`);
    }
    const username = (attributeOf(entry, l.attributes.username) ?? typed).toLowerCase();
    return {
      dn: entry.dn,
      username,
      email: attributeOf(entry, l.attributes.email)?.toLowerCase() ?? null,
      fullName: attributeOf(entry, l.attributes.name) ?? username,
    };
  } finally {
    await client.unbind().catch(() => {});
  }
}

/** The directory's answer for the typed name and password: the entry, null for "no", a 503 when it cannot answer. */
export async function directoryEntry(config: Config, log: FastifyBaseLogger, typed: string, password: string) {
  try {
    return await authenticate(config.ldap!, typed, password);
  } catch (err) {
    if (!(err instanceof DirectoryDown)) throw err;
    log.error({ detail: err.message, url: config.ldap!.url }, 'directory unavailable');
    throw directoryUnavailable();
  }
}

/** The Khiên account of a directory entry the directory vouched for, or why not (a 403 naming the reason). */
export async function directoryAccount(db: Db, config: Config, entry: DirectoryEntry, ip: string) {
  try {
    return await externalAccount(
      db,
      entry,
      { agencyId: config.ldap!.provisionAgencyId, setting: 'LDAP_PROVISION_AGENCY_ID', source: { directory: entry.dn }, directoryDn: entry.dn },
      ip,
    );
  } catch (err) {
    if (!(err instanceof AccountRefused)) throw err;
    const [message, messageVi] = REFUSALS[err.reason];
    throw new AppError(403, `directory_${err.reason}`, message, messageVi, 'username');
  }
}
