/**
 * Micro-check (not a test): the Anthropic adapter (`@ai-sdk/anthropic`) against the fake server
 * in a worker thread, 50 concurrent callers, with three `fetch` implementations handed to the SDK:
 * ours on undici `Agent#request`, undici's own `fetch` on the same agent, and the global `fetch`.
 *
 *   node --import @swc-node/register/esm-register test/fakes/sdk-fetch-throughput.check.ts [seconds]
 */
import { createAnthropic } from '@ai-sdk/anthropic';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { fetch as undiciFetch, type Agent } from 'undici';
import { isAnthropicFinalChunk } from '../../src/providers/anthropic/is-anthropic-final-chunk.js';
import { LanguageModelProvider } from '../../src/providers/http/ai-sdk/language-model-provider.js';
import { createUpstreamAgent } from '../../src/providers/http/keep-alive-dispatcher.js';
import { createUndiciFetch } from '../../src/providers/http/undici-fetch.js';
import type { GenerateRequest } from '../../src/providers/provider.types.js';
import { startAnthropicFake } from './anthropic-fake.js';

const CONCURRENCY = 50;
const SECONDS = Number(process.argv[2] ?? 5);
const REQUEST: GenerateRequest = {
  model: 'claude-sonnet-4-5',
  messages: [{ role: 'user', content: 'Say hello.' }],
};

type FetchFunction = typeof globalThis.fetch;

async function measure(
  label: string,
  baseURL: string,
  makeFetch: (agent: Agent) => FetchFunction,
): Promise<void> {
  const dispatcher = createUpstreamAgent();
  const anthropic = createAnthropic({ baseURL, apiKey: 'sk-ant-bench', fetch: makeFetch(dispatcher) });
  const provider = new LanguageModelProvider({
    kind: 'ANTHROPIC',
    providerName: 'bench',
    providerOptionsKey: 'anthropic',
    secrets: [],
    languageModel: (modelId) => anthropic.languageModel(modelId),
    isFinalChunk: isAnthropicFinalChunk,
    dispatcher,
  });
  for (let index = 0; index < 300; index++) await provider.doGenerate(REQUEST);
  let completed = 0;
  const deadline = Date.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < deadline) {
        await provider.doGenerate(REQUEST);
        completed++;
      }
    }),
  );
  const rate = completed / ((performance.now() - started) / 1000);
  console.log(`${label.padEnd(36)} ${Math.round(rate).toLocaleString('en').padStart(7)} req/s`);
  await provider.close();
}

if (isMainThread) {
  const worker = new Worker(new URL(import.meta.url));
  const url = await new Promise<string>((resolve) => worker.once('message', resolve));
  await measure('createUndiciFetch (Agent#request)', url, (agent) => createUndiciFetch(agent));
  await measure(
    'undici fetch on the same Agent',
    url,
    (agent) => (input, init) =>
      undiciFetch(input as string, {
        ...(init as object),
        dispatcher: agent,
      }) as unknown as Promise<Response>,
  );
  await measure('global fetch', url, () => globalThis.fetch);
  await worker.terminate();
} else {
  const fake = await startAnthropicFake({ record: false });
  parentPort?.postMessage(fake.url);
}
