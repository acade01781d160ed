import { z } from 'zod';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { FilterParser } from 'ldapts';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  SESSION_SECRET: z.string().min(16).optional(),
  MFA_SECRET_KEY: z.string().min(16).optional(),
  /** The bearer token a Prometheus scraper sends to /metrics; without it /metrics is not served. */
  METRICS_TOKEN: z.string().min(16).optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  LOGIN_MAX_PER_IP: z.coerce.number().int().positive().default(20),
  LOGIN_MAX_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(20),
  NODE_ENV: z.string().default('development'),
  LOG_LEVEL: z.string().default('info'),
  INCIDENT_INTAKE_MAX_PER_HOUR: z.coerce.number().int().positive().default(10),
  HOTLINE_PHONE: z
    .string()
    .regex(/^[0-9+() .-]{3,30}$/, 'a telephone number')
    .optional(),
  INCIDENT_INTAKE_MIN_SECONDS: z.coerce.number().min(0).max(600).default(5),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Khiên <khien@localhost>'),
  PUBLIC_URL: z.string().url().optional(),
  WEBAUTHN_RP_ID: z.string().max(253).optional(),
  WEBAUTHN_ORIGIN: z.string().url().optional(),
  REMINDER_INTERVAL_MINUTES: z.coerce.number().min(0).default(15),
  DASHBOARD_CACHE_MB: z.coerce.number().min(0).default(32),
  DASHBOARD_CACHE_MAX_AGE_MINUTES: z.coerce.number().positive().default(10),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_LABEL: z.string().max(80).optional(),
  OIDC_SCOPES: z.string().default('openid email profile'),
  OIDC_PROVISION_AGENCY_ID: z.coerce.number().int().positive().optional(),
  LOCAL_LOGIN: z.enum(['true', 'false']).default('true'),
  LDAP_URL: z.string().url().optional(),
  LDAP_BIND_DN: z.string().optional(),
  LDAP_BIND_PASSWORD: z.string().optional(),
  LDAP_BASE_DN: z.string().optional(),
  LDAP_USER_FILTER: z.string().default('(uid={username})'),
  LDAP_USERNAME_ATTRIBUTE: z.string().default('uid'),
  LDAP_EMAIL_ATTRIBUTE: z.string().default('mail'),
  LDAP_NAME_ATTRIBUTE: z.string().default('cn'),
  LDAP_START_TLS: z.enum(['true', 'false']).default('false'),
  LDAP_CA_FILE: z.string().optional(),
  LDAP_LABEL: z.string().max(80).optional(),
  LDAP_PROVISION_AGENCY_ID: z.coerce.number().int().positive().optional(),
  FEED_IMPORT_DIR: z.string().optional(),
  FEED_IMPORT_URLS: z.string().optional(),
  FEED_IMPORT_USER: z.string().optional(),
  FEED_IMPORT_INTERVAL_MINUTES: z.coerce.number().min(0).default(60),
  WEBHOOK_INTERVAL_SECONDS: z.coerce.number().min(0).default(10),
  WEBHOOK_ALLOW_LOOPBACK: z.enum(['true', 'false']).default('false'),
});

