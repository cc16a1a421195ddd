import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiFake, type FakeServer } from './fakes/index.js';
import { graphqlOk } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface OtlpSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Array<{ key: string; value: { stringValue?: string; intValue?: string | number } }>;
}

/** A local OTLP/HTTP (JSON) collector: keeps every span it receives. */
async function startCollector(): Promise<{ url: string; spans: OtlpSpan[]; server: Server }> {
  const spans: OtlpSpan[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
      };
      for (const resource of body.resourceSpans)
        for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, server };
}

describe('OpenTelemetry tracing (config.tracing)', () => {
  let app: TestApp | undefined;
  let upstream: FakeServer;
  let collector: Awaited<ReturnType<typeof startCollector>>;

  beforeAll(async () => {
    upstream = await startOpenAiFake();
    collector = await startCollector();
    app = await startTestApp({
      env: { CAPGATE_TRACING: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: collector.url },
    });
    await graphqlOk(
      app.url,
      `mutation($p: RegisterProviderInput!, $m: RegisterModelInput!) { registerProvider(input: $p) { provider { name } } registerModel(input: $m) { model { name } } }`,
      {
        key: app.adminKey,
        variables: {
          p: { name: 'fake', kind: 'OPENAI_COMPATIBLE', baseUrl: upstream.url },
          m: { name: 'fake/gpt', provider: 'fake', upstreamModel: 'gpt-fake' },
        },
      },
    );
  });

  afterAll(async () => {
    await app?.stop();
    await upstream?.close();
    collector?.server.close();
  });

  it('exports a request span and a child GenAI span per model call', async () => {
    const client = new OpenAI({ apiKey: app!.adminKey, baseURL: `${app!.url}/v1`, maxRetries: 0 });
    await client.chat.completions.create({ model: 'fake/gpt', messages: [{ role: 'user', content: 'hi' }] });
    await app!.stop(); // flushes the span batch
    app = undefined;

    const request = collector.spans.find((span) => span.name === 'POST /v1/chat/completions');
    const call = collector.spans.find((span) => span.name === 'chat gpt-fake');
    expect(request).toBeDefined();
    expect(call).toBeDefined();
    expect(call!.traceId).toBe(request!.traceId);
    expect(call!.parentSpanId).toBe(request!.spanId);
    const attributes = Object.fromEntries(
      call!.attributes.map((attribute) => [
        attribute.key,
        attribute.value.stringValue ?? Number(attribute.value.intValue),
      ]),
    );
    expect(attributes).toMatchObject({
      'gen_ai.system': 'openai',
      'gen_ai.request.model': 'gpt-fake',
      'gen_ai.operation.name': 'chat',
    });
    expect(attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
    expect(attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
  });
});
