/** The handler of a capability: a built-in's from its descriptor, else the generic custom handler. */
import type { CapabilityInfo } from '../registry/registry.types.js';
import { builtinCapabilities } from './builtin-capabilities.js';
import { isBuiltinCapability } from './builtin-names.js';
import { CHAT_CAPABILITY, chatHandler } from './chat/chat.capability.js';
import { customHandler } from './custom/custom.capability.js';
import type { CapabilityHandler } from './handler.types.js';

const chat = chatHandler as unknown as CapabilityHandler<unknown, unknown>;

export function handlerFor(capability: CapabilityInfo): CapabilityHandler<unknown, unknown> {
  if (capability.kind === 'builtin') {
    if (capability.name === CHAT_CAPABILITY) return chat;
    if (isBuiltinCapability(capability.name)) return builtinCapabilities[capability.name].handler;
  }
  return customHandler;
}
