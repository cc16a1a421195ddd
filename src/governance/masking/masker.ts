/**
 * The masker: finds PII with the policy's detectors and replaces it by placeholders, and (in
 * TOKENIZE mode) restores the values in the model's output. One regex pass per detector pattern;
 * overlapping findings are resolved by a single sweep in which the longest span wins, then the
 * earliest, then the detector listed first in `BUILT_IN_DETECTORS` (custom patterns come last).
 */
import { mapJsonStrings } from './map-json-strings.js';
import { customDetectorsOf } from './masking-policy.js';
import type { Masker, MaskingFinding, MaskingPolicy } from './masking.types.js';
import { BUILT_IN_DETECTORS, type CompiledDetector } from './pii-detectors.js';

interface Span {
  start: number;
  end: number;
  type: string;
  /** Position of the detector in the masker's list: lower wins ties. */
  rank: number;
}

const PLACEHOLDER = /\[[A-Z][A-Z0-9_]*_\d+\]/g;

/** Builds the masker for one request. Cheap: detectors are precompiled and shared. */
export function createMasker(policy: MaskingPolicy): Masker {
  const detectors: CompiledDetector[] = [];
  for (const [name, detector] of Object.entries(BUILT_IN_DETECTORS)) {
    if ((policy.detectors as readonly string[]).includes(name)) detectors.push(detector);
  }
  detectors.push(...customDetectorsOf(policy));
  return new RequestMasker(detectors, policy.mode === 'TOKENIZE');
}

class RequestMasker implements Masker {
  private readonly counts = new Map<string, number>();
  /** TOKENIZE only: `type \0 value` → placeholder, and placeholder → value. */
  private readonly placeholderOf = new Map<string, string>();
  private readonly valueOf = new Map<string, string>();
  private readonly nextIndexOf = new Map<string, number>();

  constructor(
    private readonly detectors: readonly CompiledDetector[],
    private readonly tokenize: boolean,
  ) {}

  get findings(): MaskingFinding[] {
    return Array.from(this.counts, ([type, count]) => ({ type, count }));
  }

  maskText(text: string): string {
    if (text.length === 0 || this.detectors.length === 0) return text;
    const spans = resolveOverlaps(findSpans(text, this.detectors));
    if (spans.length === 0) return text;
    let masked = '';
    let cursor = 0;
    for (const span of spans) {
      masked +=
        text.slice(cursor, span.start) + this.placeholderFor(span.type, text.slice(span.start, span.end));
      cursor = span.end;
    }
    return masked + text.slice(cursor);
  }

  maskJson(value: unknown): unknown {
    return mapJsonStrings(value, (text) => this.maskText(text));
  }

  unmaskText(text: string): string {
    if (this.valueOf.size === 0 || !text.includes('[')) return text;
    return text.replace(PLACEHOLDER, (placeholder) => this.valueOf.get(placeholder) ?? placeholder);
  }

  unmaskJson(value: unknown): unknown {
    if (this.valueOf.size === 0) return value;
    return mapJsonStrings(value, (text) => this.unmaskText(text));
  }

  private placeholderFor(type: string, value: string): string {
    this.counts.set(type, (this.counts.get(type) ?? 0) + 1);
    if (!this.tokenize) return `[${type}]`;
    const vaultKey = `${type}\u0000${value}`;
    const known = this.placeholderOf.get(vaultKey);
    if (known !== undefined) return known;
    const index = (this.nextIndexOf.get(type) ?? 0) + 1;
    this.nextIndexOf.set(type, index);
    const placeholder = `[${type}_${index}]`;
    this.placeholderOf.set(vaultKey, placeholder);
    this.valueOf.set(placeholder, value);
    return placeholder;
  }
}

function findSpans(text: string, detectors: readonly CompiledDetector[]): Span[] {
  const spans: Span[] = [];
  for (let rank = 0; rank < detectors.length; rank += 1) {
    const detector = detectors[rank] as CompiledDetector;
    for (const pattern of detector.patterns) {
      if ('linear' in pattern) {
        for (const { start, end } of pattern.linear.matches(text)) {
          spans.push({ start, end, type: detector.type, rank });
        }
        continue;
      }
      const { regex, accept } = pattern;
      regex.lastIndex = 0;
      let match: RegExpExecArray | null;
      while ((match = regex.exec(text)) !== null) {
        const found = match[0];
        const length = found.length === 0 ? 0 : accept === undefined ? found.length : accept(found);
        if (length === 0) {
          regex.lastIndex = match.index + 1;
          continue;
        }
        spans.push({ start: match.index, end: match.index + length, type: detector.type, rank });
        regex.lastIndex = match.index + length;
      }
    }
  }
  return spans;
}

/** Keeps non-overlapping spans in text order; of two overlapping spans the longer one stays. */
function resolveOverlaps(spans: Span[]): Span[] {
  if (spans.length < 2) return spans;
  spans.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || a.rank - b.rank);
  const kept: Span[] = [];
  let current = spans[0] as Span;
  for (let index = 1; index < spans.length; index += 1) {
    const span = spans[index] as Span;
    if (span.start >= current.end) {
      kept.push(current);
      current = span;
    } else if (span.end - span.start > current.end - current.start) {
      current = span;
    }
  }
  kept.push(current);
  return kept;
}
