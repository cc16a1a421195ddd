/**
 * The per-request (HTTP) or per-operation (WebSocket) context. DataLoaders are built here, once per
 * request, as envelop and type-graphql recommend.
 */
import type { Logger } from '../infra/logger.js';
import type { Principal } from '../governance/auth/principal.js';
import type { Services } from '../services.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface GraphQLContext {
  requestId: string;
  principal: Principal;
  logger: Logger;
  services: Services;
  loaders: Loaders;
  /** Aborted when the client goes away (HTTP connection closed, WebSocket subscription completed). */
  signal: AbortSignal;
  /** Which front door: for metrics and usage. */
  transport: 'http' | 'ws';
}

export function createContext(input: Omit<GraphQLContext, 'loaders'>): GraphQLContext {
  return { ...input, loaders: createLoaders(input.services) };
}
