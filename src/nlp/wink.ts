/**
 * The one wink-nlp instance of the process, built on first use. The English "lite web" model gives
 * sentence boundaries, tokens, entities, sentiment and stems; word embeddings are loaded separately
 * and lazily (`word-vectors.ts`) because they are large.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

type WinkInstance = ReturnType<typeof winkNLP>;

let instance: WinkInstance | undefined;

export function getNlp(): WinkInstance {
  instance ??= winkNLP(model, ['sbd', 'negation', 'sentiment', 'ner', 'pos']);
  return instance;
}

const rawStemmer: unknown = model.addons.stem;
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
  const stem = typeof rawStemmer === 'function' ? String(rawStemmer(lower)) : lower;
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(lower, stem);
  return stem;
}
