import type { IncomingHttpHeaders } from 'node:http';

/** One request as a fake server received it. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string: `/v1/chat/completions`. */
  path: string;
  query: Record<string, string>;
  /** Lower-case header names, as Node gives them. */
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; the raw text when it is not JSON; undefined when empty. */
  body: unknown;
  /** The client's port: requests sharing one came over the same (kept-alive) connection. */
  remotePort: number | undefined;
}

export type FakeFinishReason = 'stop' | 'length' | 'content-filter';

export interface FakeUsage {
  inputTokens: number;
  outputTokens: number;
}

/**
 * What a fake server does with the next model call (generation or embedding). `reply` answers as
 * the real API would: JSON, or SSE when the request asked for a stream.
 */
export type FakeScenario =
  | {
      type: 'reply';
      /** Reply text, or a function of the request (echo, per-test logic). Default: a fixed sentence. */
      text?: string | ((request: RecordedRequest) => string);
      /** Wait before the response headers (a slow upstream). */
      delayMs?: number;
      /** Streamed text chunks; default one per word. */
      chunks?: number;
      /** Pause between streamed chunks; default 0 (the whole stream in one write). */
      chunkIntervalMs?: number;
      /** Default: about one token per 4 characters of prompt and reply. */
      usage?: Partial<FakeUsage>;
      finishReason?: FakeFinishReason;
      /** Tool calls the model makes (after `text`, if any); the finish reason becomes the protocol's tool one. */
      toolCalls?: FakeToolCall[];
      /** Stop a stream after this many text chunks: `destroy` the socket (default) or `end` cleanly but early. */
      cutAfterChunks?: number;
      cutMode?: 'destroy' | 'end';
    }
  | {
      type: 'error';
      status: number;
      /** Replaces the message of the protocol's real error body for this status. */
      message?: string;
      /** E.g. `{ 'retry-after': '1' }`. */
      headers?: Record<string, string>;
      /** A raw body instead of the protocol's JSON error. */
      rawBody?: string;
      delayMs?: number;
    }
  /** Accepts the request and never answers. */
  | { type: 'hang' }
  /** Answers 200 with a body (or stream event) that is not valid JSON. */
  | { type: 'invalid-json' }
  /** Destroys the connection without answering. */
  | { type: 'reset' };

/** A call the fake model makes: a tool name and its arguments. */
export interface FakeToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** A `reply` scenario resolved against one request. */
export interface ResolvedReply {
  text: string;
  /** Tool calls with fresh ids and their arguments as JSON text. */
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
  /** The text split into stream chunks. */
  pieces: string[];
  usage: FakeUsage;
  finishReason: FakeFinishReason;
  /** A fresh response id. */
  id: string;
}

/** Splits a reply into `count` chunks of similar length, or one per word. */
export function splitText(text: string, count: number | undefined): string[] {
  if (text === '') return [];
  if (count === undefined) return text.match(/\s*\S+\s*/g) ?? [text];
  const characters = Array.from(text);
  const size = Math.ceil(characters.length / Math.max(1, count));
  const pieces: string[] = [];
  for (let start = 0; start < characters.length; start += size) {
    pieces.push(characters.slice(start, start + size).join(''));
  }
  return pieces;
}

/** A stable, rough token count: one token per 4 characters, at least 1. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
