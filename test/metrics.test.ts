import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiFake, type FakeServer } from './fakes/index.js';
import { graphqlOk } from './support/graphql-client.js';
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
      /capgate_http_requests_total\{front_door="v1",operation="chat.completions",status="502"\} 1/,
    );
  });
});
