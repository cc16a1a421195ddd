/** Governance views → their GraphQL objects, with global ids; and the connection types. */
import { createConnectionType } from '../../graphql/relay/connection.type.js';
import { toGlobalId } from '../../graphql/relay/global-id.js';
import type { ApiKeyInfo } from './api-key.service.js';
import { ApiKeyType } from './api-key.type.js';
import type { BudgetView } from './budget.service.js';
import { BudgetType } from './budget.type.js';
import type { RateLimitView } from './rate-limit.service.js';
import { RateLimitType } from './rate-limit.type.js';
import type { TeamInfo } from './team.service.js';
import { TeamType } from './team.type.js';

export const teamNodeId = (teamId: string) => toGlobalId('Team', teamId);
export const apiKeyNodeId = (keyId: string) => toGlobalId('ApiKey', keyId);
export const budgetNodeId = (id: string) => toGlobalId('Budget', id);
export const rateLimitNodeId = (id: string) => toGlobalId('RateLimit', id);

export function toTeamType(info: TeamInfo): TeamType {
  return { id: teamNodeId(info.id), internalId: info.id, name: info.name, createdAt: info.createdAt };
}

export function toApiKeyType(info: ApiKeyInfo): ApiKeyType {
  return { ...info, id: apiKeyNodeId(info.id), internalId: info.id };
}

export function toBudgetType(view: BudgetView): BudgetType {
  return { ...view, id: budgetNodeId(view.id) };
}

export function toRateLimitType(view: RateLimitView): RateLimitType {
  return { ...view, id: rateLimitNodeId(view.id) };
}

export const { Connection: TeamConnection } = createConnectionType('Team', TeamType);
export const { Connection: ApiKeyConnection } = createConnectionType('ApiKey', ApiKeyType);
export const { Connection: BudgetConnection } = createConnectionType('Budget', BudgetType);
export const { Connection: RateLimitConnection } = createConnectionType('RateLimit', RateLimitType);
