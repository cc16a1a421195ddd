/**
 * A bounded pool of worker threads for CPU-bound work that would otherwise hold the event loop.
 * Workers start on first use (a process that never needs one pays nothing), take one task at a
 * time, and tasks beyond the pool size wait in a FIFO queue. A worker that dies fails only its own
 * task and is replaced on the next one. Threads are `unref`ed: an idle pool never keeps the
 * process alive.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface WorkerTaskMessage {
  id: number;
  task: unknown;
}

export type WorkerReply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string };

interface PendingTask {
  id: number;
  task: unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class WorkerTaskError extends Error {}

export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, PendingTask>();
  private readonly queue: PendingTask[] = [];
  private nextId = 1;
  private closed = false;

  /**
   * @param entry the worker module, as a URL of its compiled `.js` file; when only the TypeScript
   *   source exists (tests run from source) it is loaded through the SWC register hook.
   */
  constructor(
    private readonly entry: URL,
    readonly size: number,
  ) {}

  run(task: unknown): Promise<unknown> {
    if (this.closed) return Promise.reject(new WorkerTaskError('The worker pool is closed.'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.dispatch();
    });
  }

  /** Tasks waiting for a free worker (not counting those running). */
  get waiting(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0))
      pending.reject(new WorkerTaskError('The worker pool is closed.'));
    const workers = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.busy.size < this.size ? this.spawn() : undefined);
      if (!worker) return;
      const pending = this.queue.shift()!;
      this.busy.set(worker, pending);
      worker.ref();
      worker.postMessage({ id: pending.id, task: pending.task } satisfies WorkerTaskMessage);
    }
  }

  private spawn(): Worker {
    const compiled = fileURLToPath(this.entry);
    const source = compiled.replace(/\.js$/, '.ts');
    const fromSource = !existsSync(compiled) && existsSync(source);
    const worker = new Worker(fromSource ? source : compiled, {
      execArgv: fromSource ? ['--import', '@swc-node/register/esm-register'] : [],
    });
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const pending = this.busy.get(worker);
      if (!pending || pending.id !== reply.id) return;
      this.busy.delete(worker);
      worker.unref();
      if (reply.ok) pending.resolve(reply.result);
      else pending.reject(new WorkerTaskError(reply.message));
      if (!this.closed) {
        this.idle.push(worker);
        this.dispatch();
      }
    });
    const fail = (error: Error) => {
      const pending = this.busy.get(worker);
      this.busy.delete(worker);
      const index = this.idle.indexOf(worker);
      if (index >= 0) this.idle.splice(index, 1);
      pending?.reject(new WorkerTaskError(`A worker thread failed: ${error.message}`));
      if (!this.closed) this.dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.busy.has(worker) || this.idle.includes(worker)) fail(new Error(`exited with code ${code}`));
    });
    return worker;
  }
}
