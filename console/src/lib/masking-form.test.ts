import { describe, expect, it } from 'vitest';
import {
  describePolicy,
  formFromPolicy,
  maskingInput,
  patternProblems,
  regexProblem,
} from './masking-form.js';

describe('the masking-policy form', () => {
  it('starts from the current policy, or an empty REDACT one', () => {
    expect(formFromPolicy(null)).toEqual({ mode: 'REDACT', detectors: [], patterns: [] });
    expect(
      formFromPolicy({
        mode: 'TOKENIZE',
        detectors: ['EMAIL'],
        customPatterns: [{ name: 'EMP', pattern: 'E-\\d+', flags: null }],
      }),
    ).toEqual({
      mode: 'TOKENIZE',
      detectors: ['EMAIL'],
      patterns: [{ name: 'EMP', pattern: 'E-\\d+', flags: '' }],
    });
  });

  it('flags bad names, repeated or built-in names, bad flags and patterns the server would refuse', () => {
    const problems = patternProblems([
      { name: 'employee id', pattern: 'E-\\d+', flags: '' },
      { name: 'EMAIL', pattern: 'x+', flags: '' },
      { name: 'EMP', pattern: 'E-\\d+', flags: 'g' },
      { name: 'EMP', pattern: '(?<=E)\\d+', flags: '' },
      { name: 'OK', pattern: 'a*', flags: '' },
      { name: 'FINE', pattern: '[A-Z]{2}\\d{4}', flags: 'i' },
    ]);
    expect(problems[0]?.name).toMatch(/Upper-case letters/);
    expect(problems[1]?.name).toMatch(/built-in detector/);
    expect(problems[2]?.flags).toMatch(/i, m, s and u/);
    expect(problems[3]?.name).toMatch(/used by another pattern/);
    expect(problems[3]?.pattern).toMatch(/Lookahead and lookbehind/);
    expect(problems[4]?.pattern).toMatch(/empty text/);
    expect(problems[5]).toBeUndefined();
    expect(regexProblem('(a', '')).toMatch(/Not a valid regular expression/);
    expect(regexProblem('(a)\\1', '')).toMatch(/Backreferences/);
    expect(regexProblem('', '')).toMatch(/Enter/);
    expect(regexProblem('a'.repeat(501), '')).toMatch(/500/);
  });

  it('builds the mutation input in detector order, flags only when set, and refuses to build with problems', () => {
    expect(
      maskingInput('summarize', {
        mode: 'TOKENIZE',
        detectors: ['PHONE', 'EMAIL'],
        patterns: [{ name: 'EMPLOYEE_ID', pattern: 'E-\\d{6}', flags: '' }],
      }),
    ).toEqual({
      input: {
        capability: 'summarize',
        mode: 'TOKENIZE',
        detectors: ['EMAIL', 'PHONE'],
        customPatterns: [{ name: 'EMPLOYEE_ID', pattern: 'E-\\d{6}' }],
      },
    });
    expect(
      maskingInput('summarize', {
        mode: 'REDACT',
        detectors: [],
        patterns: [{ name: 'x', pattern: '', flags: '' }],
      }),
    ).toEqual({ problem: 'Fix the pattern problems shown above first.' });
  });

  it('describes a policy in one line', () => {
    expect(describePolicy(null)).toBe('org default');
    expect(
      describePolicy({
        mode: 'TOKENIZE',
        detectors: ['EMAIL'],
        customPatterns: [{ name: 'EMP', pattern: 'x' }],
      }),
    ).toBe('tokenize: EMAIL, EMP');
    expect(describePolicy({ mode: 'REDACT', detectors: [], customPatterns: [] })).toBe('redact: none');
  });
});
