import { describe, expect, it } from 'vitest';
import { createMasker } from './masker.js';
import { validateMaskingPolicy } from './masking-policy.js';
import { PII_DETECTORS, type MaskingPolicy } from './masking.types.js';

const ALL: MaskingPolicy['detectors'] = [...PII_DETECTORS];
const TEXT =
  'Jane (jane@example.com, +44 20 7946 0958) wrote to bob@example.org and again to jane@example.com.';

describe('createMasker', () => {
  it('REDACT replaces every finding by a typed placeholder and counts occurrences', () => {
    const masker = createMasker({ detectors: ALL, mode: 'REDACT' });
    expect(masker.maskText(TEXT)).toBe('Jane ([EMAIL], [PHONE]) wrote to [EMAIL] and again to [EMAIL].');
    expect(masker.findings).toEqual([
      { type: 'EMAIL', count: 3 },
      { type: 'PHONE', count: 1 },
    ]);
    expect(masker.unmaskText('[EMAIL] [EMAIL_1]')).toBe('[EMAIL] [EMAIL_1]');
  });

  it('TOKENIZE gives the same value the same numbered placeholder and restores the output', () => {
    const masker = createMasker({ detectors: ALL, mode: 'TOKENIZE' });
    const masked = masker.maskText(TEXT);
    expect(masked).toBe('Jane ([EMAIL_1], [PHONE_1]) wrote to [EMAIL_2] and again to [EMAIL_1].');
    expect(masker.unmaskText(masked)).toBe(TEXT);
    expect(masker.unmaskText('Reply to [EMAIL_2], not [EMAIL_9] or [PHONE].')).toBe(
      'Reply to bob@example.org, not [EMAIL_9] or [PHONE].',
    );
  });

  it('keeps placeholders stable across the calls of one request but not across requests', () => {
    const first = createMasker({ detectors: ['EMAIL'], mode: 'TOKENIZE' });
    expect(first.maskText('a@example.com')).toBe('[EMAIL_1]');
    expect(first.maskText('b@example.com a@example.com')).toBe('[EMAIL_2] [EMAIL_1]');
    const second = createMasker({ detectors: ['EMAIL'], mode: 'TOKENIZE' });
    expect(second.unmaskText('[EMAIL_1]')).toBe('[EMAIL_1]');
  });

  it('masks every string value of JSON, at any depth, and leaves keys and other values alone', () => {
    const masker = createMasker({ detectors: ['EMAIL', 'SSN'], mode: 'TOKENIZE' });
    const input = {
      'owner@example.com': 'key stays',
      people: [{ email: 'ann@example.com', ssn: '123-45-6789', age: 41, active: true, note: null }],
      nested: { deeper: { list: ['ann@example.com', 7] } },
    };
    const masked = masker.maskJson(input);
    expect(masked).toEqual({
      'owner@example.com': 'key stays',
      people: [{ email: '[EMAIL_1]', ssn: '[SSN_1]', age: 41, active: true, note: null }],
      nested: { deeper: { list: ['[EMAIL_1]', 7] } },
    });
    expect(input.people[0]?.email).toBe('ann@example.com');
    expect(masker.unmaskJson(masked)).toEqual(input);
  });

  it('does not let a JSON key named __proto__ change the prototype', () => {
    const masker = createMasker({ detectors: ['EMAIL'], mode: 'REDACT' });
    const masked = masker.maskJson(JSON.parse('{"__proto__": {"polluted": "x@example.com"}}')) as object;
    expect(Object.getPrototypeOf(masked)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(masked, '__proto__')?.value).toEqual({ polluted: '[EMAIL]' });
  });

  it('resolves overlaps deterministically: the longest finding wins, then the first detector', () => {
    const policy = validateMaskingPolicy({
      detectors: ['EMAIL', 'SSN', 'IP'],
      mode: 'REDACT',
      customPatterns: [
        { name: 'DOMAIN', pattern: String.raw`example\.com` },
        { name: 'TAGGED_SSN', pattern: String.raw`SSN#\d{3}-\d{2}-\d{4}` },
        { name: 'DIGITS', pattern: String.raw`\d{3}-\d{2}-\d{4}` },
      ],
    });
    const masker = createMasker(policy);
    expect(masker.maskText('a@example.com SSN#123-45-6789 123-45-6789 ::ffff:192.0.2.128')).toBe(
      '[EMAIL] [TAGGED_SSN] [SSN] [IP]',
    );
    expect(masker.findings).toEqual([
      { type: 'EMAIL', count: 1 },
      { type: 'TAGGED_SSN', count: 1 },
      { type: 'SSN', count: 1 },
      { type: 'IP', count: 1 },
    ]);
  });

  it('applies custom patterns with their flags and names their placeholders', () => {
    const policy = validateMaskingPolicy({
      detectors: ['EMAIL'],
      mode: 'TOKENIZE',
      customPatterns: [{ name: 'EMPLOYEE_ID', pattern: String.raw`\bemp-\d{5}\b`, flags: 'i' }],
    });
    const masker = createMasker(policy);
    const masked = masker.maskText('EMP-12345 and emp-12345 and emp-99999 mailed x@example.com');
    expect(masked).toBe('[EMPLOYEE_ID_1] and [EMPLOYEE_ID_2] and [EMPLOYEE_ID_3] mailed [EMAIL_1]');
    expect(masker.unmaskText(masked)).toBe('EMP-12345 and emp-12345 and emp-99999 mailed x@example.com');
  });

  it('returns text without findings unchanged', () => {
    const masker = createMasker({ detectors: ALL, mode: 'TOKENIZE' });
    expect(masker.maskText('nothing to see, version 1.2.3.4.5 in 2026')).toBe(
      'nothing to see, version 1.2.3.4.5 in 2026',
    );
    expect(masker.findings).toEqual([]);
  });

  // Speed is measured by the benchmark, not asserted here (no timed tests).
  it('masks every occurrence in a 10 KB text, with one placeholder per distinct value', () => {
    const line = 'Contact jane.doe@example.com or +1 (415) 555-2671 about invoice 2026-11 at 10.0.0.12; ';
    const text = line.repeat(Math.ceil(10_240 / line.length));
    const masker = createMasker({ detectors: ALL, mode: 'TOKENIZE' });
    const masked = masker.maskText(text);
    expect(masked).not.toContain('jane.doe@example.com');
    expect(masked).not.toContain('555-2671');
    expect(masker.unmaskText(masked)).toBe(text);
  });
});

