/**
 * The earlier turns as messages for the model that serves this turn, within its context window:
 * recent turns verbatim, older ones condensed into one summary message made by the `summarize`
 * capability. The summary is cached in the conversation (turns 1…k), and when it is redone the
 * recent part is cut to half the room left, so that the next turns reuse it instead of
 * summarizing again each time. History is stored provider-neutral (`ChatMessage`) and each
 * provider adapter translates it like any other prompt.
 */
import { countTextTokens } from '../nlp/token-count.js';
import type { ChatMessage } from '../providers/provider.types.js';
import type { RouteCandidate } from '../routing/router.js';
import type {
  ConversationRecord,
  ConversationTurnRecord,
  TurnMessageRecord,
} from '../store/models/conversation.model.js';

/** Assumed when the registry does not know a model's window. */
export const DEFAULT_CONTEXT_WINDOW = 128_000;
/** Tokens per message of chat framing (role, separators). */
const MESSAGE_OVERHEAD = 4;
/** The summarize capability takes at most this much text at once (its input limit is 1,000,000). */
const MAX_SUMMARY_SOURCE_CHARACTERS = 900_000;

/** Condenses text with the `summarize` capability (a routed, metered run of its own). */
export type Summarize = (text: string, maxWords: number, signal?: AbortSignal) => Promise<string>;

export interface ContextSource {
  record: ConversationRecord;
  turns: ConversationTurnRecord[];
  summarize: Summarize;
  /** Stores a new condensed form of turns 1…throughSeq. */
  saveSummary(text: string, throughSeq: number): Promise<void>;
}

export class ConversationContext {
  private readonly tokens = new Map<string, number>();
  private summary: { text: string; throughSeq: number } | undefined;

  constructor(private readonly source: ContextSource) {
    const { summaryText, summaryThroughSeq } = source.record;
    if (summaryText !== undefined && summaryThroughSeq !== undefined)
      this.summary = { text: summaryText, throughSeq: summaryThroughSeq };
  }

  /** The messages to put between the prompt's system messages and its own messages. */
  async historyFor(
    candidate: RouteCandidate,
    prompt: readonly ChatMessage[],
    maxOutputTokens: number | undefined,
    signal?: AbortSignal,
  ): Promise<ChatMessage[]> {
    const { turns } = this.source;
    if (turns.length === 0) return [];
    const window = candidate.model.contextWindow ?? DEFAULT_CONTEXT_WINDOW;
    // Room kept for the answer: what the prompt asks for, but never more than half the window
    // (a capability's default output cap may exceed a small model's whole window).
    const reserved = Math.min(maxOutputTokens ?? 1024, Math.floor(window / 2));
    const room = window - reserved - messagesTokens(prompt) - 16;
    if (room <= 0) return [];
    const costs = turns.map((turn) => this.turnTokens(turn));
    if (sum(costs) <= room) return turns.flatMap(messagesOf);

    const summaryRoom = Math.max(32, Math.floor(room / 4));
    // The cached summary serves while it fits and the turns after it fit beside it.
    const cached = this.summary;
    if (cached) {
      const summaryCost = countTextTokens(cached.text) + 32;
      const after = turns.filter((turn) => turn.seq > cached.throughSeq);
      const afterCost = sum(after.map((turn) => this.turnTokens(turn)));
      if (summaryCost <= summaryRoom && afterCost <= room - summaryCost)
        return [summaryMessage(cached), ...after.flatMap(messagesOf)];
    }

    // Redo it: keep the newest turns that fill half the room left, condense the rest.
    const recentRoom = Math.floor((room - summaryRoom) / 2);
    let recentCost = 0;
    let firstRecent = turns.length;
    while (firstRecent > 0 && recentCost + costs[firstRecent - 1]! <= recentRoom) {
      firstRecent -= 1;
      recentCost += costs[firstRecent]!;
    }
    const condensed = turns.slice(0, firstRecent);
    if (condensed.length === 0) return turns.flatMap(messagesOf);
    const throughSeq = condensed.at(-1)!.seq;
    const base = cached && cached.throughSeq <= throughSeq ? cached : undefined;
    const source = [
      base ? `Earlier: ${base.text}` : '',
      ...condensed.filter((turn) => !base || turn.seq > base.throughSeq).map(transcriptOf),
    ]
      .filter(Boolean)
      .join('\n');
    const maxWords = Math.max(16, Math.floor((summaryRoom - 32) * 0.6));
    const text = fitTokens(
      await this.source.summarize(source.slice(-MAX_SUMMARY_SOURCE_CHARACTERS), maxWords, signal),
      summaryRoom - 32,
    );
    this.summary = { text, throughSeq };
    await this.source.saveSummary(text, throughSeq);
    return [summaryMessage(this.summary), ...turns.slice(firstRecent).flatMap(messagesOf)];
  }

  private turnTokens(turn: ConversationTurnRecord): number {
    let cost = this.tokens.get(turn._id);
    if (cost === undefined) {
      cost = messagesTokens(messagesOf(turn));
      this.tokens.set(turn._id, cost);
    }
    return cost;
  }
}

/** The history placed after the prompt's leading system messages. */
export function withHistory(prompt: readonly ChatMessage[], history: readonly ChatMessage[]): ChatMessage[] {
  if (history.length === 0) return [...prompt];
  let systems = 0;
  while (systems < prompt.length && prompt[systems]!.role === 'system') systems += 1;
  return [...prompt.slice(0, systems), ...history, ...prompt.slice(systems)];
}

export function messagesOf(turn: ConversationTurnRecord): ChatMessage[] {
  return turn.messages.map(chatMessageOf);
}

function chatMessageOf(message: TurnMessageRecord): ChatMessage {
  return {
    role: message.role,
    content: message.content,
    ...(message.toolCalls ? { toolCalls: JSON.parse(message.toolCalls) as ChatMessage['toolCalls'] } : {}),
    ...(message.toolCallId ? { toolCallId: message.toolCallId } : {}),
  };
}

function summaryMessage(summary: { text: string; throughSeq: number }): ChatMessage {
  return {
    role: 'system',
    content: `Summary of the earlier conversation (turns 1–${summary.throughSeq}):\n${summary.text}`,
  };
}

function transcriptOf(turn: ConversationTurnRecord): string {
  return turn.messages
    .map((message) => `${message.role === 'assistant' ? 'Assistant' : 'User'}: ${message.content}`)
    .join('\n');
}

function messagesTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce(
    (total, message) =>
      total +
      MESSAGE_OVERHEAD +
      countTextTokens(message.content) +
      (message.toolCalls ? countTextTokens(JSON.stringify(message.toolCalls)) : 0),
    0,
  );
}

/** Cuts text to about `limit` tokens, at a word boundary. */
function fitTokens(text: string, limit: number): string {
  if (countTextTokens(text) <= limit) return text;
  const words = text.split(/\s+/);
  let low = 0;
  let high = words.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (countTextTokens(words.slice(0, middle).join(' ')) <= limit) low = middle;
    else high = middle - 1;
  }
  return `${words.slice(0, low).join(' ')}…`;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
