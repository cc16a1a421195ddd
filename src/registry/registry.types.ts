/** Plain registry objects: what the request path reads from the in-memory registry cache. */
import type { ProviderKind } from '../providers/provider.types.js';

export const routingStrategies = ['FALLBACK', 'WEIGHTED', 'CHEAPEST', 'FASTEST', 'COMPLEXITY'] as const;
export type RoutingStrategy = (typeof routingStrategies)[number];

export interface ProviderInfo {
  name: string;
  kind: ProviderKind;
  baseUrl?: string;
  hasApiKey: boolean;
}

export interface Pricing {
  /** USD per million input tokens. */
  inputPer1M: number;
  /** USD per million output tokens. */
  outputPer1M: number;
}

export interface ModelInfo {
  name: string;
  provider: string;
  upstreamModel: string;
  pricing: Pricing;
  contextWindow?: number;
  /** Higher is more capable; COMPLEXITY routing sends hard inputs to higher tiers. */
  qualityTier?: number;
  tags: string[];
  /**
   * The request field that carries the output-token cap: `max_completion_tokens` for reasoning
   * models (o-series, gpt-5 class), which refuse `max_tokens`. Absent: `max_tokens`, unless the
   * caller named `max_completion_tokens`. OpenAI-compatible providers only.
   */
  maxTokensParam?: MaxTokensParamValue;
}

export const MAX_TOKENS_PARAMS = ['max_tokens', 'max_completion_tokens'] as const;
export type MaxTokensParamValue = (typeof MAX_TOKENS_PARAMS)[number];

export interface ImplementationInfo {
  model: string;
  /** Lower runs first under FALLBACK. */
  priority: number;
  weight: number;
  promptTemplate?: string;
  params?: Record<string, unknown>;
}

export interface RoutingPolicy {
  strategy: RoutingStrategy;
  maxAttempts?: number;
  timeoutMs?: number;
  complexityThreshold?: number;
  /**
   * Opt-in: when a HARD budget refuses the paid models, serve the request with a zero-cost (local)
   * implementation of the same capability instead of refusing it; `RunMeta.reason` says so.
   */
  zeroCostFallback?: boolean;
}

export interface CachePolicy {
  enabled: boolean;
  ttlSeconds: number;
  shareable: boolean;
}

/** What run records keep of a capability's runs besides their meta (default: neither). */
export interface LoggingPolicy {
  /** Keep each run's input (masked per the masking policy). */
  inputs: boolean;
  /** Keep each run's output (masked per the masking policy). */
  outputs: boolean;
}

export interface CapabilityInfo {
  name: string;
  version: number;
  /** `workflow`: a registered workflow, served through the capability lookup (src/workflows/). */
  kind: 'builtin' | 'custom' | 'workflow';
  description?: string;
  inputSchema?: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  promptTemplate?: string;
  implementations: ImplementationInfo[];
  routing: RoutingPolicy;
  cache?: CachePolicy;
  /** Absent: run records keep neither inputs nor outputs. */
  logging?: LoggingPolicy;
  /** Masking policy as stored (validated by governance when set). */
  maskingPolicy?: {
    detectors: string[];
    mode: string;
    customPatterns?: { name: string; pattern: string; flags?: string }[];
  };
  /** Teams (by name) that may see and invoke it; empty = the whole organization. */
  teams: string[];
  ownerTeamId?: string;
  status: 'active' | 'deprecated';
  updatedAt: Date;
}
