import { describe, expect, it } from 'vitest';
import { startGeminiFake } from './gemini-fake.js';
import { startOpenAiFake } from './openai-fake.js';

describe('fake servers', () => {
  it('lists models and answers unknown paths with the protocol 404', async () => {
    const fake = await startOpenAiFake();
    try {
      const models = await fetch(`${fake.url}/models`);
      expect(await models.json()).toMatchObject({
        object: 'list',
        data: expect.arrayContaining([expect.objectContaining({ id: 'gpt-4o-mini', object: 'model' })]),
      });
      const missing = await fetch(`${fake.url}/nowhere`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ error: { message: 'No route for /v1/nowhere' } });
    } finally {
      await fake.close();
    }
  });

  it('records method, path, query, headers and the parsed body', async () => {
    const fake = await startGeminiFake();
    try {
      await fetch(`${fake.url}/models/m:generateContent?alt=x`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-goog-api-key': 'k' },
        body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
      });
      expect(fake.requests).toEqual([
        expect.objectContaining({
          method: 'POST',
          path: '/v1beta/models/m:generateContent',
          query: { alt: 'x' },
          headers: expect.objectContaining({ 'x-goog-api-key': 'k' }),
          body: { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] },
        }),
      ]);
      expect(fake.requestCount).toBe(1);
    } finally {
      await fake.close();
    }
  });

  it('counts but does not keep requests with record: false', async () => {
    const fake = await startOpenAiFake({ record: false });
    try {
      await fetch(`${fake.url}/models`);
      expect(fake.requests).toEqual([]);
      expect(fake.requestCount).toBe(1);
    } finally {
      await fake.close();
    }
  });

  it('survives a client that leaves before a slow reply', async () => {
    const fake = await startOpenAiFake({ scenario: { type: 'reply', delayMs: 100 } });
    try {
      const request = {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
      };
      await expect(
        fetch(`${fake.url}/chat/completions`, { ...request, signal: AbortSignal.timeout(20) }),
      ).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 150));
      const response = await fetch(`${fake.url}/chat/completions`, request);
      expect(response.status).toBe(200);
    } finally {
      await fake.close();
    }
  });

  it('closes promptly while a request hangs', async () => {
    const fake = await startOpenAiFake({ scenario: { type: 'hang' } });
    const pending = fetch(`${fake.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [] }),
    }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await fake.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(Error);
  });
});
