/**
 * The first screen (issue 20): what the login page costs a browser, measured in Debian's Chromium over the network
 * as sent (encoded bytes, so compression counts), cold and then from the cache, and over a 1.6 Mbit/s line.
 *
 *   npm run build && npx tsx bench/first-screen.ts        (no generated dataset needed: embedded PGlite, no demo data)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type CDPSession } from 'playwright-core';
import { startKhien } from './lib/app.ts';
import { table } from './lib/load.ts';

const PORT = 3903;
const LINE = { bitsPerSecond: 1_600_000, latencyMs: 100 };

type Response = { url: string; type: string; status: number; encoding: string; cacheControl: string; bytes: number; fromCache: boolean };

/** Every response of one page load until the login form shows, with the bytes it took on the wire. */
async function loadLogin(browser: Browser, url: string, opts: { line?: boolean; warm?: boolean } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (opts.line) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: LINE.latencyMs,
      downloadThroughput: LINE.bitsPerSecond / 8,
      uploadThroughput: LINE.bitsPerSecond / 8,
    });
  }
  if (opts.warm) {
    await page.goto(url);
    await page.getByTestId('login-username').waitFor();
  }
  const seen = new Map<string, Response>();
  cdp.on('Network.responseReceived', (e) => {
    const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    seen.set(e.requestId, {
      url: e.response.url.replace(url, ''),
      type: e.type,
      status: e.response.status,
      encoding: h['content-encoding'] ?? '',
      cacheControl: h['cache-control'] ?? '',
      bytes: 0,
      fromCache: e.response.fromDiskCache || e.response.fromPrefetchCache || false,
    });
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const r = seen.get(e.requestId);
    if (r) r.fromCache = true;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = seen.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  const start = performance.now();
  await page.goto(url);
  await page.getByTestId('login-username').waitFor();
  const ms = performance.now() - start;
  await page.waitForLoadState('networkidle');
  await context.close();
  return { ms, responses: [...seen.values()] };
}

const kB = (n: number) => (n / 1000).toFixed(1);
const dataDir = mkdtempSync(path.join(tmpdir(), 'khien-first-screen-'));
const khien = await startKhien(PORT, { DATABASE_URL: '', DATA_DIR: dataDir });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const cold = await loadLogin(browser, khien.url);
  const line = await loadLogin(browser, khien.url, { line: true });
  const warm = await loadLogin(browser, khien.url, { warm: true });

  console.log('\nThe login page, cold cache, every response:');
  table(
    ['path', 'type', 'status', 'encoding', 'cache-control', 'kB on the wire'],
    cold.responses.map((r) => [r.url || '/', r.type, r.status, r.encoding || '—', r.cacheControl || '—', kB(r.bytes)]),
  );
  const sum = (rs: Response[], type?: string) => rs.filter((r) => !type || r.type === type).reduce((s, r) => s + r.bytes, 0);
  const scripts = cold.responses.filter((r) => r.type === 'Script');
  const assets = cold.responses.filter((r) => r.url.startsWith('/assets/'));
  const textual = cold.responses.filter((r) => ['Script', 'Stylesheet', 'Document'].includes(r.type));
  const favicon = cold.responses.find((r) => r.url === '/favicon.svg');
  // From the memory or disk cache an asset takes no bytes on the wire.
  const warmFetched = warm.responses.filter((r) => r.url.startsWith('/assets/') && !r.fromCache && r.bytes > 0);

  console.log('\nTargets:');
  table(
    ['target', 'measured', 'met'],
    [
      ['login page JS ≤ 250 kB compressed', `${kB(sum(scripts))} kB in ${scripts.length} files`, sum(scripts) <= 250_000 ? 'yes' : 'no'],
      ['scripts, styles, page compressed', textual.map((r) => r.encoding || 'none').join(', '), textual.every((r) => r.encoding) ? 'yes' : 'no'],
      [
        'hashed assets immutable for a year',
        `${assets.filter((r) => r.cacheControl === 'public, max-age=31536000, immutable').length}/${assets.length}`,
        assets.every((r) => r.cacheControl === 'public, max-age=31536000, immutable') ? 'yes' : 'no',
      ],
      [
        'index.html no-cache',
        cold.responses.find((r) => r.type === 'Document')?.cacheControl ?? '—',
        cold.responses.find((r) => r.type === 'Document')?.cacheControl === 'no-cache' ? 'yes' : 'no',
      ],
      ['a favicon', favicon ? `${favicon.status}, ${kB(favicon.bytes)} kB` : 'none', favicon?.status === 200 ? 'yes' : 'no'],
      ['second visit fetches no asset again', `${warmFetched.length} fetched`, warmFetched.length === 0 ? 'yes' : 'no'],
    ],
  );
  console.log('\nTime to the login form:');
  table(
    ['load', 'ms', 'kB on the wire'],
    [
      ['cold, loopback', Math.round(cold.ms), kB(sum(cold.responses))],
      [`cold, ${LINE.bitsPerSecond / 1e6} Mbit/s + ${LINE.latencyMs} ms`, Math.round(line.ms), kB(sum(line.responses))],
      ['warm cache, loopback', Math.round(warm.ms), kB(sum(warm.responses))],
    ],
  );
} finally {
  await browser.close();
  await khien.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
