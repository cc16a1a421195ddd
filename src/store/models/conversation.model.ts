/**
 * Conversations as stored data: one document per conversation (owner, counters, the per-conversation
 * lease and the cached summary of condensed turns) and one document per turn. User JSON (turn input
 * and output, metadata) is stored as strings, masked per the capability's policy (PORTABILITY.md).
 */
import { Schema, type Connection, type Model } from 'mongoose';

export interface ConversationRecord {
  _id: string; // conv_<uuid>
  orgId: string;
  teamId: string;
  /** API key id (or JWT subject) that created it. */
  keyId: string;
  /** Visible to the whole team, not only the creating key. */
  shared: boolean;
  capability?: string;
  title?: string;
  /** JSON text. */
  metadata?: string;
  createdAt: Date;
  updatedAt: Date;
  /** Sequence number of the last appended turn (0: none). Appends are conditional on it. */
  lastSeq: number;
  lastTurnId?: string;
  turnCount: number;
  /** Stored bytes of all turns (input, output and context messages as UTF-8). */
  bytes: number;
  /** The condensed form of turns 1…summaryThroughSeq (made by the `summarize` capability). */
  summaryText?: string;
  summaryThroughSeq?: number;
}

/** A message of a turn's context, provider-neutral (ChatMessage without tool-call structure). */
export interface TurnMessageRecord {
  role: 'user' | 'assistant' | 'tool';
  content: string;
  /** JSON text of the assistant's tool calls, if any. */
  toolCalls?: string;
  toolCallId?: string;
}

export interface ConversationTurnRecord {
  _id: string; // turn_<uuid>
  conversationId: string;
  seq: number;
  runId: string;
  capability: string;
  model: string;
  provider: string;
  /** JSON text, masked. */
  input: string;
  /** JSON text, masked. */
  output: string;
  /** What later turns show the model of this one. */
  messages: TurnMessageRecord[];
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
  bytes: number;
  createdAt: Date;
}

const conversationSchema = new Schema<ConversationRecord>(
  {
    _id: { type: String, required: true },
    orgId: { type: String, required: true },
    teamId: { type: String, required: true },
    keyId: { type: String, required: true },
    shared: { type: Boolean, required: true },
    capability: { type: String },
    title: { type: String },
    metadata: { type: String },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    lastSeq: { type: Number, required: true },
    lastTurnId: { type: String },
    turnCount: { type: Number, required: true },
    bytes: { type: Number, required: true },
    summaryText: { type: String },
    summaryThroughSeq: { type: Number },
  },
  { versionKey: false },
);
// Listing newest first per team (or org, for admins); retention by last activity.
conversationSchema.index({ orgId: 1, teamId: 1, updatedAt: -1 });
conversationSchema.index({ orgId: 1, updatedAt: -1 });
conversationSchema.index({ updatedAt: 1 });

const turnMessageSchema = new Schema<TurnMessageRecord>(
  {
    role: { type: String, required: true },
    content: { type: String, default: '' },
    toolCalls: { type: String },
    toolCallId: { type: String },
  },
  { _id: false },
);

const turnSchema = new Schema<ConversationTurnRecord>(
  {
    _id: { type: String, required: true },
    conversationId: { type: String, required: true },
    seq: { type: Number, required: true },
    runId: { type: String, required: true },
    capability: { type: String, required: true },
    model: { type: String, default: '' },
    provider: { type: String, default: '' },
    input: { type: String, required: true },
    output: { type: String, required: true },
    messages: { type: [turnMessageSchema], default: [] },
    inputTokens: { type: Number, required: true },
    outputTokens: { type: Number, required: true },
    costUsd: { type: Number, required: true },
    latencyMs: { type: Number, required: true },
    bytes: { type: Number, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// The sequence check: one turn per position, whatever instance appends it.
turnSchema.index({ conversationId: 1, seq: 1 }, { unique: true });

/**
 * The lease that orders the runs of one conversation across instances: one document per held
 * conversation, keyed by its id, so taking it is an insert that the unique `_id` refuses while
 * another run holds it (atomic on MongoDB and FerretDB alike; a conditional find-and-modify was
 * measured not to be exclusive across connections on FerretDB).
 */
export interface ConversationLockRecord {
  _id: string; // the conversation id
  runId: string;
  until: Date;
}

const lockSchema = new Schema<ConversationLockRecord>(
  {
    _id: { type: String, required: true },
    runId: { type: String, required: true },
    until: { type: Date, required: true },
  },
  { versionKey: false },
);

export interface ConversationModels {
  conversations: Model<ConversationRecord>;
  turns: Model<ConversationTurnRecord>;
  locks: Model<ConversationLockRecord>;
}

export function conversationModels(connection: Connection): ConversationModels {
  return {
    conversations: connection.model<ConversationRecord>('Conversation', conversationSchema, 'conversations'),
    turns: connection.model<ConversationTurnRecord>('ConversationTurn', turnSchema, 'conversation_turns'),
    locks: connection.model<ConversationLockRecord>('ConversationLock', lockSchema, 'conversation_locks'),
  };
}
