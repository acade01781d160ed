/**
 * One signed POST to a receiver (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature). Bounded:
 * TIMEOUT_MS for the whole exchange, at most RESPONSE_BYTES of the answer read, redirects not followed (a 3xx is a
 * failure), addresses checked by address.ts.
 */
import http from 'node:http';
import https from 'node:https';
import { Webhook } from 'standardwebhooks';
import { guardedLookup } from './address.ts';

const TIMEOUT_MS = 10_000;
const RESPONSE_BYTES = 4096;

export type SendResult = { ok: boolean; statusCode: number | null; error: string | null; durationMs: number };

export async function sendSigned(
  target: { url: string; secret: string; allowLoopback: boolean },
  message: { id: string; timestamp: Date; body: string },
): Promise<SendResult> {
  const signature = new Webhook(target.secret).sign(message.id, message.timestamp, message.body);
  const url = new URL(target.url);
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null): SendResult => ({
    ok: statusCode !== null && statusCode >= 200 && statusCode < 300,
    statusCode,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  return new Promise((resolve) => {
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        lookup: guardedLookup(target.allowLoopback),
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(message.body),
          'user-agent': 'Khien-Webhooks/1',
          'webhook-id': message.id,
          'webhook-timestamp': String(Math.floor(message.timestamp.getTime() / 1000)),
          'webhook-signature': signature,
        },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      },
      (res) => {
        let read = 0;
        const finish = () => resolve(done(res.statusCode ?? null, res.statusCode && res.statusCode >= 300 ? `HTTP ${res.statusCode}` : null));
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          // Enough read to know the answer: the rest of a large body is not waited for.
          if (read > RESPONSE_BYTES) {
            res.destroy();
            finish();
          }
        });
        res.on('end', finish);
        res.on('error', finish);
      },
    );
    request.on('error', (err: Error & { code?: string }) => {
      const reason = err.name === 'TimeoutError' || err.name === 'AbortError' ? `no answer within ${TIMEOUT_MS / 1000} s` : err.message;
      resolve(done(null, reason.slice(0, 500)));
    });
    request.end(message.body);
  });
}
