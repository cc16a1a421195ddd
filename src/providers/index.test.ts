import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../errors/app-error.js';
import { createProvider, isRemoteProviderKind, providerFactories, type RemoteProviderKind } from './index.js';

const KINDS: RemoteProviderKind[] = ['OPENAI_COMPATIBLE', 'ANTHROPIC', 'GEMINI'];

describe('providerFactories', () => {
  it('has one factory per remote kind', () => {
    expect(Object.keys(providerFactories).sort()).toEqual([...KINDS].sort());
  });

  it.each(KINDS)('creates a %s provider of that kind', async (kind) => {
    const provider = createProvider(kind, { name: 'p', apiKey: 'k' });
    expect(provider.kind).toBe(kind);
    await provider.close();
  });

  it('offers embeddings where the provider has them', async () => {
    const providers = KINDS.map((kind) => createProvider(kind, { name: 'p' }));
    expect(providers.map((provider) => typeof provider.doEmbed)).toEqual([
      'function',
      'undefined',
      'function',
    ]);
    await Promise.all(providers.map((provider) => provider.close()));
  });

  it.each(KINDS)('rejects an invalid %s connection with BadUserInputError', (kind) => {
    expect(() => createProvider(kind, { name: 'p', baseUrl: 'not a url' })).toThrow(BadUserInputError);
  });

  it('tells remote kinds from LOCAL', () => {
    expect(isRemoteProviderKind('LOCAL')).toBe(false);
    expect(isRemoteProviderKind('GEMINI')).toBe(true);
  });
});
