/**
 * The console's build (`npm run build:console`): a static single-page app in `dist/console-app/`, served by
 * Capgate at `/console` (src/console/console.routes.ts). No inline scripts (the page's CSP forbids them).
 *
 * Split so the sign-in page loads little: the entry holds React, the router and the sign-in page; the
 * signed-in app (App.tsx) and each page are lazy chunks (React.lazy + dynamic import), and the big
 * libraries are vendor chunks of their own, loaded only by what needs them (Apollo and graphql-ws once
 * signed in, recharts by the Usage page).
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
    chunkSizeWarningLimit: 500,
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'vendor-react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            {
              name: 'vendor-apollo',
              test: /[\\/]node_modules[\\/](@apollo|graphql|graphql-ws|@wry|optimism|zen-observable|ts-invariant|symbol-observable|tslib|rehackt)[\\/]/,
            },
            {
              name: 'vendor-charts',
              test: /[\\/]node_modules[\\/](recharts|d3-[a-z-]+|victory-vendor|internmap|decimal\.js-light|es-toolkit|reselect|@reduxjs|redux|redux-thunk|react-redux)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
