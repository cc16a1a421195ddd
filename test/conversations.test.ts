/**
 * Conversations end to end: a real server, fake upstreams speaking the OpenAI and Anthropic
 * protocols. What the upstream receives is the proof that earlier turns (or their summary) reach the
 * model that serves each turn.
 */
import { randomUUID } from 'node:crypto';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationRetention } from '../src/conversations/conversation-retention.js';
import { conversationModels } from '../src/store/models/conversation.model.js';
import { runModel } from '../src/store/models/run.model.js';
import { ConversationRepository } from '../src/store/repos/conversation.repo.js';
import { createLogger } from '../src/infra/logger.js';
import { startAnthropicFake, startOpenAiFake, type FakeServer, type RecordedRequest } from './fakes/index.js';
import { createKey, createTeam } from './governance-fixtures.js';
import { graphql, graphqlOk } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface WireMessage {
  role: string;
  content: unknown;
}

/** The messages an upstream received, as text, whatever the protocol (system prompt first). */
function messagesOf(request: RecordedRequest): Array<{ role: string; text: string }> {
  const body = request.body as { system?: unknown; messages: WireMessage[] };
  const text = (content: unknown): string =>
    typeof content === 'string'
      ? content
      : Array.isArray(content)
        ? content.map((block) => (block as { text?: string }).text ?? '').join('')
        : '';
  const system = body.system === undefined ? [] : [{ role: 'system', text: text(body.system) }];
  return [
    ...system,
    ...body.messages.map((message) => ({ role: message.role, text: text(message.content) })),
  ];
}

const lastUserText = (request: RecordedRequest): string =>
  messagesOf(request)
    .filter((message) => message.role === 'user')
    .at(-1)!.text;

const CREATE = `mutation C($input: CreateConversationInput!) {
  createConversation(input: $input) { conversation { id internalId shared turnCount title } } }`;
const INVOKE = `mutation I($capability: String!, $input: JSON!, $options: InvokeOptions) {
  invoke(capability: $capability, input: $input, options: $options) { output meta { runId model provider } } }`;
const CONVERSATION = `query Q($id: ID!, $first: Int, $after: String) {
  conversation(id: $id) { id turnCount lastTurnId storedBytes
    turns(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
      edges { node { id index model provider runId input output usage { inputTokens } } } } } }`;

interface Turn {
  id: string;
  index: number;
  model: string;
  provider: string;
  runId: string;
  input: { question: string };
  output: string;
}

