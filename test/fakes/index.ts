/** Fake provider servers for the test suite and the benchmark: they speak the real wire protocols. */
export { anthropicProtocol, startAnthropicFake } from './anthropic-fake.js';
export { deterministicEmbedding } from './deterministic-embedding.js';
export type { FakeProtocol, ProtocolCall, StreamFrames } from './fake-protocol.js';
export type { FakeFinishReason, FakeScenario, FakeUsage, RecordedRequest } from './fake-scenario.js';
export {
  DEFAULT_REPLY_TEXT,
  startFakeServer,
  type FakeServer,
  type FakeServerOptions,
} from './fake-server.js';
export { geminiProtocol, startGeminiFake } from './gemini-fake.js';
export { openAiProtocol, startOpenAiFake } from './openai-fake.js';
export { collectStream, rejectionOf, type CollectedStream } from './stream-helpers.js';
