/**
 * HTTP and WebSocket answer hostile or malformed operations the same way: a typed client error
 * (BAD_USER_INPUT), never a closed socket (4500) or a raw stack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, wsClient } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Each fragment spreads the previous one twice: 2^30 selections once expanded (every rule walks each fragment once). */
function fragmentFanOut(levels: number): string {
  const fragments = ['fragment F0 on Query { me { id } }'];
  for (let level = 1; level <= levels; level += 1) {
    fragments.push(`fragment F${level} on Query { ...F${level - 1} ...F${level - 1} }`);
  }
  return `query { ...F${levels} }\n${fragments.join('\n')}`;
}

const cases: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  { name: 'an exponential fragment fan-out', query: fragmentFanOut(30) },
  {
    name: 'a wrongly typed variable',
    query: 'mutation ($text: String!) { summarize(input: { text: $text }) { summary } }',
    variables: { text: { not: 'a string' } },
  },
  {
    name: 'a JSON variable nested too deeply',
    query: 'mutation ($input: JSON!) { invoke(capability: "summarize", input: $input) { output } }',
    variables: { input: JSON.parse(`${'{"a":'.repeat(100)}1${'}'.repeat(100)}`) as unknown },
  },
];

describe('HTTP and WebSocket answer bad operations alike', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app?.stop();
  });

  it.each(cases)('answers $name with BAD_USER_INPUT on both transports', async ({ query, variables }) => {
    const http = await graphql(app.url, query, { key: app.adminKey, variables });
    expect(http.status).toBe(400);
    const httpError = http.errors?.[0];
    expect(httpError?.extensions?.code).toBe('BAD_USER_INPUT');

    const client = wsClient(app.url, app.adminKey);
    const closes: number[] = [];
    client.on('closed', (event) => closes.push((event as { code: number }).code));
    try {
      const outcome = await new Promise<{ errors?: unknown }>((resolve) => {
        client.subscribe(
          { query, variables },
          {
            next: (value) => resolve({ errors: value.errors }),
            error: (error) => resolve({ errors: error }),
            complete: () => resolve({}),
          },
        );
      });
      expect(Array.isArray(outcome.errors)).toBe(true);
      const [wsError] = outcome.errors as { message: string; extensions?: { code?: string } }[];
      expect(wsError?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(wsError?.message).toBe(httpError?.message);
      expect(JSON.stringify(outcome.errors)).not.toMatch(/\n\s+at /);
      // The socket stays open for the next operation.
      const next = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: '{ me { id } }' },
          { next: (value) => resolve(value.data), error: resolve, complete: () => undefined },
        );
      });
      expect(next).toMatchObject({ me: { id: expect.any(String) } });
      expect(closes).toEqual([]);
    } finally {
      await client.dispose();
    }
  });
});
