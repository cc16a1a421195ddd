/**
 * Token estimates for admission (rate limits, budget reservations), with no tokenizer on the
 * request path: input tokens from the text's length, output tokens from what this capability and
 * model actually returned so far. Both start from static guesses and are calibrated, per
 * (capability, model), from the usage the providers report. Estimates only size reservations:
 * every run is still settled to its exact cost.
 *
 * Why running estimates: a static guess (256 output tokens for a custom capability, say) that is
 * ~9× what the model returns makes a HARD budget look spent while it is not, and refuses requests
 * it could afford. Each instance learns on its own (in memory, a few numbers per pair).
 */

/** Characters per token of English prose under BPE is ≈ 4; ASCII is weighed at 1/4 token. */
const ASCII_TOKENS_PER_CHAR = 0.25;
/** Other scripts (CJK above all) can take a token per character: counted at 1, the safe side. */
const OTHER_TOKENS_PER_CHAR = 1;
/** Prompt wrapping (system message, template, role markers) before any observation. */
const STATIC_OVERHEAD_TOKENS = 40;
/** Weight of the newest observation in the running means. */
const SMOOTHING = 0.2;
/** The output estimate is mean + this many mean absolute deviations (most answers fit it). */
const DEVIATIONS = 2;
/** Pairs remembered; the least recently added go first beyond it. */
const MAX_PAIRS = 10_000;

interface Calibration {
  /** Observed input tokens ÷ weighted length (EMA). */
  inputRatio: number;
  outputMean: number;
  outputDeviation: number;
  observations: number;
}

export interface TokenEstimate {
  inputTokens: number;
  outputTokens: number;
}

export class UsageEstimator {
  private readonly pairs = new Map<string, Calibration>();

  /**
   * Tokens of `inputText` sent to `model` for `capability`, and of its answer. `staticOutputTokens`
   * (the handler's guess) serves until the pair has been observed once.
   */
  estimate(capability: string, model: string, inputText: string, staticOutputTokens: number): TokenEstimate {
    const weighted = weightedLength(inputText);
    const calibration = this.pairs.get(pairKey(capability, model));
    if (!calibration) {
      return {
        inputTokens: Math.ceil(weighted) + STATIC_OVERHEAD_TOKENS,
        outputTokens: Math.max(0, Math.ceil(staticOutputTokens)),
      };
    }
    return {
      inputTokens: Math.ceil((weighted + STATIC_OVERHEAD_TOKENS) * calibration.inputRatio),
      outputTokens: Math.ceil(calibration.outputMean + DEVIATIONS * calibration.outputDeviation),
    };
  }

  /** Calibrates the pair from the usage a provider reported for `inputText`. */
  observe(capability: string, model: string, inputText: string, usage: TokenEstimate): void {
    if (!(usage.inputTokens >= 0 && usage.outputTokens >= 0)) return;
    const key = pairKey(capability, model);
    const basis = weightedLength(inputText) + STATIC_OVERHEAD_TOKENS;
    const ratio = usage.inputTokens / basis;
    const current = this.pairs.get(key);
    if (!current) {
      if (this.pairs.size >= MAX_PAIRS) {
        const oldest = this.pairs.keys().next();
        if (!oldest.done) this.pairs.delete(oldest.value);
      }
      this.pairs.set(key, {
        inputRatio: ratio,
        outputMean: usage.outputTokens,
        outputDeviation: 0,
        observations: 1,
      });
      return;
    }
    current.inputRatio += SMOOTHING * (ratio - current.inputRatio);
    const error = usage.outputTokens - current.outputMean;
    current.outputMean += SMOOTHING * error;
    current.outputDeviation += SMOOTHING * (Math.abs(error) - current.outputDeviation);
    current.observations++;
  }

  /** How many runs calibrated the pair (0 = the static guesses still apply). */
  observations(capability: string, model: string): number {
    return this.pairs.get(pairKey(capability, model))?.observations ?? 0;
  }
}

/** The static token estimate of a text: ASCII code units count 1/4 token, others 1. No allocation. */
export function weightedLength(text: string): number {
  let other = 0;
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 0x7f) other++;
  return (text.length - other) * ASCII_TOKENS_PER_CHAR + other * OTHER_TOKENS_PER_CHAR;
}

function pairKey(capability: string, model: string): string {
  return `${capability}\u0000${model}`;
}
