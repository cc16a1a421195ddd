import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deterministicEmbedding } from './deterministic-embedding.js';
import type { FakeProtocol, ProtocolCall } from './fake-protocol.js';
import {
  estimateTokens,
  splitText,
  type FakeScenario,
  type RecordedRequest,
  type ResolvedReply,
} from './fake-scenario.js';

export interface FakeServerOptions {
  /** Scenario for calls when the queue is empty. Default: a `reply`. */
  scenario?: FakeScenario;
  /** When set, calls without this credential get the real API's authentication error. */
  apiKey?: string;
  /** Keep every request in `requests` (default true). Turn off for long benchmarks. */
  record?: boolean;
  /** Port to listen on (default 0: any free port). */
  port?: number;
}

export interface FakeServer {
  /** The base URL to give the provider: `http://127.0.0.1:PORT/v1`. */
  url: string;
  origin: string;
  /** Every request received, in order (unless `record: false`). */
  readonly requests: RecordedRequest[];
  /** Number of requests received, recorded or not. */
  readonly requestCount: number;
  /** The scenario for calls when the queue is empty. */
  setScenario(scenario: FakeScenario): void;
  /** Scenarios for the next calls, one each, before the default applies again ("fail twice, then succeed"). */
  enqueue(...scenarios: FakeScenario[]): void;
  /** Forgets recorded requests and queued scenarios. */
  reset(): void;
  /** Drops every connection (hanging ones included) and stops listening. */
  close(): Promise<void>;
}

export const DEFAULT_REPLY_TEXT = 'Hello from the fake model server.';

/** A `node:http` server on 127.0.0.1 that speaks one provider's wire protocol. */
export async function startFakeServer(
  protocol: FakeProtocol,
  options: FakeServerOptions = {},
): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const queue: FakeScenario[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let defaultScenario: FakeScenario = options.scenario ?? { type: 'reply' };
  let requestCount = 0;

  const later = (delayMs: number, action: () => void): void => {
    // setTimeout(0) waits at least 1 ms: far too slow for a benchmark upstream.
    if (delayMs <= 0) {
      action();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, delayMs);
    timers.add(timer);
  };

  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request = recordOf(incoming, Buffer.concat(chunks).toString('utf8'));
      requestCount++;
      if (options.record !== false) requests.push(request);
      handle(request, response);
    });
  });
  server.keepAliveTimeout = 60_000;

  function handle(request: RecordedRequest, response: ServerResponse): void {
    const call = protocol.classify(request);
    if (call === undefined) {
      const other = protocol.answerOther?.(request);
      if (other === undefined)
        sendJson(response, 404, protocol.errorBody(404, `No route for ${request.path}`));
      else sendJson(response, 200, other);
      return;
    }
    const credential = protocol.credentialOf(request);
    if (options.apiKey !== undefined && credential !== options.apiKey) {
      const { status, body } = protocol.unauthorized(credential);
      sendJson(response, status, body);
      return;
    }
    const scenario = queue.shift() ?? defaultScenario;
    switch (scenario.type) {
      case 'hang':
        return;
      case 'reset':
        response.socket?.destroy();
        return;
      case 'invalid-json':
        if (call.kind === 'generate' && call.stream) {
          response.writeHead(200, { 'content-type': 'text/event-stream' });
          response.end(protocol.invalidStreamFrame);
        } else {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end('{"id": "truncated", "choices": [{"message": {"content": "Hel');
        }
        return;
      case 'error':
        later(scenario.delayMs ?? 0, () => {
          response.writeHead(scenario.status, { 'content-type': 'application/json', ...scenario.headers });
          response.end(
            scenario.rawBody ?? JSON.stringify(protocol.errorBody(scenario.status, scenario.message)),
          );
        });
        return;
      case 'reply':
        later(scenario.delayMs ?? 0, () => reply(call, request, scenario, response));
        return;
    }
  }

  function reply(
    call: ProtocolCall,
    request: RecordedRequest,
    scenario: Extract<FakeScenario, { type: 'reply' }>,
    response: ServerResponse,
  ): void {
    if (call.kind === 'embed') {
      sendJson(
        response,
        200,
        protocol.embeddings(
          call,
          call.inputs.map((input) => deterministicEmbedding(input)),
        ),
      );
      return;
    }
    const text =
      typeof scenario.text === 'function' ? scenario.text(request) : (scenario.text ?? DEFAULT_REPLY_TEXT);
    const replyId = randomUUID().replaceAll('-', '');
    const toolCalls = (scenario.toolCalls ?? []).map((call, index) => ({
      id: `${replyId.slice(0, 12)}_${index}`,
      name: call.name,
      arguments: JSON.stringify(call.arguments),
    }));
    const resolved: ResolvedReply = {
      text,
      toolCalls,
      pieces: splitText(text, scenario.chunks),
      usage: {
        inputTokens: scenario.usage?.inputTokens ?? estimateTokens(call.promptText),
        outputTokens:
          scenario.usage?.outputTokens ??
          estimateTokens(text + toolCalls.map((call) => call.arguments).join('')),
      },
      finishReason: scenario.finishReason ?? 'stop',
      id: replyId,
    };
    if (!call.stream) {
      sendJson(response, 200, protocol.completion(call, resolved));
      return;
    }
    const frames = protocol.streamFrames(call, resolved);
    const cutAfter = scenario.cutAfterChunks;
    const chunks = cutAfter === undefined ? frames.chunks : frames.chunks.slice(0, cutAfter);
    const finish = (): void => {
      if (cutAfter === undefined) response.end(frames.tail.join(''));
      else if (scenario.cutMode === 'end') response.end();
      // Let the written chunks leave before the connection drops, as a real cut would.
      else response.write('', () => response.socket?.destroy());
    };
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const interval = scenario.chunkIntervalMs ?? 0;
    if (interval === 0) {
      response.write(frames.head.join('') + chunks.join(''));
      finish();
      return;
    }
    response.write(frames.head.join(''));
    let index = 0;
    const writeNext = (): void => {
      if (response.destroyed) return;
      const chunk = chunks[index++];
      if (chunk === undefined) {
        finish();
        return;
      }
      response.write(chunk);
      later(interval, writeNext);
    };
    later(interval, writeNext);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}${protocol.basePath}`,
    origin,
    requests,
    get requestCount() {
      return requestCount;
    },
    setScenario(scenario) {
      defaultScenario = scenario;
    },
    enqueue(...scenarios) {
      queue.push(...scenarios);
    },
    reset() {
      requests.length = 0;
      queue.length = 0;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

function recordOf(incoming: IncomingMessage, text: string): RecordedRequest {
  const url = new URL(incoming.url ?? '/', 'http://fake.invalid');
  let body: unknown = text === '' ? undefined : text;
  if (text !== '' && (incoming.headers['content-type'] ?? '').includes('json')) {
    try {
      body = JSON.parse(text);
    } catch {
      // Keep the raw text: a test may assert on a malformed request.
    }
  }
  return {
    method: incoming.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: incoming.headers,
    body,
    remotePort: incoming.socket.remotePort,
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
