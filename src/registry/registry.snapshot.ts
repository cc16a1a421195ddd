/**
 * The in-memory registry: every provider, model and capability, loaded in one pass and replaced
 * whole on invalidation. The request path reads only this, never MongoDB.
 */
import type { Store } from '../store/store.js';
import { decodeJson } from '../store/json-codec.js';
import type { CapabilityRecord } from '../store/models/capability.model.js';
import type { ProviderKind } from '../providers/provider.types.js';
import {
  MAX_TOKENS_PARAMS,
  type CapabilityInfo,
  type MaxTokensParamValue,
  type ModelInfo,
  type ProviderInfo,
  type RoutingStrategy,
} from './registry.types.js';

export interface RegistrySnapshot {
  providers: Map<string, ProviderInfo & { apiKeySealed?: string; headersSealed?: string; updatedAt: Date }>;
  models: Map<string, ModelInfo>;
  capabilities: Map<string, CapabilityInfo>;
  /** Org-wide default masking policies, by org id. */
  orgMaskingPolicies: Map<string, NonNullable<CapabilityInfo['maskingPolicy']>>;
  loadedAt: Date;
}

export async function loadSnapshot(store: Store): Promise<RegistrySnapshot> {
  const [{ providers, models, capabilities }, organizations] = await Promise.all([
    store.registry.loadAll(),
    store.organizations.withMaskingPolicy(),
  ]);
  return {
    providers: new Map(
      providers.map((record) => [
        record._id,
        {
          name: record._id,
          kind: record.kind as ProviderKind,
          baseUrl: record.baseUrl ?? undefined,
          hasApiKey: Boolean(record.apiKeySealed),
          apiKeySealed: record.apiKeySealed ?? undefined,
          headersSealed: record.headersSealed ?? undefined,
          updatedAt: record.updatedAt,
        },
      ]),
    ),
    models: new Map(
      models.map((record) => [
        record._id,
        {
          name: record._id,
          provider: record.provider,
          upstreamModel: record.upstreamModel,
          pricing: {
            inputPer1M: record.pricing?.inputPer1M ?? 0,
            outputPer1M: record.pricing?.outputPer1M ?? 0,
          },
          contextWindow: record.contextWindow ?? undefined,
          qualityTier: record.qualityTier ?? undefined,
          tags: record.tags ?? [],
          ...(isMaxTokensParam(record.maxTokensParam) ? { maxTokensParam: record.maxTokensParam } : {}),
        },
      ]),
    ),
    capabilities: new Map(capabilities.map((record) => [record._id, toCapabilityInfo(record)])),
    orgMaskingPolicies: new Map(
      organizations.flatMap((organization) => {
        const policy = decodeJson<NonNullable<CapabilityInfo['maskingPolicy']>>(organization.maskingPolicy);
        return policy ? [[organization._id, policy] as const] : [];
      }),
    ),
    loadedAt: new Date(),
  };
}

export function toCapabilityInfo(record: CapabilityRecord): CapabilityInfo {
  return {
    name: record._id,
    version: record.version,
    kind: record.kind,
    description: record.description ?? undefined,
    inputSchema: decodeJson(record.inputSchema),
    outputSchema: decodeJson(record.outputSchema),
    promptTemplate: record.promptTemplate ?? undefined,
    implementations: (record.implementations ?? []).map((implementation) => ({
      model: implementation.model,
      priority: implementation.priority,
      weight: implementation.weight,
      promptTemplate: implementation.promptTemplate ?? undefined,
      params: decodeJson(implementation.params),
    })),
    routing: {
      strategy: (record.routing?.strategy ?? 'FALLBACK') as RoutingStrategy,
      maxAttempts: record.routing?.maxAttempts ?? undefined,
      timeoutMs: record.routing?.timeoutMs ?? undefined,
      complexityThreshold: record.routing?.complexityThreshold ?? undefined,
      ...(record.routing?.zeroCostFallback ? { zeroCostFallback: true } : {}),
    },
    cache:
      record.cache?.enabled === undefined
        ? undefined
        : {
            enabled: Boolean(record.cache.enabled),
            ttlSeconds: record.cache.ttlSeconds ?? 300,
            shareable: Boolean(record.cache.shareable),
          },
    logging: record.logging
      ? { inputs: Boolean(record.logging.inputs), outputs: Boolean(record.logging.outputs) }
      : undefined,
    maskingPolicy: decodeJson(record.maskingPolicy),
    teams: record.teams ?? [],
    ownerTeamId: record.ownerTeamId ?? undefined,
    status: record.status,
    updatedAt: record.updatedAt,
  };
}

function isMaxTokensParam(value: string | undefined): value is MaxTokensParamValue {
  return (MAX_TOKENS_PARAMS as readonly (string | undefined)[]).includes(value);
}
