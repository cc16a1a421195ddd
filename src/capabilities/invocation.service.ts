/**
 * The one service layer behind every front door (GraphQL typed mutations, `invoke`, streams, `/v1`).
 * `invoke` runs these stages, in this order (ARCHITECTURE.md, "The request path"):
 *
 *   resolve → validate → route → [conversation] → admit → mask → cache lookup → execute
 *   ([history]) → unmask → cache store → [append turn] → settle + usage → events
 *
 * The bracketed stages run only for a run given a `conversationId` (src/conversations/).
 *
 * Validation and routing come before admission so that a bad request costs no rate-limit slot and
 * the reservation is sized from the route plan's estimates. Run events (STARTED, ROUTED, DELTA,
 * ATTEMPT_FAILED) are emitted as the stages go; COMPLETED or FAILED ends every run. Admission,
 * masking, the observed provider clients, settlement and the usage record are the governed seam's
 * (`ModelCalls`), shared with every other model call.
 */
import { randomUUID } from 'node:crypto';
import type { ConversationRun, ConversationRuns } from '../conversations/conversation-run.js';
import { planWithHistory } from '../conversations/plan-with-history.js';
import { AppError, BadUserInputError, InternalError, NotFoundError } from '../errors/app-error.js';
import { hasRole, type Principal } from '../governance/auth/principal.js';
import type { ResponseCache } from '../governance/cache/index.js';
import { admitRun, type AdmittedRun } from '../governance/admit-run.js';
import type { RunAdmission } from '../governance/gate.js';
import { StreamUnmasker } from '../governance/masking/stream-unmasker.js';
import type { Masker } from '../governance/masking/index.js';
import type { KnowledgeService } from '../knowledge/knowledge.service.js';
import type { Logger } from '../infra/logger.js';
import type { ModelCalls } from '../calls/model-calls.js';
import type { ModelCaller } from '../calls/model-call.types.js';
import type { RegistryService } from '../registry/registry.service.js';
import type { CapabilityInfo } from '../registry/registry.types.js';
import { ExecutionError } from '../routing/execution-error.js';
import { executePlan, type ExecutionResult } from '../routing/executor.js';
import type { ModelHealth } from '../routing/model-health.js';
import type { RoutePlan, Router } from '../routing/router.js';
import type { RunTracker } from '../runs/run-tracker.js';
import type { ChatMessage } from '../providers/provider.types.js';
import type { UsageEvent } from '../usage/usage.types.js';
import type { InvocationRequest, InvocationResult, RunEventPayload, RunMeta } from './capability.types.js';
import { CHAT_CAPABILITY, chatCapabilityFor } from './chat/chat.capability.js';
import { ToolCallDeltaUnmasker } from './chat/tool-call-delta-unmasker.js';
import { partialOutputTrackerFor, type PartialOutputTracker } from './custom/partial-output.js';
import type { CapabilityHandler } from './handler.types.js';
import { handlerFor } from './handlers.js';
import { accountOf, cacheKeyOf, checkInvocable, isVisibleTo, runMetaOf } from './invocation-stages.js';

export { isVisibleTo } from './invocation-stages.js';

export interface InvocationServiceOptions {
  registry: RegistryService;
  router: Router;
  health: ModelHealth;
  /** The governed seam: admission, masking, observed clients, settlement, usage. */
  calls: ModelCalls;
  cache: ResponseCache;
  knowledge: KnowledgeService;
  /** Publishes run events for `runEvents` followers on any instance. */
  publishRunEvent: (event: RunEventPayload) => void;
  /** Run records and leases (src/runs/run-tracker.ts); absent: runs are not stored. */
  runs?: RunTracker;
  /** Runs capabilities of kind `workflow` (src/workflows/); set once the workflows are built. */
  workflows?: () => WorkflowInvoker | undefined;
  /** Conversations (src/conversations/); absent: `conversationId` is refused. */
  conversations?: ConversationRuns;
  logger: Logger;
}

/** Serves an invocation of a workflow as a capability: runs it, forwards its text deltas, returns its output. */
export interface WorkflowInvoker {
  invoke(
    request: InvocationRequest,
    runId: string,
    emit: (event: Omit<RunEventPayload, 'runId' | 'at'>) => void,
  ): Promise<InvocationResult>;
}

