/**
 * The console's activity pages in headless Chromium: usage by provider and the rate-limit hits
 * chart (after a key was refused by its rate limit); a conversation listed, opened with its turns
 * masked as stored, and deleted after confirming; the workflow catalog, the DAG of the built-in
 * `answer-with-citations`, a run started from the form generated from its input schema, and its
 * steps turning completed from `workflowEvents` on the page's WebSocket. Screenshots go to
 * test/e2e/artifacts/console-activity/ (gitignored). No CSP violation or script error is allowed.
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createKey,
  createTeam,
  errorCode,
  graphql,
  graphqlOk,
  SET_RATE_LIMIT,
  waitFor,
} from '../governance-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchBrowser } from './support/browser.js';

const ARTIFACTS = path.join(import.meta.dirname, 'artifacts', 'console-activity');
const TEXT =
  'The council approved the new library budget on Monday. Write to ada@example.com with questions. ' +
  'Construction starts in spring, and the council agreed to review opening hours next year.';

describe('the console activity pages in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let conversationId = '';
  const frames: string[] = [];
  const problems: string[] = [];
  const shot = (name: string) =>
    page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [app, browser] = await Promise.all([startTestApp({ redis: true }), launchBrowser()]);
    const key = app.adminKey;
    // A knowledge base for answer-with-citations.
    await graphqlOk(
      app.url,
      `mutation { createKnowledgeBase(input: { name: "atlas", description: "facts" }) { knowledgeBase { name } } }`,
      { key },
    );
    await graphqlOk(
      app.url,
      `mutation I($docs: [DocumentInput!]!) { ingestDocuments(input: { knowledgeBase: "atlas", documents: $docs }) { documents { id } } }`,
      {
        key,
        variables: {
          docs: [
            {
              id: 'volcano',
              title: 'Volcanoes',
              text: 'Volcanoes erupt molten lava. Lava cools into basalt rock.',
            },
            {
              id: 'glacier',
              title: 'Glaciers',
              text: 'Glaciers are rivers of ice that carve valleys. Glaciers retreat when the climate warms.',
            },
          ],
        },
      },
    );
    // A conversation of two summarize turns, e-mail addresses masked by the capability's policy.
    await graphqlOk(
      app.url,
      `mutation { setMaskingPolicy(input: { capability: "summarize", detectors: [EMAIL], mode: TOKENIZE }) { capability { name } } }`,
      { key },
    );
    const created = await graphqlOk<{ createConversation: { conversation: { id: string } } }>(
      app.url,
      `mutation { createConversation(input: { title: "Library notes", capability: "summarize" }) { conversation { id } } }`,
      { key },
    );
    conversationId = created.createConversation.conversation.id;
    for (const suffix of ['first', 'second']) {
      await graphqlOk(
        app.url,
        `mutation ($input: JSON!, $id: ID!) { invoke(capability: "summarize", input: $input, options: { conversationId: $id }) { output } }`,
        { key, variables: { input: { text: `${TEXT} (${suffix})`, maxSentences: 1 }, id: conversationId } },
      );
    }
    // A member key limited to one request a minute, refused twice.
    const team = await createTeam(app, 'throttled');
    const member = await createKey(app.url, key, team.name, ['MEMBER'], 'throttled member');
    await graphqlOk(app.url, SET_RATE_LIMIT, { key, variables: { scope: 'KEY', target: member.id, rpm: 1 } });
    await waitFor(() =>
      app.services.governance.rulesFor({ orgId: 'org_default', teamId: team.id, id: member.id })
        .rateLimitRules.length === 1
        ? true
        : undefined,
    );
    const codes: (string | undefined)[] = [];
    for (let index = 0; index < 3; index++) {
      const response = await graphql(
        app.url,
        `
          mutation ($input: JSON!) {
            invoke(capability: "summarize", input: $input) {
              output
            }
          }
        `,
        {
          key: member.key,
          variables: { input: { text: `${TEXT} (${index})` } },
        },
      );
      codes.push(errorCode(response));
    }
    expect(codes).toEqual([undefined, 'RATE_LIMITED', 'RATE_LIMITED']);
    // Usage and hit counts are written every flush interval: wait for them before looking.
    const now = () => new Date(Date.now() + 60_000).toISOString();
    const since = new Date(Date.now() - 3_600_000).toISOString();
    await waitFor(async () => {
      const { rateLimitHits } = await graphqlOk<{ rateLimitHits: { hits: number }[] }>(
        app.url,
        'query ($from: DateTime!, $to: DateTime!) { rateLimitHits(from: $from, to: $to) { hits } }',
        { key, variables: { from: since, to: now() } },
      );
      return rateLimitHits.reduce((sum, row) => sum + row.hits, 0) === 2 ? true : undefined;
    }, 20_000);
    await waitFor(async () => {
      const { usage } = await graphqlOk<{ usage: { requests: number }[] }>(
        app.url,
        'query ($from: DateTime!, $to: DateTime!) { usage(from: $from, to: $to, groupBy: []) { requests } }',
        { key, variables: { from: since, to: now() } },
      );
      return (usage[0]?.requests ?? 0) >= 5 ? true : undefined;
    }, 20_000);

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('websocket', (socket) =>
      socket.on('framereceived', (frame) => frames.push(String(frame.payload))),
    );
    await page.goto(`${app.url}/console/`);
    await page.getByLabel('API key').fill(app.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Capabilities', level: 1 }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows usage by provider and the rate-limit hits over time', async () => {
    await page.getByRole('link', { name: 'Usage', exact: true }).click();
    await page.getByRole('heading', { name: 'Usage', level: 1 }).waitFor();
    await page.locator('#usage-dimension').selectOption('provider');
    const table = page.getByTestId('usage-table');
    await expect.poll(() => table.innerText(), { timeout: 20_000 }).toMatch(/local/);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = await readFile(await (await download).path(), 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^day,provider,requests,/);
    expect(csv).toMatch(/\r\n\d{4}-\d\d-\d\d,local,/);

    const hits = page.getByTestId('total-rate-limit-hits');
    await expect.poll(() => hits.innerText(), { timeout: 20_000 }).toBe('2');
    await expect
      .poll(() => page.getByTestId('rate-limit-hits-table').innerText())
      .toMatch(/KEY \S+ requestsPerMinute\s+2/);
    await page.locator('#hits-dimension').selectOption('team');
    await expect.poll(() => page.getByTestId('rate-limit-hits-table').innerText()).toMatch(/throttled\s+2/);
    await shot('01-usage-provider-and-rate-limit-hits');
    expect(problems).toEqual([]);
  });

  it('lists a conversation, shows its turns masked as stored, and deletes it after confirming', async () => {
    await page.getByRole('link', { name: 'Conversations', exact: true }).click();
    await page.getByRole('heading', { name: 'Conversations', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Library notes' }).click();
    await page.getByRole('heading', { name: 'Library notes', level: 1 }).waitFor();
    const turns = page.getByTestId('conversation-turns');
    await expect.poll(() => turns.locator(':scope > li').count()).toBe(2);
    const stored = await turns.innerText();
    expect(stored).toContain('council approved');
    expect(stored).not.toContain('ada@example.com');
    await shot('02-conversation');

    await page.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Delete this conversation and its 2 turns?').waitFor();
    // Cancel keeps it.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    await page.getByRole('button', { name: 'Delete…' }).click();
    await shot('03-conversation-delete-confirm');
    await page.getByRole('button', { name: 'Delete conversation' }).click();
    await page.getByRole('heading', { name: 'Conversations', level: 1 }).waitFor();
    await page.getByText('No conversations match.').waitFor();
    const gone = await graphqlOk<{ conversation: unknown }>(
      app.url,
      'query ($id: ID!) { conversation(id: $id) { id } }',
      {
        key: app.adminKey,
        variables: { id: conversationId },
      },
    );
    expect(gone.conversation).toBeNull();
    const audit = await graphqlOk<{ auditLog: { edges: { node: { action: string } }[] } }>(
      app.url,
      '{ auditLog(first: 20, action: "deleteConversation") { edges { node { action } } } }',
      { key: app.adminKey },
    );
    expect(audit.auditLog.edges).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  it('draws the DAG of answer-with-citations, starts a run from its form, and follows its steps live', async () => {
    await page.getByRole('link', { name: 'Workflows', exact: true }).click();
    await page.getByRole('heading', { name: 'Workflows', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'answer-with-citations' }).click();
    await page.getByRole('heading', { name: 'answer-with-citations', level: 1 }).waitFor();
    const dag = page.getByTestId('workflow-dag');
    await dag.waitFor();
    expect(await dag.locator('[data-step]').count()).toBe(2);
    expect(await dag.locator('[data-edge="retrieve->summarize"]').count()).toBe(1);
    const retrieveBox = await dag.locator('[data-step="retrieve"]').boundingBox();
    const summarizeBox = await dag.locator('[data-step="summarize"]').boundingBox();
    expect(retrieveBox!.y).toBeLessThan(summarizeBox!.y);
    await shot('04-workflow-dag');

    // The form is the input schema's: a required field left empty is refused where it is.
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.locator('#wf-knowledgeBase-error').waitFor();
    expect(await page.locator('#wf-knowledgeBase').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#wf-knowledgeBase').fill('atlas');
    await page.locator('#wf-question').fill('How do glaciers carve valleys?');
    await page.locator('#wf-topK').fill('2');
    frames.length = 0;
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.getByRole('heading', { name: 'Run of answer-with-citations', level: 1 }).waitFor();

    for (const step of ['retrieve', 'summarize']) {
      await expect
        .poll(() => page.getByTestId(`step-${step}`).getAttribute('data-status'), { timeout: 30_000 })
        .toBe('COMPLETED');
      expect(
        await page.getByTestId('workflow-dag').locator(`[data-step="${step}"]`).getAttribute('data-status'),
      ).toBe('COMPLETED');
    }
    await expect
      .poll(() => page.getByTestId('workflow-run-status').innerText(), { timeout: 30_000 })
      .toMatch(/completed/);
    // The statuses came over the page's WebSocket, as workflowEvents.
    const events = frames.filter((frame) => frame.includes('workflowEvents'));
    expect(events.some((frame) => frame.includes('STEP_COMPLETED') && frame.includes('"summarize"'))).toBe(
      true,
    );
    expect(events.some((frame) => frame.includes('"COMPLETED"'))).toBe(true);
    await expect.poll(() => page.getByLabel('Output', { exact: true }).innerText()).toMatch(/\[1\]/);
    await shot('05-workflow-run');

    await page.getByRole('link', { name: 'Workflows', exact: true }).click();
    await page.getByRole('link', { name: 'Workflow runs', exact: true }).click();
    await page.getByRole('heading', { name: 'Workflow runs', level: 1 }).waitFor();
    await expect
      .poll(() => page.getByTestId('workflow-runs-table').innerText())
      .toMatch(/answer-with-citations v1\s+completed/);
    await shot('06-workflow-runs');
    expect(problems).toEqual([]);
  });

  it('offers a VIEWER the pages to read, without delete or run, the run page kept current without live events', async () => {
    const viewer = await createKey(app.url, app.adminKey, 'admins', ['VIEWER'], 'reader');
    await graphqlOk(
      app.url,
      `mutation { createConversation(input: { title: "Admin notes", shared: true }) { conversation { id } } }`,
      { key: app.adminKey },
    );
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const reader = await context.newPage();
    reader.on('pageerror', (error) => problems.push(`viewer: ${error.message}`));
    await reader.goto(`${app.url}/console/`);
    await reader.getByLabel('API key').fill(viewer.key);
    await reader.getByRole('button', { name: 'Sign in' }).click();
    await reader.getByRole('link', { name: 'Conversations', exact: true }).click();
    await reader.getByRole('link', { name: 'Admin notes' }).click();
    await reader.getByRole('heading', { name: 'Admin notes', level: 1 }).waitFor();
    expect(await reader.getByRole('button', { name: /Delete/ }).count()).toBe(0);

    await reader.getByRole('link', { name: 'Workflows', exact: true }).click();
    await reader.getByRole('link', { name: 'answer-with-citations' }).click();
    await reader.getByTestId('workflow-dag').waitFor();
    expect(await reader.getByRole('button', { name: 'Start run' }).count()).toBe(0);
    await reader.getByText('Running workflows needs a MEMBER key or above.').waitFor();
    await reader.getByRole('link', { name: 'Its runs' }).click();
    await reader.getByRole('heading', { name: 'Workflow runs', level: 1 }).waitFor();
    await reader.getByTestId('workflow-runs-table').getByRole('link').first().click();
    await expect
      .poll(() => reader.getByTestId('step-summarize').getAttribute('data-status'), { timeout: 20_000 })
      .toBe('COMPLETED');
    await reader.screenshot({ path: path.join(ARTIFACTS, '07-viewer-workflow-run.png'), fullPage: true });
    await context.close();
    expect(problems).toEqual([]);
  });

  it('fits a 390-px-wide phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(`${app.url}/console/workflows/answer-with-citations`);
    await page.getByTestId('workflow-dag').waitFor();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(1);
    await shot('08-phone-workflow');
    expect(problems).toEqual([]);
  });
});
