/**
 * The browser-facing pages: `/` says what Capgate is and where to go; `GET /graphql` with
 * `Accept: text/html` opens the GraphiQL IDE (outside production, or with `CAPGATE_IDE=true`), whose
 * bundle `npm run build` writes to `dist/ide/` and which is served from `/ide/` on this origin only.
 * Pages carry a strict Content-Security-Policy: scripts and styles from this origin, no inline script.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { projectRoot } from '../infra/project-root.js';

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function sendPage(response: Response, html: string): void {
  response
    .status(200)
    .set({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    })
    .send(html);
}

function landingPage(ide: boolean): string {
  const ideLink = ide
    ? '<li><a href="/graphql">GraphQL IDE</a> (GraphiQL): explore the schema and run operations with your API key</li>'
    : '<li><code>/graphql</code>: the GraphQL API (the IDE is off here; <code>CAPGATE_IDE=true</code> enables it)</li>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Capgate</title>
<link rel="stylesheet" href="/ide/landing.css">
</head>
<body>
<main>
<h1>Capgate</h1>
<p>An AI capability gateway: one typed GraphQL API of capabilities (summarize, analyze, classify, retrieve and
those your teams register), routed to the right model with budgets, rate limits and masking, plus an
OpenAI-compatible REST front door.</p>
<ul>
<li><a href="/console/">Console</a>: the catalog, playground, usage, runs, keys and audit log in the browser (sign in with an API key)</li>
${ideLink}
<li><code>POST /graphql</code>, <code>WS /graphql</code> (graphql-ws), SSE on <code>/graphql/stream</code>: the GraphQL API (needs <code>Authorization: Bearer &lt;api key&gt;</code>)</li>
<li><a href="/v1/models">/v1</a>: OpenAI-compatible API (<code>/v1/chat/completions</code>, <code>/v1/embeddings</code>, <code>/v1/models</code>)</li>
<li><a href="/healthz">/healthz</a>: the process is alive</li>
<li><a href="/readyz">/readyz</a>: MongoDB and Redis are reachable</li>
<li><a href="/metrics">/metrics</a>: Prometheus metrics</li>
</ul>
</main>
</body>
</html>
`;
}

const idePage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Capgate GraphQL IDE</title>
<link rel="stylesheet" href="/ide/graphiql.css">
<script type="module" src="/ide/graphiql.js"></script>
</head>
<body>
<div id="root"></div>
</body>
</html>
`;

const landingCss = `body{font-family:system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#222}
code{background:#f3f3f3;padding:0 .2rem;border-radius:3px}a{color:#0b5fff}li{margin:.3rem 0}
`;

export function wantsHtml(request: Request): boolean {
  const accept = request.headers.accept ?? '';
  return request.method === 'GET' && /\btext\/html\b/i.test(accept);
}

/** Mounts `/`, `/ide/*` and the IDE on `GET /graphql` (before the GraphQL handlers). */
export function mountIdeRoutes(app: express.Express, options: { ide: boolean }): void {
  const bundleDir = path.join(projectRoot(), 'dist', 'ide');
  app.get('/', (_request, response) => sendPage(response, landingPage(options.ide)));
  app.get('/ide/landing.css', (_request, response) => {
    response.type('text/css').set('cache-control', 'public, max-age=300').send(landingCss);
  });
  app.get('/favicon.ico', (_request, response) => {
    response.status(204).end();
  });
  if (!options.ide) return;
  app.use('/ide', express.static(bundleDir, { index: false, fallthrough: true, maxAge: '5m' }));
  app.get('/graphql', (request: Request, response: Response, next: NextFunction) => {
    if (!wantsHtml(request)) return next();
    if (!existsSync(path.join(bundleDir, 'graphiql.js'))) {
      response
        .status(503)
        .type('text/plain')
        .send('The GraphQL IDE is not built: run `npm run build` (it bundles GraphiQL into dist/ide/).\n');
      return;
    }
    sendPage(response, idePage);
  });
}
