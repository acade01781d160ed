import http from 'node:http';
import type { AddressInfo } from 'node:net';

type Received = { headers: Record<string, string>; body: string };

/**
 * A real HTTP receiver of webhooks on a loopback port: records every request, answers `status` (200 unless set),
 * and can go down (its port refuses connections) and come back on the same port.
 */
export async function startReceiver() {
  const received: Received[] = [];
  let status = 200;
  let delayMs = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8') });
      const code = status;
      setTimeout(() => res.writeHead(code, { 'content-type': 'text/plain' }).end(code < 300 ? 'ok' : 'no'), delayMs);
    });
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    answer(code: number, afterMs = 0) {
      status = code;
      delayMs = afterMs;
    },
    /** Stops listening: connections to the port are refused. */
    down: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    up: () => listen(port),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        if (!server.listening) resolve();
      }),
  };
}
