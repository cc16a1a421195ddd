/**
 * The static map of provider kinds: adding one is a folder (`src/providers/<kind>/` with its adapter
 * and `<kind>.kind.ts` descriptor) plus one line here. The GraphQL `ProviderKind` enum, the kinds
 * `registerProvider` accepts, the clients the registry builds and the span system names all come
 * from a `ProviderKinds` catalog over this map (the composition root may extend it).
 */
import { anthropicKind } from './anthropic/anthropic.kind.js';
import { geminiKind } from './gemini/gemini.kind.js';
import { localKind } from './local/local.kind.js';
import { openAiCompatibleKind } from './openai-compatible/openai-compatible.kind.js';
import type { ProviderKindDescriptor, RemoteProviderKindDescriptor } from './provider-kind.types.js';
import type { ModelProvider, ProviderConnection } from './provider.types.js';

export const builtinProviderKinds = {
  LOCAL: localKind,
  OPENAI_COMPATIBLE: openAiCompatibleKind,
  ANTHROPIC: anthropicKind,
  GEMINI: geminiKind,
} as const satisfies Record<string, ProviderKindDescriptor>;

export type BuiltinProviderKind = keyof typeof builtinProviderKinds;
export type ProviderKindMap = Readonly<Record<string, ProviderKindDescriptor>>;

/** The kinds one app knows, with everything derived from their descriptors. */
export class ProviderKinds {
  constructor(readonly map: ProviderKindMap = builtinProviderKinds) {
    for (const [key, descriptor] of Object.entries(map)) {
      if (descriptor.kind !== key) throw new Error(`Provider kind "${key}" maps to "${descriptor.kind}"`);
    }
  }

  names(): string[] {
    return Object.keys(this.map);
  }

  /** The kinds `registerProvider` accepts. */
  remoteNames(): string[] {
    return Object.values(this.map)
      .filter((descriptor) => descriptor.remote)
      .map((descriptor) => descriptor.kind);
  }

  descriptor(kind: string): ProviderKindDescriptor | undefined {
    return Object.prototype.hasOwnProperty.call(this.map, kind) ? this.map[kind] : undefined;
  }

  remote(kind: string): RemoteProviderKindDescriptor | undefined {
    const descriptor = this.descriptor(kind);
    return descriptor?.remote ? descriptor : undefined;
  }

  /** Builds the adapter of a registered remote provider; throws for LOCAL or an unknown kind. */
  createProvider(kind: string, connection: ProviderConnection): ModelProvider {
    const descriptor = this.remote(kind);
    if (!descriptor) throw new Error(`Provider kind "${kind}" is not a remote kind`);
    return descriptor.create(connection);
  }

  genAiSystem(kind: string): string {
    return this.descriptor(kind)?.genAiSystem ?? kind.toLowerCase();
  }
}

/** The built-in kinds only. */
export const defaultProviderKinds = new ProviderKinds();
