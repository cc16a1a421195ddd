/**
 * Conversations on every front door besides GraphQL and `/v1/chat/completions`: OpenAI's Responses
 * API (`conversation` in the body, or the `capgate-conversation-id` header), Anthropic's Messages
 * API (the header) and MCP tool calls (`_meta`), each with its official SDK, unchanged, against a
 * local fake upstream. What the upstream receives proves that earlier turns — whichever front door
 * stored them — reach the model; the turns stored prove that only completed runs append, masked.
 * Also: backward pagination (`last`/`before`) of `conversations` and `turns`.
 */
import { randomUUID } from 'node:crypto';
import Anthropic from '@anthropic-ai/sdk';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiFake, type FakeServer, type RecordedRequest } from './fakes/index.js';
import { createKey, createTeam } from './governance-fixtures.js';
import { graphql, graphqlOk } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** The non-system messages an OpenAI-protocol upstream received, as text. */
function textsOf(request: RecordedRequest): string[] {
  const body = request.body as { messages: Array<{ role: string; content: unknown }> };
  return body.messages
    .filter((message) => message.role !== 'system')
    .map((message) =>
      typeof message.content === 'string'
        ? message.content
        : (message.content as Array<{ text?: string }>).map((part) => part.text ?? '').join(''),
    );
}

const lastUserText = (request: RecordedRequest): string => {
  const body = request.body as { messages: Array<{ role: string; content: unknown }> };
  const last = body.messages.filter((message) => message.role === 'user').at(-1)!;
  return typeof last.content === 'string'
    ? last.content
    : (last.content as Array<{ text?: string }>).map((part) => part.text ?? '').join('');
};

const CREATE = `mutation C($input: CreateConversationInput!) {
  createConversation(input: $input) { conversation { id internalId } } }`;
const TURNS = `query Q($id: ID!) {
  conversation(id: $id) { turnCount lastTurnId
    turns(first: 100) { edges { node { id index input output } } } } }`;

interface TurnNode {
  id: string;
  index: number;
  input: unknown;
  output: unknown;
}

