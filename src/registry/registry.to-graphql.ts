/** Registry infos → their GraphQL objects, with global ids. */
import type { MaskingPolicy } from '../governance/masking/masking.types.js';
import { toGlobalId } from '../graphql/relay/global-id.js';
import {
  CapabilityKind,
  CapabilityStatus,
  type CapabilityFields,
  type CapabilityType,
  type CapabilityVersionType,
  type MaskingPolicyType,
} from './capability.type.js';
import { redactBaseUrl } from './base-url-credentials.js';
import type { ProviderType } from './provider.type.js';
import type { CapabilityInfo, ProviderInfo } from './registry.types.js';

export const capabilityId = (name: string) => toGlobalId('Capability', name);
export const capabilityVersionId = (name: string, version: number) =>
  toGlobalId('CapabilityVersion', `${name}@${version}`);
export const modelId = (name: string) => toGlobalId('Model', name);
export const providerId = (name: string) => toGlobalId('Provider', name);

const kinds: Record<CapabilityInfo['kind'], CapabilityKind> = {
  builtin: CapabilityKind.BUILTIN,
  custom: CapabilityKind.CUSTOM,
  workflow: CapabilityKind.WORKFLOW,
};

function kindOf(kind: CapabilityInfo['kind']): CapabilityKind {
  return kinds[kind];
}

function fields(info: CapabilityInfo): CapabilityFields {
  return {
    name: info.name,
    version: info.version,
    kind: kindOf(info.kind),
    ...(info.description !== undefined ? { description: info.description } : {}),
    status: info.status === 'deprecated' ? CapabilityStatus.DEPRECATED : CapabilityStatus.ACTIVE,
    ...(info.inputSchema ? { inputSchema: info.inputSchema } : {}),
    ...(info.outputSchema ? { outputSchema: info.outputSchema } : {}),
    ...(info.promptTemplate !== undefined ? { promptTemplate: info.promptTemplate } : {}),
    implementations: info.implementations.map(({ model, priority, weight }) => ({ model, priority, weight })),
    routing: { ...info.routing, zeroCostFallback: info.routing.zeroCostFallback === true },
    ...(info.cache ? { cache: { ...info.cache } } : {}),
    ...(info.maskingPolicy
      ? { maskingPolicy: toMaskingPolicyType(info.maskingPolicy as MaskingPolicy) }
      : {}),
    logging: info.logging ?? { inputs: false, outputs: false },
    teams: info.teams,
    updatedAt: info.updatedAt,
  };
}

export function toMaskingPolicyType(policy: MaskingPolicy): MaskingPolicyType {
  return {
    detectors: policy.detectors,
    mode: policy.mode,
    customPatterns: (policy.customPatterns ?? []).map((pattern) => ({
      name: pattern.name,
      pattern: pattern.pattern,
      ...(pattern.flags ? { flags: pattern.flags } : {}),
    })),
  };
}

export function toCapabilityType(info: CapabilityInfo): CapabilityType {
  return { id: capabilityId(info.name), ...fields(info) };
}

export function toCapabilityVersionType(info: CapabilityInfo): CapabilityVersionType {
  return { id: capabilityVersionId(info.name, info.version), ...fields(info) };
}

export function toProviderType(info: ProviderInfo, healthy: boolean): ProviderType {
  return {
    id: providerId(info.name),
    name: info.name,
    kind: info.kind,
    ...(info.baseUrl ? { baseUrl: redactBaseUrl(info.baseUrl) } : {}),
    hasApiKey: info.hasApiKey,
    healthy,
  };
}
