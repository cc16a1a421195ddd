import { isRecord } from '../http/is-record.js';

/**
 * A Gemini stream is complete once a candidate carries a `finishReason` (other than `CONTINUATION`,
 * after which the SDK requests the rest itself), or the prompt was blocked outright.
 */
export function isGeminiFinalChunk(rawChunk: unknown): boolean {
  if (!isRecord(rawChunk)) return false;
  if (isRecord(rawChunk.promptFeedback) && typeof rawChunk.promptFeedback.blockReason === 'string')
    return true;
  const candidates = Array.isArray(rawChunk.candidates) ? rawChunk.candidates : [];
  return candidates.some(
    (candidate) =>
      isRecord(candidate) &&
      typeof candidate.finishReason === 'string' &&
      candidate.finishReason !== 'CONTINUATION',
  );
}

/** Gemini's `responseId`, which `@ai-sdk/google` does not surface. */
export function geminiResponseIdOf(raw: unknown): string | undefined {
  return isRecord(raw) && typeof raw.responseId === 'string' ? raw.responseId : undefined;
}
