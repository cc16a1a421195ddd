/**
 * Conversations: created, read, listed and deleted by their owners, and opened by the invocation
 * pipeline for a run (`ConversationRuns`): the run waits for its turn, sees the earlier turns, and
 * appends its own once it completes. A conversation belongs to its team, and to its creating key
 * unless `shared`; org admins see every conversation of the org. Deletion is audited.
 */
import { randomUUID } from 'node:crypto';
import { BadUserInputError, ConflictError, ForbiddenError } from '../errors/app-error.js';
import { hasRole, type Principal } from '../governance/auth/principal.js';
import { assertJsonWithinLimits } from '../capabilities/input-limits.js';
import type { Logger } from '../infra/logger.js';
import type { AuditLog } from '../usage/usage.types.js';
import { ConversationContext, type Summarize } from './conversation-context.js';
import { CONVERSATION_TYPE, keyOfId, toGlobalId, TURN_TYPE } from './conversation-ids.js';
import { ConversationLeases, notFound } from './conversation-lease.js';
import {
  CONVERSATION_LIMITS,
  ConversationFullError,
  ConversationMovedOnError,
  type ConversationBounds,
} from './conversation-limits.js';
import type { ConversationRecord, ConversationTurnRecord } from '../store/models/conversation.model.js';
import {
  visibleTo,
  type ConversationRepository,
  type TurnPageQuery,
} from '../store/repos/conversation.repo.js';
import type {
  ConversationRun,
  ConversationRuns,
  OpenConversationRequest,
  TurnFacts,
} from './conversation-run.js';

export interface CreateConversationInput {
  capability?: string;
  title?: string;
  metadata?: unknown;
  shared?: boolean;
}

export interface ConversationListArgs {
  /** How many to read (a page and one more, to know whether more lie beyond). */
  first: number;
  after?: { updatedAt: Date; id: string };
  before?: { updatedAt: Date; id: string };
  backward?: boolean;
  teamId?: string;
  capability?: string;
}

export interface ConversationServiceOptions {
  repository: ConversationRepository;
  /** Runs `summarize` for the caller (a routed, metered run of its own). */
  summarizeFor: (request: Pick<OpenConversationRequest, 'caller' | 'requestId'>) => Summarize;
  /** Per-conversation storage bounds (config `conversations`). */
  bounds?: ConversationBounds;
  audit?: AuditLog;
  logger: Logger;
}

export class ConversationService implements ConversationRuns {
  private readonly leases: ConversationLeases;

  constructor(private readonly options: ConversationServiceOptions) {
    this.leases = new ConversationLeases(options.repository);
  }

  async create(principal: Principal, input: CreateConversationInput): Promise<ConversationRecord> {
    if (!hasRole(principal, 'MEMBER'))
      throw new ForbiddenError('Creating conversations requires the MEMBER role.');
    const problems: string[] = [];
    if (input.title !== undefined && input.title.length > CONVERSATION_LIMITS.titleCharacters)
      problems.push(`title: at most ${CONVERSATION_LIMITS.titleCharacters} characters`);
    let metadata: string | undefined;
    if (input.metadata !== undefined && input.metadata !== null) {
      assertJsonWithinLimits(input.metadata, 'metadata');
      metadata = JSON.stringify(input.metadata);
      if (metadata.length > CONVERSATION_LIMITS.metadataCharacters)
        problems.push(`metadata: at most ${CONVERSATION_LIMITS.metadataCharacters} characters as JSON`);
    }
    if (problems.length > 0) throw new BadUserInputError(`Invalid conversation: ${problems.join('; ')}.`);
    const { repository } = this.options;
    if ((await repository.countForTeam(principal.orgId, principal.teamId)) >= CONVERSATION_LIMITS.perTeam) {
      throw new BadUserInputError(
        `Your team holds ${CONVERSATION_LIMITS.perTeam} conversations, the most it may keep: delete some first.`,
        { extensions: { limit: 'perTeam', max: CONVERSATION_LIMITS.perTeam } },
      );
    }
    const now = new Date();
    const record: ConversationRecord = {
      _id: `conv_${randomUUID()}`,
      orgId: principal.orgId,
      teamId: principal.teamId,
      keyId: principal.id,
      shared: input.shared ?? false,
      ...(input.capability ? { capability: input.capability } : {}),
      ...(input.title ? { title: input.title } : {}),
      ...(metadata ? { metadata } : {}),
      createdAt: now,
      updatedAt: now,
      lastSeq: 0,
      turnCount: 0,
      bytes: 0,
    };
    await repository.create(record);
    return record;
  }

  /** The conversation, or undefined when it does not exist for this caller. */
  get(principal: Principal, id: string): Promise<ConversationRecord | undefined> {
    return this.options.repository.find(keyOfId(id, CONVERSATION_TYPE), visibleTo(principal));
  }

  /** A turn of a conversation the caller may see, or undefined (`node(id:)`). */
  async turn(principal: Principal, id: string): Promise<ConversationTurnRecord | undefined> {
    const turn = await this.options.repository.findTurn(keyOfId(id, TURN_TYPE));
    if (!turn) return undefined;
    return (await this.options.repository.find(turn.conversationId, visibleTo(principal))) ? turn : undefined;
  }

  list(principal: Principal, args: ConversationListArgs): Promise<ConversationRecord[]> {
    return this.options.repository.list({
      visibility: visibleTo(principal),
      ...(args.teamId ? { teamId: args.teamId } : {}),
      ...(args.capability ? { capability: args.capability } : {}),
      ...(args.after ? { after: args.after } : {}),
      ...(args.before ? { before: args.before } : {}),
      ...(args.backward ? { backward: true } : {}),
      limit: args.first,
    });
  }

