import { describe, expect, it } from 'vitest';
import type { GenerateRequest } from '../../provider.types.js';
import { convertToCallOptions, convertToPrompt } from './convert-to-call-options.js';

const BASE: GenerateRequest = { model: 'm', messages: [{ role: 'user', content: 'Hi' }] };

describe('convertToCallOptions', () => {
  it('maps the typed settings and asks for raw chunks', () => {
    const signal = new AbortController().signal;
    expect(
      convertToCallOptions(
        { ...BASE, maxOutputTokens: 10, temperature: 0.5, topP: 0.8, stop: ['x'], signal },
        'anthropic',
      ),
    ).toEqual({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      includeRawChunks: true,
      maxOutputTokens: 10,
      temperature: 0.5,
      topP: 0.8,
      stopSequences: ['x'],
      abortSignal: signal,
    });
  });

  it.each([
    ['text', { type: 'text' } as const, undefined],
    ['json without schema', { type: 'json' } as const, { type: 'json' }],
    [
      'json with schema and name',
      { type: 'json', schema: { type: 'object' }, name: 'answer' } as const,
      { type: 'json', schema: { type: 'object' }, name: 'answer' },
    ],
  ])('maps the %s response format', (_name, responseFormat, expected) => {
    expect(convertToCallOptions({ ...BASE, responseFormat }, 'google').responseFormat).toEqual(expected);
  });

  it('turns standard params into settings and the rest into provider options', () => {
    const options = convertToCallOptions(
      {
        ...BASE,
        params: {
          top_k: 40,
          presencePenalty: 0.1,
          seed: 3,
          thinkingConfig: { thinkingBudget: 0 },
          skip: () => 1,
        },
      },
      'google',
    );
    expect(options).toMatchObject({ topK: 40, presencePenalty: 0.1, seed: 3 });
    expect(options.providerOptions).toEqual({ google: { thinkingConfig: { thinkingBudget: 0 } } });
  });

  it('sets no provider options when there are no extra params', () => {
    expect(convertToCallOptions({ ...BASE, params: { seed: 1 } }, 'google').providerOptions).toBeUndefined();
  });
});

describe('convertToPrompt', () => {
  it('joins system messages into one leading system prompt and keeps the turn order', () => {
    expect(
      convertToPrompt([
        { role: 'system', content: 'A' },
        { role: 'user', content: 'u1' },
        { role: 'assistant', content: 'a1' },
        { role: 'system', content: 'B' },
        { role: 'user', content: 'u2' },
      ]),
    ).toEqual([
      { role: 'system', content: 'A\n\nB' },
      { role: 'user', content: [{ type: 'text', text: 'u1' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'a1' }] },
      { role: 'user', content: [{ type: 'text', text: 'u2' }] },
    ]);
  });

  it('has no system prompt when there is no system message', () => {
    expect(convertToPrompt([{ role: 'user', content: 'u' }])).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'u' }] },
    ]);
  });
});
