/**
 * Tool calling in the provider contract: the tools a request offers, the calls a model makes, and
 * the pieces of a streamed call. Arguments travel as JSON text, as in OpenAI's wire format, so a
 * partial stream can be forwarded fragment by fragment; adapters for providers whose wire carries
 * an object (Anthropic `tool_use.input`, Gemini `functionCall.args`) serialize it.
 */

/** A function the model may call. */
export interface ToolDefinition {
  /** `^[a-zA-Z0-9_-]{1,64}$`, unique within a request. */
  name: string;
  description?: string;
  /** A JSON Schema object for the arguments. */
  parameters: Record<string, unknown>;
  /** OpenAI's strict function calling; other providers ignore it. */
  strict?: boolean;
}

/** Which tools the model may or must call: `auto` (default), `none`, `required`, or one by name. */
export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

/** A call the model made. */
export interface ToolCall {
  /** The provider's call id (`call_…`, `toolu_…`); a tool message answers it by this id. */
  id: string;
  name: string;
  /** The arguments as JSON text. */
  arguments: string;
}

/**
 * A piece of a streamed tool call: the first piece of a call carries its `id` and `name`; the later
 * ones carry argument fragments. `index` numbers the calls of one answer from 0.
 */
export interface ToolCallDelta {
  index: number;
  id?: string;
  name?: string;
  argumentsDelta: string;
}

/** The tool fields of a generation request. */
export interface ToolUse {
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  /** False forbids more than one call per answer (where the provider can say so). */
  parallelToolCalls?: boolean;
}
