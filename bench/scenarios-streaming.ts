/** S4 (streaming latency through each path) and S7 (idle subscriptions, then many streams at once). */
import { BENCH_MODEL, graphql, type RunningCapgate } from './capgate.js';
import type { Target } from './load.js';
import { configureMock } from './mock-upstream.js';
import { memoryMiB } from './processes.js';
import type { TargetKey } from './report.js';
import { invokeStream, openIdleSubscriptions, sseStream, wsClient, type StreamSample } from './streams.js';

export async function measureStreams(options: {
  targets: Record<TargetKey, Target>;
  capgate: RunningCapgate;
  repetitions: number;
  concurrent: number;
  prompt: string;
}): Promise<{ samples: Partial<Record<TargetKey, StreamSample[][]>>; notes: string[] }> {
  const { targets, capgate, concurrent } = options;
  const body = JSON.stringify({
    model: BENCH_MODEL,
    messages: [{ role: 'user', content: options.prompt }],
    stream: true,
  });
  const client = wsClient(capgate.url, capgate.key);
  const paths: Record<TargetKey, () => Promise<StreamSample>> = {
    direct: () => sseStream(targets.direct.url, targets.direct.headers, body),
    portkey: () => sseStream(targets.portkey.url, targets.portkey.headers, body),
    v1: () => sseStream(targets.v1.url, targets.v1.headers, body),
    graphql: () => invokeStream(client, 'summarize', { text: options.prompt }),
  };
  const samples: Partial<Record<TargetKey, StreamSample[][]>> = {};
  const notes: string[] = [];
  const working: TargetKey[] = [];
  try {
    for (const key of Object.keys(paths) as TargetKey[]) {
      // Warm-up, and a path that cannot stream at all is reported rather than failing the whole run.
      try {
        await paths[key]();
        working.push(key);
      } catch (error) {
        notes.push(`S4: ${key} could not stream: ${(error as Error).message.slice(0, 300)}`);
      }
    }
    for (let repetition = 0; repetition < options.repetitions; repetition++) {
      for (const key of working) {
        const rep = await Promise.all(Array.from({ length: concurrent }, () => paths[key]()));
        (samples[key] ??= []).push(rep);
      }
    }
  } finally {
    await client.dispose();
  }
  return { samples, notes };
}

export async function measureSubscriptions(options: {
  capgate: RunningCapgate;
  mockPort: number;
  prompt: string;
  idle: number;
  streaming: number;
  expectedChunks: number;
}) {
  const { capgate } = options;
  // A run that stays in flight (its model answers after a minute): the idle subscriptions follow it.
  await configureMock(options.mockPort, { delayMs: 60_000 });
  const started = (await graphql(
    capgate.url,
    capgate.key,
    `
      mutation ($input: JSON!) {
        startRun(capability: "summarize", input: $input) {
          id
        }
      }
    `,
    {
      input: { text: options.prompt },
    },
  )) as { startRun: { id: string } };
  await new Promise((resolve) => setTimeout(resolve, 300));
  await configureMock(options.mockPort, { delayMs: 0 });

  const rssBeforeMiB = memoryMiB(capgate.process.pid).rss;
  const { clients, failures } = await openIdleSubscriptions(
    capgate.url,
    capgate.key,
    started.startRun.id,
    options.idle,
  );
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const rssAfterMiB = memoryMiB(capgate.process.pid).rss;

  const streamClients = Array.from({ length: 10 }, () => wsClient(capgate.url, capgate.key));
  let eventsReceived = 0;
  let streamFailures = 0;
  await Promise.all(
    Array.from({ length: options.streaming }, (_, index) =>
      invokeStream(streamClients[index % streamClients.length]!, 'summarize', { text: options.prompt }).then(
        (sample) => (eventsReceived += sample.chunks),
        () => (streamFailures += 1),
      ),
    ),
  );
  await Promise.all([...clients, ...streamClients].map((client) => client.dispose()));
  return {
    idle: options.idle,
    failures,
    rssBeforeMiB,
    rssAfterMiB,
    streams: options.streaming,
    eventsExpected: options.streaming * options.expectedChunks,
    eventsReceived,
    streamFailures,
  };
}
