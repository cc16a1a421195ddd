/**
 * Stored responses (`store: true`, the default): what `GET /v1/responses/{id}` returns and what
 * `previous_response_id` continues. One collection, `responses`; each document holds the Response
 * object and the conversation so far (earlier turns, this turn's input, this turn's answer) as JSON
 * strings (user JSON never becomes raw documents — PORTABILITY.md), masked by the org's masking
 * policy (or the capability's) before they are written. A response belongs to its team: any other
 * team's id reads as not found. Responses are removed `retentionDays` after creation by a periodic
 * `deleteMany`, like runs (TTL indexes are not portable).
 */
import { Schema, type Connection, type Model } from 'mongoose';
import { RetentionJob, type RetentionJobOptions } from '../../infra/retention-job.js';
import type { ChatMessage } from '../../providers/provider.types.js';
import { decodeJson, encodeJson } from '../../store/json-codec.js';
import type { ResponseObject } from './responses-wire.types.js';

interface StoredResponseRecord {
  _id: string;
  orgId: string;
  teamId: string;
  keyId: string;
  createdAt: Date;
  /** The Response object, JSON. */
  response: string;
  /** The conversation a follow-up continues (ChatMessage[]), JSON; instructions excluded. */
  history: string;
}

export interface StoredResponse {
  response: ResponseObject;
  history: ChatMessage[];
}

/** Who may see a stored response: its team, within its org. */
export interface ResponseOwner {
  orgId: string;
  teamId: string;
  keyId: string;
}

const schema = new Schema<StoredResponseRecord>(
  {
    _id: { type: String, required: true },
    orgId: { type: String, required: true },
    teamId: { type: String, required: true },
    keyId: { type: String, required: true },
    createdAt: { type: Date, required: true },
    response: { type: String, required: true },
    history: { type: String, required: true },
  },
  { versionKey: false },
);
schema.index({ createdAt: 1 });

export class ResponseStore {
  private readonly responses: Model<StoredResponseRecord>;
  private readonly retention: RetentionJob;

  constructor(connection: Connection, options: RetentionJobOptions) {
    this.responses =
      (connection.models.StoredResponse as Model<StoredResponseRecord> | undefined) ??
      connection.model<StoredResponseRecord>('StoredResponse', schema, 'responses');
    this.retention = new RetentionJob({
      ...options,
      name: 'response',
      removedMessage: 'old responses removed',
      deleteBefore: async (cutoff) =>
        (await this.responses.deleteMany({ createdAt: { $lt: cutoff } })).deletedCount,
    });
  }

  /** Creates the index, then purges expired responses now and every hour. */
  async start(): Promise<void> {
    await this.responses.createIndexes();
    this.retention.start();
  }

  async stop(): Promise<void> {
    await this.retention.stop();
  }

  async save(owner: ResponseOwner, stored: StoredResponse): Promise<void> {
    const record: StoredResponseRecord = {
      _id: stored.response.id,
      ...owner,
      createdAt: new Date(stored.response.created_at * 1000),
      response: encodeJson(stored.response)!,
      history: encodeJson(stored.history)!,
    };
    await this.responses.insertMany([record], { lean: true });
  }

  /** The team's response with this id, or undefined (another team's id reads as absent). */
  async find(
    owner: Pick<ResponseOwner, 'orgId' | 'teamId'>,
    id: string,
  ): Promise<StoredResponse | undefined> {
    const record = await this.responses
      .findOne({ _id: id, orgId: owner.orgId, teamId: owner.teamId })
      .lean<StoredResponseRecord>();
    if (!record) return undefined;
    return {
      response: decodeJson<ResponseObject>(record.response)!,
      history: decodeJson<ChatMessage[]>(record.history) ?? [],
    };
  }

  /** Deletes the team's response; false when there is none. */
  async delete(owner: Pick<ResponseOwner, 'orgId' | 'teamId'>, id: string): Promise<boolean> {
    const result = await this.responses.deleteOne({ _id: id, orgId: owner.orgId, teamId: owner.teamId });
    return result.deletedCount > 0;
  }
}
