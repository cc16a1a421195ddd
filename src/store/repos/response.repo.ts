/**
 * Stored `/v1/responses` responses (collection `responses`): a response belongs to its team, so
 * every read and delete is filtered by (org, team) and another team's id reads as absent.
 */
import type { Model } from 'mongoose';
import type { StoredResponseRecord } from '../models/stored-response.model.js';

export class ResponseRepository {
  constructor(private readonly responses: Model<StoredResponseRecord>) {}

  async insert(record: StoredResponseRecord): Promise<void> {
    await this.responses.insertMany([record], { lean: true });
  }

  /** The team's response with this id, or undefined. */
  async find(
    owner: { orgId: string; teamId: string },
    id: string,
  ): Promise<StoredResponseRecord | undefined> {
    return (
      (await this.responses
        .findOne({ _id: id, orgId: owner.orgId, teamId: owner.teamId })
        .lean<StoredResponseRecord>()) ?? undefined
    );
  }

  /** Deletes the team's response; false when there is none. */
  async delete(owner: { orgId: string; teamId: string }, id: string): Promise<boolean> {
    const result = await this.responses.deleteOne({ _id: id, orgId: owner.orgId, teamId: owner.teamId });
    return result.deletedCount > 0;
  }

  /** Retention: deletes the responses created before `cutoff`; returns how many. */
  async deleteCreatedBefore(cutoff: Date): Promise<number> {
    return (await this.responses.deleteMany({ createdAt: { $lt: cutoff } })).deletedCount;
  }
}
