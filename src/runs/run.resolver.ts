/**
 * `invoke` (custom and built-in capabilities by name, JSON in and out), `startRun` + `runEvents`
 * (start now, follow from any instance), and `invokeStream` (one subscription for one run). Every
 * run ends with exactly one COMPLETED or FAILED event, including runs refused before they started
 * (bad input, no route, rate limit): the resolver sends that FAILED itself.
 */
import { randomUUID } from 'node:crypto';
import { Arg, Authorized, Ctx, ID, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import type { RunEventPayload } from '../capabilities/capability.types.js';
import {
  InvokeOptionsInput,
  InvokeResultType,
  optionsFrom,
} from '../capabilities/capability.graphql-types.js';
import { invokeFromContext } from '../capabilities/invoke-from-context.js';
import { isAppError, NotFoundError } from '../errors/app-error.js';
import type { GraphQLContext } from '../graphql/context.js';
import { JSONScalar } from '../graphql/scalars.js';
import { EventChannel } from './event-channel.js';
import { mayFollowRun } from './run-access.js';
import { runIdOf } from './run-id.js';
import { isTerminal } from './run-event-log.js';
import { followRun } from './run-follower.js';
import { Run, RunEvent, RunStatus } from './run.types.js';
import { JSON_INPUT_DESCRIPTION } from '../capabilities/input-limits.js';
import { PARTIAL_RESULTS } from '../capabilities/capability.graphql-types.js';

interface SubscribeData<Args> {
  args: Args;
  context: GraphQLContext;
}

interface RunArgs {
  capability: string;
  input: unknown;
  options?: InvokeOptionsInput | null;
}

@Resolver()
export class RunResolver {
  @Authorized('MEMBER')
  @Mutation(() => InvokeResultType, {
    nullable: true,
    description: 'Invoke any capability by name with JSON input.' + PARTIAL_RESULTS,
  })
  async invoke(
    @Arg('capability', () => String, { description: 'Capability name.' }) capability: string,
    @Arg('input', () => JSONScalar, { description: JSON_INPUT_DESCRIPTION })
    input: unknown,
    @Arg('options', () => InvokeOptionsInput, {
      nullable: true,
      description: 'Per-call overrides of the capability routing policy.',
    })
    options: InvokeOptionsInput | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<InvokeResultType> {
    return invokeFromContext(context, capability, input, options);
  }

  @Authorized('MEMBER')
  @Mutation(() => Run, { description: 'Starts a run and returns at once; follow it with runEvents(runId).' })
  async startRun(
    @Arg('capability', () => String, { description: 'Capability name.' }) capability: string,
    @Arg('input', () => JSONScalar, { description: JSON_INPUT_DESCRIPTION })
    input: unknown,
    @Arg('options', () => InvokeOptionsInput, {
      nullable: true,
      description: 'Per-call overrides of the capability routing policy.',
    })
    options: InvokeOptionsInput | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<Run> {
    const { services, principal } = context;
    // Fail fast on what can be known now (unknown or invisible capability).
    services.invocation.visibleCapability(capability, principal);
    const runId = `run_${randomUUID()}`;
    await services.runEvents.markStarted(runId, {
      capability,
      orgId: principal.orgId,
      teamId: principal.teamId,
    });
    // Not tied to this request: the run goes on after the mutation returns, and its events (deltas
    // included) go to the log for runEvents followers on any instance. Shutdown aborts and awaits it.
    services.detachedRuns.start((signal) =>
      runDetached(context, runId, { capability, input, options }, signal),
    );
    return { id: runId, capability, status: RunStatus.STARTED, createdAt: new Date() };
  }

  @Authorized('MEMBER')
  @Subscription(() => RunEvent, {
    description: 'Runs a capability and streams its events; ends with exactly one COMPLETED or FAILED.',
    subscribe: async ({ args, context }: SubscribeData<RunArgs>) => {
      const runId = `run_${randomUUID()}`;
      // The caller gets the events on this stream whatever happens: a run log that cannot record
      // the owner (Redis down) costs followers their replay, not the run its terminal event.
      await context.services.runEvents
        .markStarted(runId, {
          capability: args.capability,
          orgId: context.principal.orgId,
          teamId: context.principal.teamId,
        })
        .catch((error: unknown) =>
          context.logger.warn({ err: error, runId }, 'run owner not recorded; followers cannot replay it'),
        );
      // Aborted when the client completes the subscription or disconnects: the upstream call stops.
      const controller = new AbortController();
      const onGone = () => controller.abort(context.signal.reason);
      if (context.signal.aborted) onGone();
      else context.signal.addEventListener('abort', onGone, { once: true });
      const channel = new EventChannel<RunEventPayload>(() =>
        controller.abort(new Error('client unsubscribed')),
      );
      void runDetached(context, runId, args, controller.signal, (event) => {
        channel.push(event);
        if (isTerminal(event.type)) channel.end();
      });
      return channel;
    },
  })
  invokeStream(
    @Arg('capability', () => String, { description: 'Capability name.' }) _capability: string,
    @Arg('input', () => JSONScalar, { description: JSON_INPUT_DESCRIPTION })
    _input: unknown,
    @Arg('options', () => InvokeOptionsInput, {
      nullable: true,
      description: 'Per-call overrides of the capability routing policy.',
    })
    _options: InvokeOptionsInput | undefined,
    @Root() event: RunEventPayload,
  ): RunEvent {
    return toRunEvent(event);
  }

  @Authorized('MEMBER')
  @Subscription(() => RunEvent, {
    description: 'Replays what already happened in a run, then follows it live, from any instance.',
    subscribe: async ({ args, context }: SubscribeData<{ runId: string }>) => {
      const { services, principal } = context;
      const runId = runIdOf(args.runId);
      const owner = await services.runEvents.owner(runId);
      const known = owner !== undefined || (await services.runEvents.exists(runId));
      if (!known || !mayFollowRun(owner, principal)) {
        throw new NotFoundError(`Unknown run "${args.runId}".`);
      }
      return followRun(runId, services.runEvents, services.pubSub, {
        onError: (error) => context.logger.warn({ err: error, runId }, 'following a run failed'),
      });
    },
  })
  runEvents(
    @Arg('runId', () => ID, {
      description: 'The run: `startRun`’s `id` (global), or its `run_…` id (`internalId`, `RunMeta.runId`).',
    })
    _runId: string,
    @Root() event: RunEventPayload,
  ): RunEvent {
    return toRunEvent(event);
  }
}

/**
 * Runs the capability and makes sure the run ends with a terminal event: when the invocation fails
 * before it could send one (input, route, admission), a FAILED event goes to the caller and the log.
 */
async function runDetached(
  context: GraphQLContext,
  runId: string,
  args: RunArgs,
  signal: AbortSignal | undefined,
  onEvent?: (event: RunEventPayload) => void,
): Promise<void> {
  let ended = false;
  try {
    await context.services.invocation.invoke({
      capability: args.capability,
      input: args.input,
      options: optionsFrom(args.options),
      principal: context.principal,
      requestId: context.requestId,
      signal,
      frontDoor: 'graphql',
      runId,
      onEvent: (event) => {
        if (isTerminal(event.type)) ended = true;
        onEvent?.(event);
      },
    });
  } catch (error) {
    if (ended) return;
    if (!isAppError(error)) context.logger.error({ err: error, runId }, 'run failed before it started');
    const failed: RunEventPayload = {
      runId,
      type: 'FAILED',
      at: new Date().toISOString(),
      errorCode: isAppError(error) ? error.code : 'INTERNAL_SERVER_ERROR',
      message: isAppError(error) ? error.message : 'Internal server error.',
    };
    onEvent?.(failed);
    context.services.runEvents.append(failed);
    context.services.runTracker.refused({
      runId,
      principal: context.principal,
      capability: args.capability,
      frontDoor: 'graphql',
      errorCode: failed.errorCode!,
      errorMessage: failed.message!,
    });
  }
}

function toRunEvent(event: RunEventPayload): RunEvent {
  return { ...event, type: event.type as RunEvent['type'], at: new Date(event.at) };
}
