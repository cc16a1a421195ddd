import { describe, expect, it } from 'vitest';
import { builtinProviderKinds, ProviderKinds } from './provider-kinds.js';
import type { ProviderKindDescriptor } from './provider-kind.types.js';

describe('ProviderKinds', () => {
  const kinds = new ProviderKinds();

  it('derives every list from the descriptors', () => {
    expect(kinds.names().sort()).toEqual(['ANTHROPIC', 'GEMINI', 'LOCAL', 'OPENAI_COMPATIBLE']);
    expect(kinds.remoteNames().sort()).toEqual(['ANTHROPIC', 'GEMINI', 'OPENAI_COMPATIBLE']);
    expect(kinds.genAiSystem('OPENAI_COMPATIBLE')).toBe('openai');
    expect(kinds.genAiSystem('LOCAL')).toBe('capgate.local');
  });

  it('builds remote clients and refuses LOCAL or unknown kinds', async () => {
    const client = kinds.createProvider('ANTHROPIC', { name: 'a' });
    expect(client.kind).toBe('ANTHROPIC');
    await client.close();
    expect(() => kinds.createProvider('LOCAL', { name: 'l' })).toThrow('not a remote kind');
    expect(() => kinds.createProvider('toString', { name: 'x' })).toThrow('not a remote kind');
  });

  it('refuses a map whose key differs from its descriptor', () => {
    const wrong: Record<string, ProviderKindDescriptor> = {
      ...builtinProviderKinds,
      OTHER: builtinProviderKinds.GEMINI,
    };
    expect(() => new ProviderKinds(wrong)).toThrow('Provider kind "OTHER" maps to "GEMINI"');
  });
});