/** One run in flight: its id, clock, caller and event emitter. */
interface Run {
  request: InvocationRequest;
  runId: string;
  started: number;
  caller: ModelCaller;
  /** Whether the run's id was handed out before it started (only such runs have followers). */
  followable: boolean;
  emit(event: Omit<RunEventPayload, 'runId' | 'at'>): void;
}

/** The capability resolved and validated for this run. */
interface Resolved {
  capability: CapabilityInfo;
  handler: CapabilityHandler<unknown, unknown>;
  input: unknown;
}

type CachedAnswer = { output: unknown; model: string; provider: string };

export class InvocationService {
  constructor(private readonly options: InvocationServiceOptions) {}

  /** The capability as the principal may see it, or NOT_FOUND (invisible capabilities do not exist for them). */
  visibleCapability(name: string, principal: Principal): CapabilityInfo {
    const capability = this.options.registry.capability(name);
    if (!capability || !isVisibleTo(capability, principal))
      throw new NotFoundError(`Unknown capability "${name}".`);
    return capability;
  }

  async invoke(request: InvocationRequest): Promise<InvocationResult> {
    const run = this.openRun(request);
    const capability = this.resolve(request);
    if (capability.kind === 'workflow') return this.invokeWorkflow(run, capability);
    const resolved = validate(capability, request);
    let plan = this.route(resolved, request);
    // Zero I/O unless the caller named a conversation.
    const conversation = request.options?.conversationId
      ? await this.openConversation(run, resolved, plan)
      : undefined;
    // Remote candidates will be sent the earlier turns: the reservation is sized with them.
    if (conversation) plan = planWithHistory(plan, conversation.historyCharacters);
    try {
      run.emit({ type: 'STARTED' });
      this.options.runs?.started({
        runId: run.runId,
        principal: request.principal,
        capability,
        frontDoor: request.frontDoor,
        followable: run.followable,
      });
    } catch (caught) {
      await conversation?.release();
      throw caught;
    }

    let admission: RunAdmission | undefined;
    let unmasker: StreamUnmasker | undefined;
    try {
      const admitted = await this.admit(run, resolved, plan);
      ({ admission, plan } = admitted);
      this.options.runs?.admitted(run.runId, admission);
      if (admission.rateLimits) request.onRateLimits?.(admission.rateLimits);
      const masker = this.options.calls.maskerFor(request.principal.orgId, capability.maskingPolicy);
      const maskedInput = masker ? masker.maskJson(resolved.input) : resolved.input;
      // A conversation's answer depends on its earlier turns: never cached.
      const cacheKey = conversation ? undefined : cacheKeyOf(capability, request, maskedInput);
      const hit = cacheKey ? await this.lookUpCache(cacheKey) : undefined;
      if (hit) {
        const meta = runMetaOf({
          runId: run.runId,
          capability,
          started: run.started,
          servedBy: { model: hit.model, provider: hit.provider },
          inputTokens: 0,
          outputTokens: 0,
          cached: true,
          attempts: [],
          reason: 'served from the response cache',
        });
        return await this.complete(run, capability, admission, meta, unmask(masker, hit.output));
      }
      if (masker && request.onEvent) unmasker = new StreamUnmasker(masker);
      // /v1 chat streams tool-call argument fragments, with placeholders restored per call.
      const toolCalls =
        request.onToolCallDelta && request.onEvent
          ? new ToolCallDeltaUnmasker(masker, request.onToolCallDelta)
          : undefined;
      // Custom capabilities with an output schema stream their partial output with each delta.
      const partialOutput = request.onEvent ? partialOutputTrackerFor(capability) : undefined;
      const result = await this.execute(run, resolved, plan, maskedInput, {
        unmasker,
        partialOutput,
        toolCalls,
        maxOutputTokensFor: admitted.maxOutputTokensFor,
        conversation,
      });
      // The running per-model output estimate learns from what this answer cost.
      this.options.router.observe(capability, resolved.handler, resolved.input, result.candidate, result);
      // Local models ran on the original input: their output has no placeholders to restore.
      const output = result.candidate.local ? result.output : unmask(masker, result.output);
      const meta = runMetaOf({
        runId: run.runId,
        capability,
        started: run.started,
        candidate: result.candidate,
        inputTokens: result.inputTokens,
        outputTokens: result.outputTokens,
        cached: false,
        attempts: result.attempts,
        reason: reasonOf(plan, result),
      });
      // A local answer computed from unmasked input must not be stored (the key is of the masked one).
      if (cacheKey && !(masker && result.candidate.local))
        await this.storeInCache(cacheKey, capability, { output: result.output, ...served(meta) });
      this.flushDeltas(run, unmasker, partialOutput);
      toolCalls?.flush();
      if (conversation) await this.appendTurn(conversation, resolved, meta, maskedInput, result, masker);
      return await this.complete(run, capability, admission, meta, output);
    } catch (caught) {
      throw await this.fail(run, capability, plan, admission, unmasker, caught);
    } finally {
      await conversation?.release();
    }
  }

