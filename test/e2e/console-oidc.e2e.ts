/**
 * "Sign in with SSO" in headless Chromium against a real OpenID provider: `oidc-provider` (panva) on
 * 127.0.0.1 with a public client for the console (authorization code + PKCE, no secret) and a user
 * whose access token (a JWT for Capgate's audience) carries a team and the MEMBER role. The console
 * learns the settings from /console/config.json, signs in through the provider's own login and consent
 * pages, keeps the token in sessionStorage only, sends it as the bearer over HTTP and graphql-ws, shows
 * what a MEMBER may use, goes back to sign-in with a message when the token expires or is refused, and
 * signs out. Screenshots go to test/e2e/artifacts/console-oidc/.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam } from '../governance-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchBrowser } from './support/browser.js';

const ARTIFACTS = path.join(import.meta.dirname, 'artifacts', 'console-oidc');
const CLIENT_ID = 'capgate-console';
const AUDIENCE = 'urn:capgate:api';

describe('the console’s SSO sign-in against a local OpenID provider', () => {
  const id = randomUUID().slice(0, 6);
  const teamName = `sso-${id}`;
  let idpServer: Server;
  let issuer = '';
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  const shot = (name: string) =>
    page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  const stored = () => page.evaluate<string | null>('sessionStorage.getItem("capgate.console.ssoToken")');

  /**
   * From the console's sign-in page through the provider's login (and consent, the first time) back to
   * the console, on the page where signing in started.
   */
  async function signInWithSso(): Promise<void> {
    await page.getByRole('button', { name: 'Sign in with SSO' }).click();
    await page.waitForURL(
      (url) => !url.href.startsWith(`${app.url}/console/`) || url.pathname !== '/console/',
    );
    // The provider's pages: login (the first time), then consent (the first time); each submitted.
    for (let step = 0; step < 6 && page.url().startsWith(issuer); step += 1) {
      const login = page.locator('input[name="login"]');
      if ((await login.count()) > 0) {
        if (step === 0) await shot('01-provider-login');
        await login.fill('ada');
        await page.locator('input[name="password"]').fill('any password');
      }
      const before = page.url();
      await page.locator('button[type="submit"]').first().click();
      await page.waitForURL((url) => url.href !== before);
    }
    // Signed in: the layout (back on the page where sign-in started).
    await page
      .getByRole('button', { name: 'Sign out' })
      .waitFor({ timeout: 20_000 })
      .catch(async (error: Error) => {
        throw new Error(
          `${error.message}\nat ${page.url()}: ${await page.locator('body').innerText()}\n${problems.join('\n')}`,
        );
      });
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // The provider's port first (its issuer URL goes into Capgate's config), then Capgate (its URL is
    // the client's redirect URI), then the provider itself.
    idpServer = createServer();
    await new Promise<void>((resolve) => idpServer.listen(0, '127.0.0.1', resolve));
    const address = idpServer.address();
    if (!address || typeof address === 'string') throw new Error('no provider address');
    issuer = `http://127.0.0.1:${address.port}`;
    [app, browser] = await Promise.all([
      startTestApp({
        redis: true,
        env: {
          CAPGATE_OIDC_ISSUER: issuer,
          CAPGATE_OIDC_AUDIENCE: AUDIENCE,
          CAPGATE_OIDC_JWKS_URL: `${issuer}/jwks`,
          CAPGATE_CONSOLE_OIDC_CLIENT_ID: CLIENT_ID,
          CAPGATE_CONSOLE_OIDC_SCOPES: 'openid profile capgate',
        },
      }),
      launchBrowser(),
    ]);
    await createTeam(app, teamName);

    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const signingKey = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: `k-${id}` };
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          token_endpoint_auth_method: 'none',
          application_type: 'web',
          grant_types: ['authorization_code'],
          response_types: ['code'],
          redirect_uris: [`${app.url}/console/callback`],
        },
      ],
      jwks: { keys: [signingKey] },
      cookies: { keys: [randomUUID()] },
      claims: { openid: ['sub'], profile: ['name'] },
      scopes: ['openid', 'profile', 'capgate'],
      async findAccount(_ctx, sub) {
        return { accountId: sub, claims: async () => ({ sub, name: 'Ada Lovelace' }) };
      },
      // The console's origin may call the token endpoint from the browser.
      clientBasedCORS: (_ctx, origin) => origin === app.url,
      features: {
        devInteractions: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => AUDIENCE,
          useGrantedResource: () => true,
          getResourceServerInfo: () => ({
            scope: 'capgate',
            audience: AUDIENCE,
            accessTokenFormat: 'jwt',
            accessTokenTTL: 600,
            jwt: { sign: { alg: 'RS256' } },
          }),
        },
      },
      // The user's name, team and roles travel in the access token (CAPGATE_OIDC_TEAM_CLAIM/ROLES_CLAIM).
      extraTokenClaims: () => ({ name: 'Ada Lovelace', capgate_team: teamName, capgate_roles: ['member'] }),
    });
    idpServer.on('request', provider.callback());

    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('console', (message) => {
      // Only the console's own pages are judged (the provider's pages are not ours); the refused token's
      // 401 is expected.
      if (!message.location().url.startsWith(app.url)) return;
      if (message.type() === 'error' && !/status of 401/.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await new Promise((resolve) => idpServer?.close(resolve));
  });

  it('publishes the SSO settings and lets the page reach the issuer, and nothing else', async () => {
    const response = await fetch(`${app.url}/console/config.json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      oidc: {
        issuer,
        clientId: CLIENT_ID,
        scopes: 'openid profile capgate',
        redirectPath: '/console/callback',
      },
    });
    const csp = (await fetch(`${app.url}/console/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(new RegExp(`connect-src 'self' ${issuer.replace(/\./g, '\\.')}(;|$)`));
    expect(csp).toMatch(/script-src 'self'(;|$)/);
  });

  it('signs in through the provider, keeps the token in sessionStorage only, and offers a MEMBER’s pages', async () => {
    await page.goto(`${app.url}/console/`);
    await page.getByRole('button', { name: 'Sign in with SSO' }).waitFor();
    await shot('00-sign-in');
    const graphqlCalls: { authorization: string | undefined; status: number; body: string }[] = [];
    page.on('response', async (response) => {
      if (!response.url().startsWith(`${app.url}/graphql`) || response.request().method() !== 'POST') return;
      graphqlCalls.push({
        authorization: await response
          .request()
          .headerValue('authorization')
          .then((value) => value ?? undefined),
        status: response.status(),
        body: await response.text().catch(() => ''),
      });
    });
    await signInWithSso();
    await page.getByRole('heading', { name: 'Capabilities', level: 1 }).waitFor();
    await shot('02-signed-in');

    const saved = JSON.parse((await stored()) ?? 'null') as { token: string; expiresAt: number } | null;
    expect(saved?.token.split('.')).toHaveLength(3);
    expect(saved!.expiresAt).toBeGreaterThan(Date.now());
    expect(await page.evaluate('sessionStorage.getItem("capgate.console.apiKey")')).toBeNull();
    expect(await page.evaluate('sessionStorage.getItem("capgate.console.oidcPending")')).toBeNull();
    expect(await page.evaluate('localStorage.length')).toBe(0);
    // The callback URL (with its code) is gone from the address bar and history.
    expect(new URL(page.url()).pathname).toBe('/console/capabilities');

    // Who the server says is signed in: the token's user, team and role.
    await expect
      .poll(() => page.locator('.who').innerText())
      .toMatch(new RegExp(`Ada Lovelace · ${teamName} · MEMBER`));
    const nav = await page.getByRole('navigation', { name: 'Main' }).innerText();
    expect(nav).toMatch(/Playground/);
    expect(nav).not.toMatch(/Teams & keys|Audit log/);
    await page.getByRole('link', { name: 'summarize' }).waitFor();

    // The server calls carried the token and succeeded.
    const me = graphqlCalls.find((call) => call.body.includes('"me"'));
    expect(me?.authorization).toBe(`Bearer ${saved!.token}`);
    expect(me?.status).toBe(200);
    expect(
      graphqlCalls.every((call) => call.authorization === `Bearer ${saved!.token}` && call.status === 200),
    ).toBe(true);
    const direct = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${saved!.token}` },
      body: JSON.stringify({ query: '{ me { kind name team roles } }' }),
    });
    expect(((await direct.json()) as { data: unknown }).data).toEqual({
      me: { kind: 'JWT', name: 'Ada Lovelace', team: teamName, roles: ['MEMBER'] },
    });
    expect(problems).toEqual([]);
  });

  it('sends the token over graphql-ws too', async () => {
    const sent: string[] = [];
    const received: string[] = [];
    page.on('websocket', (socket) => {
      socket.on('framesent', (frame) => sent.push(String(frame.payload)));
      socket.on('framereceived', (frame) => received.push(String(frame.payload)));
    });
    await page.getByRole('link', { name: 'Usage' }).click();
    await page.getByRole('heading', { name: 'Usage', level: 1 }).waitFor();
    const token = (JSON.parse((await stored())!) as { token: string }).token;
    await expect
      .poll(() => sent.find((frame) => frame.includes('connection_init')) ?? '', { timeout: 15_000 })
      .toContain(`Bearer ${token}`);
    await expect
      .poll(() => received.some((frame) => frame.includes('connection_ack')), { timeout: 15_000 })
      .toBe(true);
    expect(problems).toEqual([]);
  });

  it('goes back to sign-in with a message when the token has expired, and signs in again', async () => {
    await page.evaluate(`(() => {
      const saved = JSON.parse(sessionStorage.getItem('capgate.console.ssoToken'));
      sessionStorage.setItem('capgate.console.ssoToken', JSON.stringify({ ...saved, expiresAt: Date.now() - 1000 }));
    })()`);
    await page.reload();
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/expired: sign in again/);
    expect(await stored()).toBeNull();
    await shot('03-expired');
    // Signing in again (the provider remembers the user: no login page) returns to the same page.
    await signInWithSso();
    expect(new URL(page.url()).pathname).toBe('/console/usage');
    await page.getByRole('heading', { name: 'Usage', level: 1 }).waitFor();
    expect(await stored()).not.toBeNull();
  });

  it('goes back to sign-in when the server refuses the token', async () => {
    await page.evaluate(`(() => {
      const saved = JSON.parse(sessionStorage.getItem('capgate.console.ssoToken'));
      sessionStorage.setItem('capgate.console.ssoToken', JSON.stringify({ ...saved, token: saved.token.slice(0, -4) + 'AAAA' }));
    })()`);
    await page.reload();
    await expect.poll(() => page.getByRole('status').innerText(), { timeout: 15_000 }).toMatch(/refused/);
    expect(await stored()).toBeNull();
    await shot('04-refused');
  });

  it('signs out, forgetting the token', async () => {
    await signInWithSso();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in with SSO' }).waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    expect(problems).toEqual([]);
  });
});
