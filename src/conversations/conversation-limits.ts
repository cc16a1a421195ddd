/**
 * Bounds on what one conversation may hold and how long runs wait for their turn. Beyond a bound the
 * caller gets BAD_USER_INPUT naming it (`extensions.limit`), before anything runs or is charged.
 */
import { BadUserInputError, ConflictError } from '../errors/app-error.js';

export const CONVERSATION_LIMITS = {
  /** Default of `CAPGATE_CONVERSATION_MAX_TURNS`: turns one conversation may hold. */
  maxTurns: 500,
  /** Default of `CAPGATE_CONVERSATION_MAX_BYTES`: stored bytes of all turns (input, output, context messages). */
  maxBytes: 2_000_000,
  /** `title` characters. */
  titleCharacters: 200,
  /** `metadata` as JSON text. */
  metadataCharacters: 10_000,
  /** How long a run waits for the run before it on the same conversation (then CONFLICT). */
  waitForTurnMs: 120_000,
  /** Margin of the per-conversation lease beyond the run's own time budget. */
  leaseMarginMs: 30_000,
  /** Conversations one team may keep. */
  perTeam: 10_000,
} as const;

export interface ConversationBounds {
  maxTurns: number;
  maxBytes: number;
}

export class ConversationFullError extends BadUserInputError {
  constructor(message: string, limit: keyof ConversationBounds, max: number) {
    super(message, { extensions: { limit, max } });
  }
}

/** `ifLastTurn` named a turn that is no longer the last one. */
export class ConversationMovedOnError extends ConflictError {
  constructor(expected: string, actual: string | undefined) {
    super(
      `The conversation moved on: its last turn is ${actual ? `"${actual}"` : 'none'}, not "${expected}".`,
      { extensions: { lastTurnId: actual ?? null } },
    );
  }
}
