/**
 * A real OpenLDAP server for the tests: Debian's `slapd` on a free loopback port, with its own slapd.conf and mdb
 * database in a temporary folder (the machine's own slapd, if one runs, is left alone), the core, cosine,
 * inetorgperson and nis schemas, a root DN that populates it, a service account that may search and users who may
 * only bind. Anonymous clients see nothing, as in a province's directory. Optionally TLS with a throwaway CA: StartTLS
 * on the ldap:// port and an ldaps:// port besides.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'ldapts';

export const SUFFIX = 'dc=tinh,dc=gov,dc=vn';
export const PEOPLE = `ou=people,${SUFFIX}`;
const ROOT_DN = `cn=admin,${SUFFIX}`;
const ROOT_PW = 'root-secret';
export const SERVICE_DN = `cn=khien,ou=services,${SUFFIX}`;
export const SERVICE_PASSWORD = 'dich-vu-khien-2026';

export type DirectoryUser = { uid: string; password: string; cn: string; sn?: string; mail?: string };

/** `{SSHA}` as slappasswd writes it: the directory keeps no clear password. */
const ssha = (password: string) => {
  const salt = randomBytes(8);
  return `{SSHA}${Buffer.concat([createHash('sha1').update(password).update(salt).digest(), salt]).toString('base64')}`;
};

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });

/** A CA and a certificate for 127.0.0.1 signed by it, made with openssl; returns the files' paths. */
function makeCertificates(dir: string) {
  const run = (...args: string[]) => {
    const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${args[0]}: ${r.stderr}`);
  };
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Khien test CA', '-keyout', 'ca.key', '-out', 'ca.pem');
  run('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', 'server.key', '-out', 'server.csr');
  writeFileSync(path.join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'ext.cnf', '-out', 'server.pem');
  return { ca: path.join(dir, 'ca.pem'), cert: path.join(dir, 'server.pem'), key: path.join(dir, 'server.key') };
}

function slapdConf(dir: string, tls: ReturnType<typeof makeCertificates> | null) {
  const schema = (name: string) => `include /etc/ldap/schema/${name}.schema`;
  return [
    ...['core', 'cosine', 'inetorgperson', 'nis'].map(schema),
    `pidfile ${dir}/slapd.pid`,
    `argsfile ${dir}/slapd.args`,
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    ...(tls ? [`TLSCACertificateFile ${tls.ca}`, `TLSCertificateFile ${tls.cert}`, `TLSCertificateKeyFile ${tls.key}`] : []),
    'database mdb',
    'maxsize 16777216',
    `suffix "${SUFFIX}"`,
    `rootdn "${ROOT_DN}"`,
    `rootpw ${ROOT_PW}`,
    `directory ${dir}/db`,
    // Passwords: checked at bind, read by nobody. Entries: read by any bound account (the service searches), not anonymously.
    'access to attrs=userPassword by anonymous auth by * none',
    'access to * by users read by * none',
    '',
  ].join('\n');
}

export type LdapServer = {
  url: string;
  /** TLS servers only: the ldaps:// address, and the CA that signed the server's certificate. */
  ldapsUrl?: string;
  caFile?: string;
  addUser(u: DirectoryUser): Promise<void>;
  /** Stops slapd (the directory is then down); `start` brings it back on the same port with the same data. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
};

export async function startLdapServer(opts: { users: DirectoryUser[]; tls?: boolean }): Promise<LdapServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'khien-slapd-'));
  mkdirSync(path.join(dir, 'db'));
  const tls = opts.tls ? makeCertificates(dir) : null;
  writeFileSync(path.join(dir, 'slapd.conf'), slapdConf(dir, tls));
  let url = `ldap://127.0.0.1:${await freePort()}`;
  let ldapsUrl = tls ? `ldaps://127.0.0.1:${await freePort()}` : undefined;
  let child: ChildProcess | null = null;
  let log = '';

  const admin = async <T>(work: (c: Client) => Promise<T>) => {
    const c = new Client({ url, connectTimeout: 2000, timeout: 5000 });
    try {
      if (tls) await c.startTLS({ ca: readFileSync(tls.ca), host: '127.0.0.1' });
      await c.bind(ROOT_DN, ROOT_PW);
      return await work(c);
    } finally {
      await c.unbind().catch(() => {});
    }
  };

  async function start() {
    for (let attempt = 0; ; attempt++) {
      log = '';
      // -d keeps slapd in the foreground, a child of this process that `stop` ends.
      const listen = [url, ldapsUrl].filter(Boolean).join(' ');
      const proc = spawn('/usr/sbin/slapd', ['-f', path.join(dir, 'slapd.conf'), '-h', listen, '-d', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
      proc.stdout!.on('data', (d) => (log += d));
      proc.stderr!.on('data', (d) => (log += d));
      const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
      child = proc;
      // A test process that ends without closing the server leaves no slapd behind.
      const killOnExit = () => proc.kill('SIGTERM');
      process.once('exit', killOnExit);
      proc.once('exit', () => process.off('exit', killOnExit));
      // Ready when the root DN can bind; an early exit (the port taken meanwhile) tries another port.
      for (let wait = 0; ; wait++) {
        const gone = await Promise.race([exited, new Promise<false>((r) => setTimeout(() => r(false), 100))]);
        if (gone !== false) break;
        if (await admin(async () => true).catch(() => false)) return;
        if (wait === 200) {
          await stop();
          throw new Error(`slapd does not answer: ${log}`);
        }
      }
      child = null;
      if (attempt === 3) throw new Error(`slapd did not start: ${log}`);
      url = `ldap://127.0.0.1:${await freePort()}`;
      if (ldapsUrl) ldapsUrl = `ldaps://127.0.0.1:${await freePort()}`;
    }
  }

  async function stop() {
    const proc = child;
    if (!proc) return;
    child = null;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    await exited;
  }

  const addUser = (u: DirectoryUser) =>
    admin(async (c) => {
      await c.add(`uid=${u.uid},${PEOPLE}`, {
        objectClass: ['inetOrgPerson'],
        uid: u.uid,
        cn: u.cn,
        sn: u.sn ?? u.cn.split(' ').at(-1)!,
        userPassword: ssha(u.password),
        ...(u.mail ? { mail: u.mail } : {}),
      });
    });

  await start();
  await admin(async (c) => {
    await c.add(SUFFIX, { objectClass: ['dcObject', 'organization'], dc: 'tinh', o: 'Tỉnh' });
    for (const ou of ['people', 'services']) await c.add(`ou=${ou},${SUFFIX}`, { objectClass: 'organizationalUnit', ou });
    await c.add(SERVICE_DN, { objectClass: ['organizationalRole', 'simpleSecurityObject'], cn: 'khien', userPassword: ssha(SERVICE_PASSWORD) });
  });
  for (const u of opts.users) await addUser(u);

  return {
    get url() {
      return url;
    },
    get ldapsUrl() {
      return ldapsUrl;
    },
    caFile: tls?.ca,
    addUser,
    stop,
    start,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