describe('validateMaskingPolicy', () => {
  it('returns a typed policy with detectors de-duplicated', () => {
    expect(
      validateMaskingPolicy({ detectors: ['EMAIL', 'IP', 'EMAIL'], mode: 'REDACT', customPatterns: null }),
    ).toEqual({
      detectors: ['EMAIL', 'IP'],
      mode: 'REDACT',
    });
  });

  it.each([
    [{ detectors: ['EMAIL', 'PASSPORT'], mode: 'REDACT' }, /unknown detector "PASSPORT"/],
    [{ detectors: ['EMAIL'], mode: 'HASH' }, /unknown mode "HASH"/],
    [{ detectors: [], mode: 'REDACT', customPatterns: [{ name: 'X', pattern: '(' }] }, /"X": .*not a valid/],
    [
      { detectors: [], mode: 'REDACT', customPatterns: [{ name: 'X', pattern: 'a*' }] },
      /"X": .*empty string/,
    ],
    [
      { detectors: [], mode: 'REDACT', customPatterns: [{ name: 'X', pattern: String.raw`\b` }] },
      /empty string/,
    ],
    [{ detectors: [], mode: 'REDACT', customPatterns: [{ name: 'X', pattern: '(?=a)' }] }, /empty string/],
    [
      { detectors: [], mode: 'REDACT', customPatterns: [{ name: 'X', pattern: 'a', flags: 'gy' }] },
      /flags "gy"/,
    ],
    [
      { detectors: [], mode: 'REDACT', customPatterns: [{ name: 'bad name', pattern: 'a' }] },
      /"bad name": the name/,
    ],
    [{ detectors: [], mode: 'REDACT', customPatterns: [{ name: 'EMAIL', pattern: 'a' }] }, /already used/],
  ])('rejects %j with a BadUserInputError naming the problem', (input, message) => {
    expect(() => validateMaskingPolicy(input)).toThrowError(
      expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.stringMatching(message) }),
    );
  });

  it('lists every problem at once', () => {
    expect(() => validateMaskingPolicy({ detectors: ['NAME'], mode: 'HIDE' })).toThrow(
      /unknown detector "NAME".*; unknown mode "HIDE"/,
    );
  });
});

describe('custom patterns on the linear-time engine', () => {
  it('masks with a nested-quantifier pattern without backtracking on a hostile input', () => {
    const policy = validateMaskingPolicy({
      detectors: [],
      mode: 'REDACT',
      customPatterns: [{ name: 'RUN', pattern: '(a+)+$' }],
    });
    const masker = createMasker(policy);
    // 29 × "a" + "!" stalled a backtracking RegExp for seconds (doubling per character); this is 100,000.
    const hostile = `${'a'.repeat(100_000)}!`;
    expect(masker.maskText(hostile)).toBe(hostile);
    expect(masker.maskText('xx aaaa')).toBe('xx [RUN]');
  });

  it.each([
    [String.raw`(a)\1`, /linear-time regex engine/],
    ['(?<!a)b', /linear-time regex engine/],
    ['(x{100}){100}', /linear-time regex engine/],
  ])('refuses %s at registration with BAD_USER_INPUT', (pattern, message) => {
    expect(() =>
      validateMaskingPolicy({ detectors: [], mode: 'REDACT', customPatterns: [{ name: 'X', pattern }] }),
    ).toThrowError(
      expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.stringMatching(message) }),
    );
  });

  it.each([[{ name: 'X' }], ['(a+)+$'], [{ not: 'a list' }]])(
    'refuses a malformed customPatterns value %j with BAD_USER_INPUT',
    (customPatterns) => {
      const value = Array.isArray(customPatterns) ? customPatterns : [customPatterns];
      for (const candidate of [value, customPatterns]) {
        expect(() =>
          validateMaskingPolicy({ detectors: [], mode: 'REDACT', customPatterns: candidate }),
        ).toThrowError(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
      }
    },
  );
});