describe('conversations on /v1/responses, /v1/messages and MCP', () => {
  const id = randomUUID().slice(0, 8);
  const gpt = `cfd-${id}/gpt`;
  const assistant = `cfd-assistant-${id}`;
  const masked = `cfd-masked-${id}`;
  let app: TestApp;
  let upstream: FakeServer;
  let memberA: string;
  let memberB: string;
  let openai: OpenAI;
  let anthropic: Anthropic;
  const mcpClients: Client[] = [];

  const createConversation = async (key = memberA): Promise<{ id: string; internalId: string }> =>
    (
      await graphqlOk<{ createConversation: { conversation: { id: string; internalId: string } } }>(
        app.url,
        CREATE,
        { key, variables: { input: {} } },
      )
    ).createConversation.conversation;

  const turnsOf = async (conversationId: string, key = memberA) =>
    (
      await graphqlOk<{
        conversation: {
          turnCount: number;
          lastTurnId: string | null;
          turns: { edges: Array<{ node: TurnNode }> };
        };
      }>(app.url, TURNS, { key, variables: { id: conversationId } })
    ).conversation;

  async function mcp(key: string): Promise<Client> {
    const client = new Client({ name: 'capgate-conversations-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${app.url}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${key}` } },
      }),
    );
    mcpClients.push(client);
    return client;
  }

  const registerCapability = (name: string) =>
    graphqlOk(
      app.url,
      `mutation C($input: RegisterCapabilityInput!) { registerCapability(input: $input) { capability { name } } }`,
      {
        key: app.adminKey,
        variables: {
          input: {
            name,
            description: 'Answers a question.',
            inputSchema: {
              type: 'object',
              properties: { question: { type: 'string' } },
              required: ['question'],
            },
            promptTemplate: '{{input.question}}',
            implementations: [{ model: gpt }],
            routing: { strategy: 'FALLBACK', maxAttempts: 1 },
          },
        },
      },
    );

  beforeAll(async () => {
    upstream = await startOpenAiFake({
      scenario: { type: 'reply', text: (request) => `Answer to ${lastUserText(request)}.` },
    });
    app = await startTestApp();
    await graphqlOk(
      app.url,
      `mutation R($provider: RegisterProviderInput!, $model: RegisterModelInput!) {
        registerProvider(input: $provider) { provider { name } } registerModel(input: $model) { model { name } } }`,
      {
        key: app.adminKey,
        variables: {
          provider: { name: `cfd-${id}`, kind: 'OPENAI_COMPATIBLE', baseUrl: upstream.url },
          model: {
            name: gpt,
            provider: `cfd-${id}`,
            upstreamModel: 'gpt',
            pricing: { inputPer1M: 1, outputPer1M: 2 },
            contextWindow: 100_000,
          },
        },
      },
    );
    await registerCapability(assistant);
    await registerCapability(masked);
    await graphqlOk(
      app.url,
      `mutation { setMaskingPolicy(input: { capability: "${masked}", detectors: [EMAIL], mode: TOKENIZE }) { capability { name } } }`,
      { key: app.adminKey },
    );
    const teamA = await createTeam(app, `cfd-a-${id}`);
    const teamB = await createTeam(app, `cfd-b-${id}`);
    memberA = (await createKey(app.url, app.adminKey, teamA.name, ['MEMBER'])).key;
    memberB = (await createKey(app.url, app.adminKey, teamB.name, ['MEMBER'])).key;
    openai = new OpenAI({ apiKey: memberA, baseURL: `${app.url}/v1`, maxRetries: 0 });
    anthropic = new Anthropic({ apiKey: memberA, baseURL: app.url, maxRetries: 0 });
  });

  afterAll(async () => {
    await Promise.allSettled(mcpClients.map((client) => client.close()));
    await app?.stop();
    await upstream?.close();
  });

  it('continues a conversation on /v1/responses (body field and header), streamed or not', async () => {
    const conversation = await createConversation();
    upstream.reset();
    const first = await openai.responses.create({
      model: gpt,
      instructions: 'Answer briefly.',
      input: 'R1 my name is Ada',
      conversation: conversation.id,
    });
    expect(first.output_text).toBe('Answer to R1 my name is Ada.');
    expect(first.conversation).toEqual({ id: conversation.id });

    const stream = await openai.responses.create({
      model: gpt,
      input: [{ role: 'user', content: 'R2 what is my name' }],
      conversation: { id: conversation.id },
      stream: true,
    });
    let streamed = '';
    for await (const event of stream)
      if (event.type === 'response.output_text.delta') streamed += event.delta;
    expect(streamed).toBe('Answer to R2 what is my name.');

    const third = await openai.responses.create(
      { model: gpt, input: 'R3 again' },
      { headers: { 'capgate-conversation-id': conversation.id } },
    );
    expect(third.output_text).toBe('Answer to R3 again.');
    expect(third.conversation).toEqual({ id: conversation.id });

    expect(upstream.requests).toHaveLength(3);
    // The earlier turns, not this turn's `instructions` (they apply to one turn, as OpenAI documents).
    expect(textsOf(upstream.requests[2]!)).toEqual([
      'R1 my name is Ada',
      'Answer to R1 my name is Ada.',
      'R2 what is my name',
      'Answer to R2 what is my name.',
      'R3 again',
    ]);
    expect(JSON.stringify(upstream.requests[1]!.body)).not.toContain('Answer briefly.');
    expect(JSON.stringify(upstream.requests[0]!.body)).toContain('Answer briefly.');
    expect((await turnsOf(conversation.id)).turnCount).toBe(3);
  });

  it('refuses a conversation together with previous_response_id, or two different conversations', async () => {
    const conversation = await createConversation();
    const other = await createConversation();
    const previous = await openai.responses.create({ model: gpt, input: 'P0' });
    const both = openai.responses.create({
      model: gpt,
      input: 'P1',
      conversation: conversation.id,
      previous_response_id: previous.id,
    });
    await expect(both).rejects.toMatchObject({ status: 400 });
    const headerAndPrevious = openai.responses.create(
      { model: gpt, input: 'P1', previous_response_id: previous.id },
      { headers: { 'capgate-conversation-id': conversation.id } },
    );
    await expect(headerAndPrevious).rejects.toMatchObject({ status: 400, param: 'previous_response_id' });
    const twoConversations = openai.responses.create(
      { model: gpt, input: 'P1', conversation: conversation.id },
      { headers: { 'capgate-conversation-id': other.id } },
    );
    await expect(twoConversations).rejects.toMatchObject({ status: 400, param: 'conversation' });
    const malformed = openai.responses.create({
      model: gpt,
      input: 'P1',
      conversation: { id: 42 } as unknown as { id: string },
    });
    await expect(malformed).rejects.toMatchObject({ status: 400, param: 'conversation' });
    expect((await turnsOf(conversation.id)).turnCount).toBe(0);
    expect((await turnsOf(other.id)).turnCount).toBe(0);
  });

  it('on /v1/responses: CONFLICT on a stale capgate-if-last-turn, NOT_FOUND for another team, no turn for a failed run', async () => {
    const conversation = await createConversation();
    await openai.responses.create({ model: gpt, input: 'S1', conversation: conversation.id });
    const seen = (await turnsOf(conversation.id)).lastTurnId!;
    await openai.responses.create(
      { model: gpt, input: 'S2', conversation: conversation.id },
      { headers: { 'capgate-if-last-turn': seen } },
    );
    const stale = openai.responses.create(
      { model: gpt, input: 'S3', conversation: conversation.id },
      { headers: { 'capgate-if-last-turn': seen } },
    );
    await expect(stale).rejects.toMatchObject({ status: 409 });
    const foreign = new OpenAI({ apiKey: memberB, baseURL: `${app.url}/v1`, maxRetries: 0 }).responses.create(
      {
        model: gpt,
        input: 'S4',
        conversation: conversation.id,
      },
    );
    await expect(foreign).rejects.toMatchObject({ status: 404 });
    upstream.enqueue({ type: 'error', status: 400, message: 'refused upstream' });
    await expect(
      openai.responses.create({ model: gpt, input: 'S5 fails', conversation: conversation.id }),
    ).rejects.toBeInstanceOf(OpenAI.APIError);
    const stored = await turnsOf(conversation.id);
    expect(stored.turnCount).toBe(2);
    expect(JSON.stringify(stored.turns)).not.toContain('S5 fails');
  });

  it('stores /v1/responses turns of a capability masked, and restores values only in the answer', async () => {
    const conversation = await createConversation();
    upstream.reset();
    // A custom capability takes its JSON input as the last user message.
    const answer = await openai.responses.create({
      model: masked,
      input: JSON.stringify({ question: 'Q1 write to ada@example.com' }),
      conversation: conversation.id,
    });
    expect(answer.output_text).toBe('Answer to Q1 write to ada@example.com.');
    await openai.responses.create({
      model: masked,
      input: JSON.stringify({ question: 'Q2 and then?' }),
      conversation: conversation.id,
    });
    expect(JSON.stringify(upstream.requests.map((request) => request.body))).not.toContain('ada@example.com');
    expect(textsOf(upstream.requests[1]!)).toHaveLength(3);
    const stored = await turnsOf(conversation.id);
    expect(stored.turnCount).toBe(2);
    expect(JSON.stringify(stored.turns)).not.toContain('ada@example.com');
    expect(JSON.stringify(stored.turns)).toContain('Q1 write to');
  });

  it('continues the same conversation on /v1/messages with the Anthropic SDK, streamed or not', async () => {
    const conversation = await createConversation();
    await openai.responses.create({
      model: gpt,
      input: 'A1 from the Responses API',
      conversation: conversation.id,
    });
    const headers = { 'capgate-conversation-id': conversation.id };
    upstream.reset();
    const message = await anthropic.messages.create(
      {
        model: gpt,
        max_tokens: 100,
        system: 'Answer in one line.',
        messages: [{ role: 'user', content: 'A2 from Messages' }],
      },
      { headers },
    );
    expect(message.content).toEqual([{ type: 'text', text: 'Answer to A2 from Messages.' }]);
    const stream = anthropic.messages.stream(
      { model: gpt, max_tokens: 100, messages: [{ role: 'user', content: 'A3 streamed' }] },
      { headers },
    );
    expect(await stream.finalText()).toBe('Answer to A3 streamed.');
    expect(textsOf(upstream.requests[1]!)).toEqual([
      'A1 from the Responses API',
      'Answer to A1 from the Responses API.',
      'A2 from Messages',
      'Answer to A2 from Messages.',
      'A3 streamed',
    ]);
    // The system prompt was this turn's; it is not part of the stored history.
    expect(JSON.stringify(upstream.requests[1]!.body)).not.toContain('Answer in one line.');
    const stored = await turnsOf(conversation.id);
    expect(stored.turnCount).toBe(3);

    const stale = anthropic.messages.create(
      { model: gpt, max_tokens: 100, messages: [{ role: 'user', content: 'A4 stale' }] },
      { headers: { ...headers, 'capgate-if-last-turn': stored.turns.edges[0]!.node.id } },
    );
    await expect(stale).rejects.toMatchObject({ status: 409 });
    const foreign = new Anthropic({ apiKey: memberB, baseURL: app.url, maxRetries: 0 }).messages.create(
      { model: gpt, max_tokens: 100, messages: [{ role: 'user', content: 'A5' }] },
      { headers },
    );
    await expect(foreign).rejects.toMatchObject({ status: 404 });
    upstream.enqueue({ type: 'error', status: 400, message: 'refused upstream' });
    await expect(
      anthropic.messages.create(
        { model: gpt, max_tokens: 100, messages: [{ role: 'user', content: 'A6 fails' }] },
        { headers },
      ),
    ).rejects.toBeInstanceOf(Anthropic.APIError);
    const lonely = anthropic.messages.create(
      { model: gpt, max_tokens: 100, messages: [{ role: 'user', content: 'A7' }] },
      { headers: { 'capgate-if-last-turn': stored.lastTurnId! } },
    );
    await expect(lonely).rejects.toMatchObject({ status: 400 });
    expect((await turnsOf(conversation.id)).turnCount).toBe(3);
  });

  it('continues a conversation through MCP tool calls named in _meta', async () => {
    const conversation = await createConversation();
    await openai.chat.completions.create(
      { model: gpt, messages: [{ role: 'user', content: 'T1 from chat' }] },
      { headers: { 'capgate-conversation-id': conversation.id } },
    );
    const client = await mcp(memberA);
    upstream.reset();
    const result = await client.callTool({
      name: assistant,
      arguments: { question: 'T2 from MCP' },
      _meta: { 'capgate/conversationId': conversation.id },
    });
    expect(result.isError).toBeFalsy();
    expect(result.content).toEqual([{ type: 'text', text: 'Answer to T2 from MCP.' }]);
    expect(result._meta).toMatchObject({ 'capgate/conversationId': conversation.id });
    expect(textsOf(upstream.requests[0]!)).toEqual([
      'T1 from chat',
      'Answer to T1 from chat.',
      'T2 from MCP',
    ]);
    const stored = await turnsOf(conversation.id);
    expect(stored.turnCount).toBe(2);
    expect(stored.turns.edges[1]!.node.input).toEqual({ question: 'T2 from MCP' });

    const stale = await client.callTool({
      name: assistant,
      arguments: { question: 'T3 stale' },
      _meta: {
        'capgate/conversationId': conversation.id,
        'capgate/ifLastTurn': stored.turns.edges[0]!.node.id,
      },
    });
    expect(stale.isError).toBe(true);
    expect((stale.content as Array<{ text: string }>)[0]!.text).toMatch(/^CONFLICT: /);
    const fresh = await client.callTool({
      name: assistant,
      arguments: { question: 'T4 fresh' },
      _meta: { 'capgate/conversationId': conversation.id, 'capgate/ifLastTurn': stored.lastTurnId },
    });
    expect(fresh.isError).toBeFalsy();

    const foreign = await (
      await mcp(memberB)
    ).callTool({
      name: assistant,
      arguments: { question: 'T5' },
      _meta: { 'capgate/conversationId': conversation.id },
    });
    expect(foreign.isError).toBe(true);
    expect((foreign.content as Array<{ text: string }>)[0]!.text).toMatch(/^NOT_FOUND: /);
    const malformed = await client.callTool({
      name: assistant,
      arguments: { question: 'T6' },
      _meta: { 'capgate/conversationId': 42 },
    });
    expect((malformed.content as Array<{ text: string }>)[0]!.text).toMatch(/^BAD_USER_INPUT: /);
    upstream.enqueue({ type: 'error', status: 400, message: 'refused upstream' });
    const failed = await client.callTool({
      name: assistant,
      arguments: { question: 'T7 fails' },
      _meta: { 'capgate/conversationId': conversation.id },
    });
    expect((failed.content as Array<{ text: string }>)[0]!.text).toMatch(/^PROVIDER_ERROR: /);
    expect((await turnsOf(conversation.id)).turnCount).toBe(3);
  });

  it('stores MCP turns masked, restoring tokenized values only in the tool result', async () => {
    const conversation = await createConversation();
    const client = await mcp(memberA);
    upstream.reset();
    const result = await client.callTool({
      name: masked,
      arguments: { question: 'M1 mail grace@example.org' },
      _meta: { 'capgate/conversationId': conversation.id },
    });
    expect(result.content).toEqual([{ type: 'text', text: 'Answer to M1 mail grace@example.org.' }]);
    await client.callTool({
      name: masked,
      arguments: { question: 'M2 next' },
      _meta: { 'capgate/conversationId': conversation.id },
    });
    expect(JSON.stringify(upstream.requests.map((request) => request.body))).not.toContain(
      'grace@example.org',
    );
    expect(textsOf(upstream.requests[1]!)).toHaveLength(3);
    const stored = JSON.stringify((await turnsOf(conversation.id)).turns);
    expect(stored).not.toContain('grace@example.org');
    expect(stored).toContain('M1 mail');
  });

  it('pages turns and conversations backward with last/before', async () => {
    const conversation = await createConversation();
    for (const question of ['B1', 'B2', 'B3', 'B4', 'B5'])
      await openai.chat.completions.create(
        { model: gpt, messages: [{ role: 'user', content: question }] },
        { headers: { 'capgate-conversation-id': conversation.id } },
      );
    const TURN_PAGE = `query T($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
      conversation(id: $id) { turns(first: $first, after: $after, last: $last, before: $before) {
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { index } } } } }`;
    type TurnPage = {
      conversation: {
        turns: {
          pageInfo: {
            hasNextPage: boolean;
            hasPreviousPage: boolean;
            startCursor: string;
            endCursor: string;
          };
          edges: Array<{ cursor: string; node: { index: number } }>;
        };
      };
    };
    const turns = (variables: Record<string, unknown>) =>
      graphqlOk<TurnPage>(app.url, TURN_PAGE, {
        key: memberA,
        variables: { id: conversation.id, ...variables },
      });
    const newest = (await turns({ last: 2 })).conversation.turns;
    expect(newest.edges.map((edge) => edge.node.index)).toEqual([4, 5]);
    expect(newest.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = (await turns({ last: 2, before: newest.pageInfo.startCursor })).conversation.turns;
    expect(before.edges.map((edge) => edge.node.index)).toEqual([2, 3]);
    expect(before.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const oldest = (await turns({ last: 5, before: before.pageInfo.startCursor })).conversation.turns;
    expect(oldest.edges.map((edge) => edge.node.index)).toEqual([1]);
    expect(oldest.pageInfo.hasPreviousPage).toBe(false);
    // Forward from the same cursor meets the backward page.
    const forward = (await turns({ first: 2, after: oldest.pageInfo.endCursor })).conversation.turns;
    expect(forward.edges.map((edge) => edge.cursor)).toEqual(before.edges.map((edge) => edge.cursor));
    const both = await graphql(app.url, TURN_PAGE, {
      key: memberA,
      variables: { id: conversation.id, first: 1, last: 1 },
    });
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await graphql(app.url, TURN_PAGE, {
      key: memberA,
      variables: { id: conversation.id, last: 1, before: 'garbage!' },
    });
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'before' });

    // Conversations, most recently active first: three fresh ones of a new key.
    const key = (await createKey(app.url, app.adminKey, `cfd-a-${id}`, ['MEMBER'])).key;
    const created = [
      await createConversation(key),
      await createConversation(key),
      await createConversation(key),
    ];
    const LIST = `query L($first: Int, $after: String, $last: Int, $before: String) {
      conversations(first: $first, after: $after, last: $last, before: $before) {
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { id } } } }`;
    type ListPage = {
      conversations: {
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
        edges: Array<{ node: { id: string } }>;
      };
    };
    const list = (variables: Record<string, unknown>) =>
      graphqlOk<ListPage>(app.url, LIST, { key, variables });
    const all = (await list({ first: 100 })).conversations.edges.map((edge) => edge.node.id);
    // (Created within one millisecond, they are ordered by id among themselves.)
    expect([...all].sort()).toEqual(created.map((entry) => entry.id).sort());
    const page2 = (await list({ first: 2 })).conversations;
    const rest = (await list({ first: 2, after: page2.pageInfo.endCursor })).conversations;
    expect(rest.edges.map((edge) => edge.node.id)).toEqual([all[2]]);
    const back = (await list({ last: 2, before: rest.pageInfo.startCursor })).conversations;
    expect(back.edges.map((edge) => edge.node.id)).toEqual(all.slice(0, 2));
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    const newestOne = (await list({ last: 1, before: back.pageInfo.endCursor })).conversations;
    expect(newestOne.edges.map((edge) => edge.node.id)).toEqual([all[0]]);
  });
});
