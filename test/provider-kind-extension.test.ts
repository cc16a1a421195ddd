/**
 * Adding a provider kind is a folder plus one line in the kind map: the test-only `ECHO` kind
 * (test/fakes/echo-kind/) is added exactly that way, and then is a GraphQL `ProviderKind`, can be
 * registered, serves a capability, and shows up in the upstream metrics — with no other edit.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinProviderKinds } from '../src/providers/provider-kinds.js';
import { echoKind } from './fakes/echo-kind/echo.kind.js';
import { graphql, graphqlOk } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** The ECHO wire protocol's server side: answers the first words of the prompt's last line. */
async function startEchoServer(): Promise<{ url: string; prompts: string[]; server: Server }> {
  const prompts: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { model: string; prompt: string };
      prompts.push(body.prompt);
      const lastLine = body.prompt.split('\n').at(-1) ?? '';
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          text: `echo(${body.model}): ${lastLine.split(' ').slice(0, 4).join(' ')}`,
          inputTokens: 11,
          outputTokens: 7,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, prompts, server };
}

const REGISTER = `mutation ($provider: RegisterProviderInput!, $model: RegisterModelInput!) {
  registerProvider(input: $provider) { provider { name kind } } registerModel(input: $model) { model { name } } }`;

describe('a provider kind added as a folder plus one line in the kind map', () => {
  let app: TestApp;
  let echo: Awaited<ReturnType<typeof startEchoServer>>;

  beforeAll(async () => {
    echo = await startEchoServer();
    app = await startTestApp({ providerKinds: { ...builtinProviderKinds, ECHO: echoKind } });
  });
  afterAll(async () => {
    await app?.stop();
    echo?.server.close();
  });

  it('is a GraphQL ProviderKind, registers, and serves a capability through the observed client', async () => {
    const registered = await graphqlOk<{ registerProvider: { provider: { name: string; kind: string } } }>(
      app.url,
      REGISTER,
      {
        key: app.adminKey,
        variables: {
          provider: { name: 'echo-1', kind: 'ECHO', baseUrl: echo.url },
          model: { name: 'echo/one', provider: 'echo-1', upstreamModel: 'echo-upstream' },
        },
      },
    );
    expect(registered.registerProvider.provider).toEqual({ name: 'echo-1', kind: 'ECHO' });

    const data = await graphqlOk<{
      summarize: {
        summary: string;
        meta: { model: string; provider: string; usage: { inputTokens: number } };
      };
    }>(
      app.url,
      `mutation { summarize(input: { text: "Kinds are descriptors. One line adds one." }, options: { model: "echo/one" }) {
        summary meta { model provider usage { inputTokens } } } }`,
      { key: app.adminKey },
    );
    expect(data.summarize.summary).toBe('echo(echo-upstream): Kinds are descriptors. One');
    expect(data.summarize.meta).toEqual({
      model: 'echo/one',
      provider: 'echo-1',
      usage: { inputTokens: 11 },
    });
    expect(echo.prompts).toHaveLength(1);

    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(
      /capgate_upstream_request_duration_seconds_count\{provider="echo-1",model="echo-upstream",operation="chat",outcome="ok"\} 1/,
    );
    const introspected = await graphqlOk<{ __type: { enumValues: { name: string }[] } }>(
      app.url,
      '{ __type(name: "ProviderKind") { enumValues { name } } }',
      { key: app.adminKey },
    );
    expect(introspected.__type.enumValues.map((value) => value.name).sort()).toEqual([
      'ANTHROPIC',
      'ECHO',
      'GEMINI',
      'LOCAL',
      'OPENAI_COMPATIBLE',
    ]);
  });

  it('does not exist for an app built with the built-in map only', async () => {
    const plain = await startTestApp();
    try {
      const refused = await graphql(plain.url, REGISTER, {
        key: plain.adminKey,
        variables: {
          provider: { name: 'echo-2', kind: 'ECHO', baseUrl: echo.url },
          model: { name: 'echo/two', provider: 'echo-2', upstreamModel: 'echo-upstream' },
        },
      });
      expect(refused.errors?.[0]?.message).toContain('ECHO');
      expect(refused.data ?? null).toBeNull();
    } finally {
      await plain.stop();
    }
  });
});
