import { default as OpenAIClient } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetDuration } from '../src/v1/rate-limit-headers.js';
import {
  createKey,
  createTeam,
  graphqlOk,
  principalOf,
  SET_RATE_LIMIT,
  uniqueName,
  waitFor,
} from './governance-fixtures.js';
import { registerUpstream, type Upstream } from './support/register-upstreams.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const RESET = /^(\d+ms|\d+(\.\d+)?s|\d+m\d+(\.\d+)?s)$/;

describe('x-ratelimit-* headers on /v1 answers', () => {
  it('writes resets as Go durations, as OpenAI does', () => {
    expect(resetDuration(20)).toBe('20ms');
    expect(resetDuration(1000)).toBe('1s');
    expect(resetDuration(12_500)).toBe('12.5s');
    expect(resetDuration(60_000)).toBe('1m0s');
    expect(resetDuration(61_250)).toBe('1m1.25s');
  });

  describe.each([
    ['Redis (one-script admission)', true],
    ['in-process counters', false],
  ])('with %s', (_label, redis) => {
    let app: TestApp;
    let upstream: Upstream;
    let limited: OpenAIClient;
    let unlimited: OpenAIClient;

    beforeAll(async () => {
      app = await startTestApp({ redis });
      upstream = await registerUpstream(app, 'OPENAI_COMPATIBLE');
      const team = await createTeam(app, uniqueName('rl'));
      const member = await createKey(app.url, app.adminKey, team.name, ['MEMBER']);
      const other = await createKey(app.url, app.adminKey, team.name, ['MEMBER'], 'no key limit');
      // The team allows 10 requests and 50,000 tokens a minute; this key only 4 requests.
      await graphqlOk(app.url, SET_RATE_LIMIT, {
        key: app.adminKey,
        variables: { scope: 'TEAM', target: team.name, rpm: 10, tpm: 50_000 },
      });
      await graphqlOk(app.url, SET_RATE_LIMIT, {
        key: app.adminKey,
        variables: { scope: 'KEY', target: member.id, rpm: 4 },
      });
      const principal = await principalOf(app, member.key);
      await waitFor(() =>
        app.services.governance.rulesFor(principal).rateLimitRules.length === 2 ? true : undefined,
      );
      limited = new OpenAIClient({ apiKey: member.key, baseURL: `${app.url}/v1`, maxRetries: 0 });
      unlimited = new OpenAIClient({ apiKey: other.key, baseURL: `${app.url}/v1`, maxRetries: 0 });
    });

    afterAll(async () => {
      await app?.stop();
      await upstream?.fake.close();
    });

    it('counts down on chat (JSON and SSE), Responses and embeddings, then a 429 says 0 remaining', async () => {
      upstream.fake.reset();
      const chat = await limited.chat.completions
        .create({ model: upstream.model, messages: [{ role: 'user', content: 'hello' }] })
        .withResponse();
      const first = chat.response.headers;
      // The key's 4 requests a minute are tighter than the team's 10.
      expect(first.get('x-ratelimit-limit-requests')).toBe('4');
      expect(first.get('x-ratelimit-remaining-requests')).toBe('3');
      expect(first.get('x-ratelimit-reset-requests')).toMatch(RESET);
      expect(first.get('x-ratelimit-limit-tokens')).toBe('50000');
      const tokensLeft = Number(first.get('x-ratelimit-remaining-tokens'));
      expect(tokensLeft).toBeLessThan(50_000);
      expect(tokensLeft).toBeGreaterThan(49_000);
      expect(first.get('x-ratelimit-reset-tokens')).toMatch(RESET);

      const stream = await limited.chat.completions
        .create({ model: upstream.model, messages: [{ role: 'user', content: 'hi' }], stream: true })
        .withResponse();
      for await (const _chunk of stream.data);
      expect(stream.response.headers.get('x-ratelimit-remaining-requests')).toBe('2');
      // Counted at admission with the estimate held (the first call's estimate is since corrected).
      expect(Number(stream.response.headers.get('x-ratelimit-remaining-tokens'))).toBeLessThan(50_000);

      const responses = await limited.responses
        .create({ model: upstream.model, input: 'hey' })
        .withResponse();
      expect(responses.response.headers.get('x-ratelimit-remaining-requests')).toBe('1');

      const embeddings = await limited.embeddings
        .create({ model: upstream.model, input: 'embed me' })
        .withResponse();
      expect(embeddings.response.headers.get('x-ratelimit-remaining-requests')).toBe('0');

      const refused = await limited.chat.completions
        .create({ model: upstream.model, messages: [{ role: 'user', content: 'again' }] })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(refused).toBeInstanceOf(OpenAIClient.RateLimitError);
      const headers = (refused as InstanceType<typeof OpenAIClient.RateLimitError>).headers;
      expect(headers.get('x-ratelimit-limit-requests')).toBe('4');
      expect(headers.get('x-ratelimit-remaining-requests')).toBe('0');
      expect(headers.get('x-ratelimit-reset-requests')).toMatch(RESET);
      expect(Number(headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('states the team limit for a key with none of its own, and no headers for a kind no rule limits', async () => {
      upstream.fake.reset();
      const answer = await unlimited.chat.completions
        .create({ model: upstream.model, messages: [{ role: 'user', content: 'hello' }] })
        .withResponse();
      expect(answer.response.headers.get('x-ratelimit-limit-requests')).toBe('10');
      const admin = new OpenAIClient({ apiKey: app.adminKey, baseURL: `${app.url}/v1`, maxRetries: 0 });
      const free = await admin.chat.completions
        .create({ model: upstream.model, messages: [{ role: 'user', content: 'hello' }] })
        .withResponse();
      expect(free.response.headers.get('x-ratelimit-limit-requests')).toBeNull();
      expect(free.response.headers.get('x-ratelimit-remaining-tokens')).toBeNull();
    });
  });
});
