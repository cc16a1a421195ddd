/**
 * Browser tests (`npm run test:e2e`): `test/e2e/**\/*.e2e.ts`, each against a real Capgate instance
 * (the same engine and Redis setup as `npm test`) driven in Debian's Chromium through playwright-core.
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/global-setup.ts', 'test/e2e/support/browser-setup.ts'],
    testTimeout: 60_000,
    maxWorkers: 1,
  },
});
