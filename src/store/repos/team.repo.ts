/** Teams (collection `teams`): names are unique within an org (unique index). */
import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import type { TeamRecord } from '../models/team.model.js';
import { isDuplicateKey } from './duplicate-key.js';

export class TeamRepository {
  constructor(private readonly teams: Model<TeamRecord>) {}

  /** Creates the team; undefined when the org already has a team of that name. */
  async create(team: Omit<TeamRecord, 'createdAt'>): Promise<TeamRecord | undefined> {
    try {
      return (await this.teams.create(team)).toObject();
    } catch (error) {
      if (isDuplicateKey(error)) return undefined;
      throw error;
    }
  }

  /** The team of `orgId` named `name`, created if there is none; returns its id. */
  async ensure(orgId: string, name: string): Promise<string> {
    const team = await this.teams
      .findOneAndUpdate(
        { orgId, name },
        { $setOnInsert: { _id: `team_${randomUUID()}`, orgId, name } },
        { upsert: true, new: true },
      )
      .lean<TeamRecord>();
    return team!._id;
  }

  async find(id: string): Promise<TeamRecord | undefined> {
    return (await this.teams.findById(id).lean<TeamRecord>()) ?? undefined;
  }

  async findByName(orgId: string, name: string): Promise<TeamRecord | undefined> {
    return (await this.teams.findOne({ orgId, name }).lean<TeamRecord>()) ?? undefined;
  }

  /** The org's team with this name, or else with this id. */
  async findByNameOrId(orgId: string, nameOrId: string): Promise<TeamRecord | undefined> {
    return (
      (await this.teams
        .findOne({ orgId, $or: [{ name: nameOrId }, { _id: nameOrId }] })
        .lean<TeamRecord>()) ?? undefined
    );
  }

  /** The org's teams (only `teamId` when given), by name. */
  list(orgId: string, teamId?: string): Promise<TeamRecord[]> {
    return this.teams
      .find(teamId === undefined ? { orgId } : { orgId, _id: teamId })
      .sort({ name: 1 })
      .lean<TeamRecord[]>();
  }

  /** The teams with these ids (any org), in no particular order. */
  byIds(ids: readonly string[]): Promise<TeamRecord[]> {
    return this.teams.find({ _id: { $in: [...new Set(ids)] } }).lean<TeamRecord[]>();
  }

  /** Renames the team; false when the org has another team of that name. */
  async rename(orgId: string, id: string, name: string): Promise<boolean> {
    try {
      await this.teams.updateOne({ _id: id, orgId }, { $set: { name } });
      return true;
    } catch (error) {
      if (isDuplicateKey(error) || /E11000/.test(String(error))) return false;
      throw error;
    }
  }

  async delete(orgId: string, id: string): Promise<void> {
    await this.teams.deleteOne({ _id: id, orgId });
  }
}
