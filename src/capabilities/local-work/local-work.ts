/**
 * Where a local model's computation runs. Small inputs run inline (a thread round trip would cost
 * more than the work); inputs of at least `minCharacters` go to the bounded worker pool, so one
 * tenant's 1,000,000-character summarize or classify never holds the event loop that answers
 * everyone else. Configured once by the composition root (`configureLocalWork`); until then, and
 * with `threads: 0`, everything runs inline.
 */
import { WorkerPool } from '../../infra/worker-pool.js';
import { runLocalTask, taskSize, type LocalTask, type LocalTaskResults } from './local-work.tasks.js';

export interface LocalWorkSettings {
  /** Worker threads; 0 runs everything inline. */
  threads: number;
  /** Inputs at least this long (characters) run in a worker. */
  minCharacters: number;
}

const workerEntry = new URL('./local-work.worker.js', import.meta.url);

let settings: LocalWorkSettings = { threads: 0, minCharacters: Number.POSITIVE_INFINITY };
let pool: WorkerPool | undefined;
/** Tasks sent to workers since start (tests check that large inputs leave the event loop). */
let offloaded = 0;

export function configureLocalWork(next: LocalWorkSettings): void {
  if (pool && pool.size !== next.threads) {
    void pool.close();
    pool = undefined;
  }
  settings = next;
}

export function offloadedLocalTasks(): number {
  return offloaded;
}

export async function runLocalWork<K extends LocalTask['kind']>(
  task: Extract<LocalTask, { kind: K }>,
): Promise<LocalTaskResults[K]> {
  if (settings.threads === 0 || taskSize(task) < settings.minCharacters) {
    return (await runLocalTask(task)) as LocalTaskResults[K];
  }
  pool ??= new WorkerPool(workerEntry, settings.threads);
  offloaded += 1;
  return (await pool.run(task)) as LocalTaskResults[K];
}
