import { isRecord } from '../http/is-record.js';

/** `message_stop` is the last event of a complete Messages API stream. */
export function isAnthropicFinalChunk(rawChunk: unknown): boolean {
  return isRecord(rawChunk) && rawChunk.type === 'message_stop';
}
