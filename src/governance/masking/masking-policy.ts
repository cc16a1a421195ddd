/**
 * Validation of masking policies (at write time, from the admin API) and compilation of their
 * custom patterns (once per policy object, not per request). Custom patterns run on the
 * linear-time engine (`LinearRegex`, RE2 semantics): a pattern it cannot run is refused here.
 */
import { BadUserInputError } from '../../errors/app-error.js';
import { LinearRegex, UnsupportedPatternError } from '../../infra/linear-regex.js';
import type { CompiledDetector } from './pii-detectors.js';
import {
  MASKING_MODES,
  PII_DETECTORS,
  type CustomPattern,
  type MaskingMode,
  type MaskingPolicy,
  type PiiDetector,
} from './masking.types.js';

/** Upper bounds that keep a policy cheap to run on every request. */
export const MASKING_POLICY_LIMITS = { customPatterns: 20, patternLength: 500 } as const;

const CUSTOM_NAME = /^[A-Z][A-Z0-9_]{0,39}$/;
const ALLOWED_FLAGS = /^[imsu]*$/;
/** Characters a pattern that can match the empty string will match emptily somewhere in. */
const EMPTY_MATCH_PROBES = ['', 'a', 'A0 _\n.-@+', '0123456789'];

export interface MaskingPolicyInput {
  detectors: readonly string[];
  mode: string;
  /** As the caller sent it (a JSON value): checked to be a list of `{ name, pattern, flags? }`. */
  customPatterns?: unknown;
}

/**
 * Checks a policy as an admin submitted it and returns it typed and normalised (detectors
 * de-duplicated). Throws one BadUserInputError that lists every problem found.
 */
export function validateMaskingPolicy(input: MaskingPolicyInput): MaskingPolicy {
  const problems: string[] = [];
  const detectors: PiiDetector[] = [];
  for (const detector of input.detectors) {
    if (!isPiiDetector(detector)) {
      problems.push(`unknown detector "${detector}" (expected one of ${PII_DETECTORS.join(', ')})`);
    } else if (!detectors.includes(detector)) {
      detectors.push(detector);
    }
  }
  if (!isMaskingMode(input.mode)) {
    problems.push(`unknown mode "${input.mode}" (expected ${MASKING_MODES.join(' or ')})`);
  }
  const customPatterns = validateCustomPatterns(input.customPatterns ?? [], problems);
  if (problems.length > 0 || !isMaskingMode(input.mode)) {
    throw new BadUserInputError(`Invalid masking policy: ${problems.join('; ')}.`);
  }
  return customPatterns.length > 0
    ? { detectors, mode: input.mode, customPatterns }
    : { detectors, mode: input.mode };
}

function validateCustomPatterns(patterns: unknown, problems: string[]): CustomPattern[] {
  if (patterns === null || patterns === undefined) return [];
  if (!Array.isArray(patterns)) {
    problems.push('customPatterns must be a list of { name, pattern, flags }');
    return [];
  }
  if (patterns.length > MASKING_POLICY_LIMITS.customPatterns) {
    problems.push(`at most ${MASKING_POLICY_LIMITS.customPatterns} custom patterns are allowed`);
    return [];
  }
  const names = new Set<string>(PII_DETECTORS);
  const valid: CustomPattern[] = [];
  for (const [index, entry] of patterns.entries()) {
    const { name, pattern, flags } = (entry ?? {}) as Record<string, unknown>;
    if (
      typeof name !== 'string' ||
      typeof pattern !== 'string' ||
      (flags !== undefined && flags !== null && typeof flags !== 'string')
    ) {
      problems.push(`customPatterns[${index}] must be { name: string, pattern: string, flags?: string }`);
      continue;
    }
    const label = `custom pattern "${name.slice(0, 40)}"`;
    if (!CUSTOM_NAME.test(name)) {
      problems.push(`${label}: the name must be upper-case letters, digits and underscores (at most 40)`);
      continue;
    }
    if (names.has(name)) {
      problems.push(`${label}: the name is already used by a detector or another pattern`);
      continue;
    }
    names.add(name);
    const problem = patternProblem(pattern, flags ?? '');
    if (problem !== undefined) {
      problems.push(`${label}: ${problem}`);
      continue;
    }
    valid.push(flags ? { name, pattern, flags } : { name, pattern });
  }
  return valid;
}

function patternProblem(pattern: string, flags: string): string | undefined {
  if (pattern.length === 0) return 'the pattern is empty';
  if (pattern.length > MASKING_POLICY_LIMITS.patternLength) {
    return `the pattern is longer than ${MASKING_POLICY_LIMITS.patternLength} characters`;
  }
  if (!ALLOWED_FLAGS.test(flags)) return `unsupported flags "${flags}" (allowed: i, m, s, u)`;
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, `${flags}g`);
  } catch (error) {
    return `the pattern is not a valid regular expression (${(error as Error).message})`;
  }
  // The probes are a few characters long, so even a backtracking pattern stays cheap on them.
  for (const probe of EMPTY_MATCH_PROBES) {
    for (const match of probe.matchAll(regex)) {
      if (match[0] === '') return 'the pattern can match the empty string';
    }
  }
  try {
    LinearRegex.compile(pattern, flags);
  } catch (error) {
    if (error instanceof UnsupportedPatternError) return error.message;
    throw error;
  }
  return undefined;
}

const compiledCustomPatterns = new WeakMap<MaskingPolicy, readonly CompiledDetector[]>();

/** The policy's custom detectors, compiled once per policy object (policies come from a cache). */
export function customDetectorsOf(policy: MaskingPolicy): readonly CompiledDetector[] {
  let detectors = compiledCustomPatterns.get(policy);
  if (detectors === undefined) {
    detectors = (policy.customPatterns ?? []).map(({ name, pattern, flags }) => ({
      type: name,
      patterns: [{ linear: LinearRegex.compile(pattern, flags ?? '') }],
    }));
    compiledCustomPatterns.set(policy, detectors);
  }
  return detectors;
}

function isPiiDetector(value: string): value is PiiDetector {
  return (PII_DETECTORS as readonly string[]).includes(value);
}

function isMaskingMode(value: string): value is MaskingMode {
  return (MASKING_MODES as readonly string[]).includes(value);
}
