/**
 * How a capability is served: its input contract, its local implementation (if any), and how a
 * remote chat model is asked for it and its answer read back. One handler per built-in capability,
 * one generic handler for custom capabilities.
 */
import type {
  ChatMessage,
  FinishReason,
  ResponseFormat,
  ToolCall,
  ToolUse,
} from '../providers/provider.types.js';
import type { CapabilityInfo, ImplementationInfo } from '../registry/registry.types.js';

export interface LocalRunContext {
  /** Knowledge-base search, for `retrieve`. */
  knowledge?: import('../knowledge/knowledge.service.js').KnowledgeService;
  signal?: AbortSignal;
  /** Streams a piece of text output (e.g. a summary sentence) as it is produced. */
  onDelta?: (text: string) => void;
  /**
   * The caller. `admin` (an org ADMIN) widens tenant-scoped lookups such as knowledge bases to the
   * whole org; absent means false, so a caller that forgets it gets the narrower view.
   */
  principal: { orgId: string; teamId: string; admin?: boolean };
  /** The full caller, for model calls a local implementation makes (hybrid retrieval embeds the query). */
  caller?: import('../calls/model-call.types.js').ModelCaller;
}

export interface LocalRunResult<Output> {
  output: Output;
  inputTokens: number;
  outputTokens: number;
}

export interface RemotePrompt extends ToolUse {
  messages: ChatMessage[];
  responseFormat: ResponseFormat;
  maxOutputTokens?: number;
}

export interface CapabilityHandler<Input = unknown, Output = unknown> {
  /** Validates and normalises the raw input; throws BadUserInputError. Runs before anything else. */
  parseInput(raw: unknown, capability: CapabilityInfo): Input;
  /** The text that masking, token estimates and complexity scoring look at. */
  inputText(input: Input): string;
  /** Expected output tokens, for cost estimates. */
  expectedOutputTokens(input: Input): number;
  /** Local model names this handler runs in process, and how. */
  runLocal?(model: string, input: Input, context: LocalRunContext): Promise<LocalRunResult<Output>>;
  localModels: readonly string[];
  /** Prompt for a remote chat model. */
  buildPrompt(input: Input, capability: CapabilityInfo, implementation: ImplementationInfo): RemotePrompt;
  /** Reads a remote model's text answer; throws an Error describing what is wrong (one repair is tried). */
  parseOutput(text: string, input: Input, capability: CapabilityInfo): Output;
  /** When present, reads the whole answer (tool calls, finish reason) instead of `parseOutput`. */
  parseGeneration?(generation: RemoteGeneration, input: Input, capability: CapabilityInfo): Output;
  /** Whether remote streaming deltas are the output text itself (then DELTA events carry them). */
  streamsText: boolean;
  /** Embeddings-capable models help (hybrid retrieval); not a chat call. */
  usesEmbeddings?: boolean;
}

/** A remote model's whole answer, for handlers that need more than its text. */
export interface RemoteGeneration {
  text: string;
  toolCalls?: ToolCall[];
  finishReason: FinishReason;
}
