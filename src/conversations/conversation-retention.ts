/**
 * Deletes conversations (with their turns) that had no turn for `retentionDays`
 * (`CAPGATE_CONVERSATION_RETENTION_DAYS`), through the shared retention job; the repository deletes
 * in batches, so a purge repeats until a batch deletes nothing.
 */
import { RetentionJob, type RetentionJobOptions } from '../infra/retention-job.js';
import type { ConversationRepository } from '../store/repos/conversation.repo.js';

export class ConversationRetention extends RetentionJob {
  constructor(options: RetentionJobOptions & { repository: ConversationRepository }) {
    super({
      ...options,
      name: 'conversation',
      removedMessage: 'idle conversations removed',
      deleteBefore: async (cutoff) => {
        let total = 0;
        for (;;) {
          const deleted = await options.repository.deleteIdleBefore(cutoff);
          total += deleted;
          if (deleted === 0) return total;
        }
      },
    });
  }
}
