/**
 * Caller-supplied regular expressions (masking custom patterns, JSON Schema `pattern` keywords) run
 * on RE2JS: RE2 semantics, pure JavaScript, matching time linear in the input, so a pattern such as
 * `(a+)+$` cannot stall the event loop the way a backtracking `RegExp` does. Patterns are written in
 * JavaScript syntax and translated; what RE2 cannot run in linear time (lookaround, backreferences)
 * is refused at compile time with {@link UnsupportedPatternError}.
 */
import { RE2JS } from 're2js';

/** Upper bounds on one compiled pattern (RE2 itself refuses repeat counts above 1,000). */
export const LINEAR_REGEX_LIMITS = { patternLength: 1_000, programSize: 10_000 } as const;

export class UnsupportedPatternError extends Error {}

export interface LinearMatch {
  start: number;
  end: number;
}

/** A compiled linear-time pattern. Stateless: safe to share across requests. */
export class LinearRegex {
  private constructor(private readonly compiled: RE2JS) {}

  /**
   * Compiles `pattern` (JavaScript syntax) with JavaScript flags (`i`, `m`, `s`; `u` and `g` are
   * accepted and change nothing: matching is always on code points and scans always go on).
   */
  static compile(pattern: string, flags = ''): LinearRegex {
    if (pattern.length > LINEAR_REGEX_LIMITS.patternLength) {
      throw new UnsupportedPatternError(
        `the pattern is longer than ${LINEAR_REGEX_LIMITS.patternLength} characters`,
      );
    }
    let engineFlags = 0;
    for (const flag of flags) {
      if (flag === 'i') engineFlags |= RE2JS.CASE_INSENSITIVE;
      else if (flag === 'm') engineFlags |= RE2JS.MULTILINE;
      else if (flag === 's') engineFlags |= RE2JS.DOTALL;
      else if (flag !== 'u' && flag !== 'g') throw new UnsupportedPatternError(`unsupported flag "${flag}"`);
    }
    let compiled: RE2JS;
    try {
      compiled = RE2JS.compile(RE2JS.translateRegExp(pattern), engineFlags);
    } catch (error) {
      throw new UnsupportedPatternError(
        `the linear-time regex engine (RE2 syntax: no lookaround, no backreferences) cannot run it: ${
          (error as Error).message
        }`,
      );
    }
    if (compiled.programSize() > LINEAR_REGEX_LIMITS.programSize) {
      throw new UnsupportedPatternError('the pattern compiles to too large a program');
    }
    return new LinearRegex(compiled);
  }

  /** Whether the pattern matches anywhere in `text` (as `RegExp.prototype.test`). */
  test(text: string): boolean {
    return this.compiled.test(text);
  }

  /** Every non-overlapping match, leftmost first (UTF-16 offsets); empty matches are skipped. */
  *matches(text: string): Generator<LinearMatch> {
    const matcher = this.compiled.matcher(text);
    let from = 0;
    while (from <= text.length && matcher.find(from)) {
      const start = matcher.start();
      const end = matcher.end();
      if (end > start) yield { start, end };
      from = end > start ? end : start + 1;
    }
  }

  toString(): string {
    return this.compiled.toString();
  }
}
