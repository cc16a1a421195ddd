/**
 * The console playground's "copy as" snippets run for real: each snippet the console would copy for a
 * run (console/src/lib/snippets.ts) is written to a file and executed with Node (the OpenAI and MCP
 * ones with the official `openai` and `@modelcontextprotocol/sdk` clients from npm, unchanged; curl with
 * curl) against a Capgate instance in front of a fake upstream. Each must reach the capability with
 * the input that was run (the upstream sees the rendered prompt) and print its output.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curlSnippet, mcpSnippet, openAiSnippet } from '../console/src/lib/snippets.js';
import { projectRoot } from '../src/infra/project-root.js';
import { startOpenAiFake, type FakeServer } from './fakes/index.js';
import { graphqlOk } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const run = promisify(execFile);

describe('the console’s copy-as snippets, executed', () => {
  const id = randomUUID().slice(0, 8);
  const capability = `blurb-${id}`;
  const wrapped = `shout-${id}`;
  const objectSchema = {
    type: 'object',
    properties: { topic: { type: 'string' } },
    required: ['topic'],
  };
  const stringSchema = { type: 'string' };
  let app: TestApp;
  let upstream: FakeServer;
  let dir: string;

  /** Runs a snippet file with the key in the environment, as a user would after copying it. */
  async function execute(file: string, text: string, command: string[]): Promise<string> {
    const target = path.join(dir, file);
    await writeFile(target, text);
    const { stdout } = await run(command[0]!, [...command.slice(1), target], {
      env: { ...process.env, CAPGATE_API_KEY: app.adminKey },
      timeout: 60_000,
    });
    return stdout.trim();
  }

  /** The user message of the upstream's last chat request (the capability's rendered prompt). */
  function lastPrompt(): string {
    const request = upstream.requests.filter((item) => item.path.endsWith('/chat/completions')).at(-1);
    const messages = (request?.body as { messages?: { role: string; content: unknown }[] } | undefined)
      ?.messages;
    return JSON.stringify(messages ?? []);
  }

  beforeAll(async () => {
    // Inside the project, so that the snippets' imports resolve from its node_modules.
    await mkdir(path.join(projectRoot(), '.data'), { recursive: true });
    dir = await mkdtemp(path.join(projectRoot(), '.data', 'snippets-'));
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
            name: `snip-${id}`,
            kind: 'OPENAI_COMPATIBLE',
            baseUrl: upstream.url,
            apiKey: 'sk-upstream',
          },
          model: {
            name: `snip-${id}/writer`,
            provider: `snip-${id}`,
            upstreamModel: 'writer',
            pricing: { inputPer1M: 1, outputPer1M: 2 },
          },
        },
      },
    );
    for (const [name, inputSchema, promptTemplate] of [
      [capability, objectSchema, 'Write a blurb about {{input.topic}}.'],
      [wrapped, stringSchema, 'Shout this: {{input}}'],
    ] as const) {
      await graphqlOk(
        app.url,
        `mutation Reg($input: RegisterCapabilityInput!) { registerCapability(input: $input) { capability { name } } }`,
        {
          key: app.adminKey,
          variables: {
            input: { name, inputSchema, promptTemplate, implementations: [{ model: `snip-${id}/writer` }] },
          },
        },
      );
    }
  });

  afterAll(async () => {
    await app?.stop();
    await upstream?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('OpenAI SDK: runs through /v1 with the official client and prints the output', async () => {
    upstream.enqueue({ type: 'reply', text: 'A blurb from the SDK.' });
    const output = await execute(
      'openai.mjs',
      openAiSnippet(app.url, capability, { topic: "gateways that don't leak" }),
      [process.execPath],
    );
    expect(output).toBe('A blurb from the SDK.');
    expect(lastPrompt()).toContain("Write a blurb about gateways that don't leak.");
  });

  it('MCP: calls the capability as a tool with the official SDK client and prints the output', async () => {
    upstream.enqueue({ type: 'reply', text: 'A blurb over MCP.' });
    const output = await execute(
      'mcp.mjs',
      mcpSnippet(app.url, capability, { topic: 'tools' }, objectSchema),
      [process.execPath],
    );
    expect(output).toBe('A blurb over MCP.');
    expect(lastPrompt()).toContain('Write a blurb about tools.');
  });

  it('MCP: a capability whose input is not an object gets it wrapped as { input }', async () => {
    upstream.enqueue({ type: 'reply', text: 'HELLO!' });
    const output = await execute(
      'mcp-wrapped.mjs',
      mcpSnippet(app.url, wrapped, 'hello there', stringSchema),
      [process.execPath],
    );
    expect(output).toBe('HELLO!');
    expect(lastPrompt()).toContain('Shout this: hello there');
  });

  it('curl: runs the invoke mutation and answers the output', async () => {
    upstream.enqueue({ type: 'reply', text: 'A blurb by curl.' });
    const output = await execute('invoke.sh', curlSnippet(app.url, capability, { topic: 'shells' }), ['sh']);
    expect((JSON.parse(output) as { data: { invoke: { output: unknown } } }).data.invoke.output).toBe(
      'A blurb by curl.',
    );
    expect(lastPrompt()).toContain('Write a blurb about shells.');
  });
});
