/**
 * The conversations, turns and lease collections. Only portable operations (PORTABILITY.md): the
 * lease is an insert refused by a unique `_id`, the sequence check a unique (conversation, seq)
 * index, finds with `$or` cursors, `deleteMany` for deletion and retention.
 */
import type { FilterQuery } from 'mongoose';
import { isDuplicateKey } from './duplicate-key.js';
import { hasRole, type Principal } from '../../governance/auth/principal.js';
import type {
  ConversationModels,
  ConversationRecord,
  ConversationTurnRecord,
} from '../models/conversation.model.js';

/**
 * Which conversations a caller may see: the whole org's (its admins), or within one team the shared
 * ones and those its own key created.
 */
export interface ConversationVisibility {
  orgId: string;
  /** Set for non-admins: their team and key. */
  member?: { teamId: string; keyId: string };
}

/** What the caller may see: the org's admins everything; others their team's shared ones and their key's own. */
export function visibleTo(principal: Principal): ConversationVisibility {
  if (hasRole(principal, 'ADMIN')) return { orgId: principal.orgId };
  return { orgId: principal.orgId, member: { teamId: principal.teamId, keyId: principal.id } };
}

function visibilityFilter(visibility: ConversationVisibility): FilterQuery<ConversationRecord> {
  if (!visibility.member) return { orgId: visibility.orgId };
  return {
    orgId: visibility.orgId,
    teamId: visibility.member.teamId,
    $or: [{ shared: true }, { keyId: visibility.member.keyId }],
  };
}

export interface ConversationListQuery {
  visibility: ConversationVisibility;
  teamId?: string;
  capability?: string;
  /** Only conversations after this position (newest first: updatedAt desc, then id desc): older ones. */
  after?: { updatedAt: Date; id: string };
  /** Only conversations before this position: more recently active ones. */
  before?: { updatedAt: Date; id: string };
  /** Read from `before` towards the most recent (`last`); the result is still most recent first. */
  backward?: boolean;
  limit: number;
}

/** A page of turns: forward after `afterSeq`, or backward (`last`) before `beforeSeq`; oldest first. */
export interface TurnPageQuery {
  afterSeq?: number;
  beforeSeq?: number;
  backward: boolean;
  limit: number;
}

export type AppendOutcome = 'appended' | 'lease-lost';

export class ConversationRepository {
  constructor(private readonly models: ConversationModels) {}

  async create(record: ConversationRecord): Promise<void> {
    await this.models.conversations.create(record);
  }

  countForTeam(orgId: string, teamId: string): Promise<number> {
    return this.models.conversations.countDocuments({ orgId, teamId });
  }

  async find(id: string, visibility: ConversationVisibility): Promise<ConversationRecord | undefined> {
    return (
      (await this.models.conversations.findOne({ ...visibilityFilter(visibility), _id: id }).lean()) ??
      undefined
    );
  }

  async list(query: ConversationListQuery): Promise<ConversationRecord[]> {
    const conditions: Array<FilterQuery<ConversationRecord>> = [visibilityFilter(query.visibility)];
    if (query.teamId) conditions.push({ teamId: query.teamId });
    if (query.capability) conditions.push({ capability: query.capability });
    if (query.after) {
      const { updatedAt, id } = query.after;
      conditions.push({ $or: [{ updatedAt: { $lt: updatedAt } }, { updatedAt, _id: { $lt: id } }] });
    }
    if (query.before) {
      const { updatedAt, id } = query.before;
      conditions.push({ $or: [{ updatedAt: { $gt: updatedAt } }, { updatedAt, _id: { $gt: id } }] });
    }
    const direction = query.backward ? 1 : -1;
    const records = await this.models.conversations
      .find({ $and: conditions })
      .sort({ updatedAt: direction, _id: direction })
      .limit(query.limit)
      .lean();
    return query.backward ? records.reverse() : records;
  }

  /** Deletes the conversation and its turns; false when it was not there. */
  async delete(id: string): Promise<boolean> {
    const { deletedCount } = await this.models.conversations.deleteOne({ _id: id });
    await this.models.turns.deleteMany({ conversationId: id });
    await this.models.locks.deleteOne({ _id: id });
    return deletedCount > 0;
  }

