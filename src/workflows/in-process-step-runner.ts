/**
 * The step runner without Redis: steps run in this process as soon as they are enqueued. On stop,
 * the steps in flight are aborted and end FAILED (no other instance would take them over), so their
 * runs end with a terminal event, and their usage is recorded.
 */
import type { Logger } from '../infra/logger.js';
import type { StepRunner, WorkflowExecutor } from './workflow-executor.js';

const STOP_WAIT_MS = 5_000;

export class InProcessStepRunner implements StepRunner {
  private readonly scheduled = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private readonly controller = new AbortController();

  constructor(
    private readonly executor: WorkflowExecutor,
    private readonly logger: Logger,
  ) {}

  async enqueue(runId: string, steps: string[]): Promise<void> {
    for (const step of steps) {
      const key = `${runId}\u0000${step}`;
      if (this.scheduled.has(key)) continue;
      this.scheduled.add(key);
      const running: Promise<void> = Promise.resolve()
        .then(() => this.executor.runStep(runId, step, this.controller.signal, true))
        .catch((error: unknown) =>
          this.logger.error({ err: error, runId, step }, 'workflow step failed to run'),
        )
        .finally(() => {
          this.scheduled.delete(key);
          this.running.delete(running);
        });
      this.running.add(running);
    }
  }

  async stop(): Promise<void> {
    this.controller.abort(new Error('shutdown'));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.running]),
      new Promise((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }
}