export type Config = {
  port: number;
  /** Loopback unless set: a reverse proxy on the same host reaches it; HOST=0.0.0.0 listens on every interface. */
  host: string;
  databaseUrl?: string;
  dataDir: string;
  sessionSecret: string;
  /** Seals the TOTP secrets (auth/secret-box.ts); without it a key file in `dataDir` is made and kept. */
  mfaSecretKey?: string;
  metricsToken?: string;
  sessionTtlMs: number;
  /** 'auto' sets Secure when the request arrived over HTTPS (directly or via a trusted proxy). */
  cookieSecure: 'auto' | boolean;
  trustProxy: boolean;
  login: { maxPerIp: number; maxPerAccount: number; windowMs: number };
  seedDemo: boolean;
  /** Uploaded files live in `dataDir/files`, named by their SHA-256. */
  filesDir: string;
  maxUploadBytes: number;
  production: boolean;
  logLevel: string;
  /** The public incident hotline form: reports per IP per hour, and the least time a person takes to fill it. */
  incidentIntake: { maxPerHour: number; minFillSeconds: number };
  /** The province's 24/7 incident telephone, shown on the hotline form (unset: no number shown). */
  hotlinePhone?: string;
  /** Reminder e-mail: SMTP when set, otherwise .eml files in `outboxDir` (listed on the admin page). */
  smtpUrl?: string;
  mailFrom: string;
  outboxDir: string;
  /** Base of the links in e-mails. */
  publicUrl: string;
  /**
   * Passkeys (auth/passkeys.ts): the relying party's ID (a domain, by default PUBLIC_URL's host) and the origin the
   * browser signs (by default PUBLIC_URL's). A passkey is bound to the RP ID: changing it orphans every one.
   */
  webauthn: { rpId: string; rpName: string; origin: string };
  /** How often `main.ts` runs the reminder jobs; 0 turns the scheduler off. */
  reminderIntervalMs: number;
  /** Built dashboards kept in memory until a change (0 MB turns the cache off); see indicators/dashboard-cache.ts. */
  dashboardCache: { maxBytes: number; maxAgeMs: number };
  /**
   * Single sign-on with an OpenID provider (authorization code + PKCE; modules/auth/oidc.ts): users are matched by
   * e-mail or username, or provisioned without a role in `provisionAgencyId`. Null when OIDC_ISSUER is unset.
   */
  oidc: { issuer: string; clientId: string; clientSecret?: string; label?: string; scopes: string; provisionAgencyId?: number } | null;
  /**
   * Sign-in against the province's directory (OpenLDAP, Active Directory; modules/auth/ldap.ts): the service account
   * finds the entry by `userFilter` (`{username}` replaced by the escaped typed name), the typed password is checked
   * by binding as it, and the entry is matched to an account by e-mail or username, or provisioned without a role in
   * `provisionAgencyId`. `ca` is the PEM of LDAP_CA_FILE. Null when LDAP_URL is unset.
   */
  ldap: {
    url: string;
    bindDn?: string;
    bindPassword?: string;
    baseDn: string;
    userFilter: string;
    attributes: { username: string; email: string; name: string };
    startTls: boolean;
    ca?: string;
    label?: string;
    provisionAgencyId?: number;
  } | null;
  /** Sign-in with a local password; `false` leaves only single sign-on and the directory. */
  localLogin: boolean;
  /**
   * Warning feeds fetched on a schedule (modules/warnings/feed-sources.ts): the files put in a folder and the URLs
   * listed, imported as the named account; `intervalMs` 0 leaves it to the admin page's "run now".
   */
  feedImport: { dir?: string; urls: string[]; username?: string; intervalMs: number };
  /**
   * Webhook delivery (modules/webhooks): how often the dispatcher looks for work (0 turns it off), and whether a
   * receiver on this machine (loopback) may be sent to — for tests and a collector on the same host.
   */
  webhooks: { intervalMs: number; allowLoopback: boolean };
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = Env.parse(env);
  const dataDir = path.resolve(e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    // Without a configured secret, the CSRF cookie is signed with a per-process key: fine for one node.
    sessionSecret: e.SESSION_SECRET ?? cryptoRandom(),
    mfaSecretKey: e.MFA_SECRET_KEY,
    metricsToken: e.METRICS_TOKEN,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    trustProxy: e.TRUST_PROXY === 'true',
    login: { maxPerIp: e.LOGIN_MAX_PER_IP, maxPerAccount: e.LOGIN_MAX_PER_ACCOUNT, windowMs: e.LOGIN_WINDOW_MINUTES * 60_000 },
    seedDemo: e.SEED_DEMO === 'true',
    filesDir: path.join(dataDir, 'files'),
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
    production: e.NODE_ENV === 'production',
    logLevel: e.LOG_LEVEL,
    incidentIntake: { maxPerHour: e.INCIDENT_INTAKE_MAX_PER_HOUR, minFillSeconds: e.INCIDENT_INTAKE_MIN_SECONDS },
    hotlinePhone: e.HOTLINE_PHONE,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    outboxDir: path.join(dataDir, 'outbox'),
    publicUrl,
    webauthn: webauthnConfig(publicUrl, e),
    reminderIntervalMs: e.REMINDER_INTERVAL_MINUTES * 60_000,
    dashboardCache: { maxBytes: e.DASHBOARD_CACHE_MB * 1024 * 1024, maxAgeMs: e.DASHBOARD_CACHE_MAX_AGE_MINUTES * 60_000 },
    oidc: e.OIDC_ISSUER ? oidcConfig(e) : null,
    ldap: e.LDAP_URL ? ldapConfig(e) : null,
    localLogin: e.LOCAL_LOGIN === 'true',
    feedImport: {
      dir: e.FEED_IMPORT_DIR ? path.resolve(e.FEED_IMPORT_DIR) : undefined,
      urls: (e.FEED_IMPORT_URLS ?? '')
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(feedUrl),
      username: e.FEED_IMPORT_USER || undefined,
      intervalMs: e.FEED_IMPORT_INTERVAL_MINUTES * 60_000,
    },
    webhooks: { intervalMs: e.WEBHOOK_INTERVAL_SECONDS * 1000, allowLoopback: e.WEBHOOK_ALLOW_LOOPBACK === 'true' },
  };
}

