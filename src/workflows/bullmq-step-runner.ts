/**
 * The durable step runner: each step is a job of a BullMQ queue over the deployment's Redis, so any
 * replica's worker picks it up. A job id per (run, step) keeps a step from being queued twice when
 * two steps end at once. When the instance running a step dies, its job lock lapses after `lockMs`
 * and BullMQ hands the job to another worker, which runs the step again from its start (the steps
 * before it are read from MongoDB). On a graceful stop the steps in flight are interrupted, not
 * failed: their jobs go back to the queue for another replica.
 */
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../infra/logger.js';
import { StepInterrupted, type StepRunner, type WorkflowExecutor } from './workflow-executor.js';

interface StepJob {
  runId: string;
  step: string;
}

const QUEUE = 'steps';

export class BullMqStepRunner implements StepRunner {
  private readonly queueConnection: Redis;
  private readonly workerConnection: Redis;
  private readonly queue: Queue<StepJob>;
  private readonly worker: Worker<StepJob>;
  private readonly controller = new AbortController();

  constructor(
    executor: WorkflowExecutor,
    options: { redisUrl: string; prefix: string; lockMs: number; concurrency: number; logger: Logger },
  ) {
    // BullMQ's blocking commands need connections of their own, without a per-request retry limit.
    this.queueConnection = new Redis(options.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
    this.workerConnection = new Redis(options.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
    for (const connection of [this.queueConnection, this.workerConnection])
      connection.on('error', (error: Error) =>
        options.logger.warn({ err: error.message }, 'workflow queue: Redis error'),
      );
    this.queue = new Queue<StepJob>(QUEUE, { connection: this.queueConnection, prefix: options.prefix });
    this.worker = new Worker<StepJob>(
      QUEUE,
      async (job: Job<StepJob>) => {
        await executor.runStep(job.data.runId, job.data.step, this.controller.signal, false);
      },
      {
        connection: this.workerConnection,
        prefix: options.prefix,
        concurrency: options.concurrency,
        lockDuration: options.lockMs,
        stalledInterval: Math.max(1_000, Math.floor(options.lockMs / 2)),
        maxStalledCount: 10,
      },
    );
    this.worker.on('failed', (job, error) => {
      if (!(error instanceof StepInterrupted))
        options.logger.warn(
          { err: error, runId: job?.data.runId, step: job?.data.step },
          'workflow step job failed',
        );
    });
    this.worker.on('error', (error) => options.logger.warn({ err: error }, 'workflow worker error'));
  }

  async enqueue(runId: string, steps: string[]): Promise<void> {
    await this.queue.addBulk(
      steps.map((step) => ({
        name: 'step',
        data: { runId, step },
        opts: {
          // BullMQ refuses ':' in custom ids.
          jobId: `${runId}__${step}`,
          // An interrupted step (graceful stop) or a failure to reach MongoDB is tried again.
          attempts: 20,
          backoff: { type: 'exponential', delay: 250 },
          removeOnComplete: { age: 3_600 },
          removeOnFail: { age: 86_400 },
        },
      })),
    );
  }

  async stop(): Promise<void> {
    this.controller.abort(new StepInterrupted('shutdown'));
    await this.worker.close().catch(() => undefined);
    await this.queue.close().catch(() => undefined);
    this.queueConnection.disconnect();
    this.workerConnection.disconnect();
  }
}
