/**
 * The terms BM25 indexes and searches: lower-case word tokens, English stopwords removed, Porter2
 * stems — the same analysis for documents and queries.
 *
 * Stopwords are the Snowball English list (function words only), not wink's larger list, which also
 * drops content words a query may hinge on ("name", "amount", "empty", "bottom", "call", "first").
 *
 * Retrieval text runs through its own light wink-nlp instance (tokens and sentence boundaries only)
 * rather than the shared full pipeline of `src/nlp/wink.ts`: it needs no part-of-speech, entity or
 * sentiment passes, and skipping them makes chunking plus term analysis about twice as fast
 * (measured on a 200 KB text), for about 9 MB of heap. Stems are memoized: stemming is most of the
 * remaining cost of `analyzeTerms`, and vocabularies repeat.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

type RetrievalNlp = ReturnType<typeof winkNLP>;

const STEM_CACHE_LIMIT = 100_000;

const STOPWORDS = new Set(
  (
    'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her ' +
    'hers herself it its itself they them their theirs themselves what which who whom this that these ' +
    'those am is are was were be been being have has had having do does did doing would should could ' +
    'ought can will shall may might must a an the and but if or because as until while of at by for ' +
    'with about against between into through during before after above below to from up down in out on ' +
    'off over under again further then once here there when where why how all any both each few more ' +
    'most other some such no nor not only own same so than too very just'
  ).split(' '),
);

let retrievalNlp: RetrievalNlp | undefined;
let stemWord: ((word: string) => string) | undefined;
const stemCache = new Map<string, string>();

/** The light wink-nlp instance of retrieval, shared with the chunker. */
export function getRetrievalNlp(): RetrievalNlp {
  retrievalNlp ??= winkNLP(model, ['sbd']);
  return retrievalNlp;
}

/** The model's Porter2 stemmer (what `its.stem` calls), typed `unknown` by the model's declarations. */
function getStemmer(): (word: string) => string {
  if (stemWord) return stemWord;
  const stemmer: unknown = model.addons.stem;
  if (typeof stemmer !== 'function') throw new Error('wink-eng-lite-web-model provides no stemmer');
  const typed = stemmer as (word: string) => unknown;
  stemWord = (word) => String(typed(word));
  return stemWord;
}

function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemmed = getStemmer()(word);
    stemCache.set(word, stemmed);
  }
  return stemmed;
}

export function analyzeTerms(text: string): string[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const nlp = getRetrievalNlp();
  const its = nlp.its;
  const tokens = nlp.readDoc(text).tokens();
  const types = tokens.out(its.type);
  const normals = tokens.out(its.normal);
  const terms: string[] = [];
  for (let position = 0; position < types.length; position += 1) {
    const normal = normals[position];
    if (types[position] !== 'word' || typeof normal !== 'string' || STOPWORDS.has(normal)) continue;
    if (!/^[\p{L}\p{N}]/u.test(normal)) continue;
    terms.push(stem(normal));
  }
  return terms;
}

/**
 * Term frequencies as one string for MongoDB (whose keys may not contain "." or start with "$", and
 * FerretDB refuses nested arrays): `term:count` pairs separated by spaces, count omitted when 1,
 * with "%", ":" and whitespace inside a term percent-encoded. Example: `run:3 fast cat:2`.
 */
export function encodeTermFrequencies(terms: Map<string, number>): string {
  const entries: string[] = [];
  for (const [term, frequency] of terms) {
    if (term.length === 0 || !(frequency > 0) || !Number.isFinite(frequency)) continue;
    const escaped = term.replace(/[%:\s]/g, (character) => encodeURIComponent(character));
    entries.push(frequency === 1 ? escaped : `${escaped}:${frequency}`);
  }
  return entries.join(' ');
}

/** Inverse of `encodeTermFrequencies`; malformed entries are skipped rather than trusted. */
export function decodeTermFrequencies(encoded: string): Map<string, number> {
  const terms = new Map<string, number>();
  if (typeof encoded !== 'string') return terms;
  for (const entry of encoded.split(' ')) {
    if (entry.length === 0) continue;
    const colon = entry.lastIndexOf(':');
    const frequency = colon < 0 ? 1 : Number(entry.slice(colon + 1));
    if (!(frequency > 0) || !Number.isFinite(frequency)) continue;
    let term: string;
    try {
      term = decodeURIComponent(colon < 0 ? entry : entry.slice(0, colon));
    } catch {
      continue;
    }
    if (term.length > 0) terms.set(term, (terms.get(term) ?? 0) + frequency);
  }
  return terms;
}
