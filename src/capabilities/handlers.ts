/** The static map from capability to handler: adding a built-in capability is a folder plus a line here. */
import type { CapabilityInfo } from '../registry/registry.types.js';
import { analyzeHandler } from './analyze/analyze.capability.js';
import type { BuiltinCapabilityName } from './builtin-names.js';
import { CHAT_CAPABILITY, chatHandler } from './chat/chat.capability.js';
import { classifyHandler } from './classify/classify.capability.js';
import { customHandler } from './custom/custom.capability.js';
import type { CapabilityHandler } from './handler.types.js';
import { retrieveHandler } from './retrieve/retrieve.capability.js';
import { summarizeHandler } from './summarize/summarize.capability.js';

/** A handler's input type is known only to itself: the pipeline passes back what `parseInput` returned. */
function erase<Input, Output>(
  handler: CapabilityHandler<Input, Output>,
): CapabilityHandler<unknown, unknown> {
  return handler as unknown as CapabilityHandler<unknown, unknown>;
}

const builtinHandlers: Record<BuiltinCapabilityName, CapabilityHandler<unknown, unknown>> = {
  summarize: erase(summarizeHandler),
  retrieve: erase(retrieveHandler),
  analyze: erase(analyzeHandler),
  classify: erase(classifyHandler),
};

export function handlerFor(capability: CapabilityInfo): CapabilityHandler<unknown, unknown> {
  if (capability.kind === 'builtin') {
    if (capability.name === CHAT_CAPABILITY) return erase(chatHandler);
    const handler = builtinHandlers[capability.name as BuiltinCapabilityName];
    if (handler) return handler;
  }
  return customHandler;
}