  /**
   * A workflow called as a capability: its steps go through this pipeline each (admission, budget and
   * usage per step); this run only relays them, STARTED → DELTAs → COMPLETED or FAILED.
   */
  private async invokeWorkflow(run: Run, capability: CapabilityInfo): Promise<InvocationResult> {
    const invoker = this.options.workflows?.();
    if (!invoker) throw new NotFoundError(`Unknown capability "${capability.name}".`);
    // A workflow's steps are separate runs: there is no one exchange to keep as a conversation turn.
    if (run.request.options?.conversationId)
      throw new BadUserInputError(
        `"${capability.name}" is a workflow: workflows do not take a conversationId.`,
        { extensions: { argument: 'options.conversationId' } },
      );
    run.emit({ type: 'STARTED' });
    try {
      const result = await invoker.invoke(run.request, run.runId, run.emit);
      run.emit({ type: 'COMPLETED', output: result.output, meta: result.meta });
      return result;
    } catch (caught) {
      const error = caught instanceof AppError ? caught : new InternalError(undefined, { cause: caught });
      run.emit({ type: 'FAILED', errorCode: error.code, message: error.message });
      throw error;
    }
  }

  /**
   * Stage 3b, conversation: waits until the runs before this one on the conversation have ended
   * (a per-conversation lease, across instances), then checks `ifLastTurn` and the storage bounds
   * (CONFLICT / BAD_USER_INPUT before anything is admitted or charged). The turns are read here and
   * given to remote candidates in `execute`.
   */
  private openConversation(run: Run, resolved: Resolved, plan: RoutePlan): Promise<ConversationRun> {
    const { request } = run;
    if (!this.options.conversations)
      throw new BadUserInputError('Conversations are not available on this instance.');
    return this.options.conversations.open({
      conversationId: request.options!.conversationId!,
      ...(request.options?.ifLastTurn === undefined ? {} : { ifLastTurn: request.options.ifLastTurn }),
      caller: run.caller,
      requestId: request.requestId,
      runId: run.runId,
      inputBytes: Buffer.byteLength(JSON.stringify(resolved.input ?? null)),
      budgetMs: plan.timeoutMs * Math.max(1, plan.maxAttempts),
      ...(request.signal ? { signal: request.signal } : {}),
    });
  }

  /**
   * Stage 9b, append turn (conversations only): the completed run's turn, masked as the capability's
   * policy says — remote output still has its placeholders, local output is masked here.
   */
  private async appendTurn(
    conversation: ConversationRun,
    resolved: Resolved,
    meta: RunMeta,
    maskedInput: unknown,
    result: ExecutionResult,
    masker: Masker | undefined,
  ): Promise<void> {
    const storedOutput = result.candidate.local && masker ? masker.maskJson(result.output) : result.output;
    const messages: ChatMessage[] = result.exchange
      ? [...result.exchange.prompt.filter((message) => message.role !== 'system'), result.exchange.answer]
      : [
          { role: 'user', content: resolved.handler.inputText(maskedInput) },
          { role: 'assistant', content: textOf(storedOutput) },
        ];
    await conversation.append({
      capability: resolved.capability.name,
      meta,
      input: maskedInput,
      output: storedOutput,
      messages,
    });
  }

