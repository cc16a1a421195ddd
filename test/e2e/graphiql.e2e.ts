/**
 * GraphiQL served by Capgate, in headless Chromium: the page loads with no CSP violation or console
 * error, the API key typed into the key field is used, `summarize` runs, and a streamed
 * `invokeStream` shows its events over the WebSocket, ending with one COMPLETED.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchBrowser } from './support/browser.js';

describe('GraphiQL in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ redis: true }), launchBrowser()]);
    page = await browser.newPage();
    page.on('console', (message) => {
      // Chromium logs every 401 as an error; the IDE's requests before a key is entered get one.
      if (message.type() === 'error' && !/status of 401/.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const resultText = () => page.locator('.result-window').innerText();

  async function run(): Promise<void> {
    await page.locator('.graphiql-execute-button').click();
  }

  it('opens, takes the key, runs summarize and streams invokeStream', async () => {
    await page.goto(`${app.url}/graphql`);
    await page.locator('.graphiql-execute-button').waitFor();
    expect(problems).toEqual([]);

    // Without a key the API refuses.
    await run();
    await expect.poll(resultText, { timeout: 15_000 }).toMatch(/UNAUTHENTICATED/);

    await page.locator('#capgate-api-key').fill(app.adminKey);
    expect(await page.evaluate('sessionStorage.getItem("capgate.apiKey")')).toBe(app.adminKey);

    // The first tab is the Summarize example.
    await run();
    await expect.poll(resultText, { timeout: 15_000 }).toMatch(/"summary": "/);
    expect(await resultText()).toMatch(/"model": "local\/extractive-summarizer"/);

    // The InvokeStream tab: events arrive over graphql-ws and GraphiQL shows them.
    const frames: string[] = [];
    page.on('websocket', (socket) =>
      socket.on('framereceived', (frame) => frames.push(String(frame.payload))),
    );
    const streamTab = page.locator('.graphiql-tab').filter({ hasText: 'InvokeStream' });
    await streamTab.click();
    // Run only once GraphiQL has switched: the active tab and its editor hold the subscription
    // (clicking Run during the switch sends the previous tab's operation name).
    await expect.poll(() => streamTab.getAttribute('class')).toMatch(/graphiql-tab-active/);
    await expect
      .poll(() => page.locator('.graphiql-query-editor').innerText(), { timeout: 10_000 })
      .toMatch(/invokeStream/);
    await run();
    await expect.poll(resultText, { timeout: 20_000 }).toMatch(/"type": "COMPLETED"/);
    const events = frames
      .map(
        (frame) =>
          JSON.parse(frame) as { type: string; payload?: { data?: { invokeStream?: { type: string } } } },
      )
      .filter((message) => message.type === 'next')
      .map((message) => message.payload?.data?.invokeStream?.type);
    expect(events[0]).toBe('STARTED');
    expect(events).toContain('DELTA');
    expect(events.filter((type) => type === 'COMPLETED' || type === 'FAILED')).toEqual(['COMPLETED']);
    expect(problems).toEqual([]);
  });
});
