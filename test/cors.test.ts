/**
 * Browsers reach `/v1/*` as they reach `/graphql`: the same CORS preflight answer for an allowed
 * origin, none for a foreign one, and the allow-origin header on the actual response.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';

const allowed = 'https://console.example';

function corsHeaders(response: Response): Record<string, string | null> {
  const names = [
    'access-control-allow-origin',
    'access-control-allow-methods',
    'access-control-allow-headers',
    'access-control-max-age',
    'access-control-allow-credentials',
    'vary',
  ];
  return Object.fromEntries(names.map((name) => [name, response.headers.get(name)]));
}

describe('CORS', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { CAPGATE_ALLOWED_ORIGINS: allowed } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const preflight = (path: string, origin: string) =>
    fetch(`${app.url}${path}`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  it('answers a preflight on /v1/* exactly as on /graphql', async () => {
    const graphqlAnswer = await preflight('/graphql', allowed);
    expect(graphqlAnswer.status).toBe(204);
    expect(graphqlAnswer.headers.get('access-control-allow-origin')).toBe(allowed);
    for (const path of ['/v1/chat/completions', '/v1/embeddings', '/v1/models']) {
      const answer = await preflight(path, allowed);
      expect(answer.status, path).toBe(graphqlAnswer.status);
      expect(corsHeaders(answer), path).toEqual(corsHeaders(graphqlAnswer));
    }
  });

  it('gives a foreign origin no allow-origin header on either', async () => {
    for (const path of ['/graphql', '/v1/chat/completions']) {
      const answer = await preflight(path, 'https://evil.example');
      expect(answer.headers.get('access-control-allow-origin'), path).toBeNull();
    }
  });

  it('marks the actual /v1 response for the allowed origin', async () => {
    const response = await fetch(`${app.url}/v1/models`, {
      headers: { origin: allowed, authorization: `Bearer ${app.adminKey}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(allowed);
  });
});
