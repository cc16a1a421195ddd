/**
 * What the `model` field of a `/v1` request names: a registered remote model (the messages go to it
 * as they are) or a capability the caller may see (the last user message becomes its input, its
 * output the assistant message). Anything else is a 404 `model_not_found`, as OpenAI answers.
 */
import { BadUserInputError, NotFoundError } from '../errors/app-error.js';
import type { Principal } from '../governance/auth/principal.js';
import { isVisibleTo } from '../capabilities/invocation.service.js';
import type { ChatMessage } from '../providers/provider.types.js';
import type { RegistryService } from '../registry/registry.service.js';
import type { CapabilityInfo, ModelInfo } from '../registry/registry.types.js';

export type V1Target =
  { kind: 'model'; model: ModelInfo } | { kind: 'capability'; capability: CapabilityInfo };

export function resolveTarget(name: string, principal: Principal, registry: RegistryService): V1Target {
  const model = registry.model(name);
  if (model && registry.provider(model.provider)?.kind !== 'LOCAL') return { kind: 'model', model };
  const capability = registry.capability(name);
  if (capability && isVisibleTo(capability, principal)) return { kind: 'capability', capability };
  throw new NotFoundError(`The model '${name}' does not exist or you do not have access to it.`, {
    extensions: { param: 'model' },
  });
}

/**
 * A capability's input from a conversation: the last user message. Built-ins whose input is a text
 * take it as `{ text }` unless it is a JSON object; custom capabilities take it as JSON.
 */
export function capabilityInputOf(capability: CapabilityInfo, messages: readonly ChatMessage[]): unknown {
  const last = lastUserMessage(messages);
  const parsed = parseJson(last);
  if (capability.kind === 'custom') {
    if (parsed === undefined) {
      throw new BadUserInputError(
        `'${capability.name}' is a capability whose input is JSON: send it as the content of the last user message.`,
        { extensions: { param: 'messages' } },
      );
    }
    return parsed.value;
  }
  if (
    parsed !== undefined &&
    typeof parsed.value === 'object' &&
    parsed.value !== null &&
    !Array.isArray(parsed.value)
  ) {
    return parsed.value;
  }
  return { text: last };
}

/** The assistant message for a capability's output: text as it is, structured output as JSON. */
export function assistantTextOf(output: unknown): string {
  if (typeof output === 'string') return output;
  if (typeof output === 'object' && output !== null && !Array.isArray(output)) {
    const keys = Object.keys(output);
    const only = keys.length === 1 ? (output as Record<string, unknown>)[keys[0]!] : undefined;
    if (typeof only === 'string' && keys[0] === 'summary') return only;
  }
  return JSON.stringify(output);
}

function lastUserMessage(messages: readonly ChatMessage[]): string {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]!;
    if (message.role === 'user') return message.content;
  }
  throw new BadUserInputError('messages must contain a user message.', { extensions: { param: 'messages' } });
}

function parseJson(text: string): { value: unknown } | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || (!'{["'.includes(trimmed[0]!) && !/^(-?\d|true|false|null)/.test(trimmed)))
    return undefined;
  try {
    return { value: JSON.parse(trimmed) };
  } catch {
    return undefined;
  }
}
