/**
 * The invocation a `/v1` chat-shaped request becomes (chat completions, Responses): a registered model
 * through the internal `chat.completions` capability pinned to it, with the parameters its provider
 * kind cannot honour dropped and named in `capgate-dropped-params`; a capability through its own
 * routing policy, its input taken from the last user message. One place, so both front doors govern,
 * translate and drop parameters the same way.
 */
import { CHAT_CAPABILITY, type ChatInput } from '../capabilities/chat/chat.capability.js';
import type { InvocationRequest } from '../capabilities/capability.types.js';
import { BadUserInputError } from '../errors/app-error.js';
import type { Principal } from '../governance/auth/principal.js';
import type { V1RequestContext } from './v1-context.js';
import { DROPPED_PARAMS_HEADER, splitSupportedParams } from './parameter-support.js';
import { capabilityInputOf, type V1Target } from './v1-target.js';

export interface ChatInvocation {
  invocation: InvocationRequest;
  /** `capgate-dropped-params` when a parameter was dropped. */
  headers: Record<string, string>;
}

export function chatInvocationOf(
  context: V1RequestContext,
  principal: Principal,
  target: V1Target,
  chat: ChatInput & { model: string },
): ChatInvocation {
  const common = {
    principal,
    requestId: context.requestId,
    signal: context.signal,
    frontDoor: 'v1',
    onRateLimits: context.onRateLimits,
  } as const;
  if (target.kind === 'capability') {
    if (chat.tools !== undefined)
      throw new BadUserInputError(
        `'${chat.model}' is a capability: tools can be offered only to a registered model.`,
        { extensions: { param: 'tools' } },
      );
    return {
      invocation: {
        capability: target.capability.name,
        input: capabilityInputOf(target.capability, chat.messages),
        ...common,
      },
      headers: {},
    };
  }
  const providerKind = context.services.registry.provider(target.model.provider)?.kind;
  const { params, dropped } =
    providerKind === undefined || providerKind === 'LOCAL'
      ? { params: chat.params, dropped: [] }
      : splitSupportedParams(providerKind, chat.params);
  const { model: _model, params: _params, ...rest } = chat;
  const input: ChatInput = { ...rest, ...(params === undefined ? {} : { params }) };
  return {
    invocation: { capability: CHAT_CAPABILITY, input, options: { model: target.model.name }, ...common },
    headers: dropped.length > 0 ? { [DROPPED_PARAMS_HEADER]: dropped.join(', ') } : {},
  };
}
