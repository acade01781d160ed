import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const outDir = path.resolve(import.meta.dirname, 'dist/web');

/**
 * Writes `.br` and `.gz` beside every text file of the build at the highest levels, once: the server sends them as
 * they are (@fastify/static `preCompressed`) instead of compressing each request.
 */
const precompress = (): Plugin => ({
  name: 'khien-precompress',
  apply: 'build',
  closeBundle() {
    for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.(js|css|html|svg|json)$/.test(entry.name)) continue;
      const file = path.join(entry.parentPath, entry.name);
      const data = readFileSync(file);
      writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }));
      writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
    }
  },
});

// The SPA lives in src/web and is served by Fastify from dist/web in production.
export default defineConfig({
  root: 'src/web',
  plugins: [react(), precompress()],
  build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
