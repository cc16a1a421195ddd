/**
 * Runs the steps of workflow runs, one step at a time as the runner hands them out (in process, or
 * from the BullMQ queue on any replica). A step:
 *
 *   load the run → skip if it ended → STEP_STARTED → `when` → input mapped from the run's context →
 *   the capability through `InvocationService.invoke` (governance, admission, budget, usage per step;
 *   retries and per-attempt timeout; forEach items with a concurrency bound) → step state persisted
 *   once → STEP_COMPLETED / STEP_SKIPPED / STEP_FAILED → advance
 *
 * `advance` reads the run again and enqueues the steps whose dependencies have ended, or ends the run
 * (COMPLETED with the output mapping, FAILED with the failed step's error) exactly once: the run's
 * conditional update decides which instance emits the terminal event. A step interrupted by shutdown
 * or by the death of its instance is run again from its start (at-least-once); its usage records are
 * keyed per attempt (`usageKey`), so each attempt's usage is recorded once.
 */
import { hostname } from 'node:os';
import {
  AppError,
  BudgetExceededError,
  InternalError,
  TimeoutError,
  isAppError,
} from '../errors/app-error.js';
import type { InvocationService } from '../capabilities/invocation.service.js';
import type { RunUsage } from '../capabilities/capability.types.js';
import type { Logger } from '../infra/logger.js';
import {
  arrayOf,
  evaluateCondition,
  resolveMapping,
  type ExpressionContext,
} from './workflow-expressions.js';
import type { WorkflowEventLog } from './workflow-event-log.js';
import type { StoredWorkflowRun, WorkflowRunRepository } from '../store/repos/workflow-run.repo.js';
import { dependenciesOf } from './workflow-validation.js';
import { isTerminalWorkflowEvent, type WorkflowEventPayload, type WorkflowStep } from './workflow.types.js';

/** Hands steps to whoever executes them. */
export interface StepRunner {
  enqueue(runId: string, steps: string[]): Promise<void>;
  stop(): Promise<void>;
}

/** The step was interrupted (shutdown or cancellation): nothing was persisted for it. */
export class StepInterrupted extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'StepInterrupted';
  }
}

const RETRYABLE = new Set(['TIMEOUT', 'PROVIDER_ERROR', 'RATE_LIMITED', 'NO_ROUTE']);
const DEFAULT_CONCURRENCY = 4;
/** This process, as step records name it: host and pid. */
const INSTANCE = `${hostname()}:${process.pid}`;

export interface WorkflowExecutorOptions {
  runs: WorkflowRunRepository;
  events: WorkflowEventLog;
  invocation: () => InvocationService;
  logger: Logger;
}

export class WorkflowExecutor {
  runner!: StepRunner;
  /** Steps executing here, by run: cancellation aborts them. */
  private readonly active = new Map<string, Set<AbortController>>();

  constructor(private readonly options: WorkflowExecutorOptions) {}

