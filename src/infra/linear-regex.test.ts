import { describe, expect, it } from 'vitest';
import { LinearRegex, UnsupportedPatternError } from './linear-regex.js';

describe('LinearRegex', () => {
  it('runs a catastrophic-backtracking pattern on a long hostile input to completion', () => {
    // `(a+)+$` on "aaa…a!" backtracks 2^n steps with RegExp; the linear engine scans it once.
    const regex = LinearRegex.compile('(a+)+$');
    expect(regex.test(`${'a'.repeat(200_000)}!`)).toBe(false);
    expect(regex.test('aaa')).toBe(true);
  });

  it('finds every non-overlapping match with JavaScript flags', () => {
    const regex = LinearRegex.compile(String.raw`\bemp-\d{5}\b`, 'i');
    expect([...regex.matches('x EMP-12345 and emp-99999 é')]).toEqual([
      { start: 2, end: 11 },
      { start: 16, end: 25 },
    ]);
  });

  it.each([
    ['(?=a)b', 'lookahead'],
    ['(?<!a)b', 'lookbehind'],
    [String.raw`(a)\1`, 'backreference'],
    ['(a{100}){100}', 'repeat count'],
    ['a'.repeat(1_001), 'too long'],
  ])('refuses %s (%s), which it cannot run in linear time', (pattern) => {
    expect(() => LinearRegex.compile(pattern)).toThrow(UnsupportedPatternError);
  });
});
