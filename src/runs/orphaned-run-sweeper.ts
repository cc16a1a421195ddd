/**
 * Ends the runs whose instance died (their lease lapsed): every instance sweeps periodically, claims
 * lapsed leases (each is claimed once), and for each run appends FAILED `INSTANCE_LOST` after its
 * last event (followers on any instance, and later ones replaying the log, see it), releases its
 * budget reservation, and marks its run record FAILED. A run whose final event is already stored
 * (its instance died just after the end) only has its leftovers cleaned.
 */
import type { BudgetStore, Reservation } from '../governance/budget/index.js';
import type { Logger } from '../infra/logger.js';
import type { RunRepository } from '../store/repos/run.repo.js';
import type { ClaimedRunLease, RunLeases } from './run-leases.js';
import { isTerminal, type RunEventLog } from './run-event-log.js';

export const INSTANCE_LOST = 'INSTANCE_LOST';
const LOST_MESSAGE = 'The instance running this run stopped before the run ended; start it again.';

export class OrphanedRunSweeper {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: {
      leases: RunLeases;
      runEvents: RunEventLog;
      budgets: BudgetStore;
      runs: RunRepository;
      logger: Logger;
      /** Default: a third of the lease, at most 5 s (a lost run ends within lease + interval). */
      intervalMs?: number;
    },
  ) {}

  start(): void {
    const intervalMs =
      this.options.intervalMs ?? Math.min(5_000, Math.max(50, this.options.leases.leaseMs / 3));
    this.timer = setInterval(() => void this.sweep(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** One sweep (one at a time); resolves when the claimed runs are ended. */
  sweep(): Promise<void> {
    this.sweeping = this.sweeping.then(async () => {
      try {
        for (const lease of await this.options.leases.claimLapsed()) await this.endLostRun(lease);
      } catch (error) {
        this.options.logger.warn({ err: error }, 'sweeping orphaned runs failed');
      }
    });
    return this.sweeping;
  }

  private async endLostRun(lease: ClaimedRunLease): Promise<void> {
    const { runEvents, budgets, runs, logger } = this.options;
    const { runId } = lease;
    const history = await runEvents.history(runId);
    const last = history.at(-1);
    const ended = last !== undefined && isTerminal(last.type);
    if (lease.reservation)
      await budgets.release(revive(lease.reservation)).catch((error: unknown) => {
        logger.error({ err: error, runId }, 'releasing the budget of a lost run failed');
      });
    if (lease.orgId) {
      await runs
        .failIfStarted(runId, INSTANCE_LOST, LOST_MESSAGE, new Date(), {
          orgId: lease.orgId,
          teamId: lease.teamId,
          capability: lease.capability,
        })
        .catch((error: unknown) => {
          logger.error({ err: error, runId }, 'recording a lost run failed');
        });
    }
    // The FAILED event goes last: a follower that sees it can rely on the record and the released
    // reservation being there already.
    if (!ended) {
      runEvents.resume(runId, last?.seq ?? 0);
      runEvents.append({
        runId,
        type: 'FAILED',
        at: new Date().toISOString(),
        errorCode: INSTANCE_LOST,
        message: LOST_MESSAGE,
      });
    }
    logger.warn({ runId, capability: lease.capability, alreadyEnded: ended }, 'orphaned run ended');
  }
}

/** A reservation read back from JSON: its dates are strings again. */
function revive(reservation: Reservation): Reservation {
  return {
    ...reservation,
    expiresAt: new Date(reservation.expiresAt),
    buckets: reservation.buckets.map((bucket) => ({ ...bucket, expiresAt: new Date(bucket.expiresAt) })),
  };
}
