/**
 * The browser pages: `/` explains Capgate and links the IDE, /v1, health and metrics; `GET /graphql`
 * for a browser opens the self-hosted GraphiQL (outside production, or with CAPGATE_IDE=true), with a
 * strict CSP and every asset from this origin. API clients on `/graphql` are unaffected. (The IDE
 * running in Chromium: test/e2e/.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';

const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

function expectStrictCsp(response: Response): void {
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toMatch(/script-src 'self'(;|$)/);
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  expect(csp).toMatch(/frame-ancestors 'none'/);
}

describe('browser pages in development', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('serves a landing page on / that links the IDE, /v1, health and metrics', async () => {
    const response = await fetch(`${app.url}/`, { headers: html });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expectStrictCsp(response);
    const page = await response.text();
    expect(page).toMatch(/AI capability gateway/);
    for (const link of ['/graphql', '/v1/models', '/healthz', '/readyz', '/metrics']) {
      expect(page).toContain(`href="${link}"`);
    }
    expect(page).not.toMatch(/<script(?![^>]*src=)/);
  });

  it('opens GraphiQL on GET /graphql for a browser, with all assets from this origin', async () => {
    const response = await fetch(`${app.url}/graphql`, { headers: html });
    expect(response.status).toBe(200);
    expectStrictCsp(response);
    const page = await response.text();
    expect(page).toContain('<script type="module" src="/ide/graphiql.js"></script>');
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).not.toMatch(/<script>/);

    const script = await fetch(`${app.url}/ide/graphiql.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    const css = await fetch(`${app.url}/ide/graphiql.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
  });

  it('still answers API clients on GET /graphql as GraphQL', async () => {
    const url = new URL(`${app.url}/graphql`);
    url.searchParams.set('query', '{ me { roles } }');
    const response = await fetch(url, {
      headers: { accept: 'application/json', authorization: `Bearer ${app.adminKey}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { me: { roles: ['ADMIN'] } } });
  });
});

describe('browser pages in production', () => {
  let closed: TestApp;
  let opened: TestApp;
  beforeAll(async () => {
    [closed, opened] = await Promise.all([
      startTestApp({ env: { NODE_ENV: 'production' } }),
      startTestApp({ env: { NODE_ENV: 'production', CAPGATE_IDE: 'true' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([closed?.stop(), opened?.stop()]);
  });

  it('keeps the IDE off unless CAPGATE_IDE=true, and the landing page says so', async () => {
    const refused = await fetch(`${closed.url}/graphql`, { headers: html });
    expect(refused.headers.get('content-type')).not.toMatch(/text\/html/);
    expect((await fetch(`${closed.url}/ide/graphiql.js`)).status).toBe(404);
    expect(await (await fetch(`${closed.url}/`, { headers: html })).text()).toMatch(/CAPGATE_IDE=true/);

    const allowed = await fetch(`${opened.url}/graphql`, { headers: html });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('/ide/graphiql.js');
  });
});
