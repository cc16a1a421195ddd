/**
 * Orders the runs of one conversation: a run holds the conversation from reading its turns to
 * appending its own, so the next run sees it. Runs of one instance queue in process (no polling);
 * across instances the holder is a lease document whose insert a unique `_id` refuses while it is
 * held (`ConversationRepository.tryLease`), checked again when the turn is appended.
 */
import { ConflictError, NotFoundError } from '../errors/app-error.js';
import type { ConversationRecord } from '../store/models/conversation.model.js';
import type { ConversationRepository, ConversationVisibility } from '../store/repos/conversation.repo.js';

export interface HeldConversation {
  record: ConversationRecord;
  release(): Promise<void>;
}

export interface LeaseRequest {
  conversationId: string;
  visibility: ConversationVisibility;
  runId: string;
  /** How long the lease lasts (the run's whole time budget plus a margin). */
  leaseMs: number;
  /** How long to wait for the runs before this one. */
  waitMs: number;
  signal?: AbortSignal;
}

const FIRST_POLL_MS = 5;
const MAX_POLL_MS = 200;

export class ConversationLeases {
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly repository: ConversationRepository) {}

  async acquire(request: LeaseRequest): Promise<HeldConversation> {
    const { conversationId, runId } = request;
    const deadline = Date.now() + request.waitMs;
    const previous = this.queues.get(conversationId) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    const tail = previous.then(() => mine);
    this.queues.set(conversationId, tail);
    const leaveQueue = () => {
      done();
      if (this.queues.get(conversationId) === tail) this.queues.delete(conversationId);
    };
    try {
      await waitFor(previous, deadline, request.signal);
      const record = await this.lease(request, deadline);
      return {
        record,
        release: async () => {
          try {
            await this.repository.releaseLease(conversationId, runId);
          } finally {
            leaveQueue();
          }
        },
      };
    } catch (error) {
      leaveQueue();
      throw error;
    }
  }

  private async lease(request: LeaseRequest, deadline: number): Promise<ConversationRecord> {
    const { conversationId, visibility, runId } = request;
    if (!(await this.repository.find(conversationId, visibility))) throw notFound();
    for (let poll = FIRST_POLL_MS; ; poll = Math.min(poll * 2, MAX_POLL_MS)) {
      const now = new Date();
      if (
        await this.repository.tryLease(conversationId, runId, new Date(now.getTime() + request.leaseMs), now)
      ) {
        // Read after taking the lease: the previous holder's turn is in.
        const record = await this.repository.find(conversationId, visibility);
        if (record) return record;
        await this.repository.releaseLease(conversationId, runId);
        throw notFound();
      }
      if (Date.now() + poll > deadline) throw busy();
      await waitFor(sleep(poll), deadline, request.signal);
    }
  }
}

export function notFound(): NotFoundError {
  return new NotFoundError('Unknown conversation.', { extensions: { argument: 'conversationId' } });
}

function busy(): ConflictError {
  return new ConflictError(
    'The conversation is busy: the run before this one did not finish in time. Try again.',
    { isRetryable: true },
  );
}

async function waitFor(promise: Promise<unknown>, deadline: number, signal?: AbortSignal): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(busy()), Math.max(0, deadline - Date.now()));
        if (signal) {
          onAbort = () => reject(new ConflictError('The caller went away while waiting for its turn.'));
          if (signal.aborted) onAbort();
          else signal.addEventListener('abort', onAbort, { once: true });
        }
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
