/**
 * Stored responses (`store: true`, the default): what `GET /v1/responses/{id}` returns and what
 * `previous_response_id` continues. One collection, `responses`; each document holds the Response
 * object and the conversation so far (earlier turns, this turn's input, this turn's answer) as JSON
 * strings (user JSON never becomes raw documents — PORTABILITY.md), masked by the org's masking
 * policy (or the capability's) before they are written. A response belongs to its team: any other
 * team's id reads as not found. Responses are removed `retentionDays` after creation by a periodic
 * `deleteMany`, like runs (TTL indexes are not portable).
 */
import { RetentionJob, type RetentionJobOptions } from '../../infra/retention-job.js';
import type { ChatMessage } from '../../providers/provider.types.js';
import { decodeJson, encodeJson } from '../../store/json-codec.js';
import type { StoredResponseRecord } from '../../store/models/stored-response.model.js';
import type { ResponseRepository } from '../../store/repos/response.repo.js';
import type { ResponseObject } from './responses-wire.types.js';

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

export class ResponseStore {
  private readonly retention: RetentionJob;

  constructor(
    private readonly responses: ResponseRepository,
    options: RetentionJobOptions,
  ) {
    this.retention = new RetentionJob({
      ...options,
      name: 'response',
      removedMessage: 'old responses removed',
      deleteBefore: (cutoff) => this.responses.deleteCreatedBefore(cutoff),
    });
  }

  /** Purges expired responses now and every hour (the index is created with the store's). */
  start(): void {
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
    await this.responses.insert(record);
  }

  /** The team's response with this id, or undefined (another team's id reads as absent). */
  async find(
    owner: Pick<ResponseOwner, 'orgId' | 'teamId'>,
    id: string,
  ): Promise<StoredResponse | undefined> {
    const record = await this.responses.find(owner, id);
    if (!record) return undefined;
    return {
      response: decodeJson<ResponseObject>(record.response)!,
      history: decodeJson<ChatMessage[]>(record.history) ?? [],
    };
  }

  /** Deletes the team's response; false when there is none. */
  async delete(owner: Pick<ResponseOwner, 'orgId' | 'teamId'>, id: string): Promise<boolean> {
    return this.responses.delete(owner, id);
  }
}
