/**
 * The console in headless Chromium, as a person uses it: sign in with the bootstrap admin key; register
 * a provider and a model (an OpenAI-compatible fake upstream on 127.0.0.1) through the forms; register
 * a custom capability through the form, seeing a schema error inline first; run it in the playground
 * and watch the output stream in; see the usage chart and totals gain the run; find the run in the
 * runs list; create a VIEWER key and check that its console offers no edit; revoke that key and see
 * its console signed out. Each page is screenshotted into test/e2e/artifacts/console/ (gitignored),
 * at 1280×800 and some at 390 px wide. No CSP violation or script error is allowed on any page.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mcpSnippet, openAiSnippet } from '../../console/src/lib/snippets.js';
import { startOpenAiFake, type FakeServer } from '../fakes/index.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchBrowser } from './support/browser.js';

const ARTIFACTS = path.join(import.meta.dirname, 'artifacts', 'console');
const PROSE = 'Gateways route every request. They govern spend and stream answers back to the caller.';

describe('the console in Chromium', () => {
  const id = randomUUID().slice(0, 6);
  const providerName = `fake-${id}`;
  const modelName = `fake-${id}/writer`;
  const capabilityName = `blurb-${id}`;
  let app: TestApp;
  let upstream: FakeServer;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  let viewerKey = '';
  const problems: string[] = [];

  const watch = (target: Page, who: string) => {
    target.on('console', (message) => {
      // Chromium logs refused requests (the revoked key's 401) as errors; everything else is a problem.
      if (message.type() === 'error' && !/status of 401/.test(message.text()))
        problems.push(`${who}: ${message.text()}`);
    });
    target.on('pageerror', (error) => problems.push(`${who}: ${error.message}`));
  };
  const shot = (target: Page, name: string) =>
    target.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  const go = (target: Page, to: string) => target.goto(`${app.url}/console${to}`);

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [app, upstream, browser] = await Promise.all([
      startTestApp({ redis: true }),
      startOpenAiFake(),
      launchBrowser(),
    ]);
    admin = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await admin.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    page = await admin.newPage();
    watch(page, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await upstream?.close();
  });

  it('is served with a strict CSP, no framing, and a sign-in page', async () => {
    const response = await page.goto(`${app.url}/console/`);
    expect(response?.status()).toBe(200);
    const headers = response!.headers();
    expect(headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(headers['content-security-policy']).toMatch(/connect-src 'self'(;|$)/);
    expect(headers['x-frame-options']).toBe('DENY');
    // A client-side route is the same app (SPA fallback); an unknown asset is a 404.
    expect((await fetch(`${app.url}/console/usage`)).status).toBe(200);
    expect((await fetch(`${app.url}/console/assets/nope.js`)).status).toBe(404);

    await page.getByLabel('API key').fill('cg_wrong_key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/./);
    await shot(page, '01-sign-in-error');
    expect(await page.evaluate('sessionStorage.length')).toBe(0);

    await page.getByLabel('API key').fill(app.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Capabilities', level: 1 }).waitFor();
    expect(await page.evaluate('sessionStorage.getItem("capgate.console.apiKey")')).toBe(app.adminKey);
    expect(await page.evaluate('localStorage.length')).toBe(0);
    await page.getByRole('link', { name: 'summarize' }).waitFor();
    await shot(page, '02-catalog');
    expect(problems).toEqual([]);
  });

  it('registers a provider and a model through the forms, the provider key write-only', async () => {
    await page.getByRole('link', { name: 'Providers & models' }).click();
    await page.getByRole('heading', { name: 'Providers & models' }).waitFor();
    await page.getByLabel('Name', { exact: true }).first().fill(providerName);
    await page.getByLabel('Base URL').fill(upstream.url);
    await page.getByLabel('API key (write-only)').fill('sk-fake-secret');
    await page.getByRole('button', { name: 'Save provider' }).click();
    await page.getByText(`Saved ${providerName}.`).waitFor();
    const providerRow = page.getByRole('row').filter({ hasText: providerName });
    await expect.poll(() => providerRow.innerText()).toMatch(/\bset\b/);
    expect(await page.content()).not.toContain('sk-fake-secret');

    await page.locator('#model-name').fill(modelName);
    await page.locator('#model-provider').selectOption(providerName);
    await page.locator('#model-upstream').fill('writer');
    await page.locator('#model-in').fill('1000');
    await page.locator('#model-out').fill('2000');
    await page.getByRole('button', { name: 'Save model' }).click();
    await page.getByText(`Saved ${modelName}.`).waitFor();
    await page.getByRole('row').filter({ hasText: modelName }).waitFor();
    await shot(page, '03-providers-models');
  });

  it('registers a custom capability through the form, showing a schema error inline first', async () => {
    await page.getByRole('link', { name: 'Capabilities' }).click();
    await page.getByRole('link', { name: 'Register a capability' }).click();
    await page.getByRole('heading', { name: 'Register a capability' }).waitFor();
    await page.getByLabel('Name').fill(capabilityName);
    await page.getByLabel('Description').fill('A short blurb about a topic');

    const schema = page.getByLabel('Input schema (JSON Schema)');
    // A type that JSON Schema does not have: the problem shows as it is typed, under the editor.
    await schema.fill('{"type":"object","properties":{"topic":{"type":"strin"}},"required":["topic"]}');
    const problemsList = page.getByTestId('cap-input-schema-problems');
    await expect
      .poll(() => problemsList.innerText())
      .toMatch(/\/properties\/topic\/type.*"strin" is not a JSON Schema type/);
    expect(await schema.getAttribute('aria-invalid')).toBe('true');
    // Broken JSON: line and column.
    await schema.fill('{"type":"object",\n"properties": {"topic": {"type": "string"},}}');
    await expect.poll(() => problemsList.innerText()).toMatch(/Line 2, column \d+: Not valid JSON/);
    await shot(page, '04-capability-form-schema-error');
    // Saving with a problem is refused on the page.
    await page.getByRole('button', { name: 'Register capability' }).click();
    await page.getByText('Fix the schema problems shown above first.').waitFor();

    await schema.fill(
      JSON.stringify(
        {
          type: 'object',
          properties: { topic: { type: 'string', description: 'What to write about' } },
          required: ['topic'],
        },
        null,
        2,
      ),
    );
    await page.getByText('Valid JSON Schema').first().waitFor();
    await page.getByLabel('Prompt template').fill('Write a blurb about {{input.topic}}.');
    await page.getByLabel('Sample input (for the preview)').fill('{"topic":"gateways"}');
    await expect
      .poll(() => page.getByLabel('Prompt preview').innerText())
      .toBe('Write a blurb about gateways.');
    await page.getByLabel('Model', { exact: true }).selectOption(modelName);
    await page.getByRole('button', { name: 'Add implementation' }).click();
    await page.getByLabel('Routing strategy').selectOption('FALLBACK');
    await page.getByLabel('inputs').check();
    await page.getByLabel('outputs').check();
    await shot(page, '05-capability-form');
    await page.getByRole('button', { name: 'Register capability' }).click();

    await page.getByRole('heading', { name: capabilityName, level: 1 }).waitFor();
    await expect.poll(() => page.getByRole('table').first().innerText()).toContain(modelName);
    await shot(page, '06-capability-detail');
    expect(problems).toEqual([]);
  });

  it('runs it in the playground and shows the output streaming in, then the run facts', async () => {
    upstream.enqueue({ type: 'reply', text: PROSE, chunks: 8, chunkIntervalMs: 250 });
    await page.getByRole('link', { name: 'Open in playground' }).click();
    await page.getByRole('heading', { name: 'Playground' }).waitFor();
    const topic = page.getByLabel(/Topic/);
    await topic.waitFor();

    // The form is the schema's: an empty required field is refused where it is.
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByText('Topic is required').waitFor();
    await topic.fill('gateways');

    const frames: string[] = [];
    page.on('websocket', (socket) =>
      socket.on('framereceived', (frame) => frames.push(String(frame.payload))),
    );
    await page.getByRole('button', { name: 'Run' }).click();
    const output = page.getByTestId('stream-output');
    // Seen part-way: some text, not all of it yet.
    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          const text = (await output.count()) > 0 ? await output.innerText() : '';
          if (text) seen.add(text);
          return [...seen].some((value) => value.length > 0 && value.length < PROSE.length);
        },
        { timeout: 15_000, interval: 50 },
      )
      .toBe(true);
    await expect.poll(() => output.innerText(), { timeout: 15_000 }).toBe(PROSE);
    const meta = page.getByTestId('run-meta');
    await meta.waitFor();
    const facts = await meta.innerText();
    expect(facts).toContain(modelName);
    expect(facts).toMatch(/\d+ in · \d+ out/);
    expect(facts).toMatch(/\$\d/);
    expect(facts).toMatch(/\d+ ms/);
    await expect
      .poll(() => page.getByRole('table').filter({ hasText: 'Attempts' }).innerText())
      .toMatch(/ok/);

    const deltas = frames
      .map(
        (frame) =>
          JSON.parse(frame) as { type: string; payload?: { data?: { invokeStream?: { type: string } } } },
      )
      .filter((message) => message.type === 'next')
      .map((message) => message.payload?.data?.invokeStream?.type)
      .filter((type) => type === 'DELTA');
    expect(deltas.length).toBeGreaterThanOrEqual(2);

    await page.getByRole('button', { name: 'Copy as curl' }).click();
    const curl = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(curl).toContain(`${app.url}/graphql`);
    expect(curl).toContain('$CAPGATE_API_KEY');
    expect(curl).not.toContain(app.adminKey);
    expect(curl).toContain(capabilityName);
    // The OpenAI SDK and MCP snippets are what console/src/lib/snippets.ts makes for this run; those
    // functions' output is executed against a server in test/console-snippets.test.ts.
    const schema = {
      type: 'object',
      properties: { topic: { type: 'string', description: 'What to write about' } },
      required: ['topic'],
    };
    await page.getByRole('button', { name: 'Copy as OpenAI SDK' }).click();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(
      openAiSnippet(app.url, capabilityName, { topic: 'gateways' }),
    );
    await page.getByRole('button', { name: 'Copy as MCP' }).click();
    const mcp = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(mcp).toBe(mcpSnippet(app.url, capabilityName, { topic: 'gateways' }, schema));
    expect(mcp).not.toContain(app.adminKey);
    await shot(page, '07-playground');
    expect(problems).toEqual([]);
  });

  it('shows the run on the usage chart and in the runs list', async () => {
    const sent: string[] = [];
    page.on('websocket', (socket) => socket.on('framesent', (frame) => sent.push(String(frame.payload))));
    await page.getByRole('link', { name: 'Usage' }).click();
    await page.getByRole('heading', { name: 'Usage', level: 1 }).waitFor();
    const table = page.getByTestId('usage-table');
    await expect
      .poll(
        async () => {
          if ((await table.count()) === 0 || !(await table.innerText()).includes(capabilityName))
            await page.getByRole('button', { name: 'Refresh' }).click();
          return (await table.count()) > 0
            ? table.getByRole('row').filter({ hasText: capabilityName }).innerText()
            : '';
        },
        { timeout: 20_000, interval: 500 },
      )
      .toMatch(new RegExp(`${capabilityName}\\s+1$`));
    expect(await page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await page.getByLabel('Show').selectOption('costUsd');
    await expect
      .poll(() => table.getByRole('row').filter({ hasText: capabilityName }).innerText())
      .toMatch(/\$\d/);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csvPath = await (await download).path();
    const { readFile } = await import('node:fs/promises');
    const csv = await readFile(csvPath, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^day,capability,requests,/);
    expect(csv).toContain(capabilityName);
    await shot(page, '08-usage');

    // A SOFT budget below what was spent: its gauge is over 100 %, and the next run's alert arrives live.
    await expect.poll(() => sent.some((frame) => frame.includes('BudgetAlerts'))).toBe(true);
    await page.getByLabel('Limit (USD)').fill('0.01');
    await page.getByRole('button', { name: 'Save budget' }).click();
    await page.getByText('Budget saved.').waitFor();
    const gauge = page.getByRole('img', { name: /^TEAM .* of \$0\.01$/ });
    await gauge.waitFor();
    // The budget counts spend from now on: 0 % until the next run settles.
    expect(await gauge.textContent()).toBe('0%');
    upstream.enqueue({ type: 'reply', text: 'Another blurb.' });
    const invoked = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${app.adminKey}` },
      body: JSON.stringify({
        query: `mutation { invoke(capability: "${capabilityName}", input: { topic: "budgets" }) { output } }`,
      }),
    });
    expect(
      ((await invoked.json()) as { data?: { invoke?: { output?: unknown } } }).data?.invoke?.output,
    ).toBe('Another blurb.');
    await expect
      .poll(
        () =>
          page
            .locator('.alerts')
            .count()
            .then((count) => (count ? page.locator('.alerts').innerText() : '')),
        {
          timeout: 15_000,
        },
      )
      .toMatch(new RegExp(`team admins spent \\$0\\.\\d+ of \\$0\\.01 \\(${capabilityName}\\)`));
    await shot(page, '08b-budgets-live-alert');
    // Once that run has settled its cost, the gauge is past 100 %.
    await expect
      .poll(
        async () => {
          await page.reload();
          await gauge.waitFor();
          return Number((await gauge.textContent())?.replace('%', ''));
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBeGreaterThan(100);

    await page.getByRole('link', { name: 'Runs' }).click();
    const row = page.getByRole('row').filter({ hasText: capabilityName });
    await expect.poll(() => row.first().innerText(), { timeout: 10_000 }).toMatch(/completed/);
    await shot(page, '09-runs');
    // Newest first: the playground's run is the last of the two.
    await row.last().getByRole('link').click();
    await page.getByRole('heading', { name: `Run of ${capabilityName}` }).waitFor();
    // The logging policy keeps inputs and outputs: shown (masked) on the run.
    await expect.poll(() => page.getByLabel('Input').innerText()).toContain('gateways');
    await expect.poll(() => page.locator('.events').innerText(), { timeout: 10_000 }).toMatch(/completed/);
    await shot(page, '10-run-detail');
    expect(problems).toEqual([]);
  });

  it('creates a VIEWER key, shown once, whose console offers no edit', async () => {
    await page.getByRole('link', { name: 'Teams & keys' }).click();
    await page.getByRole('heading', { name: 'Teams & API keys' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill(`viewer-${id}`);
    await page.getByLabel('MEMBER', { exact: true }).uncheck();
    await page.getByLabel('VIEWER', { exact: true }).check();
    await page.getByRole('button', { name: 'Create key' }).click();
    const shown = page.getByTestId('new-key');
    await shown.waitFor();
    viewerKey = (await shown.innerText()).trim();
    expect(viewerKey.length).toBeGreaterThan(20);
    await shot(page, '11-key-created');
    await page.getByRole('button', { name: 'I have saved it' }).click();
    await expect.poll(() => shown.count()).toBe(0);
    await page
      .getByRole('row')
      .filter({ hasText: `viewer-${id}` })
      .waitFor();

    const viewer = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const viewerPage = await viewer.newPage();
    watch(viewerPage, 'viewer');
    await go(viewerPage, '/');
    await viewerPage.getByLabel('API key').fill(viewerKey);
    await viewerPage.getByRole('button', { name: 'Sign in' }).click();
    await viewerPage.getByRole('heading', { name: 'Capabilities', level: 1 }).waitFor();
    const nav = await viewerPage.getByRole('navigation', { name: 'Main' }).innerText();
    expect(nav).toContain('Usage');
    expect(nav).not.toMatch(/Playground|Teams & keys|Audit log/);
    expect(await viewerPage.getByRole('link', { name: 'Register a capability' }).count()).toBe(0);
    await viewerPage.getByRole('link', { name: capabilityName }).click();
    await viewerPage.getByRole('heading', { name: capabilityName, level: 1 }).waitFor();
    for (const name of ['Edit', 'Deprecate…', 'Open in playground'])
      expect(
        await viewerPage.getByRole('link', { name }).or(viewerPage.getByRole('button', { name })).count(),
      ).toBe(0);
    await go(viewerPage, '/registry');
    await viewerPage.getByRole('heading', { name: 'Providers & models' }).waitFor();
    expect(await viewerPage.getByRole('button', { name: 'Save provider' }).count()).toBe(0);
    await go(viewerPage, '/capabilities/new');
    await viewerPage.getByRole('heading', { name: 'Not available to your role' }).waitFor();
    await shot(viewerPage, '12-viewer-no-edit');

    // At phone width the navigation folds behind a Menu button that opens it.
    await viewerPage.setViewportSize({ width: 390, height: 844 });
    await go(viewerPage, '/usage');
    await viewerPage.getByRole('heading', { name: 'Usage', level: 1 }).waitFor();
    expect(await viewerPage.getByRole('link', { name: 'Runs' }).isVisible()).toBe(false);
    await viewerPage.getByRole('button', { name: 'Menu' }).click();
    expect(await viewerPage.getByRole('link', { name: 'Runs' }).isVisible()).toBe(true);
    const overflow = await viewerPage.evaluate<number>(
      'document.documentElement.scrollWidth - window.innerWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(viewerPage, '13-phone-usage');

    // Revoke the key from the admin console: the viewer's console is signed out at its next request.
    await page.getByRole('button', { name: `Revoke viewer-${id}` }).click();
    await page.getByRole('button', { name: `Revoke viewer-${id}` }).click();
    await expect
      .poll(
        () =>
          page
            .getByRole('row')
            .filter({ hasText: `viewer-${id}` })
            .innerText(),
        { timeout: 10_000 },
      )
      .toMatch(/revoked/);
    await shot(page, '14-key-revoked');
    await viewerPage.reload();
    await viewerPage.getByLabel('API key').waitFor({ timeout: 15_000 });
    await expect.poll(() => viewerPage.getByRole('status').innerText()).toMatch(/refused/);
    expect(await viewerPage.evaluate('sessionStorage.getItem("capgate.console.apiKey")')).toBeNull();
    await viewer.close();

    await page.getByRole('link', { name: 'Audit log' }).click();
    await expect
      .poll(() => page.getByRole('table').innerText(), { timeout: 10_000 })
      .toMatch(/revokeApiKey|createApiKey/i);
    await shot(page, '15-audit');
    expect(problems).toEqual([]);
  });

  it('edits the capability into version 2, compares the versions, and deprecates it', async () => {
    await go(page, `/capabilities/${capabilityName}`);
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: `Edit ${capabilityName}` }).waitFor();
    await page.getByLabel('Description').fill('A blurb, now shorter');
    await page.getByLabel('cache identical requests').check();
    await page.getByLabel('for (seconds)').fill('600');
    await page.getByRole('button', { name: 'Save as version 2' }).click();
    await page.getByRole('heading', { name: capabilityName, level: 1 }).waitFor();
    await expect.poll(() => page.locator('.badges').first().innerText()).toMatch(/version 2/);
    const diff = page.getByRole('table').filter({ hasText: 'Differences between versions' });
    await expect
      .poll(() => diff.getByRole('row').filter({ hasText: 'description (changed)' }).innerText())
      .toMatch(/"A short blurb about a topic"\s+"A blurb, now shorter"/);
    expect(await page.locator('.facts').innerText()).toMatch(/Cache\s+on, 600 s/);
    await shot(page, '16-capability-versions');

    await page.getByRole('button', { name: 'Deprecate…' }).click();
    await page.getByRole('button', { name: `Deprecate ${capabilityName}` }).click();
    await expect.poll(() => page.locator('.badges').first().innerText()).toMatch(/deprecated/);
    expect(await page.getByRole('link', { name: 'Open in playground' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
