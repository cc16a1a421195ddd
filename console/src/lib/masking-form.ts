/**
 * The masking-policy form's state and its checks as you type, mirroring what the server refuses
 * (src/governance/masking/masking-policy.ts): at most 20 custom patterns; names of upper-case letters,
 * digits and `_` (at most 40), not a built-in detector's and not repeated; patterns non-empty, at most
 * 500 characters, valid, not matching the empty string, without lookaround or backreferences (the
 * server runs them on a linear-time RE2-style engine); flags among i, m, s, u. The server's own check
 * still runs on save and its message is shown.
 */
import type { MaskingMode, PiiDetector } from '../generated/graphql.js';

export const DETECTORS: { value: PiiDetector; label: string }[] = [
  { value: 'EMAIL', label: 'E-mail addresses' },
  { value: 'PHONE', label: 'Phone numbers' },
  { value: 'CREDIT_CARD', label: 'Payment card numbers' },
  { value: 'IBAN', label: 'IBANs' },
  { value: 'IP', label: 'IP addresses' },
  { value: 'SSN', label: 'US social security numbers' },
];

export const LIMITS = { customPatterns: 20, patternLength: 500 } as const;

export interface PatternRow {
  name: string;
  pattern: string;
  flags: string;
}

export interface MaskingFormState {
  mode: MaskingMode;
  detectors: PiiDetector[];
  patterns: PatternRow[];
}

export interface PolicyLike {
  mode: MaskingMode;
  detectors: readonly PiiDetector[];
  customPatterns: readonly { name: string; pattern: string; flags?: string | null }[];
}

export function formFromPolicy(policy: PolicyLike | null | undefined): MaskingFormState {
  if (!policy) return { mode: 'REDACT', detectors: [], patterns: [] };
  return {
    mode: policy.mode,
    detectors: [...policy.detectors],
    patterns: policy.customPatterns.map((item) => ({
      name: item.name,
      pattern: item.pattern,
      flags: item.flags ?? '',
    })),
  };
}

const NAME = /^[A-Z][A-Z0-9_]{0,39}$/;
const FLAGS = /^[imsu]*$/;
const BUILT_IN = new Set<string>(DETECTORS.map((item) => item.value));

/** Problems of each pattern row, by index and field; an empty object when the form can be saved. */
export function patternProblems(
  patterns: readonly PatternRow[],
): Record<number, { name?: string; pattern?: string; flags?: string }> {
  const problems: Record<number, { name?: string; pattern?: string; flags?: string }> = {};
  const seen = new Set<string>();
  patterns.forEach((row, index) => {
    const found: { name?: string; pattern?: string; flags?: string } = {};
    if (!NAME.test(row.name))
      found.name =
        'Upper-case letters, digits and _ only, starting with a letter (at most 40), e.g. EMPLOYEE_ID.';
    else if (BUILT_IN.has(row.name))
      found.name = `${row.name} is a built-in detector: tick it above instead.`;
    else if (seen.has(row.name)) found.name = `${row.name} is used by another pattern.`;
    seen.add(row.name);
    if (!FLAGS.test(row.flags)) found.flags = 'Only the flags i, m, s and u.';
    const problem = regexProblem(row.pattern, FLAGS.test(row.flags) ? row.flags : '');
    if (problem) found.pattern = problem;
    if (found.name || found.pattern || found.flags) problems[index] = found;
  });
  return problems;
}

export function regexProblem(pattern: string, flags: string): string | undefined {
  if (pattern.length === 0) return 'Enter a regular expression.';
  if (pattern.length > LIMITS.patternLength) return `At most ${LIMITS.patternLength} characters.`;
  if (/\(\?<?[=!]/.test(pattern)) return 'Lookahead and lookbehind are not supported (linear-time engine).';
  if (/\\[1-9]|\\k</.test(pattern)) return 'Backreferences are not supported (linear-time engine).';
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, `${flags}g`);
  } catch (error) {
    return `Not a valid regular expression: ${(error as Error).message}`;
  }
  for (const probe of ['', 'a', 'A0 _\n.-@+', '0123456789'])
    for (const match of probe.matchAll(regex))
      if (match[0] === '') return 'The pattern can match empty text.';
  return undefined;
}

/** The mutation's input, or the first problem that keeps the form from being saved. */
export function maskingInput(
  capability: string,
  state: MaskingFormState,
):
  | {
      input: {
        capability: string;
        mode: MaskingMode;
        detectors: PiiDetector[];
        customPatterns: { name: string; pattern: string; flags?: string }[];
      };
    }
  | { problem: string } {
  if (state.patterns.length > LIMITS.customPatterns)
    return { problem: `At most ${LIMITS.customPatterns} custom patterns.` };
  if (Object.keys(patternProblems(state.patterns)).length > 0)
    return { problem: 'Fix the pattern problems shown above first.' };
  return {
    input: {
      capability,
      mode: state.mode,
      detectors: DETECTORS.map((item) => item.value).filter((value) => state.detectors.includes(value)),
      customPatterns: state.patterns.map((row) => ({
        name: row.name,
        pattern: row.pattern,
        ...(row.flags ? { flags: row.flags } : {}),
      })),
    },
  };
}

/** One line for the policies panel: "tokenize: EMAIL, PHONE, EMPLOYEE_ID". */
export function describePolicy(policy: PolicyLike | null | undefined): string {
  if (!policy) return 'org default';
  const names = [...policy.detectors, ...policy.customPatterns.map((item) => item.name)];
  return `${policy.mode.toLowerCase()}: ${names.join(', ') || 'none'}`;
}
