/**
 * The structured output of a streaming custom capability as far as it has arrived: each DELTA of a
 * capability with an `outputSchema` carries the JSON value parsed from the text so far, so a client
 * can render a growing object instead of re-parsing fragments. Partial strings, arrays, objects and
 * literals are completed (`{"title": "Hel` → `{ title: "Hel" }`); partial numbers are left out until
 * they end, so a number never shows a value it will not have. Malformed text shows what parsed
 * before the fault. Not validated: COMPLETED carries the validated object (or the run FAILS).
 */
import { Allow, parse } from 'partial-json';

const ALLOW_PARTIAL = Allow.ALL & ~Allow.NUM;
/** Beyond this much text, stop parsing prefixes (each parse is linear in the text so far). */
const MAX_TRACKED_CHARACTERS = 1_000_000;

export class PartialOutputTracker {
  private text = '';
  private last: string | undefined;

  /**
   * Adds the next fragment and returns the value parsed from the whole prefix, or undefined when
   * there is nothing (new) to show yet: no JSON started, malformed so far, or unchanged.
   */
  push(fragment: string): { partialOutput: unknown } | undefined {
    this.text += fragment;
    if (this.text.length > MAX_TRACKED_CHARACTERS) return undefined;
    const value = parsePartialJson(this.text);
    if (value === undefined) return undefined;
    const serialized = JSON.stringify(value);
    if (serialized === this.last) return undefined;
    this.last = serialized;
    return { partialOutput: value };
  }
}

/**
 * The JSON value of a prefix of a model's answer, skipping what models put before it (a ```json
 * fence, a sentence): parsing starts at the first `{` or `[`. Undefined when none or malformed.
 */
export function parsePartialJson(prefix: string): unknown {
  const start = prefix.search(/[{[]/);
  if (start < 0) return undefined;
  let body = prefix.slice(start);
  // A closing fence may already have arrived after the value.
  const fence = body.indexOf('```');
  if (fence >= 0) body = body.slice(0, fence);
  try {
    return parse(body.trimEnd(), ALLOW_PARTIAL) as unknown;
  } catch {
    // Malformed so far (the model is not writing JSON): nothing to show; COMPLETED or FAILED will say.
    return undefined;
  }
}

/** A tracker for the DELTAs of a run of `capability`, when they carry `partialOutput` (custom with an outputSchema). */
export function partialOutputTrackerFor(capability: {
  kind: string;
  outputSchema?: unknown;
}): PartialOutputTracker | undefined {
  return capability.kind === 'custom' && capability.outputSchema ? new PartialOutputTracker() : undefined;
}
