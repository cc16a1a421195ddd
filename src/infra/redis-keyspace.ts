/**
 * The Redis keyspace, owned here: every prefix Capgate writes under, in one place, so no two
 * components collide and none doubles a segment. Components take their prefix verbatim. Keys whose
 * Lua scripts touch several keys at once carry a hash tag (`{…}`), so on Redis Cluster they share a
 * slot. Pub/sub channels are not keys: see `topics.ts`.
 */
export const REDIS_ROOT = 'capgate:';

export interface RedisKeyspace {
  /** Response cache entries: `<responseCache><sha256>` (string, EX ttl). */
  responseCache: string;
  /** Model health mirrors and probe leases (hash-tagged: the breaker scripts touch two keys). */
  health: string;
  /** Run event logs: `<runs><runId>:events|:owner|:final`. */
  runs: string;
  /** Run leases (hash-tagged), followed by the database name so instances of one deployment meet. */
  runLeases: string;
  /**
   * Budget buckets (hash-tagged: one script reserves over several scopes). The budget store still
   * appends its own `budget:` segment; it belongs to the budget store's owner to take this verbatim.
   */
  budget: string;
  /** Rate-limit counters. The rate limiter still appends `rl:<name>` (same note as `budget`). */
  rateLimit: string;
  /** Workflow run event logs: `<workflowRuns>{<runId>}:seq|:events|:final` (hash-tagged per run). */
  workflowRuns: string;
  /** The BullMQ queue prefix of workflow steps, followed by the database name. */
  workflowQueue: string;
}

/** The keyspace under `root` (tests pass their own root so parallel files do not meet). */
export function redisKeyspace(root: string = REDIS_ROOT): RedisKeyspace {
  return {
    responseCache: `${root}cache:`,
    health: `${root}{health}:`,
    runs: `${root}run:`,
    runLeases: `${root}{runs}:`,
    budget: `${root}{budget}:`,
    rateLimit: `${root}rl:`,
    workflowRuns: `${root}wfrun:`,
    workflowQueue: `${root}wfq:`,
  };
}
