/**
 * Rate-limit settings: `setRateLimit` writes MongoDB (both limits null removes the setting), refreshes
 * every instance's rule cache and appends an audit entry. The counters themselves live in the
 * `RateLimiter` (Redis or memory), not here.
 */
import { BadUserInputError } from '../../errors/app-error.js';
import type { RateLimitRecord } from '../../store/models/rate-limit.model.js';
import type { RateLimitRepository } from '../../store/repos/rate-limit.repo.js';
import type { Store } from '../../store/store.js';
import type { AuditLog } from '../../usage/usage.types.js';
import type { Principal } from '../auth/principal.js';
import type { BudgetScope } from '../budget/budget.types.js';
import { isOrgAdmin } from './access.js';
import type { GovernanceSettings } from './governance-settings.js';
import { announceSettingChange, resolveScopeTarget, targetLabel } from './scope-target.js';
import type { TeamService } from './team.service.js';

export interface RateLimitInput {
  scope: BudgetScope;
  target: string;
  /** Null or absent: no limit. 0 blocks every request. */
  requestsPerMinute?: number | null;
  tokensPerMinute?: number | null;
}

export interface RateLimitView {
  id: string;
  scope: BudgetScope;
  target: string;
  targetId: string;
  teamId?: string;
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
  updatedAt: Date;
}

export class RateLimitService {
  constructor(
    private readonly options: {
      rateLimits: RateLimitRepository;
      store: Pick<Store, 'organizations' | 'apiKeys'>;
      teams: TeamService;
      settings: GovernanceSettings;
      audit: AuditLog;
    },
  ) {}

  async set(principal: Principal, input: RateLimitInput, requestId: string): Promise<RateLimitView> {
    const requestsPerMinute = checkLimit(input.requestsPerMinute, 'requestsPerMinute');
    const tokensPerMinute = checkLimit(input.tokensPerMinute, 'tokensPerMinute');
    const target = await resolveScopeTarget(
      principal,
      input.scope,
      input.target,
      this.options,
      'set rate limits',
    );
    const id = `${principal.orgId}:${target.scope}:${target.targetId}`;
    const now = new Date();
    let view: RateLimitView;
    if (requestsPerMinute === null && tokensPerMinute === null) {
      await this.options.rateLimits.delete(id);
      view = {
        id,
        scope: target.scope,
        target: target.label,
        targetId: target.targetId,
        requestsPerMinute,
        tokensPerMinute,
        updatedAt: now,
      };
    } else {
      const record = await this.options.rateLimits.upsert(
        {
          _id: id,
          orgId: principal.orgId,
          scope: target.scope,
          targetId: target.targetId,
          ...(target.teamId ? { teamId: target.teamId } : {}),
        },
        { requestsPerMinute, tokensPerMinute, updatedBy: principal.id },
      );
      view = toView(record, target.label);
    }
    if (target.teamId) view.teamId = target.teamId;
    await announceSettingChange(this.options, principal, target, {
      action: 'setRateLimit',
      summary: {
        scope: input.scope,
        target: input.target,
        targetId: target.targetId,
        requestsPerMinute,
        tokensPerMinute,
      },
      requestId,
    });
    return view;
  }

  /** Removes the limits of (scope, target); the removed record's id, or null when there was none. */
  async remove(
    principal: Principal,
    input: Pick<RateLimitInput, 'scope' | 'target'>,
    requestId: string,
  ): Promise<string | null> {
    const target = await resolveScopeTarget(
      principal,
      input.scope,
      input.target,
      this.options,
      'remove rate limits',
    );
    const id = `${principal.orgId}:${target.scope}:${target.targetId}`;
    const removed = await this.options.rateLimits.delete(id);
    await this.options.settings.changed();
    await this.options.audit.append({
      orgId: principal.orgId,
      actorKeyId: principal.id,
      actorTeamId: principal.teamId,
      ...(target.teamId ? { teamId: target.teamId } : {}),
      action: 'removeRateLimit',
      target: `${target.scope}:${target.label}`,
      summary: { ...input, targetId: target.targetId, removed },
      requestId,
    });
    return removed ? id : null;
  }

  /** Org ADMINs: every limit of the org. Others: the limits of their team and its keys. */
  async list(principal: Principal): Promise<RateLimitView[]> {
    const records = await this.options.rateLimits.list(
      principal.orgId,
      isOrgAdmin(principal) ? undefined : principal.teamId,
    );
    const teamNames = await this.options.teams.namesOf(
      records.filter((record) => record.scope === 'TEAM').map((record) => record.targetId),
    );
    return records.map((record) => toView(record, targetLabel(record.scope, record.targetId, teamNames)));
  }
}

function checkLimit(value: number | null | undefined, name: string): number | null {
  if (value === undefined || value === null) return null;
  if (!Number.isSafeInteger(value) || value < 0)
    throw new BadUserInputError(`${name} must be a whole number ≥ 0, or null for no limit.`);
  return value;
}

function toView(record: RateLimitRecord, label: string): RateLimitView {
  return {
    id: record._id,
    scope: record.scope,
    target: label,
    targetId: record.targetId,
    ...(record.teamId ? { teamId: record.teamId } : {}),
    requestsPerMinute: record.requestsPerMinute ?? null,
    tokensPerMinute: record.tokensPerMinute ?? null,
    updatedAt: record.updatedAt,
  };
}
