import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiFake, type FakeServer } from './fakes/index.js';
import { graphql, graphqlOk } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('/metrics', () => {
  let app: TestApp;
  let upstream: FakeServer;

  beforeAll(async () => {
    upstream = await startOpenAiFake();
    app = await startTestApp({ redis: true });
    await graphqlOk(
      app.url,
      `mutation($p: RegisterProviderInput!, $m: RegisterModelInput!) { registerProvider(input: $p) { provider { name } } registerModel(input: $m) { model { name } } }`,
      {
        key: app.adminKey,
        variables: {
          p: { name: 'fake', kind: 'OPENAI_COMPATIBLE', baseUrl: upstream.url },
          m: {
            name: 'fake/gpt',
            provider: 'fake',
            upstreamModel: 'gpt-fake',
            pricing: { inputPer1M: 1, outputPer1M: 2 },
          },
        },
      },
    );
  });

  afterAll(async () => {
    await app?.stop();
    await upstream?.close();
  });

  it('shows request, run, token, upstream, breaker, event-loop and dependency metrics after some calls', async () => {
    const client = new OpenAI({ apiKey: app.adminKey, baseURL: `${app.url}/v1`, maxRetries: 0 });
    await client.chat.completions.create({ model: 'fake/gpt', messages: [{ role: 'user', content: 'hi' }] });
    await client.chat.completions.create({
      model: 'summarize',
      messages: [{ role: 'user', content: 'One sentence here. Another one there.' }],
    });
    await graphqlOk(
      app.url,
      `mutation Summarize { summarize(input: { text: "A first sentence. A second sentence." }) { summary } }`,
      {
        key: app.adminKey,
      },
    );

    const response = await fetch(`${app.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(
      /capgate_http_requests_total\{front_door="v1",operation="chat.completions",status="200"\} 2/,
    );
    expect(text).toMatch(
      /capgate_http_requests_total\{front_door="graphql",operation="Summarize",status="200"\} 1/,
    );
    expect(text).toMatch(
      /capgate_runs_total\{front_door="v1",capability="chat.completions",model="fake\/gpt",status="ok"\} 1/,
    );
    expect(text).toMatch(
      /capgate_runs_total\{front_door="v1",capability="summarize",model="local\/extractive-summarizer",status="ok"\} 1/,
    );
    expect(text).toMatch(
      /capgate_runs_total\{front_door="graphql",capability="summarize",model="local\/extractive-summarizer",status="ok"\} 1/,
    );
    expect(text).toMatch(
      /capgate_run_duration_seconds_bucket\{le="[^"]+",front_door="v1",capability="chat.completions",model="fake\/gpt",status="ok"\}/,
    );
    expect(text).toMatch(
      /capgate_tokens_total\{capability="chat.completions",model="fake\/gpt",direction="input"\} \d+/,
    );
    expect(text).toMatch(
      /capgate_cost_usd_total\{capability="chat.completions",model="fake\/gpt"\} [\d.e-]+/,
    );
    expect(text).toMatch(
      /capgate_upstream_request_duration_seconds_count\{provider="fake",model="gpt-fake",operation="chat",outcome="ok"\} 1/,
    );
    expect(text).toMatch(/capgate_circuit_breaker_state\{model="fake\/gpt"\} 0/);
    expect(text).toMatch(/nodejs_eventloop_lag_seconds \d/);
    expect(text).toMatch(/capgate_dependency_up\{dependency="mongo"\} 1/);
    expect(text).toMatch(/capgate_dependency_up\{dependency="redis"\} 1/);
  });

  it('counts upstream errors by code', async () => {
    upstream.enqueue({ type: 'error', status: 400, message: 'bad' });
    const client = new OpenAI({ apiKey: app.adminKey, baseURL: `${app.url}/v1`, maxRetries: 0 });
    await expect(
      client.chat.completions.create({ model: 'fake/gpt', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toThrow();
    const text = await (await fetch(`${app.url}/metrics`)).text();
    expect(text).toMatch(
      /capgate_upstream_errors_total\{provider="fake",model="gpt-fake",code="PROVIDER_ERROR"\} 1/,
    );
    expect(text).toMatch(
      /capgate_http_requests_total\{front_door="v1",operation="chat.completions",status="400"\} 1/,
    );
  });
});

describe('/metrics operation labels and token', () => {
  let app: TestApp;
  const token = 'metrics-token-0123456789abcdef';

  beforeAll(async () => {
    app = await startTestApp({ env: { CAPGATE_METRICS_TOKEN: token } });
  });

  afterAll(async () => {
    await app?.stop();
  });

  const scrape = async () => {
    const response = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return response.text();
  };

  it('requires the bearer token when CAPGATE_METRICS_TOKEN is set', async () => {
    const open = await fetch(`${app.url}/metrics`);
    expect(open.status).toBe(401);
    expect(open.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await open.text()).not.toMatch(/capgate_/);
    const wrong = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${token}x` } });
    expect(wrong.status).toBe(401);
    expect(await scrape()).toMatch(/capgate_http_requests_total/);
  });

  it('labels only authenticated, valid operations by their document name; the rest are "other"', async () => {
    const unauthenticated = await graphql(app.url, 'query Anon401 { me { roles } }', {
      headers: { 'x-apollo-operation-name': 'Anon401' },
    });
    expect(unauthenticated.status).toBe(401);
    const invalid = await graphql(app.url, 'query Invalid400 { nope }', { key: app.adminKey });
    expect(invalid.status).toBe(400);
    const claimed = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${app.adminKey}` },
      body: JSON.stringify({ query: 'query Real { me { roles } }', operationName: 'Claimed' }),
    });
    expect(claimed.status).toBe(400);
    await graphqlOk(app.url, 'query MyValidOperation { me { roles } }', { key: app.adminKey });
    await graphqlOk(app.url, '{ me { roles } }', { key: app.adminKey });

    const text = await scrape();
    expect(text).toMatch(
      /capgate_http_requests_total\{front_door="graphql",operation="MyValidOperation",status="200"\} 1/,
    );
    expect(text).toMatch(
      /capgate_http_requests_total\{front_door="graphql",operation="anonymous",status="200"\} 1/,
    );
    expect(text).toMatch(
      /capgate_http_requests_total\{front_door="graphql",operation="other",status="401"\} 1/,
    );
    expect(text).toMatch(
      /capgate_http_requests_total\{front_door="graphql",operation="other",status="400"\} 2/,
    );
    expect(text).not.toMatch(/Anon401|Invalid400|Claimed|operation="Real"/);
  });

  it('counts names beyond the bound as "other"', async () => {
    for (let index = 0; index < 205; index++) {
      await graphqlOk(app.url, `query Op${index} { me { roles } }`, { key: app.adminKey });
    }
    const text = await scrape();
    const names = new Set(
      [...text.matchAll(/capgate_http_requests_total\{front_door="graphql",operation="([^"]+)"/g)].map(
        (match) => match[1],
      ),
    );
    expect(names.size).toBeLessThanOrEqual(200 + 2);
    expect(names.has('Op0')).toBe(true);
    expect(names.has('Op204')).toBe(false);
    expect(text).toMatch(
      /capgate_http_requests_total\{front_door="graphql",operation="other",status="200"\} \d+/,
    );
  });
});
