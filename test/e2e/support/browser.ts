/** Launches the installed Chromium headless for one test file (see browser-setup.ts). */
import { chromium, type Browser } from 'playwright-core';
import { inject } from 'vitest';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: inject('chromiumPath'),
    headless: true,
    // Containers often run as root without user namespaces; /dev/shm may be small.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}