describe('conversations', () => {
  const id = randomUUID().slice(0, 8);
  const gpt = `cv-${id}/gpt`;
  const claude = `cv-${id}/claude`;
  const tiny = `cv-${id}/tiny`;
  const assistant = `assistant-${id}`;
  const smallAssistant = `small-assistant-${id}`;
  let app: TestApp;
  let openai: FakeServer;
  let anthropic: FakeServer;
  let memberA: string;
  let otherMemberA: string;
  let memberB: string;

  const answer = (request: RecordedRequest) => `Answer to ${lastUserText(request)}.`;

  const createConversation = async (key: string, input: Record<string, unknown> = {}) =>
    (
      await graphqlOk<{ createConversation: { conversation: { id: string; internalId: string } } }>(
        app.url,
        CREATE,
        { key, variables: { input } },
      )
    ).createConversation.conversation;

  const ask = (key: string, conversationId: string, question: string, capability = assistant, extra = {}) =>
    graphql<{ invoke: { output: string; meta: { runId: string; model: string; provider: string } } }>(
      app.url,
      INVOKE,
      { key, variables: { capability, input: { question }, options: { conversationId, ...extra } } },
    );

  const turnsOf = async (key: string, conversationId: string) => {
    const data = await graphqlOk<{
      conversation: {
        turnCount: number;
        lastTurnId: string | null;
        turns: { edges: Array<{ node: Turn }> };
      } | null;
    }>(app.url, CONVERSATION, { key, variables: { id: conversationId, first: 100 } });
    return data.conversation;
  };

  const setImplementations = (capability: string, model: string) =>
    graphqlOk(
      app.url,
      `mutation S($input: SetImplementationsInput!) {
        setImplementations(input: $input) { capability { version } } }`,
      { key: app.adminKey, variables: { input: { capability, implementations: [{ model }] } } },
    );

  beforeAll(async () => {
    openai = await startOpenAiFake({ scenario: { type: 'reply', text: answer } });
    anthropic = await startAnthropicFake({ scenario: { type: 'reply', text: answer } });
    app = await startTestApp();
    const register = `mutation R($provider: RegisterProviderInput!, $model: RegisterModelInput!) {
      registerProvider(input: $provider) { provider { name } } registerModel(input: $model) { model { name } } }`;
    const models = [
      { name: gpt, kind: 'OPENAI_COMPATIBLE', fake: openai, contextWindow: 100_000 },
      { name: claude, kind: 'ANTHROPIC', fake: anthropic, contextWindow: 100_000 },
      { name: tiny, kind: 'OPENAI_COMPATIBLE', fake: openai, contextWindow: 700 },
    ];
    for (const model of models) {
      const provider = `${model.name.replace('/', '-')}`;
      await graphqlOk(app.url, register, {
        key: app.adminKey,
        variables: {
          provider: { name: provider, kind: model.kind, baseUrl: model.fake.url },
          model: {
            name: model.name,
            provider,
            upstreamModel: model.name.split('/')[1],
            pricing: { inputPer1M: 1, outputPer1M: 2 },
            contextWindow: model.contextWindow,
          },
        },
      });
    }
    for (const [name, model] of [
      [assistant, gpt],
      [smallAssistant, tiny],
    ] as const) {
      await graphqlOk(
        app.url,
        `mutation C($input: RegisterCapabilityInput!) { registerCapability(input: $input) { capability { name } } }`,
        {
          key: app.adminKey,
          variables: {
            input: {
              name,
              inputSchema: {
                type: 'object',
                properties: { question: { type: 'string' } },
                required: ['question'],
              },
              promptTemplate: '{{input.question}}',
              implementations: [{ model }],
              routing: { strategy: 'FALLBACK', maxAttempts: 1 },
            },
          },
        },
      );
    }
    const teamA = await createTeam(app, `cv-a-${id}`);
    const teamB = await createTeam(app, `cv-b-${id}`);
    memberA = (await createKey(app.url, app.adminKey, teamA.name, ['MEMBER'])).key;
    otherMemberA = (await createKey(app.url, app.adminKey, teamA.name, ['MEMBER'])).key;
    memberB = (await createKey(app.url, app.adminKey, teamB.name, ['MEMBER'])).key;
  });

  afterAll(async () => {
    await app?.stop();
    await openai?.close();
    await anthropic?.close();
  });

  it('gives a remote model the earlier turns, and stores each completed turn', async () => {
    const conversation = await createConversation(memberA, { title: 'fruit', capability: assistant });
    openai.reset();
    const runIds: string[] = [];
    for (const question of ['Q1 apple', 'Q2 banana', 'Q3 cherry']) {
      const result = await ask(memberA, conversation.id, question);
      expect(result.errors).toBeUndefined();
      expect(result.data!.invoke.output).toBe(`Answer to ${question}.`);
      runIds.push(result.data!.invoke.meta.runId);
    }
    expect(openai.requests).toHaveLength(3);
    expect(messagesOf(openai.requests[0]!).filter((message) => message.role !== 'system')).toEqual([
      { role: 'user', text: 'Q1 apple' },
    ]);
    expect(messagesOf(openai.requests[2]!).filter((message) => message.role !== 'system')).toEqual([
      { role: 'user', text: 'Q1 apple' },
      { role: 'assistant', text: 'Answer to Q1 apple.' },
      { role: 'user', text: 'Q2 banana' },
      { role: 'assistant', text: 'Answer to Q2 banana.' },
      { role: 'user', text: 'Q3 cherry' },
    ]);
    const stored = await turnsOf(memberA, conversation.id);
    expect(stored!.turnCount).toBe(3);
    const turns = stored!.turns.edges.map((edge) => edge.node);
    expect(
      turns.map((turn) => [turn.index, turn.input.question, turn.output, turn.runId, turn.model]),
    ).toEqual([
      [1, 'Q1 apple', 'Answer to Q1 apple.', runIds[0], gpt],
      [2, 'Q2 banana', 'Answer to Q2 banana.', runIds[1], gpt],
      [3, 'Q3 cherry', 'Answer to Q3 cherry.', runIds[2], gpt],
    ]);
    expect(stored!.lastTurnId).toBe(turns[2]!.id);
  });

  it('keeps the context when the capability moves to another provider (Anthropic protocol)', async () => {
    const conversation = await createConversation(memberA);
    await ask(memberA, conversation.id, 'Q1 my name is Ada');
    await setImplementations(assistant, claude);
    try {
      anthropic.reset();
      const result = await ask(memberA, conversation.id, 'Q2 what is my name');
      expect(result.errors).toBeUndefined();
      expect(result.data!.invoke.meta.model).toBe(claude);
      expect(anthropic.requests).toHaveLength(1);
      expect(messagesOf(anthropic.requests[0]!).filter((message) => message.role !== 'system')).toEqual([
        { role: 'user', text: 'Q1 my name is Ada' },
        { role: 'assistant', text: 'Answer to Q1 my name is Ada.' },
        { role: 'user', text: 'Q2 what is my name' },
      ]);
    } finally {
      await setImplementations(assistant, gpt);
    }
    // And back on the OpenAI protocol, with the Anthropic-served turn in the history.
    openai.reset();
    await ask(memberA, conversation.id, 'Q3 again');
    expect(messagesOf(openai.requests[0]!).map((message) => message.text)).toContain(
      'Answer to Q2 what is my name.',
    );
  });

  it('condenses old turns with summarize to fit a small context window, and reuses the summary', async () => {
    const conversation = await createConversation(memberA);
    const filler = (n: number) =>
      `Q${n} The committee reviewed the quarterly figures for region ${n}. Sales rose in the north while costs fell in the south. The board asked for a plan by Friday.`;
    openai.reset();
    for (let n = 1; n <= 10; n++) {
      const result = await ask(memberA, conversation.id, filler(n), smallAssistant);
      expect(result.errors).toBeUndefined();
    }
    const last = messagesOf(openai.requests.at(-1)!);
    const summary = last.find((message) => message.text.startsWith('Summary of the earlier conversation'));
    expect(summary).toBeDefined();
    // Recent turns verbatim after the summary, the current question last; old ones are gone.
    expect(last.at(-1)).toEqual({ role: 'user', text: filler(10) });
    expect(last.some((message) => message.text === filler(1))).toBe(false);
    expect(last.some((message) => message.text === filler(9))).toBe(true);
    // Within the window (about 4 characters per token; the fake counts that way too).
    const characters = last.reduce((total, message) => total + message.text.length, 0);
    expect(characters / 4).toBeLessThan(700);
    const stored = await turnsOf(memberA, conversation.id);
    expect(stored!.turnCount).toBe(10);
    const record = await conversationModels(app.services.store.connection)
      .conversations.findById(conversation.internalId)
      .lean();
    expect(record!.summaryThroughSeq).toBeGreaterThan(0);
    expect(summary!.text).toContain(record!.summaryText);
    // Summarize ran as runs of its own (recorded and metered), and fewer times than turns were
    // condensed: the summary is cached per conversation and redone only when it no longer fits.
    const summarizeRuns = await eventually(async () => {
      const count = await runModel(app.services.store.connection).countDocuments({
        capability: 'summarize',
        status: 'COMPLETED',
      });
      return count > 0 ? count : undefined;
    });
    expect(summarizeRuns).toBeLessThan(record!.summaryThroughSeq!);
  });

  it('orders 20 concurrent requests on one conversation: none lost, each sees all turns before it', async () => {
    const conversation = await createConversation(memberA);
    openai.reset();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) => ask(memberA, conversation.id, `C${n}`)),
    );
    for (const result of results) expect(result.errors).toBeUndefined();
    const stored = await turnsOf(memberA, conversation.id);
    expect(stored!.turnCount).toBe(20);
    const turns = stored!.turns.edges.map((edge) => edge.node);
    expect(turns.map((turn) => turn.index)).toEqual(Array.from({ length: 20 }, (_, n) => n + 1));
    expect(new Set(turns.map((turn) => turn.input.question)).size).toBe(20);
    // The upstream request of turn k carried exactly turns 1…k-1, in order.
    const byQuestion = new Map(openai.requests.map((request) => [lastUserText(request), request]));
    turns.forEach((turn, k) => {
      const history = messagesOf(byQuestion.get(turn.input.question)!)
        .filter((message) => message.role === 'user')
        .map((message) => message.text);
      expect(history).toEqual([
        ...turns.slice(0, k).map((earlier) => earlier.input.question),
        turn.input.question,
      ]);
    });
  });

  it('adds no turn for a failed run', async () => {
    const conversation = await createConversation(memberA);
    await ask(memberA, conversation.id, 'Q1 fine');
    openai.enqueue({ type: 'error', status: 400, message: 'bad request upstream' });
    const failed = await ask(memberA, conversation.id, 'Q2 fails');
    expect(failed.errors?.[0]?.extensions?.code).toBe('PROVIDER_ERROR');
    // A stream cut mid-way (on /v1, streamed) fails the run: no turn either.
    openai.enqueue({ type: 'reply', text: 'This answer is cut short', chunks: 5, cutAfterChunks: 1 });
    const client = new OpenAI({
      apiKey: memberA,
      baseURL: `${app.url.replace(/\/graphql$/, '')}/v1`,
      maxRetries: 0,
    });
    const cut = async () => {
      const stream = await client.chat.completions.create(
        { model: gpt, messages: [{ role: 'user', content: 'Q2b cut' }], stream: true },
        { headers: { 'capgate-conversation-id': conversation.id } },
      );
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      return text;
    };
    await expect(cut()).rejects.toThrow();
    const stored = await turnsOf(memberA, conversation.id);
    expect(stored!.turnCount).toBe(1);
    openai.reset();
    await ask(memberA, conversation.id, 'Q3 fine');
    expect(
      messagesOf(openai.requests[0]!)
        .map((message) => message.text)
        .filter((text) => text.startsWith('Q')),
    ).toEqual(['Q1 fine', 'Q3 fine']);
  });

  it('is invisible to another team, and to another key of the team unless shared', async () => {
    const own = await createConversation(memberA);
    const shared = await createConversation(memberA, { shared: true });
    expect(await turnsOf(memberB, own.id)).toBeNull();
    expect(await turnsOf(memberB, shared.id)).toBeNull();
    expect(await turnsOf(otherMemberA, own.id)).toBeNull();
    expect((await turnsOf(otherMemberA, shared.id))!.turnCount).toBe(0);
    const node = (key: string) =>
      graphqlOk<{ node: { id: string } | null }>(app.url, `query N($id: ID!) { node(id: $id) { id } }`, {
        key,
        variables: { id: own.id },
      });
    expect((await node(memberB)).node).toBeNull();
    expect((await node(memberA)).node).toEqual({ id: own.id });
    const foreign = await ask(memberB, own.id, 'Q1 sneaky');
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const teammate = await ask(otherMemberA, shared.id, 'Q1 together');
    expect(teammate.errors).toBeUndefined();
    const listed = await graphqlOk<{ conversations: { edges: Array<{ node: { id: string } }> } }>(
      app.url,
      `{ conversations(first: 100) { edges { node { id } } } }`,
      { key: memberB },
    );
    expect(listed.conversations.edges.map((edge) => edge.node.id)).not.toContain(own.id);
    const deleteForeign = await graphql(
      app.url,
      `
        mutation D($input: DeleteConversationInput!) {
          deleteConversation(input: $input) {
            deletedConversationId
          }
        }
      `,
      { key: memberB, variables: { input: { id: own.id } } },
    );
    expect(deleteForeign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const deleted = await graphqlOk<{ deleteConversation: { deletedConversationId: string } }>(
      app.url,
      `mutation D($input: DeleteConversationInput!) { deleteConversation(input: $input) { deletedConversationId } }`,
      { key: memberA, variables: { input: { id: own.id } } },
    );
    expect(deleted.deleteConversation.deletedConversationId).toBe(own.id);
    expect(await turnsOf(memberA, own.id)).toBeNull();
    const audit = await graphqlOk<{
      auditLog: { edges: Array<{ node: { action: string; target: string } }> };
    }>(app.url, `{ auditLog(first: 20) { edges { node { action target } } } }`, { key: app.adminKey });
    expect(audit.auditLog.edges.map((edge) => edge.node)).toContainEqual({
      action: 'deleteConversation',
      target: own.internalId,
    });
  });

  it("stores turns masked: tokenized values are restored only in the caller's answer", async () => {
    const masked = `masked-assistant-${id}`;
    await graphqlOk(
      app.url,
      `mutation C($input: RegisterCapabilityInput!) { registerCapability(input: $input) { capability { name } } }`,
      {
        key: app.adminKey,
        variables: {
          input: {
            name: masked,
            inputSchema: {
              type: 'object',
              properties: { question: { type: 'string' } },
              required: ['question'],
            },
            promptTemplate: '{{input.question}}',
            implementations: [{ model: gpt }],
          },
        },
      },
    );
    await graphqlOk(
      app.url,
      `mutation { setMaskingPolicy(input: { capability: "${masked}", detectors: [EMAIL], mode: TOKENIZE }) { capability { name } } }`,
      { key: app.adminKey },
    );
    const conversation = await createConversation(memberA);
    openai.reset();
    const first = await ask(memberA, conversation.id, 'Q1 write to ada@example.com', masked);
    expect(first.errors).toBeUndefined();
    expect(first.data!.invoke.output).toBe('Answer to Q1 write to ada@example.com.');
    await ask(memberA, conversation.id, 'Q2 and then?', masked);
    const sent = JSON.stringify(openai.requests.map((request) => request.body));
    expect(sent).not.toContain('ada@example.com');
    const stored = JSON.stringify((await turnsOf(memberA, conversation.id))!.turns);
    expect(stored).not.toContain('ada@example.com');
    expect(stored).toContain('Q1 write to');
  });

  it('answers CONFLICT when ifLastTurn is no longer the last turn', async () => {
    const conversation = await createConversation(memberA);
    const first = await ask(memberA, conversation.id, 'Q1', assistant, { ifLastTurn: undefined });
    expect(first.errors).toBeUndefined();
    const seen = (await turnsOf(memberA, conversation.id))!.lastTurnId!;
    const second = await ask(memberA, conversation.id, 'Q2', assistant, { ifLastTurn: seen });
    expect(second.errors).toBeUndefined();
    const stale = await ask(memberA, conversation.id, 'Q3', assistant, { ifLastTurn: seen });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(stale.errors?.[0]?.extensions?.lastTurnId).toBe(
      (await turnsOf(memberA, conversation.id))!.lastTurnId,
    );
    expect((await turnsOf(memberA, conversation.id))!.turnCount).toBe(2);
    const malformed = await ask(memberA, 'not-an-id!', 'Q');
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('continues a conversation on /v1 chat completions through the capgate-conversation-id header', async () => {
    const conversation = await createConversation(memberA);
    const client = new OpenAI({
      apiKey: memberA,
      baseURL: `${app.url.replace(/\/graphql$/, '')}/v1`,
      maxRetries: 0,
    });
    const headers = { 'capgate-conversation-id': conversation.id };
    openai.reset();
    const first = await client.chat.completions.create(
      { model: gpt, messages: [{ role: 'user', content: 'V1 hello' }] },
      { headers },
    );
    expect(first.choices[0]!.message.content).toBe('Answer to V1 hello.');
    const streamed = await client.chat.completions.create(
      { model: gpt, messages: [{ role: 'user', content: 'V2 again' }], stream: true },
      { headers },
    );
    let text = '';
    for await (const chunk of streamed) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Answer to V2 again.');
    expect(messagesOf(openai.requests[1]!).filter((message) => message.role !== 'system')).toEqual([
      { role: 'user', text: 'V1 hello' },
      { role: 'assistant', text: 'Answer to V1 hello.' },
      { role: 'user', text: 'V2 again' },
    ]);
    const stored = (await turnsOf(memberA, conversation.id))!;
    expect(stored.turnCount).toBe(2);
    const stale = client.chat.completions.create(
      { model: gpt, messages: [{ role: 'user', content: 'V3 stale' }] },
      { headers: { ...headers, 'capgate-if-last-turn': stored.turns.edges[0]!.node.id } },
    );
    await expect(stale).rejects.toMatchObject({ status: 409 });
    const foreign = client.chat.completions.create(
      { model: gpt, messages: [{ role: 'user', content: 'x' }] },
      { headers: { 'capgate-conversation-id': conversation.id, authorization: `Bearer ${memberB}` } },
    );
    await expect(foreign).rejects.toMatchObject({ status: 404 });
  });
});

describe('conversation bounds and retention', () => {
  let app: TestApp;
  let openai: FakeServer;
  const model = `cb-${randomUUID().slice(0, 8)}/gpt`;

  beforeAll(async () => {
    openai = await startOpenAiFake();
    app = await startTestApp({
      env: { CAPGATE_CONVERSATION_MAX_TURNS: '2', CAPGATE_CONVERSATION_MAX_BYTES: '3000' },
    });
    await graphqlOk(
      app.url,
      `mutation R($provider: RegisterProviderInput!, $model: RegisterModelInput!) {
        registerProvider(input: $provider) { provider { name } } registerModel(input: $model) { model { name } } }`,
      {
        key: app.adminKey,
        variables: {
          provider: { name: 'cb-openai', kind: 'OPENAI_COMPATIBLE', baseUrl: openai.url },
          model: { name: model, provider: 'cb-openai', upstreamModel: 'gpt' },
        },
      },
    );
  });

  afterAll(async () => {
    await app?.stop();
    await openai?.close();
  });

  const create = async () =>
    (
      await graphqlOk<{ createConversation: { conversation: { id: string; internalId: string } } }>(
        app.url,
        CREATE,
        { key: app.adminKey, variables: { input: {} } },
      )
    ).createConversation.conversation;

  const summarize = (conversationId: string, text: string) =>
    graphql<{ summarize: { summary: string } }>(
      app.url,
      `
        mutation S($text: String!, $options: InvokeOptions) {
          summarize(input: { text: $text }, options: $options) {
            summary
          }
        }
      `,
      { key: app.adminKey, variables: { text, options: { conversationId } } },
    );

  it('refuses a turn beyond the turn bound with BAD_USER_INPUT, and stores nothing more', async () => {
    const conversation = await create();
    expect(
      (await summarize(conversation.id, 'One short text. It has two sentences.')).errors,
    ).toBeUndefined();
    expect((await summarize(conversation.id, 'Another text. Also two sentences.')).errors).toBeUndefined();
    const third = await summarize(conversation.id, 'A third text. Too many now.');
    expect(third.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      limit: 'maxTurns',
      max: 2,
    });
  });

  it('refuses an input that would exceed the byte bound', async () => {
    const conversation = await create();
    const big = await summarize(conversation.id, 'Long sentence here. '.repeat(200));
    expect(big.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      limit: 'maxBytes',
      max: 3000,
    });
  });

  it('deletes conversations idle beyond the retention period, with their turns', async () => {
    const conversation = await create();
    expect((await summarize(conversation.id, 'Kept for a while. Then gone.')).errors).toBeUndefined();
    const models = conversationModels(app.services.store.connection);
    const retention = new ConversationRetention({
      repository: new ConversationRepository(models),
      logger: createLogger('silent'),
      retentionDays: app.services.config.conversations.retentionDays,
    });
    expect(await retention.purge(new Date())).toBe(0);
    const later = new Date(Date.now() + (app.services.config.conversations.retentionDays + 1) * 86_400_000);
    expect(await retention.purge(later)).toBeGreaterThanOrEqual(1);
    expect(await models.conversations.countDocuments({ _id: conversation.internalId })).toBe(0);
    expect(await models.turns.countDocuments({ conversationId: conversation.internalId })).toBe(0);
    const gone = await graphqlOk<{ conversation: null }>(
      app.url,
      `query Q($id: ID!) { conversation(id: $id) { id } }`,
      {
        key: app.adminKey,
        variables: { id: conversation.id },
      },
    );
    expect(gone.conversation).toBeNull();
  });
});

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('conversations across instances', () => {
  let a: TestApp;
  let b: TestApp;
  let openai: FakeServer;
  const model = `cx-${randomUUID().slice(0, 8)}/gpt`;

  beforeAll(async () => {
    openai = await startOpenAiFake({
      scenario: { type: 'reply', text: (request) => `Answer to ${lastUserText(request)}.`, delayMs: 20 },
    });
    a = await startTestApp();
    await graphqlOk(
      a.url,
      `mutation R($provider: RegisterProviderInput!, $model: RegisterModelInput!) {
        registerProvider(input: $provider) { provider { name } } registerModel(input: $model) { model { name } } }`,
      {
        key: a.adminKey,
        variables: {
          provider: { name: 'cx-openai', kind: 'OPENAI_COMPATIBLE', baseUrl: openai.url },
          model: { name: model, provider: 'cx-openai', upstreamModel: 'gpt' },
        },
      },
    );
    // B loads the registry A wrote when it starts (no Redis here: the lease is MongoDB's alone).
    b = await startTestApp({ database: a.database, masterKey: a.masterKey });
  });

  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await openai?.close();
  });

  it('orders concurrent requests sent to two instances on one conversation', async () => {
    const created = await graphqlOk<{ createConversation: { conversation: { id: string } } }>(a.url, CREATE, {
      key: a.adminKey,
      variables: { input: { shared: true } },
    });
    const conversationId = created.createConversation.conversation.id;
    const viaV1 = await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        fetch(`${(n % 2 === 0 ? a : b).url.replace(/\/graphql$/, '')}/v1/chat/completions`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${a.adminKey}`,
            'content-type': 'application/json',
            'capgate-conversation-id': conversationId,
          },
          body: JSON.stringify({ model, messages: [{ role: 'user', content: `X${n}` }] }),
        }).then(async (response) =>
          response.status === 200 ? 200 : `${response.status} ${await response.text()}`,
        ),
      ),
    );
    expect(viaV1).toEqual(Array.from({ length: 10 }, () => 200));
    const data = await graphqlOk<{
      conversation: {
        turnCount: number;
        turns: { edges: Array<{ node: { index: number; input: unknown } }> };
      };
    }>(b.url, CONVERSATION, { key: a.adminKey, variables: { id: conversationId, first: 100 } });
    expect(data.conversation.turnCount).toBe(10);
    const questions = data.conversation.turns.edges.map(
      (edge) => (edge.node.input as { messages: Array<{ content: string }> }).messages[0]!.content,
    );
    expect(new Set(questions).size).toBe(10);
    const byQuestion = new Map(openai.requests.map((request) => [lastUserText(request), request]));
    questions.forEach((question, k) => {
      const users = messagesOf(byQuestion.get(question)!)
        .filter((message) => message.role === 'user')
        .map((message) => message.text);
      expect(users).toEqual([...questions.slice(0, k), question]);
    });
  });
});
