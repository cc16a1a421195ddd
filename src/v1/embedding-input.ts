/**
 * The `input` of `POST /v1/embeddings` as OpenAI accepts it: a string, an array of strings, an array
 * of token ids, or an array of token-id arrays. Token ids are decoded with cl100k_base, the encoding
 * of OpenAI's embedding models, so every provider receives text.
 */
import { decode } from 'gpt-tokenizer/encoding/cl100k_base';
import { invalid } from './v1-request-fields.js';

const MAX_EMBEDDING_INPUTS = 2048;
/** cl100k_base has 100,277 token ids (special ones included). */
const MAX_TOKEN_ID = 100_276;

export function parseEmbeddingInput(raw: unknown): string[] {
  if (typeof raw === 'string') return [raw];
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_EMBEDDING_INPUTS) throw badInput();
  if (raw.every((item) => typeof item === 'string')) return raw as string[];
  if (raw.every(isTokenId)) return [decodeTokens(raw as number[])];
  if (raw.every((item) => Array.isArray(item) && item.length > 0 && item.every(isTokenId)))
    return (raw as number[][]).map(decodeTokens);
  throw badInput();
}

function isTokenId(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_TOKEN_ID;
}

function decodeTokens(tokens: number[]): string {
  try {
    return decode(tokens);
  } catch {
    throw invalid('input', 'input contains token ids that do not decode.');
  }
}

function badInput() {
  return invalid(
    'input',
    `input must be a string, an array of 1 to ${MAX_EMBEDDING_INPUTS} strings, an array of token ids, or an array of token-id arrays.`,
  );
}
