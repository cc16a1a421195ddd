import { Agent, Pool } from 'undici';

/**
 * Connection tuning shared by every upstream dispatcher. Connections stay open between calls
 * (keep-alive), because a TLS handshake per model call costs more than the call's own overhead.
 * The header and body timeouts are generous on purpose: a model may think for minutes before its
 * first byte, and the executor's `AbortSignal` is the real deadline of every call.
 */
const DISPATCHER_OPTIONS = {
  keepAliveTimeout: 10_000,
  keepAliveMaxTimeout: 60_000,
  connectTimeout: 10_000,
  headersTimeout: 600_000,
  bodyTimeout: 600_000,
} as const;

/** Most sockets one provider keeps to its origin; beyond that, requests queue in the pool. */
export const DEFAULT_MAX_CONNECTIONS = 256;

/** A keep-alive pool of connections to one origin (`https://api.openai.com`), for direct `pool.request` calls. */
export function createUpstreamPool(origin: string, connections = DEFAULT_MAX_CONNECTIONS): Pool {
  return new Pool(origin, { ...DISPATCHER_OPTIONS, connections });
}

/** A keep-alive agent (one pool per origin), for SDKs that are handed a `fetch` and choose their own URLs. */
export function createUpstreamAgent(connections = DEFAULT_MAX_CONNECTIONS): Agent {
  return new Agent({ ...DISPATCHER_OPTIONS, connections });
}
