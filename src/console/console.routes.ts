/**
 * The web console at `/console`: the static single-page app that `npm run build` writes to
 * `dist/console-app/` (sources in `console/`). Hashed assets are cached for a year; every other path under
 * `/console` answers the app's `index.html` (client-side routes). Every response carries a strict
 * Content-Security-Policy (scripts, styles and connections from this origin only, no inline script),
 * `X-Frame-Options: DENY` and `frame-ancestors 'none'`.
 *
 * `GET /console/config.json` is the console's public settings: with `CAPGATE_CONSOLE_OIDC_CLIENT_ID`
 * set, the issuer, client id and scopes of "Sign in with SSO" (authorization code flow with PKCE in
 * the browser); the CSP then also lets the page reach the issuer's origin (its discovery document and
 * token endpoint), and nothing else.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { projectRoot } from '../infra/project-root.js';

/** The console's CSP; `connectOrigins` are other origins the page may fetch from (the OIDC issuer). */
export function consoleCsp(connectOrigins: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // 'self' covers ws:/wss: of this origin (CSP 3): the API on the same origin, nothing else.
    ["connect-src 'self'", ...connectOrigins].join(' '),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const CONSOLE_CSP = consoleCsp();

/** What the console's sign-in page learns from `GET /console/config.json`. */
export interface ConsolePublicConfig {
  oidc: { issuer: string; clientId: string; scopes: string; redirectPath: string } | null;
}

export interface ConsoleRouteOptions {
  /** OIDC settings when the console offers "Sign in with SSO". */
  oidc?: { issuer: string; clientId: string; scopes: string } | undefined;
}

export const OIDC_REDIRECT_PATH = '/console/callback';

/** Mounts `/console` (before the GraphQL handlers). */
export function mountConsoleRoutes(app: express.Express, options: ConsoleRouteOptions = {}): void {
  const oidc = options.oidc;
  const csp = consoleCsp(oidc ? [new URL(oidc.issuer).origin] : []);
  const publicConfig: ConsolePublicConfig = {
    oidc: oidc
      ? {
          issuer: oidc.issuer,
          clientId: oidc.clientId,
          scopes: oidc.scopes,
          redirectPath: OIDC_REDIRECT_PATH,
        }
      : null,
  };
  const securityHeaders = (_request: Request, response: Response, next: NextFunction): void => {
    response.set({
      'content-security-policy': csp,
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
    });
    next();
  };
  const bundleDir = path.join(projectRoot(), 'dist', 'console-app');
  let indexHtml: string | undefined;
  const index = (): string | undefined => {
    if (indexHtml === undefined && existsSync(path.join(bundleDir, 'index.html')))
      indexHtml = readFileSync(path.join(bundleDir, 'index.html'), 'utf8');
    return indexHtml;
  };
  app.use('/console', securityHeaders);
  app.get('/console/config.json', (_request: Request, response: Response) => {
    response.set('cache-control', 'no-store').json(publicConfig);
  });
  app.use(
    '/console/assets',
    express.static(path.join(bundleDir, 'assets'), { index: false, immutable: true, maxAge: '365d' }),
  );
  app.get(/^\/console(\/.*)?$/, (request: Request, response: Response) => {
    if (request.path === '/console') {
      response.redirect(301, '/console/');
      return;
    }
    if (request.path.startsWith('/console/assets/')) {
      response.status(404).type('text/plain').send('Not found\n');
      return;
    }
    const html = index();
    if (!html) {
      response
        .status(503)
        .type('text/plain')
        .send(
          'The console is not built: run `npm run build` (it bundles the console into dist/console-app/).\n',
        );
      return;
    }
    response
      .status(200)
      .set({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .send(html);
  });
}
