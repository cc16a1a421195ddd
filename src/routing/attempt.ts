/**
 * One attempt of a route plan on one candidate: the local implementation in process, or a remote
 * call (streamed when deltas are wanted and the capability's output is text), with one repair when
 * the answer does not parse. Remote calls hold a slot of their provider's concurrency cap.
 */
import { ProviderError } from '../errors/app-error.js';
import { countTextTokens } from '../nlp/token-count.js';
import type { RemoteGeneration } from '../capabilities/handler.types.js';
import type {
  ChatMessage,
  GenerateRequest,
  ModelProvider,
  TokenUsage,
  ToolCallDelta,
} from '../providers/provider.types.js';
import { withHistory } from '../conversations/conversation-context.js';
import { InvalidOutputError } from './invalid-output-error.js';
import { ToolCallCollector } from './tool-call-collector.js';
import type { ExecuteOptions } from './executor.js';
import type { RouteCandidate } from './router.js';

export interface AttemptResult {
  output: unknown;
  inputTokens: number;
  outputTokens: number;
  /** A remote answer: the prompt's own messages (without conversation history) and the answer. */
  exchange?: { prompt: ChatMessage[]; answer: ChatMessage };
}

export async function runAttempt(
  options: ExecuteOptions,
  candidate: RouteCandidate,
  signal: AbortSignal,
  onDelta: ((text: string) => void) | undefined,
  onToolCallDelta?: (delta: ToolCallDelta) => void,
): Promise<AttemptResult> {
  const { handler, capability } = options;
  const input = options.inputFor(candidate.local);
  if (candidate.local) {
    if (!handler.runLocal) {
      throw new ProviderError(`${candidate.model.name} cannot run ${capability.name}.`, {
        isRetryable: false,
      });
    }
    return handler.runLocal(candidate.model.name, input, {
      signal,
      onDelta,
      principal: options.principal,
      caller: options.caller,
      knowledge: options.knowledge,
    });
  }
  const prompt = handler.buildPrompt(input, capability, candidate.implementation);
  const maxOutputTokens = atMost(prompt.maxOutputTokens, options.maxOutputTokensFor?.(candidate));
  // A conversation's earlier turns, fitted to this model's context window (before taking a slot:
  // condensing them may run the summarize capability).
  const messages = options.historyFor
    ? withHistory(
        prompt.messages,
        await options.historyFor(candidate, prompt.messages, maxOutputTokens, signal),
      )
    : prompt.messages;
  const release = options.concurrency
    ? await options.concurrency.acquire(candidate.provider.name, signal)
    : undefined;
  try {
    const client = options.clientFor(candidate.provider.name);
    const request: GenerateRequest = {
      model: candidate.model.upstreamModel,
      messages,
      responseFormat: prompt.responseFormat,
      maxOutputTokens,
      ...(candidate.model.maxTokensParam ? { maxTokensParam: candidate.model.maxTokensParam } : {}),
      params: candidate.implementation.params,
      ...(prompt.tools === undefined ? {} : { tools: prompt.tools }),
      ...(prompt.toolChoice === undefined ? {} : { toolChoice: prompt.toolChoice }),
      ...(prompt.parallelToolCalls === undefined ? {} : { parallelToolCalls: prompt.parallelToolCalls }),
      signal,
    };
    const parse = (generation: RemoteGeneration): unknown =>
      handler.parseGeneration
        ? handler.parseGeneration(generation, input, capability)
        : handler.parseOutput(generation.text, input, capability);
    const streamed = onDelta !== undefined && handler.streamsText;
    const first = streamed
      ? await streamText(client, request, onDelta, onToolCallDelta)
      : await client.doGenerate(request);
    let text = first.text;
    let inputTokens = first.usage.inputTokens ?? countMessages(request.messages);
    let outputTokens = first.usage.outputTokens ?? countTextTokens(text + argumentsText(first));
    const exchange = (answered: RemoteGeneration) => ({
      prompt: prompt.messages,
      answer: {
        role: 'assistant' as const,
        content: answered.text,
        ...(answered.toolCalls ? { toolCalls: answered.toolCalls } : {}),
      },
    });
    try {
      return { output: parse(first), inputTokens, outputTokens, exchange: exchange(first) };
    } catch (problem) {
      // The caller has already seen this answer stream: a repaired one would contradict it.
      if (streamed) {
        throw new ProviderError(
          `${candidate.model.name} streamed invalid output: ${(problem as Error).message}`,
          { isRetryable: false },
        );
      }
      // One repair: show the model its answer and what is wrong with it.
      const repairMessages: ChatMessage[] = [
        ...request.messages,
        { role: 'assistant', content: text },
        {
          role: 'user',
          content: `That answer is invalid: ${(problem as Error).message}. Answer again with only the corrected JSON.`,
        },
      ];
      const repaired = await client.doGenerate({ ...request, messages: repairMessages });
      text = repaired.text;
      inputTokens += repaired.usage.inputTokens ?? countMessages(repairMessages);
      outputTokens += repaired.usage.outputTokens ?? countTextTokens(text + argumentsText(repaired));
      try {
        return { output: parse(repaired), inputTokens, outputTokens, exchange: exchange(repaired) };
      } catch (secondProblem) {
        throw new InvalidOutputError(
          `${candidate.model.name} returned invalid output twice: ${(secondProblem as Error).message}`,
        );
      }
    }
  } finally {
    release?.();
  }
}

async function streamText(
  client: ModelProvider,
  request: GenerateRequest,
  onDelta: (text: string) => void,
  onToolCallDelta: ((delta: ToolCallDelta) => void) | undefined,
): Promise<RemoteGeneration & { usage: TokenUsage }> {
  let text = '';
  const toolCalls = new ToolCallCollector();
  for await (const part of client.doStream(request)) {
    if (part.type === 'delta') {
      text += part.text;
      onDelta(part.text);
    } else if (part.type === 'tool-call-delta') {
      const { type: _type, ...delta } = part;
      toolCalls.push(delta);
      onToolCallDelta?.(delta);
    } else {
      const calls = toolCalls.calls();
      return {
        text,
        usage: part.usage,
        finishReason: part.finishReason,
        ...(calls.length > 0 ? { toolCalls: calls } : {}),
      };
    }
  }
  throw new ProviderError('The stream ended without a finish event.', { isRetryable: true });
}

function atMost(wanted: number | undefined, cap: number | undefined): number | undefined {
  if (cap === undefined) return wanted;
  return wanted === undefined ? cap : Math.min(wanted, cap);
}

function countMessages(messages: ChatMessage[]): number {
  return messages.reduce(
    (sum, message) => sum + countTextTokens(message.content + argumentsText(message)) + 4,
    0,
  );
}

function argumentsText(turn: { toolCalls?: ReadonlyArray<{ name: string; arguments: string }> }): string {
  return turn.toolCalls?.map((call) => call.name + call.arguments).join('') ?? '';
}
