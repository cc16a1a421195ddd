/**
 * The MCP server at /mcp with the official SDK's own client (Streamable HTTP): tools are the
 * capabilities a key may invoke, calls go through the invocation pipeline (usage recorded), the
 * tool list changes after registerCapability (with notifications/tools/list_changed), knowledge
 * bases are resources, and keys are checked as on /v1.
 */
import { randomUUID } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiFake, type FakeServer } from './fakes/index.js';
import { runModel } from '../src/store/models/run.model.js';
import { createKey, createTeam, uniqueName, waitFor } from './governance-fixtures.js';
import { graphqlOk } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const TEXT = [
  'Capgate is a gateway between teams and AI models.',
  'It routes each request to a model that fits the policy.',
  'It enforces budgets, rate limits and masking for every team.',
  'Every call is metered, so teams see what they spend.',
  'Operators can add providers without changing client code.',
].join(' ');

describe('MCP server at /mcp with the official SDK client', () => {
  const id = randomUUID().slice(0, 8);
  let app: TestApp;
  let upstream: FakeServer;
  const clients: Client[] = [];

  async function connect(key: string | undefined): Promise<Client> {
    const client = new Client({ name: 'capgate-test', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(`${app.url}/mcp`), {
      requestInit: key ? { headers: { authorization: `Bearer ${key}` } } : {},
    });
    await client.connect(transport);
    clients.push(client);
    return client;
  }

  async function registerCustom(name: string, description: string): Promise<void> {
    await graphqlOk(
      app.url,
      `mutation Reg($input: RegisterCapabilityInput!) { registerCapability(input: $input) { capability { name } } }`,
      {
        key: app.adminKey,
        variables: {
          input: {
            name,
            description,
            inputSchema: {
              type: 'object',
              properties: { product: { type: 'string' } },
              required: ['product'],
            },
            outputSchema: {
              type: 'object',
              properties: { slogan: { type: 'string' } },
              required: ['slogan'],
            },
            promptTemplate: 'Write a slogan for {{input.product}}.',
            implementations: [{ model: `mcp-${id}/writer` }],
          },
        },
      },
    );
  }

  beforeAll(async () => {
    app = await startTestApp();
    upstream = await startOpenAiFake({ apiKey: 'sk-upstream' });
    await graphqlOk(
      app.url,
      `mutation R($provider: RegisterProviderInput!, $model: RegisterModelInput!) {
        registerProvider(input: $provider) { provider { name } }
        registerModel(input: $model) { model { name } }
      }`,
      {
        key: app.adminKey,
        variables: {
          provider: {
            name: `mcp-${id}`,
            kind: 'OPENAI_COMPATIBLE',
            baseUrl: upstream.url,
            apiKey: 'sk-upstream',
          },
          model: {
            name: `mcp-${id}/writer`,
            provider: `mcp-${id}`,
            upstreamModel: 'writer',
            pricing: { inputPer1M: 1, outputPer1M: 2 },
          },
        },
      },
    );
    await registerCustom(`slogan-${id}`, 'Writes a product slogan.');
  });

  afterAll(async () => {
    for (const client of clients) await client.close().catch(() => undefined);
    await app?.stop();
    await upstream?.close();
  });

  it('lists the invocable capabilities as tools with their schemas', async () => {
    const client = await connect(app.adminKey);
    expect(client.getServerCapabilities()?.tools?.listChanged).toBe(true);
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['summarize', 'classify', 'analyze', `slogan-${id}`]));
    const summarize = tools.find((tool) => tool.name === 'summarize')!;
    expect(summarize.description).toBeTruthy();
    expect(summarize.inputSchema).toMatchObject({
      type: 'object',
      properties: {
        text: { type: 'string' },
        style: { type: 'string', enum: expect.arrayContaining(['BULLETS', 'PARAGRAPH']) },
      },
      required: ['text'],
    });
    expect(summarize.outputSchema).toMatchObject({
      type: 'object',
      properties: { summary: { type: 'string' } },
    });
    const slogan = tools.find((tool) => tool.name === `slogan-${id}`)!;
    expect(slogan.description).toBe('Writes a product slogan.');
    expect(slogan.inputSchema).toMatchObject({ type: 'object', required: ['product'] });
    expect(slogan.outputSchema).toMatchObject({ type: 'object', required: ['slogan'] });
  });

  it('calls summarize and a custom capability through the invocation pipeline', async () => {
    const client = await connect(app.adminKey);
    await client.listTools(); // the client validates structuredContent against the listed outputSchema
    const summary = await client.callTool({ name: 'summarize', arguments: { text: TEXT, maxSentences: 2 } });
    expect(summary.isError).toBeFalsy();
    const structured = summary.structuredContent as { summary: string };
    expect(structured.summary.length).toBeGreaterThan(0);
    expect(structured.summary.length).toBeLessThan(TEXT.length);
    expect((summary.content as Array<{ text: string }>)[0]!.text).toContain(structured.summary);
    const runId = (summary._meta as Record<string, string>)['capgate/runId'];
    expect(runId).toMatch(/^run_/);

    // The client checks structuredContent against the outputSchema read from the typed contract.
    const analysis = await client.callTool({
      name: 'analyze',
      arguments: { text: 'I love this gateway. It is fast and simple.' },
    });
    expect(analysis.isError).toBeFalsy();
    expect(analysis.structuredContent).toMatchObject({ sentiment: { label: 'POSITIVE' } });

    upstream.reset();
    upstream.enqueue({ type: 'reply', text: '{"slogan":"Route smarter."}' });
    const slogan = await client.callTool({ name: `slogan-${id}`, arguments: { product: 'Capgate' } });
    expect(slogan.isError).toBeFalsy();
    expect(slogan.structuredContent).toEqual({ slogan: 'Route smarter.' });
    expect(JSON.stringify(upstream.requests[0]!.body)).toContain('Write a slogan for Capgate.');

    // Metered like any invocation: the runs carry front door `mcp`.
    const record = await waitFor(
      async () => (await runModel(app.services.store.connection).findById(runId).lean()) ?? undefined,
    );
    expect(record.frontDoor).toBe('mcp');

    const invalid = await client.callTool({ name: `slogan-${id}`, arguments: { wrong: 1 } });
    expect(invalid.isError).toBe(true);
    expect((invalid.content as Array<{ text: string }>)[0]!.text).toMatch(/^BAD_USER_INPUT/);
  });

  it('lists a registered workflow as a tool and runs it through the pipeline', async () => {
    await graphqlOk(
      app.url,
      `mutation ($input: RegisterWorkflowInput!) { registerWorkflow(input: $input) { workflow { id } } }`,
      {
        key: app.adminKey,
        variables: {
          input: {
            name: `brief-${id}`,
            description: 'Summarizes a text in one step.',
            inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
            steps: [
              { name: 'short', capability: 'summarize', input: { text: '/input/text', maxSentences: 1 } },
            ],
          },
        },
      },
    );
    const client = await connect(app.adminKey);
    const tool = await waitFor(async () =>
      (await client.listTools()).tools.find((entry) => entry.name === `brief-${id}`),
    );
    expect(tool.description).toBe('Summarizes a text in one step.');
    expect(tool.inputSchema).toMatchObject({ type: 'object', required: ['text'] });
    const result = await client.callTool({ name: `brief-${id}`, arguments: { text: TEXT } });
    expect(result.isError).toBeFalsy();
    const output = JSON.parse((result.content as Array<{ text: string }>)[0]!.text) as { summary: string };
    expect(output.summary.length).toBeGreaterThan(0);
    expect(output.summary.length).toBeLessThan(TEXT.length);

    const invalid = await client.callTool({ name: `brief-${id}`, arguments: { wrong: 1 } });
    expect(invalid.isError).toBe(true);
    expect((invalid.content as Array<{ text: string }>)[0]!.text).toMatch(/^BAD_USER_INPUT/);
  });

  it('sees the tool list change after registerCapability (notifications/tools/list_changed)', async () => {
    const client = await connect(app.adminKey);
    const before = await client.listTools();
    expect(before.tools.some((tool) => tool.name === `later-${id}`)).toBe(false);
    const changed = new Promise<void>((resolve) =>
      client.setNotificationHandler(ToolListChangedNotificationSchema, () => resolve()),
    );
    await registerCustom(`later-${id}`, 'Registered while a client is connected.');
    await changed;
    const after = await client.listTools();
    expect(after.tools.find((tool) => tool.name === `later-${id}`)?.description).toBe(
      'Registered while a client is connected.',
    );
  });

  it('exposes the knowledge bases the key may see as resources', async () => {
    const team = await createTeam(app, uniqueName('kb'));
    const { key } = await createKey(app.url, app.adminKey, team.name, ['MAINTAINER']);
    await graphqlOk(
      app.url,
      `mutation { createKnowledgeBase(input: { name: "docs-${id}", description: "Team docs" }) { knowledgeBase { name } } }`,
      {
        key,
      },
    );
    const client = await connect(key);
    const { resources } = await client.listResources();
    expect(resources).toEqual([
      expect.objectContaining({ name: `docs-${id}`, description: 'Team docs', mimeType: 'application/json' }),
    ]);
    const read = await client.readResource({ uri: resources[0]!.uri });
    expect(JSON.parse((read.contents[0] as { text: string }).text)).toMatchObject({
      name: `docs-${id}`,
      documents: 0,
    });

    const outsider = await createKey(app.url, app.adminKey, (await createTeam(app, uniqueName('x'))).name, [
      'MEMBER',
    ]);
    const other = await connect(outsider.key);
    expect((await other.listResources()).resources).toEqual([]);
    await expect(other.readResource({ uri: resources[0]!.uri })).rejects.toThrow(/not found/i);
  });

  it('refuses a client without a valid key, and calls from a key without MEMBER', async () => {
    await expect(connect(undefined)).rejects.toThrow();
    await expect(connect('cg_not_a_key')).rejects.toThrow();

    const team = await createTeam(app, uniqueName('viewer'));
    const viewer = await createKey(app.url, app.adminKey, team.name, ['VIEWER']);
    const client = await connect(viewer.key);
    expect((await client.listTools()).tools).toEqual([]);
    const refused = await client.callTool({ name: 'summarize', arguments: { text: TEXT } });
    expect(refused.isError).toBe(true);
    expect((refused.content as Array<{ text: string }>)[0]!.text).toMatch(/^FORBIDDEN/);
  });

  it('does not let another key use a session', async () => {
    const client = await connect(app.adminKey);
    const sessionId = (client as unknown as { _transport: { sessionId: string } })._transport.sessionId;
    const team = await createTeam(app, uniqueName('thief'));
    const thief = await createKey(app.url, app.adminKey, team.name, ['MEMBER']);
    const response = await fetch(`${app.url}/mcp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${thief.key}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': sessionId,
        'mcp-protocol-version': '2025-06-18',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(response.status).toBe(404);
  });
});
