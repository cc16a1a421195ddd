/**
 * The console's admin forms in headless Chromium, each change checked against the API afterwards:
 * editing a capability's masking policy (problems shown as typed, the server's refusal shown, then
 * saved; a VIEWER is not offered the editor); renaming and deleting teams (confirmed first; the
 * server's CONFLICT for a team with live keys shown where it happened); removing a budget (confirmed).
 * Screenshots go to test/e2e/artifacts/console-admin/. No CSP violation or script error is allowed.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDGETS, SET_BUDGET, TEAMS, createKey, createTeam, nodesOf } from '../governance-fixtures.js';
import { graphqlOk } from '../support/graphql-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchBrowser } from './support/browser.js';

const ARTIFACTS = path.join(import.meta.dirname, 'artifacts', 'console-admin');

describe('the console’s admin forms in Chromium', () => {
  const id = randomUUID().slice(0, 6);
  let app: TestApp;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  let viewerKey = '';
  const problems: string[] = [];

  const watch = (target: Page, who: string) => {
    target.on('console', (message) => {
      // A refused mutation is an HTTP 200 with errors; anything the browser logs as an error is a problem.
      if (message.type() === 'error') problems.push(`${who}: ${message.text()}`);
    });
    target.on('pageerror', (error) => problems.push(`${who}: ${error.message}`));
  };
  const shot = (target: Page, name: string) =>
    target.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  const signIn = async (target: Page, key: string) => {
    await target.goto(`${app.url}/console/`);
    await target.getByLabel('API key').fill(key);
    await target.getByRole('button', { name: 'Sign in' }).click();
    await target.getByRole('heading', { name: 'Capabilities', level: 1 }).waitFor();
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [app, browser] = await Promise.all([startTestApp({ redis: true }), launchBrowser()]);
    admin = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await admin.newPage();
    watch(page, 'admin');
    await signIn(page, app.adminKey);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('edits the masking policy of a capability: problems as typed, the server’s refusal, then saved', async () => {
    await page.goto(`${app.url}/console/capabilities/summarize`);
    await page.getByRole('heading', { name: 'summarize', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Edit masking…' }).click();
    await page.getByRole('heading', { name: 'Masking policy' }).waitFor();
    await page.getByLabel(/Tokenize:/).check();
    await page.getByLabel('E-mail addresses (EMAIL)').check();
    await page.getByLabel('Phone numbers (PHONE)').check();
    await page.getByRole('button', { name: 'Add pattern' }).click();

    const name = page.getByLabel('Placeholder name');
    const pattern = page.getByLabel('Regular expression');
    await name.fill('employee id');
    await page.getByText(/Upper-case letters, digits and _ only/).waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await name.fill('EMPLOYEE_ID');
    await pattern.fill('(?<=E)\\d+');
    await page.getByText(/Lookahead and lookbehind are not supported/).waitFor();
    // Saving with a problem is refused on the page, before any request.
    await page.getByRole('button', { name: 'Save masking policy' }).click();
    await page.getByText('Fix the pattern problems shown above first.').waitFor();

    // A pattern the page cannot judge (JavaScript takes the repeat count; the server's linear-time
    // engine does not) is refused by the server, and its message is shown on the form.
    await pattern.fill('E-\\d{1001}');
    expect(await page.getByText(/Lookahead/).count()).toBe(0);
    await page.getByRole('button', { name: 'Save masking policy' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'BAD_USER_INPUT' });
    await refusal.waitFor({ timeout: 10_000 });
    expect(await refusal.innerText()).toMatch(/EMPLOYEE_ID/);
    await shot(page, '01-masking-refused');

    await pattern.fill('E-\\d{6}');
    await page.getByRole('button', { name: 'Save masking policy' }).click();
    await page.getByText('Masking policy saved.').waitFor();
    await expect
      .poll(() => page.getByTestId('masking-summary').innerText())
      .toMatch(/^tokenize: EMAIL, PHONE, EMPLOYEE_ID/);
    await shot(page, '02-masking-saved');

    const saved = await graphqlOk<{
      capability: { maskingPolicy: { mode: string; detectors: string[]; customPatterns: unknown[] } };
    }>(
      app.url,
      '{ capability(name: "summarize") { maskingPolicy { mode detectors customPatterns { name pattern flags } } } }',
      { key: app.adminKey },
    );
    expect(saved.capability.maskingPolicy).toEqual({
      mode: 'TOKENIZE',
      detectors: ['EMAIL', 'PHONE'],
      customPatterns: [{ name: 'EMPLOYEE_ID', pattern: 'E-\\d{6}', flags: null }],
    });
    expect(problems).toEqual([]);
  });

  it('offers a VIEWER no masking editor', async () => {
    const { key } = await createKey(app.url, app.adminKey, 'admins', ['VIEWER'], `viewer-${id}`);
    viewerKey = key;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const viewerPage = await context.newPage();
    watch(viewerPage, 'viewer');
    await signIn(viewerPage, key);
    await viewerPage.goto(`${app.url}/console/capabilities/summarize`);
    await viewerPage.getByRole('heading', { name: 'summarize', level: 1 }).waitFor();
    await expect.poll(() => viewerPage.getByTestId('masking-summary').innerText()).toMatch(/^tokenize/);
    expect(await viewerPage.getByRole('button', { name: 'Edit masking…' }).count()).toBe(0);
    await context.close();
    expect(problems).toEqual([]);
  });

  it('renames a team and deletes teams, showing the server’s CONFLICT for one with live keys', async () => {
    const empty = await createTeam(app, `empty-${id}`);
    const busy = await createTeam(app, `busy-${id}`);
    await createKey(app.url, app.adminKey, busy.name, ['MEMBER'], `member-${id}`);
    await page.getByRole('link', { name: 'Teams & keys' }).click();
    await page.getByRole('heading', { name: 'Teams & API keys' }).waitFor();

    // Rename: inline, confirmed by its own button.
    await page.getByRole('button', { name: `Rename team ${empty.name}…` }).click();
    await page.getByLabel(`New name for ${empty.name}`).fill(`renamed-${id}`);
    await page.getByRole('button', { name: `Rename ${empty.name}`, exact: true }).click();
    await page.getByRole('button', { name: `Rename team renamed-${id}…` }).waitFor();
    const teams = async () =>
      nodesOf(
        (
          await graphqlOk<{ teams: { edges: { node: { name: string } }[] } }>(app.url, TEAMS, {
            key: app.adminKey,
          })
        ).teams,
      ).map((team) => team.name);
    expect(await teams()).toContain(`renamed-${id}`);
    expect(await teams()).not.toContain(empty.name);

    // A team with a live key cannot go: the server says why, where the button was.
    await page.getByRole('button', { name: `Delete team ${busy.name}…` }).click();
    await page.getByRole('button', { name: `Delete team ${busy.name}`, exact: true }).click();
    const conflict = page.locator(`li[data-team="${busy.name}"]`).getByRole('alert');
    await expect.poll(() => conflict.innerText(), { timeout: 10_000 }).toMatch(/CONFLICT/);
    await shot(page, '03-team-delete-conflict');
    expect(await teams()).toContain(busy.name);
    await page.locator(`li[data-team="${busy.name}"]`).getByRole('button', { name: 'Cancel' }).click();

    // Cancel leaves it; confirming deletes it.
    await page.getByRole('button', { name: `Delete team renamed-${id}…` }).click();
    await page.getByRole('button', { name: 'Cancel' }).first().click();
    expect(await teams()).toContain(`renamed-${id}`);
    await page.getByRole('button', { name: `Delete team renamed-${id}…` }).click();
    await page.getByRole('button', { name: `Delete team renamed-${id}`, exact: true }).click();
    await expect.poll(() => page.locator(`li[data-team="renamed-${id}"]`).count()).toBe(0);
    expect(await teams()).not.toContain(`renamed-${id}`);
    await shot(page, '04-teams');
    expect(problems).toEqual([]);
  });

  it('removes a budget after confirmation', async () => {
    const team = await createTeam(app, `budgeted-${id}`);
    await graphqlOk(app.url, SET_BUDGET, {
      key: app.adminKey,
      variables: { scope: 'TEAM', target: team.name, limitUsd: 5, period: 'MONTHLY', mode: 'SOFT' },
    });
    await page.getByRole('link', { name: 'Usage' }).click();
    await page.getByRole('heading', { name: 'Usage', level: 1 }).waitFor();
    const label = `team ${team.name} monthly`;
    await page.getByRole('img', { name: new RegExp(`^TEAM ${team.name}: `) }).waitFor();
    await page.getByRole('button', { name: `Remove the ${label} budget…` }).click();
    await shot(page, '05-budget-remove-confirm');
    await page.getByRole('button', { name: `Remove the ${label} budget`, exact: true }).click();
    // Its gauge leaves the list once the server has removed it.
    await expect
      .poll(() => page.getByRole('img', { name: new RegExp(`^TEAM ${team.name}: `) }).count(), {
        timeout: 10_000,
      })
      .toBe(0);
    const budgets = await graphqlOk<{ budgets: { edges: { node: { target: string } }[] } }>(
      app.url,
      BUDGETS,
      {
        key: app.adminKey,
      },
    );
    expect(nodesOf(budgets.budgets).map((budget) => budget.target)).not.toContain(team.name);

    // A VIEWER sees the budgets, with nothing to remove.
    await graphqlOk(app.url, SET_BUDGET, {
      key: app.adminKey,
      variables: { scope: 'TEAM', target: 'admins', limitUsd: 5, period: 'MONTHLY', mode: 'SOFT' },
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const viewerPage = await context.newPage();
    watch(viewerPage, 'viewer');
    await signIn(viewerPage, viewerKey);
    await viewerPage.goto(`${app.url}/console/usage`);
    await viewerPage.getByRole('img', { name: /^TEAM admins: / }).waitFor();
    expect(await viewerPage.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    await context.close();
    expect(problems).toEqual([]);
  });
});
