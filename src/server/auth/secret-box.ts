import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';

/**
 * Secrets the server must read back (TOTP seeds) are stored sealed with AES-256-GCM, so a database dump alone does not
 * give away anyone's second factor. The key is MFA_SECRET_KEY, or else a random key kept in `DATA_DIR/mfa-secret.key`
 * (one node; several nodes share MFA_SECRET_KEY).
 */
const keys = new WeakMap<Config, Buffer>();

function keyOf(config: Config): Buffer {
  let key = keys.get(config);
  if (key) return key;
  let material = config.mfaSecretKey;
  if (!material) {
    const file = path.join(config.dataDir, 'mfa-secret.key');
    if (!existsSync(file)) {
      mkdirSync(config.dataDir, { recursive: true });
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    }
    material = readFileSync(file, 'utf8').trim();
  }
  key = createHash('sha256').update(material).digest();
  keys.set(config, key);
  return key;
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url. */
export function seal(config: Config, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(config), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export function unseal(config: Config, sealed: string): string {
  const [, iv = '', tag = '', body = ''] = sealed.split('.');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(config), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