  turnsPage(conversationId: string, query: TurnPageQuery): Promise<ConversationTurnRecord[]> {
    return this.options.repository.turnsPage(conversationId, query);
  }

  /** Deletes a conversation the caller may see (MEMBER role), with its turns; audited. */
  async delete(principal: Principal, id: string, requestId: string): Promise<string> {
    if (!hasRole(principal, 'MEMBER'))
      throw new ForbiddenError('Deleting conversations requires the MEMBER role.');
    const key = keyOfId(id, CONVERSATION_TYPE);
    const record = await this.options.repository.find(key, visibleTo(principal));
    if (!record) throw notFound();
    if (await this.options.repository.isLeased(key, new Date()))
      throw new ConflictError('A run is in progress on this conversation; delete it once the run ends.');
    await this.options.repository.delete(key);
    await this.options.audit?.append({
      orgId: principal.orgId,
      actorKeyId: principal.id,
      actorTeamId: principal.teamId,
      teamId: record.teamId,
      action: 'deleteConversation',
      target: key,
      summary: { turnCount: record.turnCount, ...(record.title ? { title: record.title } : {}) },
      requestId,
    });
    return toGlobalId(CONVERSATION_TYPE, key);
  }

  /** The `conversation` stage of a run: waits for its turn, checks `ifLastTurn` and the bounds. */
  async open(request: OpenConversationRequest): Promise<ConversationRun> {
    const conversationId = keyOfId(request.conversationId, CONVERSATION_TYPE, 'options.conversationId');
    const ifLastTurn =
      request.ifLastTurn === undefined
        ? undefined
        : keyOfId(request.ifLastTurn, TURN_TYPE, 'options.ifLastTurn');
    const { repository } = this.options;
    const held = await this.leases.acquire({
      conversationId,
      visibility: visibleTo(request.caller.principal),
      runId: request.runId,
      leaseMs: request.budgetMs + CONVERSATION_LIMITS.leaseMarginMs,
      waitMs: CONVERSATION_LIMITS.waitForTurnMs,
      ...(request.signal ? { signal: request.signal } : {}),
    });
    try {
      const { record } = held;
      if (ifLastTurn !== undefined && record.lastTurnId !== ifLastTurn) {
        throw new ConversationMovedOnError(
          toGlobalId(TURN_TYPE, ifLastTurn),
          record.lastTurnId ? toGlobalId(TURN_TYPE, record.lastTurnId) : undefined,
        );
      }
      const { maxTurns, maxBytes } = this.options.bounds ?? CONVERSATION_LIMITS;
      if (record.turnCount >= maxTurns)
        throw new ConversationFullError(
          `The conversation holds ${maxTurns} turns, the most it may: start a new one.`,
          'maxTurns',
          maxTurns,
        );
      if (record.bytes + request.inputBytes > maxBytes)
        throw new ConversationFullError(
          `The conversation would exceed ${maxBytes} stored bytes with this input: start a new one.`,
          'maxBytes',
          maxBytes,
        );
      const turns = record.turnCount > 0 ? await repository.turns(conversationId) : [];
      const context = new ConversationContext({
        record,
        turns,
        summarize: this.options.summarizeFor(request),
        saveSummary: (text, throughSeq) => repository.saveSummary(conversationId, text, throughSeq),
      });
      let appended = false;
      const historyCharacters = turns.reduce(
        (total, turn) => total + turn.messages.reduce((sum, message) => sum + message.content.length, 0),
        0,
      );
      return {
        historyCharacters,
        historyFor: (candidate, prompt, maxOutputTokens, signal) =>
          context.historyFor(candidate, prompt, maxOutputTokens, signal),
        append: async (turn) => {
          if (appended) return;
          const stored = turnRecordOf(conversationId, record.lastSeq + 1, turn);
          if ((await repository.append(stored, request.runId)) !== 'appended') {
            throw new ConflictError(
              'The conversation was taken over by another run while this one ran (its lease expired); the turn was not stored.',
            );
          }
          appended = true;
        },
        release: held.release,
      };
    } catch (error) {
      await held.release();
      throw error;
    }
  }
}

function turnRecordOf(conversationId: string, seq: number, turn: TurnFacts): ConversationTurnRecord {
  const input = JSON.stringify(turn.input ?? null);
  const output = JSON.stringify(turn.output ?? null);
  const messages = turn.messages.map((message) => ({
    role: message.role === 'system' ? ('user' as const) : message.role,
    content: message.content,
    ...(message.toolCalls ? { toolCalls: JSON.stringify(message.toolCalls) } : {}),
    ...(message.toolCallId ? { toolCallId: message.toolCallId } : {}),
  }));
  const bytes =
    Buffer.byteLength(input) +
    Buffer.byteLength(output) +
    messages.reduce(
      (total, message) => total + Buffer.byteLength(message.content) + (message.toolCalls?.length ?? 0),
      0,
    );
  const { meta } = turn;
  return {
    _id: `turn_${randomUUID()}`,
    conversationId,
    seq,
    runId: meta.runId,
    capability: turn.capability,
    model: meta.model,
    provider: meta.provider,
    input,
    output,
    messages,
    inputTokens: meta.usage.inputTokens,
    outputTokens: meta.usage.outputTokens,
    costUsd: meta.usage.costUsd,
    latencyMs: meta.usage.latencyMs,
    bytes,
    createdAt: new Date(),
  };
}
