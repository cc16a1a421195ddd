/**
 * Which OpenAI request parameters a provider kind can honour. OpenAI-compatible upstreams get them
 * all as they are; for Anthropic and Gemini, a parameter their API has no equivalent for is dropped
 * and named in the `capgate-dropped-params` response header — never silently.
 */
import type { ProviderKind } from '../providers/provider.types.js';

export const DROPPED_PARAMS_HEADER = 'capgate-dropped-params';

const SUPPORTED: Partial<Record<ProviderKind, ReadonlySet<string>>> = {
  ANTHROPIC: new Set(['temperature', 'top_p', 'stop', 'max_completion_tokens']),
  GEMINI: new Set([
    'temperature',
    'top_p',
    'stop',
    'seed',
    'presence_penalty',
    'frequency_penalty',
    'max_completion_tokens',
  ]),
};

/** The parameters to send and the names of those dropped (empty when all are supported). */
export function splitSupportedParams(
  kind: ProviderKind,
  params: Record<string, unknown> | undefined,
): { params: Record<string, unknown> | undefined; dropped: string[] } {
  // OpenAI-compatible kinds (and kinds added without a list) take the parameters as they are.
  const supported = SUPPORTED[kind];
  if (params === undefined || supported === undefined) return { params, dropped: [] };
  const kept: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (supported.has(name)) kept[name] = value;
    else dropped.push(name);
  }
  return { params: Object.keys(kept).length > 0 ? kept : undefined, dropped };
}
