/**
 * The dashboard's build: web/ → dist/web (run by `npm run build:web`, part of `npm run build`).
 * Everything is bundled (preact, the world outline): the built dashboard needs no network.
 * `npx vite --config web/vite.config.ts` serves it in development, with the API proxied to a
 * running `parley serve` on 127.0.0.1:8080.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const API = ['/articles', '/events', '/actors', '/network', '/dyads', '/quotes', '/commitments', '/places', '/health', '/openapi.json'];

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // no inline scripts or styles: the server's CSP is script-src 'self'; style-src 'self'
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 700,
  },
  server: { proxy: Object.fromEntries(API.map((p) => [p, 'http://127.0.0.1:8080'])) },
});
