/** Teams of an organization: creation (org ADMIN), listing, and name/id resolution for the other services. */
import { randomUUID } from 'node:crypto';
import { BadUserInputError, ConflictError, NotFoundError } from '../../errors/app-error.js';
import type { AuditLog } from '../../usage/usage.types.js';
import type { Store } from '../../store/store.js';
import type { TeamRecord } from '../../store/models/team.model.js';
import type { Principal } from '../auth/principal.js';
import { isOrgAdmin, readableTeam, requireRole } from './access.js';

export interface TeamInfo {
  id: string;
  orgId: string;
  name: string;
  createdAt: Date;
}

export const TEAM_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}$/;

export class TeamService {
  constructor(private readonly options: { teams: Store['teams']; audit: AuditLog }) {}

  async create(principal: Principal, rawName: string, requestId: string): Promise<TeamInfo> {
    requireRole(principal, 'ADMIN', 'create teams');
    const name = rawName.trim();
    if (!TEAM_NAME.test(name)) {
      throw new BadUserInputError(
        'A team name is 1 to 63 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit.',
      );
    }
    const record = await this.options.teams.create({
      _id: `team_${randomUUID()}`,
      orgId: principal.orgId,
      name,
    });
    if (!record) throw new ConflictError(`A team named "${name}" already exists.`);
    await this.options.audit.append({
      orgId: principal.orgId,
      actorKeyId: principal.id,
      actorTeamId: principal.teamId,
      teamId: record._id,
      action: 'createTeam',
      target: name,
      summary: { name, teamId: record._id },
      requestId,
    });
    return toTeamInfo(record);
  }

  /** Org ADMINs see every team of their org; everyone else sees their own. */
  async list(principal: Principal): Promise<TeamInfo[]> {
    const records = await this.options.teams.list(
      principal.orgId,
      isOrgAdmin(principal) ? undefined : principal.teamId,
    );
    return records.map(toTeamInfo);
  }

  /** A team of `orgId` by name or id; NOT_FOUND if there is none. */
  async resolve(orgId: string, nameOrId: string): Promise<TeamInfo> {
    const record = await this.options.teams.findByNameOrId(orgId, nameOrId);
    if (!record) throw new NotFoundError(`No team "${nameOrId}".`);
    return toTeamInfo(record);
  }

  /**
   * The team id a read is limited to, or undefined for the whole org (org ADMINs who name no team).
   * Non-admins naming another team get FORBIDDEN.
   */
  async readableTeamId(
    principal: Principal,
    requestedTeam: string | undefined,
    what: string,
  ): Promise<string | undefined> {
    const access = readableTeam(principal, requestedTeam, what);
    if (access.own) return access.teamId;
    if (access.requestedTeam === undefined) return undefined;
    return (await this.resolve(principal.orgId, access.requestedTeam)).id;
  }

  /** Team names by id, for listings. */
  async namesOf(teamIds: readonly string[]): Promise<Map<string, string>> {
    if (teamIds.length === 0) return new Map();
    const records = await this.options.teams.byIds(teamIds);
    return new Map(records.map((record) => [record._id, record.name]));
  }
}

function toTeamInfo(record: TeamRecord): TeamInfo {
  return { id: record._id, orgId: record.orgId, name: record.name, createdAt: record.createdAt };
}

export { isDuplicateKey } from '../../store/repos/duplicate-key.js';
