/**
 * Leases of followable runs (`startRun`, `invokeStream`) in Redis, so that a run whose instance died
 * still ends. The instance executing a run holds its lease and renews every lease it holds with one
 * command every third of `leaseMs`; a lease not renewed for `leaseMs` lapses, and any instance may
 * claim it (exactly one does: `ZREM` answers 1 to one caller) and end the run (see
 * orphaned-run-sweeper.ts). A lease carries what that instance needs: the run's owner and its budget
 * reservation.
 *
 * Keys are namespaced by deployment (instances sharing one database): a sorted set of run ids by
 * lease deadline, and a hash of lease data by run id.
 */
import type { Redis } from 'ioredis';
import type { Reservation } from '../governance/budget/index.js';
import type { Logger } from '../infra/logger.js';

export interface RunLease {
  orgId: string;
  teamId: string;
  capability: string;
  /** The budget money the run holds; released by whoever ends a lost run. */
  reservation?: Reservation;
}

export interface ClaimedRunLease extends RunLease {
  runId: string;
}

/** Lapsed leases claimed per sweep at most; the next sweep takes the rest. */
const CLAIM_BATCH = 100;

export class RunLeases {
  private readonly held = new Map<string, RunLease>();
  private readonly deadlinesKey: string;
  private readonly dataKey: string;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: {
      redis: Redis;
      /** Instances that share a database share leases: e.g. `capgate:{runs}:<database>:`. */
      keyPrefix: string;
      leaseMs: number;
      logger: Logger;
    },
  ) {
    this.deadlinesKey = `${options.keyPrefix}lease-deadlines`;
    this.dataKey = `${options.keyPrefix}lease-data`;
  }

  get leaseMs(): number {
    return this.options.leaseMs;
  }

  start(): void {
    this.timer = setInterval(() => void this.renew(), Math.max(50, Math.floor(this.options.leaseMs / 3)));
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Starts holding the run's lease (not awaited: commands on one connection keep their order). */
  hold(runId: string, lease: RunLease): void {
    this.held.set(runId, lease);
    const { redis } = this.options;
    redis.hset(this.dataKey, runId, JSON.stringify(lease)).catch(this.failed);
    redis.zadd(this.deadlinesKey, Date.now() + this.options.leaseMs, runId).catch(this.failed);
  }

  /** Records the run's budget reservation in its lease. */
  attach(runId: string, reservation: Reservation): void {
    const lease = this.held.get(runId);
    if (!lease) return;
    lease.reservation = reservation;
    this.options.redis.hset(this.dataKey, runId, JSON.stringify(lease)).catch(this.failed);
  }

  /** The run ended here: its lease goes. */
  release(runId: string): void {
    if (!this.held.delete(runId)) return;
    this.options.redis.zrem(this.deadlinesKey, runId).catch(this.failed);
    this.options.redis.hdel(this.dataKey, runId).catch(this.failed);
  }

  /** Pushes the deadline of every lease held here `leaseMs` ahead (only leases still present: `XX`). */
  async renew(): Promise<void> {
    if (this.held.size === 0) return;
    const deadline = Date.now() + this.options.leaseMs;
    const members = [...this.held.keys()].flatMap((runId) => [deadline, runId]);
    await this.options.redis.zadd(this.deadlinesKey, 'XX', ...members).catch(this.failed);
  }

  /** Takes the leases that lapsed before `now`; each is returned to exactly one caller across instances. */
  async claimLapsed(now = Date.now()): Promise<ClaimedRunLease[]> {
    const { redis } = this.options;
    const lapsed = await redis.zrangebyscore(this.deadlinesKey, '-inf', now, 'LIMIT', 0, CLAIM_BATCH);
    const claimed: ClaimedRunLease[] = [];
    for (const runId of lapsed) {
      if (this.held.has(runId)) continue; // ours and alive (renewal was late): keep it
      if ((await redis.zrem(this.deadlinesKey, runId)) !== 1) continue; // another instance took it
      const data = await redis.hget(this.dataKey, runId);
      await redis.hdel(this.dataKey, runId);
      const lease = data ? (JSON.parse(data) as RunLease) : undefined;
      claimed.push({ runId, orgId: '', teamId: '', capability: '', ...lease });
    }
    return claimed;
  }

  private readonly failed = (error: unknown): void => {
    this.options.logger.warn({ err: error }, 'run lease write failed');
  };
}
