/**
 * Renaming and deleting teams (org ADMIN). A rename keeps every reference right: capabilities name
 * the teams that may invoke them, so their lists follow the new name. A team that still has live
 * keys, capabilities, knowledge bases, budgets or rate limits is not deleted: CONFLICT names them.
 */
import { BadUserInputError, ConflictError } from '../../errors/app-error.js';
import type { Services } from '../../services.js';
import type { Principal } from '../auth/principal.js';
import { requireRole } from './access.js';
import { TEAM_NAME, type TeamInfo } from './team.service.js';

const LIST_LIMIT = 20;
const listed = (names: string[]) =>
  names
    .slice(0, LIST_LIMIT)
    .map((name) => `"${name}"`)
    .join(', ');

export class TeamLifecycle {
  constructor(private readonly services: Services) {}

  async rename(principal: Principal, team: string, rawName: string, requestId: string): Promise<TeamInfo> {
    requireRole(principal, 'ADMIN', 'rename teams');
    const { store, registry, governance } = this.services;
    const name = rawName.trim();
    if (!TEAM_NAME.test(name))
      throw new BadUserInputError(
        'A team name is 1 to 63 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit.',
      );
    const current = await governance.teams.resolve(principal.orgId, team);
    if (current.name !== name) {
      const taken = await store.teams.findByName(principal.orgId, name);
      if (taken && taken._id !== current.id)
        throw new ConflictError(`A team named "${name}" already exists.`);
      if (!(await store.teams.rename(principal.orgId, current.id, name)))
        throw new ConflictError(`A team named "${name}" already exists.`);
      const users = registry.capabilities().filter((capability) => capability.teams.includes(current.name));
      for (const capability of users) {
        await store.registry.setCapabilityTeams(
          capability.name,
          capability.teams.map((entry) => (entry === current.name ? name : entry)),
        );
      }
      if (users.length > 0) await registry.changed();
    }
    await governance.audit.append({
      orgId: principal.orgId,
      actorKeyId: principal.id,
      actorTeamId: principal.teamId,
      teamId: current.id,
      action: 'renameTeam',
      target: name,
      summary: { from: current.name, to: name },
      requestId,
    });
    return { ...current, name };
  }

  async delete(principal: Principal, team: string, requestId: string): Promise<TeamInfo> {
    requireRole(principal, 'ADMIN', 'delete teams');
    const { store, registry, governance } = this.services;
    const current = await governance.teams.resolve(principal.orgId, team);
    const keys = await store.apiKeys.notRevokedOfTeam(principal.orgId, current.id);
    const liveKeys = keys.filter((key) => !key.expiresAt || key.expiresAt.getTime() > Date.now());
    const capabilities = registry
      .capabilities()
      .filter((capability) => capability.ownerTeamId === current.id)
      .map((capability) => capability.name);
    const knowledgeBases = (
      await store.knowledgeBases.find({ ownerTeamId: current.id }, { _id: 1 }).lean()
    ).map((record) => record._id);
    const budgets = (await governance.budgets.list(principal)).filter(
      (budget) => budget.targetId === current.id || budget.teamId === current.id,
    ).length;
    const rateLimits = (await governance.rateLimits.list(principal)).filter(
      (limit) => limit.targetId === current.id || limit.teamId === current.id,
    ).length;
    const uses = [
      liveKeys.length > 0
        ? `${liveKeys.length} API key(s) (${listed(liveKeys.map((key) => key.name))}): revoke them`
        : '',
      capabilities.length > 0 ? `capabilities ${listed(capabilities)}` : '',
      knowledgeBases.length > 0 ? `knowledge bases ${listed(knowledgeBases)}` : '',
      budgets > 0 ? `${budgets} budget(s)` : '',
      rateLimits > 0 ? `${rateLimits} rate limit(s)` : '',
    ].filter(Boolean);
    if (uses.length > 0)
      throw new ConflictError(`Team "${current.name}" still has ${uses.join('; ')}.`, {
        extensions: {
          apiKeys: liveKeys.map((key) => key._id),
          capabilities,
          knowledgeBases,
          budgets,
          rateLimits,
        },
      });
    await store.teams.delete(principal.orgId, current.id);
    await governance.audit.append({
      orgId: principal.orgId,
      actorKeyId: principal.id,
      actorTeamId: principal.teamId,
      teamId: current.id,
      action: 'deleteTeam',
      target: current.name,
      summary: { name: current.name, teamId: current.id },
      requestId,
    });
    return current;
  }
}
