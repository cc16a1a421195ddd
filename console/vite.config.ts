/**
 * The console's build (`npm run build:console`): a static single-page app in `dist/console-app/`, served by
 * Capgate at `/console` (src/console/console.routes.ts). No inline scripts (the page's CSP forbids them).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  base: '/console/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: path.join(root, '..', 'dist', 'console-app'),
    emptyOutDir: true,
    target: 'es2020',
    // Vite's module-preload polyfill is an inline script otherwise; evergreen browsers do not need it.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
  },
});
