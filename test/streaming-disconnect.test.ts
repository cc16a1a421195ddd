/**
 * A client that leaves a stream aborts the upstream call (the upstream sees its connection closed
 * before the stream ended), and the usage of what was produced is still recorded.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsageEvent, UsageRecorder } from '../src/usage/usage.types.js';
import { openAiProtocol } from './fakes/index.js';
import { graphqlOk, wsClient } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface StreamEvent {
  runId: string;
  type: string;
  delta: string | null;
}

const invokeStream = (model: string) =>
  `subscription S($input: JSON!) { invokeStream(capability: "summarize", input: $input, options: { model: "${model}" }) { runId type delta } }`;
const longText =
  'Capgate routes capabilities to models. It keeps costs under control. Streams stop when clients leave.';

/** An upstream that streams one chunk every 50 ms and tells when the connection closed, and how. */
async function startTricklingUpstream(): Promise<{
  url: string;
  closed: Promise<{ chunks: number; finished: boolean }>;
  server: Server;
}> {
  let reportClose: (value: { chunks: number; finished: boolean }) => void = () => {};
  const closed = new Promise<{ chunks: number; finished: boolean }>((resolve) => (reportClose = resolve));
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const frames = openAiProtocol.streamFrames(
        { kind: 'generate', stream: true, model: 'trickle', promptText: '' },
        {
          text: 'x',
          toolCalls: [],
          pieces: Array.from({ length: 200 }, (_, index) => `w${index} `),
          usage: { inputTokens: 10, outputTokens: 200 },
          finishReason: 'stop',
          id: 'trickle',
        },
      );
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(frames.head.join(''));
      let sent = 0;
      const timer = setInterval(() => {
        if (sent === frames.chunks.length) {
          clearInterval(timer);
          response.end(frames.tail.join(''));
          return;
        }
        response.write(frames.chunks[sent++]!);
      }, 50);
      response.on('close', () => {
        clearInterval(timer);
        reportClose({ chunks: sent, finished: response.writableFinished });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, closed, server };
}

describe('a client leaving a stream', () => {
  const id = randomUUID().slice(0, 8);
  const model = (name: string) => `sd-${id}/${name}`;
  let app: TestApp;
  let trickle: Awaited<ReturnType<typeof startTricklingUpstream>>;
  const usage: UsageEvent[] = [];

  beforeAll(async () => {
    app = await startTestApp({ redis: true });
    trickle = await startTricklingUpstream();
    await graphqlOk(
      app.url,
      `mutation R($provider: RegisterProviderInput!, $model: RegisterModelInput!) {
        registerProvider(input: $provider) { provider { name } } registerModel(input: $model) { model { name } } }`,
      {
        key: app.adminKey,
        variables: {
          provider: { name: `sd-${id}-trickle`, kind: 'OPENAI_COMPATIBLE', baseUrl: trickle.url },
          model: {
            name: model('trickle'),
            provider: `sd-${id}-trickle`,
            upstreamModel: 'trickle',
            pricing: { inputPer1M: 1, outputPer1M: 2 },
          },
        },
      },
    );
    // Observe usage whatever recorder is wired (or none yet): every run reports one event.
    const inner = app.services.usage;
    const observer: UsageRecorder = {
      record: (event) => {
        usage.push(event);
        inner?.record(event);
      },
      flush: async () => inner?.flush(),
      stop: async () => inner?.stop(),
    };
    app.services.usage = observer;
  });

  afterAll(async () => {
    await app?.stop();
    trickle?.server.closeAllConnections();
    await new Promise((resolve) => trickle?.server.close(resolve));
  });

  it('aborts the upstream call when the client leaves, and records the usage of what was produced', async () => {
    const client = wsClient(app.url, app.adminKey);
    const deltas: string[] = [];
    let runId = '';
    await new Promise<void>((resolve, reject) => {
      client.subscribe<{ invokeStream: StreamEvent }>(
        {
          query: invokeStream(model('trickle')),
          variables: { input: { text: longText } },
        },
        {
          next: ({ data }) => {
            runId = data!.invokeStream.runId;
            if (data!.invokeStream.type === 'DELTA') deltas.push(data!.invokeStream.delta!);
            if (deltas.length === 3) resolve();
          },
          error: reject,
          complete: () => reject(new Error('the stream ended before the client left')),
        },
      );
    });
    await client.dispose();
    const closed = await trickle.closed;
    expect(closed.finished).toBe(false);
    expect(closed.chunks).toBeLessThan(200);

    const deadline = Date.now() + 5_000;
    while (!usage.some((event) => event.runId === runId) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const recorded = usage.find((event) => event.runId === runId);
    expect(recorded).toMatchObject({ model: model('trickle'), status: 'error' });
    expect(recorded!.outputTokens).toBeGreaterThanOrEqual(3);
    expect(recorded!.costUsd).toBeGreaterThan(0);
  });
});
