import type { StreamPart } from '../../src/providers/provider.types.js';

export interface CollectedStream {
  parts: StreamPart[];
  /** The deltas joined. */
  text: string;
  /** What the stream threw, if it did (after `parts`). */
  error?: unknown;
}

/** Reads a `doStream` iterable to its end or its error, keeping every part. */
export async function collectStream(stream: AsyncIterable<StreamPart>): Promise<CollectedStream> {
  const parts: StreamPart[] = [];
  try {
    for await (const part of stream) parts.push(part);
  } catch (error) {
    return { parts, text: textOf(parts), error };
  }
  return { parts, text: textOf(parts) };
}

/** The error a promise rejects with; fails when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject, but it resolved.');
}

function textOf(parts: StreamPart[]): string {
  return parts.map((part) => (part.type === 'delta' ? part.text : '')).join('');
}
