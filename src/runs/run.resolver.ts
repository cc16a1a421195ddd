/**
 * `invoke` (custom and built-in capabilities by name, JSON in and out), `startRun` + `runEvents`
 * (start now, follow from any instance), and `invokeStream` (one subscription for one run).
 */
import { randomUUID } from 'node:crypto';
import { Arg, Authorized, Ctx, ID, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import type { RunEventPayload } from '../capabilities/capability.types.js';
import { InvokeOptionsInput, InvokeResultType, optionsFrom } from '../capabilities/capability.graphql-types.js';
import { invokeFromContext } from '../capabilities/invoke-from-context.js';
import { NotFoundError } from '../errors/app-error.js';
import { hasRole } from '../governance/auth/principal.js';
import type { GraphQLContext } from '../graphql/context.js';
import { JSONScalar } from '../graphql/scalars.js';
import { EventChannel } from './event-channel.js';
import { runTopic, type SequencedRunEvent } from './run-event-log.js';
import { Run, RunEvent } from './run.types.js';

const terminal = new Set(['COMPLETED', 'FAILED']);

interface SubscribeData<Args> {
  args: Args;
  context: GraphQLContext;
}

@Resolver()
export class RunResolver {
  @Authorized('MEMBER')
  @Mutation(() => InvokeResultType, { description: 'Invoke any capability by name with JSON input.' })
  async invoke(
    @Arg('capability', () => String) capability: string,
    @Arg('input', () => JSONScalar) input: unknown,
    @Arg('options', () => InvokeOptionsInput, { nullable: true }) options: InvokeOptionsInput | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<InvokeResultType> {
    return invokeFromContext(context, capability, input, options);
  }

  @Authorized('MEMBER')
  @Mutation(() => Run, { description: 'Starts a run and returns at once; follow it with runEvents(runId).' })
  async startRun(
    @Arg('capability', () => String) capability: string,
    @Arg('input', () => JSONScalar) input: unknown,
    @Arg('options', () => InvokeOptionsInput, { nullable: true }) options: InvokeOptionsInput | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<Run> {
    const { services, principal } = context;
    // Fail fast on what can be known now (unknown or invisible capability).
    services.invocation.visibleCapability(capability, principal);
    const runId = `run_${randomUUID()}`;
    await services.runEvents.markStarted(runId, { capability, teamId: principal.teamId });
    const createdAt = new Date();
    // Not tied to this request: the run goes on after the mutation returns.
    void services.invocation
      .invoke({
        capability,
        input,
        options: optionsFrom(options),
        principal,
        requestId: context.requestId,
        frontDoor: 'graphql',
        runId,
      })
      .catch(() => {
        // The FAILED event carries the error to followers.
      });
    return { id: runId, capability, status: 'running', createdAt };
  }

  @Authorized('MEMBER')
  @Subscription(() => RunEvent, {
    description: 'Runs a capability and streams its events; ends with exactly one COMPLETED or FAILED.',
    subscribe: ({ args, context }: SubscribeData<{ capability: string; input: unknown; options?: InvokeOptionsInput }>) => {
      const controller = new AbortController();
      context.signal.addEventListener('abort', () => controller.abort(context.signal.reason), { once: true });
      const channel = new EventChannel<RunEventPayload>(() => controller.abort(new Error('client unsubscribed')));
      void context.services.invocation
        .invoke({
          capability: args.capability,
          input: args.input,
          options: optionsFrom(args.options),
          principal: context.principal,
          requestId: context.requestId,
          signal: controller.signal,
          frontDoor: 'graphql',
          onEvent: (event) => {
            channel.push(event);
            if (terminal.has(event.type)) channel.end();
          },
        })
        .catch((error: unknown) => {
          // Errors before the run started (validation, NOT_FOUND…) have no FAILED event: send one.
          const appError = error as { code?: string; message?: string };
          channel.push({
            runId: 'none',
            type: 'FAILED',
            at: new Date().toISOString(),
            errorCode: appError.code ?? 'INTERNAL_SERVER_ERROR',
            message: appError.code ? appError.message : 'Internal server error.',
          });
          channel.end();
        });
      return channel;
    },
  })
  invokeStream(
    @Arg('capability', () => String) _capability: string,
    @Arg('input', () => JSONScalar) _input: unknown,
    @Arg('options', () => InvokeOptionsInput, { nullable: true }) _options: InvokeOptionsInput | undefined,
    @Root() event: RunEventPayload,
  ): RunEvent {
    return toRunEvent(event);
  }

  @Authorized('MEMBER')
  @Subscription(() => RunEvent, {
    description: 'Replays what already happened in a run, then follows it live, from any instance.',
    subscribe: async ({ args, context }: SubscribeData<{ runId: string }>) => {
      const { services, principal } = context;
      const owner = await services.runEvents.owner(args.runId);
      const known = owner ?? ((await services.runEvents.exists(args.runId)) ? undefined : null);
      if (known === null || (owner && owner.teamId !== principal.teamId && !hasRole(principal, 'ADMIN'))) {
        throw new NotFoundError(`Unknown run "${args.runId}".`);
      }
      const channel = new EventChannel<SequencedRunEvent>(() => live.return?.());
      // Subscribe before reading history, so nothing falls between the two; drop duplicates by seq.
      const live = services.pubSub.subscribe(runTopic(args.runId))[Symbol.asyncIterator]();
      let lastSeq = 0;
      const deliver = (event: SequencedRunEvent) => {
        if (event.seq <= lastSeq) return;
        lastSeq = event.seq;
        channel.push(event);
        if (terminal.has(event.type)) {
          channel.end();
          void live.return?.();
        }
      };
      const pending: SequencedRunEvent[] = [];
      let replayed = false;
      void (async () => {
        for (;;) {
          const next = await live.next();
          if (next.done) return;
          const event = next.value as SequencedRunEvent;
          if (replayed) deliver(event);
          else pending.push(event);
        }
      })();
      for (const event of await services.runEvents.history(args.runId)) deliver(event);
      replayed = true;
      for (const event of pending.sort((a, b) => a.seq - b.seq)) deliver(event);
      return channel;
    },
  })
  runEvents(@Arg('runId', () => ID) _runId: string, @Root() event: SequencedRunEvent): RunEvent {
    return toRunEvent(event);
  }
}

function toRunEvent(event: RunEventPayload): RunEvent {
  return { ...event, type: event.type as RunEvent['type'], at: new Date(event.at) };
}
