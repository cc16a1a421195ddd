/** The built-in PII detectors. Custom detectors are named by the policy (see {@link CustomPattern}). */
export const PII_DETECTORS = ['EMAIL', 'PHONE', 'CREDIT_CARD', 'IBAN', 'IP', 'SSN'] as const;
export type PiiDetector = (typeof PII_DETECTORS)[number];

/**
 * - `REDACT`: every finding becomes a typed placeholder (`[EMAIL]`); nothing can be restored.
 * - `TOKENIZE`: every distinct value becomes a numbered placeholder (`[EMAIL_1]`); the same value
 *   gets the same placeholder within one request, and `unmask*` puts the values back into the
 *   model's output before it reaches the caller.
 */
export const MASKING_MODES = ['REDACT', 'TOKENIZE'] as const;
export type MaskingMode = (typeof MASKING_MODES)[number];

/**
 * A caller-defined detector. `name` becomes the placeholder type (`[EMPLOYEE_ID]`), so it is
 * upper-case letters, digits and underscores. `flags` may hold `i`, `m`, `s`, `u` (the scan adds `g`).
 */
export interface CustomPattern {
  name: string;
  pattern: string;
  flags?: string;
}

/** A capability's masking policy, as stored on the capability and validated by `validateMaskingPolicy`. */
export interface MaskingPolicy {
  detectors: PiiDetector[];
  mode: MaskingMode;
  customPatterns?: CustomPattern[];
}

/** How many values of one type a masker replaced (every occurrence counts). */
export interface MaskingFinding {
  type: string;
  count: number;
}

/**
 * Masks one request's input and restores its output. Build one per request: in `TOKENIZE` mode
 * it holds the vault that maps placeholders back to values, and that vault must never outlive
 * the request or be shared across callers.
 */
export interface Masker {
  maskText(text: string): string;
  /** Masks every string value of a JSON value, at any depth. Keys and non-string values are kept. */
  maskJson(value: unknown): unknown;
  /** Replaces this masker's placeholders by their values (`TOKENIZE`); returns `text` as is for `REDACT`. */
  unmaskText(text: string): string;
  unmaskJson(value: unknown): unknown;
  /** Findings so far, in the order their types were first met. */
  readonly findings: MaskingFinding[];
}