  /**
   * Takes the conversation's lease for `runId` until `until`: an insert the unique `_id` refuses
   * while another run holds it. An expired lease (its instance died) is removed first, by the run id
   * it was taken with, so a fresh one is never removed by mistake.
   */
  async tryLease(conversationId: string, runId: string, until: Date, now: Date): Promise<boolean> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await this.models.locks.create({ _id: conversationId, runId, until });
        return true;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const held = await this.models.locks.findById(conversationId).lean();
      if (held && held.until >= now) return false;
      if (held) await this.models.locks.deleteOne({ _id: conversationId, runId: held.runId });
    }
    return false;
  }

  async releaseLease(conversationId: string, runId: string): Promise<void> {
    await this.models.locks.deleteOne({ _id: conversationId, runId });
  }

  /** Whether a run holds the conversation now. */
  async isLeased(conversationId: string, now: Date): Promise<boolean> {
    const held = await this.models.locks.findById(conversationId).lean();
    return held !== null && held.until >= now;
  }

  /**
   * Appends `turn` at its position: only while `runId` still holds the lease, and the unique
   * (conversation, seq) index refuses a second turn at one position whatever happens. Then the
   * conversation's counters move.
   */
  async append(turn: ConversationTurnRecord, runId: string): Promise<AppendOutcome> {
    const held = await this.models.locks.findById(turn.conversationId).lean();
    if (held?.runId !== runId) return 'lease-lost';
    try {
      await this.models.turns.create(turn);
    } catch (error) {
      if (isDuplicateKey(error)) return 'lease-lost';
      throw error;
    }
    await this.models.conversations.updateOne(
      { _id: turn.conversationId },
      {
        $max: { lastSeq: turn.seq },
        $set: { lastTurnId: turn._id, updatedAt: turn.createdAt },
        $inc: { turnCount: 1, bytes: turn.bytes },
      },
    );
    return 'appended';
  }

  async findTurn(id: string): Promise<ConversationTurnRecord | undefined> {
    return (await this.models.turns.findById(id).lean()) ?? undefined;
  }

  /** Every turn, oldest first (bounded by the per-conversation limits). */
  turns(conversationId: string): Promise<ConversationTurnRecord[]> {
    return this.models.turns.find({ conversationId }).sort({ seq: 1 }).lean();
  }

  /** Up to `limit` turns, oldest first; backward: the `limit` turns just before `beforeSeq`. */
  async turnsPage(conversationId: string, query: TurnPageQuery): Promise<ConversationTurnRecord[]> {
    const seq: Record<string, number> = {};
    if (query.afterSeq !== undefined) seq.$gt = query.afterSeq;
    if (query.beforeSeq !== undefined) seq.$lt = query.beforeSeq;
    const records = await this.models.turns
      .find({ conversationId, ...(Object.keys(seq).length > 0 ? { seq } : {}) })
      .sort({ seq: query.backward ? -1 : 1 })
      .limit(query.limit)
      .lean();
    return query.backward ? records.reverse() : records;
  }

  /** Caches the condensed form of turns 1…throughSeq (called while the run holds the lease). */
  async saveSummary(id: string, text: string, throughSeq: number): Promise<void> {
    await this.models.conversations.updateOne(
      { _id: id },
      { $set: { summaryText: text, summaryThroughSeq: throughSeq } },
    );
  }

  /** Retention: conversations idle since before `cutoff`, with their turns. */
  async deleteIdleBefore(cutoff: Date): Promise<number> {
    const idle = await this.models.conversations
      .find({ updatedAt: { $lt: cutoff } }, { _id: 1 })
      .limit(1000)
      .lean();
    if (idle.length === 0) return 0;
    const ids = idle.map((record) => record._id);
    await this.models.turns.deleteMany({ conversationId: { $in: ids } });
    const { deletedCount } = await this.models.conversations.deleteMany({
      _id: { $in: ids },
      updatedAt: { $lt: cutoff },
    });
    return deletedCount;
  }
}
