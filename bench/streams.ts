/**
 * Streaming measurements (S4, S7): SSE streams read with undici, `invokeStream` subscriptions read
 * with graphql-ws. For every stream: time to the first content chunk, the gaps between content
 * chunks, and how many chunks arrived (a lost chunk is a failure, not a statistic).
 */
import { createClient, type Client } from 'graphql-ws';
import { request } from 'undici';
import WebSocket from 'ws';

export interface StreamSample {
  firstChunkMs: number;
  gapsMs: number[];
  chunks: number;
}

/** A `stream: true` chat completion over SSE; counts frames whose delta carries text. */
export async function sseStream(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<StreamSample> {
  const started = performance.now();
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  if (response.statusCode !== 200)
    throw new Error(`${url}: ${response.statusCode} ${await response.body.text()}`);
  let buffer = '';
  let last = 0;
  const sample: StreamSample = { firstChunkMs: -1, gapsMs: [], chunks: 0 };
  for await (const piece of response.body) {
    buffer += (piece as Buffer).toString('utf8');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (!/"content":"[^"]/.test(frame)) continue;
      const now = performance.now();
      if (sample.chunks === 0) sample.firstChunkMs = now - started;
      else sample.gapsMs.push(now - last);
      last = now;
      sample.chunks++;
    }
  }
  return sample;
}

export function wsClient(url: string, key: string): Client {
  return createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${key}` },
    lazy: false,
    retryAttempts: 0,
  });
}

/** One `invokeStream` run; counts DELTA events. */
export function invokeStream(client: Client, capability: string, input: unknown): Promise<StreamSample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let last = 0;
    const sample: StreamSample = { firstChunkMs: -1, gapsMs: [], chunks: 0 };
    client.subscribe<{ invokeStream: { type: string; delta: string | null } }>(
      {
        query:
          'subscription($capability: String!, $input: JSON!) { invokeStream(capability: $capability, input: $input) { type delta errorCode } }',
        variables: { capability, input },
      },
      {
        next: (value) => {
          const event = value.data?.invokeStream;
          if (event?.type === 'FAILED') reject(new Error(`invokeStream failed: ${JSON.stringify(event)}`));
          if (event?.type !== 'DELTA' || !event.delta) return;
          const now = performance.now();
          if (sample.chunks === 0) sample.firstChunkMs = now - started;
          else sample.gapsMs.push(now - last);
          last = now;
          sample.chunks++;
        },
        error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
        complete: () => resolve(sample),
      },
    );
  });
}

/** Opens `count` graphql-ws connections, each with one subscription that stays idle. */
export async function openIdleSubscriptions(
  url: string,
  key: string,
  runId: string,
  count: number,
): Promise<{ clients: Client[]; failures: number }> {
  const clients: Client[] = [];
  let failures = 0;
  const batch = 100;
  for (let opened = 0; opened < count; opened += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, count - opened) }, async () => {
        const client = wsClient(url, key);
        clients.push(client);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 5000);
          client.on('connected', () => {
            clearTimeout(timer);
            resolve();
          });
          client.subscribe(
            { query: `subscription { runEvents(runId: "${runId}") { type } }` },
            {
              next: () => {},
              error: () => {
                failures++;
              },
              complete: () => {},
            },
          );
        });
      }),
    );
  }
  return { clients, failures };
}
