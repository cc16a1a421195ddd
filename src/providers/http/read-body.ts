import type { Readable } from 'node:stream';

/** Error bodies are only summarised, so reading more than this is waste. */
const MAX_ERROR_BODY_BYTES = 16 * 1024;

/**
 * Reads at most `limit` bytes of an error response body and releases the rest. Never throws: an
 * unreadable error body should not hide the status that came with it.
 */
export async function readErrorBody(
  body: Readable,
  limit = MAX_ERROR_BODY_BYTES,
): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= limit) break;
    }
  } catch {
    // Keep whatever arrived before the failure.
  } finally {
    if (!body.readableEnded) body.destroy();
  }
  return chunks.length === 0 ? undefined : Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}
