import { describe, expect, it } from 'vitest';
import { localModels } from '../registry/registry.seed.js';
import { builtinCapabilities } from './builtin-capabilities.js';
import { builtinCapabilityNames, isBuiltinCapability } from './builtin-names.js';
import { handlerFor } from './handlers.js';
import type { CapabilityInfo } from '../registry/registry.types.js';

describe('builtinCapabilities', () => {
  it('keys each descriptor by its own name', () => {
    for (const [key, descriptor] of Object.entries(builtinCapabilities)) expect(descriptor.name).toBe(key);
    expect(builtinCapabilityNames).toEqual(['summarize', 'retrieve', 'analyze', 'classify']);
    expect(isBuiltinCapability('classify')).toBe(true);
    expect(isBuiltinCapability('constructor')).toBe(false);
  });

  it('gives handlers and the seed the same local models, named once in the descriptor', () => {
    for (const descriptor of Object.values(builtinCapabilities)) {
      const handler = handlerFor({ name: descriptor.name, kind: 'builtin' } as CapabilityInfo);
      expect(handler).toBe(descriptor.handler);
      expect(handler.localModels).toEqual(descriptor.localModels.map((model) => model.name));
    }
    expect(localModels.map((model) => [model.capability, model.name])).toEqual([
      ['summarize', 'local/extractive-summarizer'],
      ['retrieve', 'local/bm25'],
      ['analyze', 'local/text-analyzer'],
      ['classify', 'local/zero-shot-classifier'],
    ]);
  });
});