  /** Stage 0: the run's id, clock, caller and event emitter. */
  private openRun(request: InvocationRequest): Run {
    const runId = request.runId ?? `run_${randomUUID()}`;
    // Only a run whose id was handed out before it started (startRun, invokeStream) can have
    // followers; the others (invoke, typed mutations, /v1) would publish — on Redis, a write and a
    // publish per event — to nobody. Measured: ~1.5× requests/s on /v1 without those writes.
    const followable = request.runId !== undefined;
    return {
      request,
      runId,
      followable,
      started: Date.now(),
      caller: { principal: request.principal, frontDoor: request.frontDoor, workflow: request.workflow },
      emit: (event) => {
        const payload: RunEventPayload = { runId, at: new Date().toISOString(), ...event };
        request.onEvent?.(payload);
        if (followable) this.options.publishRunEvent(payload);
      },
    };
  }

  /** Stage 1, resolve: the capability the caller may see and invoke. */
  private resolve(request: InvocationRequest): CapabilityInfo {
    // The internal chat capability is the /v1 front door's own (it validates OpenAI parameters there).
    const capability =
      request.capability === CHAT_CAPABILITY && request.frontDoor === 'v1'
        ? chatCapabilityFor(request)
        : this.visibleCapability(request.capability, request.principal);
    checkInvocable(capability, request);
    return capability;
  }

  /** Stage 3, route: the candidates in order, with their cost estimates. */
  private route(resolved: Resolved, request: InvocationRequest): RoutePlan {
    return this.options.router.plan(resolved.capability, resolved.handler, resolved.input, request.options);
  }

  /**
   * Stage 4, admit: rate limits and the budget reservation, sized from the plan's running estimates;
   * the zero-cost fallback when a HARD budget refuses and the capability opts in; and the output-token
   * cap the HARD budget leaves (src/governance/admit-run.ts).
   */
  private admit(run: Run, resolved: Resolved, plan: RoutePlan): Promise<AdmittedRun> {
    return admitRun({
      gate: this.options.calls.gate,
      router: this.options.router,
      principal: run.request.principal,
      capability: resolved.capability,
      handler: resolved.handler,
      input: resolved.input,
      invokeOptions: run.request.options,
      plan,
    });
  }

  /** Stage 6, cache lookup: a stored answer, or undefined (a cache failure is a miss). */
  private async lookUpCache(cacheKey: string): Promise<CachedAnswer | undefined> {
    const hit = await this.options.cache.get(cacheKey).catch(() => undefined);
    return hit ? (JSON.parse(hit) as CachedAnswer) : undefined;
  }

  /** Stage 7, execute: the plan's candidates through the observed clients, deltas streamed. */
  private execute(
    run: Run,
    resolved: Resolved,
    plan: RoutePlan,
    maskedInput: unknown,
    streaming: {
      unmasker: StreamUnmasker | undefined;
      partialOutput: PartialOutputTracker | undefined;
      toolCalls: ToolCallDeltaUnmasker | undefined;
      maxOutputTokensFor: AdmittedRun['maxOutputTokensFor'];
      conversation: ConversationRun | undefined;
    },
  ): Promise<ExecutionResult> {
    const { unmasker, partialOutput, toolCalls, maxOutputTokensFor, conversation } = streaming;
    const { principal, onEvent, signal } = run.request;
    return executePlan({
      capability: resolved.capability,
      handler: resolved.handler,
      plan,
      signal,
      onDelta: onEvent
        ? (delta) => {
            const text = unmasker ? unmasker.push(delta) : delta;
            if (text) run.emit({ type: 'DELTA', delta: text, ...partialOutput?.push(text) });
          }
        : undefined,
      onToolCallDelta: toolCalls ? (delta) => toolCalls.push(delta) : undefined,
      onRouted: (candidate) => run.emit({ type: 'ROUTED', model: candidate.model.name }),
      onAttemptFailed: (attempt, message) =>
        run.emit({ type: 'ATTEMPT_FAILED', model: attempt.model, errorCode: attempt.errorCode, message }),
      principal: { orgId: principal.orgId, teamId: principal.teamId, admin: hasRole(principal, 'ADMIN') },
      caller: run.caller,
      knowledge: this.options.knowledge,
      clientFor: this.options.calls.client,
      health: this.options.health,
      concurrency: this.options.router.concurrency,
      // Remote models get the masked input; local ones run in process on the original.
      inputFor: (local) => (local ? resolved.input : maskedInput),
      maxOutputTokensFor,
      ...(conversation ? { historyFor: conversation.historyFor } : {}),
    });
  }

