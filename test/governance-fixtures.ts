/** Shared setup of the governance tests: teams, keys per role, and the operations they call. */
import { randomUUID } from 'node:crypto';
import type { App } from '../src/app.js';
import type { Principal, Role } from '../src/governance/auth/principal.js';
import { graphql, graphqlOk, type GraphQLResponse } from './support/graphql-client.js';

export const CREATE_TEAM =
  'mutation ($name: String!) { createTeam(input: { name: $name }) { team { id internalId name createdAt } } }';
export const CREATE_KEY = `mutation ($team: String!, $name: String!, $roles: [Role!]!, $expiresAt: DateTime) {
  createApiKey(input: { team: $team, name: $name, roles: $roles, expiresAt: $expiresAt }) {
    key apiKey { id internalId name prefix team teamId roles expiresAt revokedAt createdAt createdBy }
  }
}`;
export const REVOKE_KEY =
  'mutation ($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { id internalId revokedAt team } } }';
export const API_KEYS =
  'query ($team: String) { apiKeys(team: $team, first: 100) { edges { node { id internalId name prefix team roles revokedAt } } } }';
export const TEAMS = '{ teams(first: 100) { edges { node { id internalId name } } } }';
export const SET_BUDGET = `mutation ($scope: BudgetScope!, $target: String!, $limitUsd: Float!, $period: BudgetPeriod!, $mode: BudgetMode!) {
  setBudget(input: { scope: $scope, target: $target, limitUsd: $limitUsd, period: $period, mode: $mode }) {
    budget { id scope target targetId limitUsd period mode periodKey spentUsd reservedUsd remainingUsd }
  }
}`;
export const BUDGETS =
  '{ budgets(first: 100) { edges { node { id scope target targetId limitUsd period mode spentUsd reservedUsd remainingUsd } } } }';
export const SET_RATE_LIMIT = `mutation ($scope: BudgetScope!, $target: String!, $rpm: Int, $tpm: Int) {
  setRateLimit(input: { scope: $scope, target: $target, requestsPerMinute: $rpm, tokensPerMinute: $tpm }) {
    rateLimit { id scope target targetId requestsPerMinute tokensPerMinute }
  }
}`;
export const RATE_LIMITS =
  '{ rateLimits(first: 100) { edges { node { id scope target targetId requestsPerMinute tokensPerMinute } } } }';
export const USAGE = `query ($from: DateTime!, $to: DateTime!, $groupBy: [UsageDimension!]!, $capability: String, $team: String) {
  usage(from: $from, to: $to, groupBy: $groupBy, capability: $capability, team: $team) {
    key requests errors cachedRequests inputTokens outputTokens costUsd latencyMsAvg latencyMsP95
  }
}`;
export const AUDIT_LOG = `query ($first: Int, $after: String, $action: String, $actor: String) {
  auditLog(first: $first, after: $after, action: $action, actor: $actor) {
    edges { cursor node { id at action target actorKeyId actorTeamId actorTeam teamId summary requestId } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** A connection answer, as the list queries return it. */
export type Conn<T> = { edges: Array<{ node: T }> };

/** The nodes of a connection answer. */
export function nodesOf<T>(connection: { edges: Array<{ node: T }> } | undefined | null): T[] {
  return connection?.edges.map((edge) => edge.node) ?? [];
}

export type RoleKeys = Record<Role, string> & { ids: Record<Role, string> };

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export function errorCode(response: GraphQLResponse<unknown>): string | undefined {
  const code = response.errors?.[0]?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

export async function createTeam(
  app: App & { adminKey: string },
  name: string,
): Promise<{ id: string; name: string }> {
  const data = await graphqlOk<{ createTeam: { team: { internalId: string; name: string } } }>(
    app.url,
    CREATE_TEAM,
    { key: app.adminKey, variables: { name } },
  );
  return { id: data.createTeam.team.internalId, name: data.createTeam.team.name };
}

export async function createKey(
  url: string,
  callerKey: string,
  team: string,
  roles: Role[],
  name = 'test key',
): Promise<{ key: string; id: string }> {
  const data = await graphqlOk<{ createApiKey: { key: string; apiKey: { internalId: string } } }>(
    url,
    CREATE_KEY,
    { key: callerKey, variables: { team, name, roles } },
  );
  return { key: data.createApiKey.key, id: data.createApiKey.apiKey.internalId };
}

/** A new team with one key per role. */
export async function teamWithRoleKeys(
  app: App & { adminKey: string },
  prefix: string,
): Promise<{ team: { id: string; name: string }; keys: RoleKeys }> {
  const team = await createTeam(app, uniqueName(prefix));
  const roles: Role[] = ['ADMIN', 'MAINTAINER', 'MEMBER', 'VIEWER'];
  const created = await Promise.all(
    roles.map((role) => createKey(app.url, app.adminKey, team.name, [role], role)),
  );
  const keys = Object.fromEntries(roles.map((role, index) => [role, created[index]!.key])) as Record<
    Role,
    string
  >;
  const ids = Object.fromEntries(roles.map((role, index) => [role, created[index]!.id])) as Record<
    Role,
    string
  >;
  return { team, keys: { ...keys, ids } };
}

export async function principalOf(app: App, key: string): Promise<Principal> {
  return app.services.auth.authenticate(`Bearer ${key}`);
}

export async function meId(url: string, key: string): Promise<string> {
  const data = await graphqlOk<{ me: { id: string } }>(url, '{ me { id } }', { key });
  return data.me.id;
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export { graphql, graphqlOk };
