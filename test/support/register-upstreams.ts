/**
 * Registers one model per fake upstream protocol (OpenAI-compatible, Anthropic, Gemini) on a test
 * app, so a front-door test can run the same exchange against each provider kind.
 */
import { startAnthropicFake, startGeminiFake, startOpenAiFake, type FakeServer } from '../fakes/index.js';
import { graphqlOk } from './graphql-client.js';
import type { TestApp } from './test-app.js';

export type UpstreamKind = 'OPENAI_COMPATIBLE' | 'ANTHROPIC' | 'GEMINI';

export interface Upstream {
  kind: UpstreamKind;
  /** The registered model name to put in `model`. */
  model: string;
  fake: FakeServer;
}

const START: Record<UpstreamKind, () => Promise<FakeServer>> = {
  OPENAI_COMPATIBLE: () => startOpenAiFake({ apiKey: 'sk-upstream' }),
  ANTHROPIC: () => startAnthropicFake({ apiKey: 'sk-upstream' }),
  GEMINI: () => startGeminiFake({ apiKey: 'sk-upstream' }),
};

const REGISTER = `
  mutation Register($provider: RegisterProviderInput!, $model: RegisterModelInput!) {
    registerProvider(input: $provider) { provider { name } }
    registerModel(input: $model) { model { name } }
  }`;

export async function registerUpstream(
  app: TestApp,
  kind: UpstreamKind,
  model: Record<string, unknown> = {},
): Promise<Upstream> {
  const fake = await START[kind]();
  const slug = kind.toLowerCase().replace('_', '-');
  const name = `${slug}/model`;
  await graphqlOk(app.url, REGISTER, {
    key: app.adminKey,
    variables: {
      provider: { name: `fake-${slug}`, kind, baseUrl: fake.url, apiKey: 'sk-upstream' },
      model: {
        name,
        provider: `fake-${slug}`,
        upstreamModel: `${slug}-upstream`,
        pricing: { inputPer1M: 1, outputPer1M: 2 },
        ...model,
      },
    },
  });
  return { kind, model: name, fake };
}
