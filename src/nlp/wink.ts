/**
 * The one wink-nlp instance of the process, built on first use. The English "lite web" model gives
 * sentence boundaries, tokens, entities, sentiment and stems; word embeddings are loaded separately
 * and lazily (`word-vectors.ts`) because they are large.
 */
import { createRequire } from 'node:module';
import type winkNLP from 'wink-nlp';
import type model from 'wink-eng-lite-web-model';

type WinkInstance = ReturnType<typeof winkNLP>;

// Loaded on first use (≈ 35 MiB of RSS): a gateway serving remote models only never needs them.
const require = createRequire(import.meta.url);
let instance: WinkInstance | undefined;
let loadedModel: typeof model | undefined;

function winkModel(): typeof model {
  loadedModel ??= require('wink-eng-lite-web-model') as typeof model;
  return loadedModel;
}

export function getNlp(): WinkInstance {
  instance ??= (require('wink-nlp') as typeof winkNLP)(winkModel(), [
    'sbd',
    'negation',
    'sentiment',
    'ner',
    'pos',
  ]);
  return instance;
}

let rawStemmer: unknown;
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 50_000;

/**
 * The model's Porter stemmer, memoised: wink's `its.stem` re-stems every token (about 30 ms for a
 * 20 KB text), while a text repeats most of its words.
 */
export function stemWord(word: string): string {
  const lower = word.toLowerCase();
  const cached = stemCache.get(lower);
  if (cached !== undefined) return cached;
  rawStemmer ??= winkModel().addons.stem;
  const stem = typeof rawStemmer === 'function' ? String(rawStemmer(lower)) : lower;
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(lower, stem);
  return stem;
}
