/**
 * Warm start of the local models: right after the service starts, everything they load on first use
 * is loaded in the background — the word vectors (from the binary cache, or parsed from the package
 * and cached for the next start), the zero-shot classifier's semantic space, the sentiment lexicons
 * and the word polarities induced from the vectors, wink-nlp's model and
 * compromise's lexicon — so the first request after `ready` answers in its normal time. `/readyz`
 * reports the state as `models`: `loading` (and not ready), `ready`, `failed` (the models load lazily
 * on first use instead; the service stays ready), or `off` (warm start disabled).
 */
import { prepareSentimentModel } from '../analyze/sentiment-lexicon.js';
import { analyzeText } from '../analyze/text-analyzer.js';
import { classifyText } from '../classify/zero-shot-classifier.js';
import { summarizeExtractive } from '../summarize/extractive-summarizer.js';

export type LocalModelsState = 'off' | 'loading' | 'ready' | 'failed';

let state: LocalModelsState = 'off';
let warming: Promise<LocalModelsState> | undefined;

export function localModelsState(): LocalModelsState {
  return state;
}

/** Starts loading once per process; later calls share the first. Never rejects. */
export function warmUpLocalModels(onError?: (error: unknown) => void): Promise<LocalModelsState> {
  warming ??= (async () => {
    state = 'loading';
    // Let the server bind and answer probes first: loading is CPU work on the same thread.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      const sample = 'Angela Merkel praised the new Apple store in Berlin, but the queue was awful.';
      await prepareSentimentModel();
      analyzeText(sample);
      summarizeExtractive(`${sample} The store opened on Monday. Prices were high.`, { maxSentences: 1 });
      await classifyText({ text: sample, labels: ['politics', 'shopping'] });
      state = 'ready';
    } catch (error) {
      state = 'failed';
      onError?.(error);
    }
    return state;
  })();
  return warming;
}
