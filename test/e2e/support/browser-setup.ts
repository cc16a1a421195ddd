/**
 * Global setup of the browser tests: Chromium must be installed (Debian's package; never a download),
 * and the IDE and console bundles are rebuilt so the browser runs the current code.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumPath: string;
  }
}

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export default function setup(project: TestProject): void {
  const chromium = process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;
  try {
    accessSync(chromium, constants.X_OK);
  } catch {
    throw new Error(
      `The browser tests need Chromium at ${chromium} (set CHROMIUM_PATH to use another). ` +
        'Install it with: apt-get update && apt-get install -y chromium',
    );
  }
  execFileSync('npm', ['run', '--silent', 'build:ide'], { stdio: 'inherit' });
  // A production build, as `npm run build` makes it: the test runner's NODE_ENV=test would otherwise
  // give Vite React's and Apollo's development builds.
  execFileSync('npm', ['run', '--silent', 'build:console'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  project.provide('chromiumPath', chromium);
}
