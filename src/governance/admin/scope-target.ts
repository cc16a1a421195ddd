/**
 * Budgets and rate limits name what they apply to as (scope, target). Clients pass the org id (or
 * name) for ORG, the team name (or id) for TEAM and the API key id for KEY; rules store ids. Who
 * may set them: org ADMINs for ORG and TEAM; for KEY also a MAINTAINER of the key's own team (a
 * key-level rule only narrows what the team already may spend or send: all rules apply together).
 */
import { NotFoundError } from '../../errors/app-error.js';
import type { Store } from '../../store/store.js';
import type { Principal, Role } from '../auth/principal.js';
import type { BudgetScope } from '../budget/budget.types.js';
import { requireRole, requireRolesWithin, requireTeamManager } from './access.js';
import type { AuditLog } from '../../usage/usage.types.js';
import type { GovernanceSettings } from './governance-settings.js';
import type { TeamService } from './team.service.js';

export interface ScopeTarget {
  scope: BudgetScope;
  targetId: string;
  /** The team the setting belongs to; undefined for ORG. */
  teamId?: string;
  /** How listings show the target: org id, team name or key id. */
  label: string;
}

export async function resolveScopeTarget(
  principal: Principal,
  scope: BudgetScope,
  target: string,
  dependencies: { store: Pick<Store, 'organizations' | 'apiKeys'>; teams: TeamService },
  action: string,
): Promise<ScopeTarget> {
  switch (scope) {
    case 'ORG': {
      requireRole(principal, 'ADMIN', `${action} for the organization`);
      if (target !== principal.orgId) {
        if (!(await dependencies.store.organizations.isNamed(principal.orgId, target)))
          throw new NotFoundError(`No organization "${target}": use your org id "${principal.orgId}".`);
      }
      return { scope, targetId: principal.orgId, label: principal.orgId };
    }
    case 'TEAM': {
      requireRole(principal, 'ADMIN', `${action} for a team`);
      const team = await dependencies.teams.resolve(principal.orgId, target);
      return { scope, targetId: team.id, teamId: team.id, label: team.name };
    }
    case 'KEY': {
      requireRole(principal, 'MAINTAINER', `${action} for an API key`);
      const key = await dependencies.store.apiKeys.findInOrg(target, principal.orgId);
      if (!key) throw new NotFoundError(`No API key "${target}".`);
      requireTeamManager(principal, key.teamId, action);
      requireRolesWithin(principal, key.roles as Role[], `${action} for a key`);
      return { scope, targetId: key._id, teamId: key.teamId, label: key._id };
    }
  }
}

/** How a stored setting's target is shown, given team names by id. */
export function targetLabel(scope: BudgetScope, targetId: string, teamNames: Map<string, string>): string {
  return scope === 'TEAM' ? (teamNames.get(targetId) ?? targetId) : targetId;
}

/**
 * After a budget or rate-limit write: every instance reloads its rules, and the change is audited
 * (visible to the target's team as well as the actor's).
 */
export async function announceSettingChange(
  dependencies: { settings: Pick<GovernanceSettings, 'changed'>; audit: AuditLog },
  principal: Principal,
  target: ScopeTarget,
  change: { action: string; summary: Record<string, unknown>; requestId: string },
): Promise<void> {
  await dependencies.settings.changed();
  await dependencies.audit.append({
    orgId: principal.orgId,
    actorKeyId: principal.id,
    actorTeamId: principal.teamId,
    ...(target.teamId ? { teamId: target.teamId } : {}),
    action: change.action,
    target: `${target.scope}:${target.label}`,
    summary: change.summary,
    requestId: change.requestId,
  });
}