  /** Records and publishes an event; a terminal one is retried, so that followers always see the end. */
  async emit(event: Omit<WorkflowEventPayload, 'at'>): Promise<void> {
    const tries = isTerminalWorkflowEvent(event.type) ? 5 : 1;
    for (let attempt = 1; attempt <= tries; attempt += 1) {
      try {
        await this.options.events.append({ ...event, at: new Date().toISOString() });
        return;
      } catch (error) {
        if (attempt === tries)
          this.options.logger.warn({ err: error, runId: event.runId }, 'workflow event not recorded');
        else await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  /** Aborts the steps of `runId` executing on this instance. */
  cancelLocal(runId: string): void {
    for (const controller of this.active.get(runId) ?? []) controller.abort(new StepInterrupted('cancelled'));
  }

  /**
   * Executes one step of a run. `signal` fires on shutdown; with `persistInterruption` (the in-process
   * runner, which no other instance will take over) the step then fails, otherwise it throws
   * StepInterrupted and another instance runs it again.
   */
  async runStep(
    runId: string,
    stepName: string,
    signal: AbortSignal,
    persistInterruption: boolean,
  ): Promise<void> {
    const run = await this.options.runs.get(runId);
    if (!run || run.status !== 'RUNNING') return;
    const step = run.definition.steps.find((candidate) => candidate.name === stepName);
    if (!step) return;
    const state = run.steps[stepName];
    if (state && state.status !== 'PENDING' && state.status !== 'RUNNING') return this.advance(runId);
    if (!(await this.options.runs.stepStarted(runId, stepName, INSTANCE))) return this.advance(runId);
    await this.emit({ runId, type: 'STEP_STARTED', step: stepName });

    const controller = new AbortController();
    const onShutdown = () => controller.abort(signal.reason ?? new StepInterrupted('shutdown'));
    if (signal.aborted) onShutdown();
    else signal.addEventListener('abort', onShutdown, { once: true });
    let controllers = this.active.get(runId);
    if (!controllers) this.active.set(runId, (controllers = new Set()));
    controllers.add(controller);
    try {
      const context = contextOf(run);
      if (step.when && !evaluateCondition(step.when, context)) {
        if (await this.options.runs.stepEnded(runId, stepName, { status: 'SKIPPED' }))
          await this.emit({ runId, type: 'STEP_SKIPPED', step: stepName });
        return await this.advance(runId);
      }
      let outcome: { output: unknown; usage: RunUsage };
      try {
        outcome = await this.execute(run, step, context, controller.signal);
      } catch (error) {
        if (controller.signal.aborted && !(persistInterruption && signal.aborted)) {
          throw new StepInterrupted(
            String((controller.signal.reason as Error | undefined)?.message ?? 'interrupted'),
          );
        }
        const failure = asAppError(error, signal.aborted);
        if (
          await this.options.runs.stepEnded(runId, stepName, {
            status: 'FAILED',
            errorCode: failure.code,
            errorMessage: failure.message,
          })
        )
          await this.emit({
            runId,
            type: 'STEP_FAILED',
            step: stepName,
            errorCode: failure.code,
            message: failure.message,
          });
        return await this.advance(runId);
      }
      if (
        await this.options.runs.stepEnded(runId, stepName, {
          status: 'COMPLETED',
          output: outcome.output ?? null,
          usage: outcome.usage,
        })
      )
        await this.emit({
          runId,
          type: 'STEP_COMPLETED',
          step: stepName,
          output: outcome.output ?? null,
          usage: outcome.usage,
        });
      await this.advance(runId);
    } finally {
      signal.removeEventListener('abort', onShutdown);
      controllers.delete(controller);
      if (controllers.size === 0) this.active.delete(runId);
    }
  }

  /** Enqueues the steps that may start now, or ends the run (once). */
  async advance(runId: string): Promise<void> {
    const run = await this.options.runs.get(runId);
    if (!run || run.status !== 'RUNNING') return;
    const { steps } = run.definition;
    const failed = steps.find((step) => run.steps[step.name]?.status === 'FAILED');
    if (failed) {
      const state = run.steps[failed.name]!;
      return this.endOnce(run, 'FAILED', {
        errorCode: state.errorCode ?? 'INTERNAL_SERVER_ERROR',
        errorMessage: `Step "${failed.name}" failed: ${state.errorMessage ?? 'unknown error'}`,
      });
    }
    const done = (name: string) => {
      const status = run.steps[name]?.status;
      return status === 'COMPLETED' || status === 'SKIPPED';
    };
    if (steps.every((step) => done(step.name))) {
      let output: unknown;
      try {
        output = resolveMapping(
          run.definition.output ?? `/steps/${steps.at(-1)!.name}/output`,
          contextOf(run),
        );
      } catch (error) {
        return this.endOnce(run, 'FAILED', {
          errorCode: 'BAD_USER_INPUT',
          errorMessage: `The output mapping failed: ${(error as Error).message}`,
        });
      }
      return this.endOnce(run, 'COMPLETED', { output: output ?? null });
    }
    const ready = steps.filter((step) => {
      const status = run.steps[step.name]?.status;
      return (status === undefined || status === 'PENDING') && dependenciesOf(step).every(done);
    });
    if (ready.length > 0)
      await this.runner.enqueue(
        runId,
        ready.map((step) => step.name),
      );
  }

  private async endOnce(...args: Parameters<WorkflowExecutor['end']>): Promise<void> {
    await this.end(...args);
  }

  /** Ends the run unless it already ended; true when this call ended it (and emitted its terminal event). */
  async end(
    run: StoredWorkflowRun,
    status: 'COMPLETED' | 'FAILED' | 'CANCELLED',
    fields: { output?: unknown; errorCode?: string; errorMessage?: string },
  ): Promise<boolean> {
    if (!(await this.options.runs.ended(run.runId, status, fields))) return false;
    const usage = totalUsage(await this.options.runs.get(run.runId));
    await this.emit(
      status === 'COMPLETED'
        ? { runId: run.runId, type: 'COMPLETED', output: fields.output, usage }
        : {
            runId: run.runId,
            type: 'FAILED',
            errorCode: fields.errorCode,
            message: fields.errorMessage,
            usage,
          },
    );
    return true;
  }

  /** The step's invocations: once, or once per forEach item with at most `concurrency` in flight. */
  private async execute(
    run: StoredWorkflowRun,
    step: WorkflowStep,
    context: ExpressionContext,
    signal: AbortSignal,
  ): Promise<{ output: unknown; usage: RunUsage }> {
    if (!step.forEach) {
      const result = await this.invokeWithRetries(
        run,
        step,
        resolveMapping(step.input, context),
        undefined,
        signal,
      );
      return { output: result.output, usage: result.usage };
    }
    let items: unknown[];
    try {
      items = arrayOf(resolveMapping(step.forEach, context), 'forEach');
    } catch (error) {
      throw new AppError('BAD_USER_INPUT', `Step "${step.name}": ${(error as Error).message}.`);
    }
    const outputs: unknown[] = new Array<unknown>(items.length).fill(null);
    const usage = emptyUsage();
    const itemsController = new AbortController();
    const onAbort = () => itemsController.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    let next = 0;
    const worker = async () => {
      while (next < items.length && !itemsController.signal.aborted) {
        const index = next++;
        const itemContext = { ...context, item: items[index], index, number: index + 1 };
        try {
          const result = await this.invokeWithRetries(
            run,
            step,
            resolveMapping(step.input, itemContext),
            index,
            itemsController.signal,
          );
          outputs[index] = result.output;
          addUsage(usage, result.usage);
        } catch (error) {
          // The first failure ends the step: the other items stop.
          itemsController.abort(error);
          throw error;
        }
      }
    };
    try {
      const workers = Array.from(
        { length: Math.min(step.concurrency ?? DEFAULT_CONCURRENCY, items.length) },
        worker,
      );
      const settled = await Promise.allSettled(workers);
      const rejected = settled.find((result) => result.status === 'rejected');
      if (rejected) throw rejected.reason;
      return { output: outputs, usage };
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  private async invokeWithRetries(
    run: StoredWorkflowRun,
    step: WorkflowStep,
    input: unknown,
    item: number | undefined,
    signal: AbortSignal,
  ): Promise<{ output: unknown; usage: RunUsage }> {
    const retries = step.retries ?? 0;
    for (let attempt = 1; ; attempt += 1) {
      const options = { ...step.options };
      const { maxCostUsd } = run.options;
      if (maxCostUsd !== undefined) {
        const spent = (await this.options.runs.get(run.runId))?.costUsd ?? run.costUsd;
        const remaining = maxCostUsd - spent;
        if (remaining <= 0)
          throw new BudgetExceededError(
            `The run's maxCostUsd (${maxCostUsd} USD) is spent; step "${step.name}" was not started.`,
          );
        options.maxCostUsd = Math.min(options.maxCostUsd ?? Infinity, remaining);
      }
      const controller = new AbortController();
      const onAbort = () => controller.abort(signal.reason);
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      const timer = step.timeoutMs
        ? setTimeout(
            () =>
              controller.abort(
                new TimeoutError(`Step "${step.name}" took longer than ${step.timeoutMs} ms.`),
              ),
            step.timeoutMs,
          )
        : undefined;
      await this.options.runs.stepAttempted(run.runId, step.name).catch(() => undefined);
      try {
        const result = await this.options.invocation().invoke({
          capability: step.capability,
          input,
          options,
          principal: run.principal,
          requestId: run.runId,
          signal: controller.signal,
          frontDoor: 'workflow',
          onEvent: (event) => {
            if (event.type === 'DELTA' && event.delta)
              void this.emit({ runId: run.runId, type: 'DELTA', step: step.name, item, delta: event.delta });
          },
          workflow: {
            workflow: run.workflow,
            runId: run.runId,
            step: step.name,
            usageKey: `${run.runId}:${step.name}${item === undefined ? '' : `:${item}`}:${attempt}`,
          },
        });
        return { output: result.output, usage: result.meta.usage };
      } catch (caught) {
        if (signal.aborted) throw caught;
        const timedOut = controller.signal.aborted && controller.signal.reason instanceof TimeoutError;
        const error = timedOut ? (controller.signal.reason as TimeoutError) : caught;
        const code = isAppError(error) ? error.code : 'INTERNAL_SERVER_ERROR';
        if (attempt > retries || !(RETRYABLE.has(code) || (isAppError(error) && error.isRetryable)))
          throw error;
        const wait =
          code === 'RATE_LIMITED' && isAppError(error) && typeof error.extensions.retryAfterMs === 'number'
            ? Math.min(5_000, error.extensions.retryAfterMs)
            : Math.min(5_000, 200 * 2 ** (attempt - 1));
        await new Promise((resolve) => setTimeout(resolve, wait));
      } finally {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
      }
    }
  }
}

export function contextOf(run: StoredWorkflowRun): ExpressionContext {
  const steps: Record<string, { output: unknown }> = {};
  for (const [name, state] of Object.entries(run.steps))
    if (state.status === 'COMPLETED' || state.status === 'SKIPPED')
      steps[name] = { output: state.output ?? null };
  return { input: run.input, steps };
}

function asAppError(error: unknown, shutdown: boolean): AppError {
  if (shutdown)
    return new TimeoutError('The server shut down before the step ended; run the workflow again.');
  return error instanceof AppError ? error : new InternalError(undefined, { cause: error });
}

function emptyUsage(): RunUsage {
  return { inputTokens: 0, outputTokens: 0, costUsd: 0, latencyMs: 0 };
}

function addUsage(total: RunUsage, usage: RunUsage): void {
  total.inputTokens += usage.inputTokens;
  total.outputTokens += usage.outputTokens;
  total.costUsd += usage.costUsd;
  total.latencyMs += usage.latencyMs;
}

/** The run's usage: its steps' added up. */
export function totalUsage(run: StoredWorkflowRun | undefined): RunUsage {
  const total = emptyUsage();
  for (const state of Object.values(run?.steps ?? {})) if (state.usage) addUsage(total, state.usage);
  if (run?.endedAt) total.latencyMs = run.endedAt.getTime() - run.createdAt.getTime();
  return total;
}
