import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiFake, type FakeServer } from './fakes/index.js';
import { graphqlOk } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('/v1/embeddings under the org-wide masking policy', () => {
  let app: TestApp;
  let upstream: FakeServer;

  beforeAll(async () => {
    upstream = await startOpenAiFake();
    app = await startTestApp();
    await graphqlOk(
      app.url,
      `mutation ($provider: RegisterProviderInput!, $model: RegisterModelInput!) { registerProvider(input: $provider) { provider { name } } registerModel(input: $model) { model { name } } }`,
      {
        key: app.adminKey,
        variables: {
          provider: { name: 'embed-fake', kind: 'OPENAI_COMPATIBLE', baseUrl: upstream.url },
          model: {
            name: 'embed/small',
            provider: 'embed-fake',
            upstreamModel: 'text-embedding-3-small',
            tags: ['embeddings'],
          },
        },
      },
    );
  });

  afterAll(async () => {
    await app?.stop();
    await upstream?.close();
  });

  it('sends masked text to the provider and still answers one vector per input', async () => {
    await graphqlOk(
      app.url,
      `mutation { setDefaultMaskingPolicy(input: { detectors: [EMAIL, PHONE], mode: REDACT }) { maskingPolicy { mode } } }`,
      {
        key: app.adminKey,
      },
    );
    upstream.reset();
    const response = await fetch(`${app.url}/v1/embeddings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'embed/small',
        input: ['Call +1 (415) 555-2671 or mail bob@example.com', 'plain text'],
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { embedding: number[] }[] };
    expect(body.data).toHaveLength(2);
    const sent = JSON.stringify(upstream.requests.map((request) => request.body));
    expect(sent).not.toContain('bob@example.com');
    expect(sent).not.toContain('555-2671');
    expect(sent).toContain('[EMAIL]');
    expect(sent).toContain('plain text');
  });
});
