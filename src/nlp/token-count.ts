/**
 * Token counts for usage accounting, with the o200k_base encoding (GPT-4o and later). Counts are an
 * estimate for other model families, which is all usage metering needs.
 *
 * The encoder is loaded on first use (synchronously, its CommonJS build): it takes ≈ 66 MiB of RSS,
 * and a gateway whose providers report usage never needs it (admission estimates are length-based,
 * see routing/usage-estimator.ts).
 */
import { createRequire } from 'node:module';

type CountTokens = typeof import('gpt-tokenizer').countTokens;
let loaded: CountTokens | undefined;

function countTokens(text: string, options: Parameters<CountTokens>[1]): number {
  loaded ??= (createRequire(import.meta.url)('gpt-tokenizer') as typeof import('gpt-tokenizer')).countTokens;
  return loaded(text, options);
}

/** Special-token strings such as `<|endoftext|>` are counted as plain text instead of throwing. */
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/**
 * BPE merging is quadratic in the length of one pre-tokenized piece (100,000 letters without a
 * space take ~8 s), so runs of non-space characters longer than this are counted in slices. The
 * result can differ from the exact count by about one token per slice; such runs are never prose.
 */
const MAX_PIECE = 128;

export function countTextTokens(text: string): number {
  if (text.length === 0) return 0;
  const longRun = new RegExp(`\\S{${MAX_PIECE + 1},}`, 'gu');
  let total = 0;
  let cursor = 0;
  for (const match of text.matchAll(longRun)) {
    const start = match.index;
    if (start > cursor) total += countTokens(text.slice(cursor, start), PLAIN_TEXT);
    total += countLongRun(match[0]);
    cursor = start + match[0].length;
  }
  if (cursor < text.length) total += countTokens(text.slice(cursor), PLAIN_TEXT);
  return total;
}

function countLongRun(run: string): number {
  let total = 0;
  let start = 0;
  while (start < run.length) {
    let end = Math.min(start + MAX_PIECE, run.length);
    const code = run.charCodeAt(end);
    if (end < run.length && code >= 0xdc00 && code <= 0xdfff) end += 1;
    total += countTokens(run.slice(start, end), PLAIN_TEXT);
    start = end;
  }
  return total;
}
