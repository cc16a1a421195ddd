import { countTokens } from 'gpt-tokenizer';
import { describe, expect, it } from 'vitest';
import { countTextTokens } from './token-count.js';

describe('countTextTokens', () => {
  it('counts nothing in an empty string', () => {
    expect(countTextTokens('')).toBe(0);
  });

  it('agrees with the o200k tokenizer on ordinary prose', () => {
    const text = 'The council voted on Tuesday to turn the old fish market into a library.';
    expect(countTextTokens(text)).toBe(countTokens(text));
    expect(countTextTokens(text)).toBeGreaterThan(10);
  });

  it('counts special-token strings as plain text instead of throwing', () => {
    expect(countTextTokens('before <|endoftext|> after')).toBeGreaterThan(3);
  });

  // Without the long-run guard this took seconds (quadratic BPE merges) and could hit the test timeout.
  it('counts a 200,000-character run without spaces plausibly', () => {
    const count = countTextTokens('x'.repeat(200_000));
    expect(count).toBeGreaterThan(10_000);
    expect(count).toBeLessThan(200_000);
  });

  it('does not split surrogate pairs when slicing long runs', () => {
    expect(countTextTokens('😀'.repeat(500))).toBe(countTokens('😀'.repeat(500)));
  });
});
