/** What the invocation pipeline holds while a run is part of a conversation (its `conversation` stage). */
import type { ModelCaller } from '../calls/model-call.types.js';
import type { RunMeta } from '../capabilities/capability.types.js';
import type { ChatMessage } from '../providers/provider.types.js';
import type { RouteCandidate } from '../routing/router.js';

export interface OpenConversationRequest {
  /** `InvokeOptions.conversationId` (global id, or the internal `conv_…` key). */
  conversationId: string;
  /** `InvokeOptions.ifLastTurn`: CONFLICT unless this is still the last turn. */
  ifLastTurn?: string;
  caller: ModelCaller;
  requestId: string;
  runId: string;
  /** Bytes of this turn's input as it will be stored (checked against the per-conversation bound). */
  inputBytes: number;
  /** The run's whole time budget: the lease lasts this long plus a margin. */
  budgetMs: number;
  signal?: AbortSignal;
}

/** What a completed run adds to its conversation. */
export interface TurnFacts {
  capability: string;
  meta: RunMeta;
  /** The input as stored: masked per the capability's policy. */
  input: unknown;
  /** The output as stored: masked (placeholders, not the caller's restored values). */
  output: unknown;
  /** This turn as later turns show it to a model: its own messages and the answer. */
  messages: ChatMessage[];
}

/** One run's hold on a conversation, from its `open` to its `release`. */
export interface ConversationRun {
  /** Characters of the stored history (for the admission estimate; see plan-with-history.ts). */
  readonly historyCharacters: number;
  /** The earlier turns for `candidate` (see ConversationContext). */
  historyFor(
    candidate: RouteCandidate,
    prompt: readonly ChatMessage[],
    maxOutputTokens: number | undefined,
    signal?: AbortSignal,
  ): Promise<ChatMessage[]>;
  /** Appends the completed run's turn; CONFLICT if the conversation was taken over meanwhile. */
  append(turn: TurnFacts): Promise<void>;
  /** Lets the next run on the conversation go (always called, success or not). */
  release(): Promise<void>;
}

export interface ConversationRuns {
  open(request: OpenConversationRequest): Promise<ConversationRun>;
}