  /** Stage 9, cache store (best effort). */
  private async storeInCache(
    cacheKey: string,
    capability: CapabilityInfo,
    answer: CachedAnswer,
  ): Promise<void> {
    await this.options.cache
      .set(cacheKey, JSON.stringify(answer), capability.cache!.ttlSeconds)
      .catch(() => undefined);
  }

  /** Stages 10–11 on success: settle + usage through the seam, then COMPLETED. */
  private async complete(
    run: Run,
    capability: CapabilityInfo,
    admission: RunAdmission,
    meta: RunMeta,
    output: unknown,
  ): Promise<InvocationResult> {
    const usage = await this.options.calls.finish(run.caller, admission, accountOf(meta, capability), {
      status: 'ok',
    });
    this.trackEnd(run, capability, usage, meta, { output });
    run.emit({ type: 'COMPLETED', output, meta });
    return { output, meta };
  }

  /** Stages 10–11 on failure: charge what was consumed, record the usage, emit FAILED. */
  private async fail(
    run: Run,
    capability: CapabilityInfo,
    plan: RoutePlan,
    admission: RunAdmission | undefined,
    unmasker: StreamUnmasker | undefined,
    caught: unknown,
  ): Promise<AppError> {
    const execution = caught instanceof ExecutionError ? caught : undefined;
    const error =
      execution?.failure ??
      (caught instanceof AppError ? caught : new InternalError(undefined, { cause: caught }));
    const partial = execution?.partialUsage;
    const meta = runMetaOf({
      runId: run.runId,
      capability,
      started: run.started,
      candidate: partial?.candidate,
      inputTokens: partial?.inputTokens ?? 0,
      outputTokens: partial?.outputTokens ?? 0,
      cached: false,
      attempts: execution?.attempts ?? [],
      reason: plan.reason,
    });
    const usage = await this.options.calls.finish(run.caller, admission, accountOf(meta, capability), {
      status: 'error',
      errorCode: error.code,
    });
    this.trackEnd(run, capability, usage, meta, { errorMessage: error.message });
    this.flushDeltas(run, unmasker);
    run.emit({ type: 'FAILED', errorCode: error.code, message: error.message });
    return error;
  }

  /** The tail the stream unmasker held back (a placeholder cut between two deltas). */
  private flushDeltas(
    run: Run,
    unmasker: StreamUnmasker | undefined,
    partialOutput?: PartialOutputTracker,
  ): void {
    const tail = unmasker?.flush();
    if (tail) run.emit({ type: 'DELTA', delta: tail, ...partialOutput?.push(tail) });
  }

  /** The run's stored record ends with what the usage event says (src/runs/run-tracker.ts). */
  private trackEnd(
    run: Run,
    capability: CapabilityInfo,
    usage: UsageEvent,
    meta: RunMeta,
    outcome: { output?: unknown; errorMessage?: string },
  ): void {
    this.options.runs?.ended({
      usage,
      capability,
      followable: run.followable,
      attempts: meta.attempts,
      input: run.request.input,
      ...outcome,
    });
  }
}

/** Stage 2, validate: the handler's input contract (BAD_USER_INPUT). */
function validate(capability: CapabilityInfo, request: InvocationRequest): Resolved {
  const handler = handlerFor(capability);
  return { capability, handler, input: handler.parseInput(request.input, capability) };
}

/** Stage 8, unmask: placeholders restored in a remote model's output. */
function unmask(masker: Masker | undefined, output: unknown): unknown {
  return masker ? masker.unmaskJson(output) : output;
}

/** A stored output as assistant text: a string as is, a `summary`/`text` field, else its JSON. */
function textOf(output: unknown): string {
  if (typeof output === 'string') return output;
  if (output && typeof output === 'object') {
    const { summary, text } = output as { summary?: unknown; text?: unknown };
    if (typeof summary === 'string') return summary;
    if (typeof text === 'string') return text;
  }
  return JSON.stringify(output);
}

function served(meta: RunMeta): { model: string; provider: string } {
  return { model: meta.model, provider: meta.provider };
}

function reasonOf(plan: RoutePlan, result: ExecutionResult): string {
  return (
    plan.reason +
    (result.attempts.length > 1
      ? `; served by ${result.candidate.model.name} after ${result.attempts.length - 1} failed attempt(s)`
      : '')
  );
}