function feedUrl(text: string) {
  if (!/^https?:\/\//i.test(text)) throw new Error(`FEED_IMPORT_URLS: "${text}" is not an http(s) URL`);
  return new URL(text).href;
}

/** Hosts on this machine: the only ones spoken to without TLS. */
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

function oidcConfig(e: z.infer<typeof Env>): NonNullable<Config['oidc']> {
  const issuer = new URL(e.OIDC_ISSUER!);
  // Plain HTTP only to a provider on this machine (tests, a sidecar): anywhere else the tokens would travel in clear.
  if (issuer.protocol !== 'https:' && !LOOPBACK.includes(issuer.hostname)) {
    throw new Error('OIDC_ISSUER must be an https URL (plain http only for a provider on this machine)');
  }
  if (!e.OIDC_CLIENT_ID) throw new Error('OIDC_ISSUER is set without OIDC_CLIENT_ID');
  return {
    issuer: e.OIDC_ISSUER!,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    label: e.OIDC_LABEL,
    scopes: e.OIDC_SCOPES,
    provisionAgencyId: e.OIDC_PROVISION_AGENCY_ID,
  };
}

function ldapConfig(e: z.infer<typeof Env>): NonNullable<Config['ldap']> {
  const url = new URL(e.LDAP_URL!);
  if (!['ldap:', 'ldaps:'].includes(url.protocol)) throw new Error('LDAP_URL must be an ldap:// or ldaps:// URL');
  const startTls = e.LDAP_START_TLS === 'true';
  // Passwords cross this connection: in clear only to a directory on this machine.
  if (url.protocol === 'ldap:' && !startTls && !LOOPBACK.includes(url.hostname)) {
    throw new Error('LDAP_URL must be ldaps://, or ldap:// with LDAP_START_TLS=true (plain ldap only for a directory on this machine)');
  }
  if (url.protocol === 'ldaps:' && startTls) throw new Error('LDAP_START_TLS is for ldap:// URLs; ldaps:// is TLS already');
  if (!e.LDAP_BASE_DN) throw new Error('LDAP_URL is set without LDAP_BASE_DN');
  if (e.LDAP_BIND_DN && !e.LDAP_BIND_PASSWORD) throw new Error('LDAP_BIND_DN is set without LDAP_BIND_PASSWORD');
  if (!e.LDAP_USER_FILTER.includes('{username}')) throw new Error('LDAP_USER_FILTER must contain {username}');
  try {
    FilterParser.parseString(e.LDAP_USER_FILTER.replaceAll('{username}', 'x'));
  } catch (err) {
    throw new Error(`LDAP_USER_FILTER is not an LDAP filter: ${(err as Error).message}`);
  }
  return {
    url: e.LDAP_URL!,
    bindDn: e.LDAP_BIND_DN,
    bindPassword: e.LDAP_BIND_PASSWORD,
    baseDn: e.LDAP_BASE_DN,
    userFilter: e.LDAP_USER_FILTER,
    attributes: { username: e.LDAP_USERNAME_ATTRIBUTE, email: e.LDAP_EMAIL_ATTRIBUTE, name: e.LDAP_NAME_ATTRIBUTE },
    startTls,
    ca: e.LDAP_CA_FILE ? readFileSync(e.LDAP_CA_FILE, 'utf8') : undefined,
    label: e.LDAP_LABEL,
    provisionAgencyId: e.LDAP_PROVISION_AGENCY_ID,
  };
}

function webauthnConfig(publicUrl: string, e: z.infer<typeof Env>): Config['webauthn'] {
  const origin = new URL(e.WEBAUTHN_ORIGIN ?? publicUrl);
  const rpId = (e.WEBAUTHN_RP_ID ?? origin.hostname).toLowerCase();
  // The browser accepts an RP ID only if it is the origin's host or a domain that host is under (WebAuthn §5.1.3).
  if (origin.hostname !== rpId && !origin.hostname.endsWith(`.${rpId}`)) {
    throw new Error(`WEBAUTHN_RP_ID "${rpId}" is neither the host of ${origin.origin} nor a domain it is under`);
  }
  return { rpId, rpName: 'Khiên', origin: origin.origin };
}

function cryptoRandom(): string {
  return globalThis.crypto.randomUUID() + globalThis.crypto.randomUUID();
}
