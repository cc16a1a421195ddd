/**
 * Cranfield with the knowledge-base BM25 (`Bm25Index` defaults k1 = 1.2, b = 0.75; `toIndexedChunk`,
 * i.e. `analyzeTerms`: wink tokens, Snowball stopwords, Porter2 stems): one chunk per document, the
 * query is the query's `.W` text, top 1000, as `scripts/ref_baselines.mjs` ranks.
 *
 * Two harness checks run next to it:
 * - the reference's own tokenizer and BM25 re-implemented here must reproduce its "no stemming" row
 *   exactly (checks parsing, the qrels join and the metrics);
 * - a plain BM25 over the same `analyzeTerms` output must give the same figures as `Bm25Index`
 *   (checks the index's scoring and top-K against the textbook formula).
 */
import { Bm25Index, DEFAULT_FEEDBACK, toIndexedChunk } from '../../../src/knowledge/bm25-index.js';
import { analyzeTerms } from '../../../src/knowledge/terms.js';
import { evaluateRetrieval, type RetrievalScores } from '../metrics.js';
import type { CranfieldCollection, CranfieldRecord } from '../readers.js';
import type { GraphQLClient } from '../service.js';
import { Latency, Stopwatch, warmUp } from '../timing.js';

const TOP_K = 1000;

export type CranfieldField = 'W' | 'T+W';

/** `retrieve` returns at most this many chunks (its input limit). */
export const API_TOP_K = 100;

export interface ApiRetrievalRun {
  scores: RetrievalScores;
  /** Distinct documents per query in the answer (chunks of one document count once, at their best rank). */
  meanDocuments: number;
  chunks: number;
  ingestSeconds: number;
  latency: Latency;
}

/**
 * Cranfield through the API, as a client builds a search over it: one knowledge base, every document
 * ingested with its title as `title` and its abstract (`.W`) as `text` (the service chunks them),
 * then per query (`.W` text) the `retrieve` mutation with the largest `topK` it accepts; a document's
 * rank is that of its best chunk.
 */
export async function runRetrievalApi(
  client: GraphQLClient,
  collection: CranfieldCollection,
): Promise<ApiRetrievalRun> {
  const { documents, queries, qrels } = collection;
  const base = 'cranfield';
  await client.createKnowledgeBase(base);
  const ingestStarted = performance.now();
  let chunks = 0;
  for (let offset = 0; offset < documents.length; offset += 200) {
    const batch = documents.slice(offset, offset + 200).map((document) => ({
      id: document.id,
      ...(document.title.trim() ? { title: document.title } : {}),
      text: document.text.trim() ? document.text : document.title || document.id,
    }));
    chunks += await client.ingest(base, batch);
  }
  const ingestSeconds = (performance.now() - ingestStarted) / 1000;
  for (const query of queries.slice(0, 10)) await client.retrieve(base, query.text, API_TOP_K);
  const latency = new Latency();
  let documentsReturned = 0;
  const rankings: string[][] = [];
  for (const query of queries) {
    const hits = await latency.time(() => client.retrieve(base, query.text, API_TOP_K));
    const ranked = [...new Set(hits.map((hit) => hit.documentId))];
    documentsReturned += ranked.length;
    rankings.push(ranked);
  }
  return {
    scores: evaluateRetrieval(rankings, qrels),
    meanDocuments: documentsReturned / Math.max(1, queries.length),
    chunks,
    ingestSeconds,
    latency,
  };
}

export interface RetrievalRun {
  field: CranfieldField;
  /** As `retrieve` searches: BM25 with RM3 pseudo-relevance feedback (`DEFAULT_FEEDBACK`). */
  scores: RetrievalScores;
  /** The same index without feedback. */
  indexScores: RetrievalScores;
  /** The same terms through a plain BM25: equal to `indexScores` when the index is right. */
  plainScores: RetrievalScores;
  documentsPerSecond: number;
  queriesPerSecond: number;
}

function fieldText(document: CranfieldRecord, field: CranfieldField): string {
  return field === 'W' ? document.text : `${document.title} ${document.text}`;
}

export function runRetrieval(collection: CranfieldCollection, field: CranfieldField): RetrievalRun {
  const { documents, queries, qrels } = collection;
  warmUp(5, analyzeTerms);
  const indexing = new Stopwatch();
  const index = new Bm25Index();
  const chunks = documents.map((document) =>
    indexing.time(() => toIndexedChunk(document.id, document.id, fieldText(document, field))),
  );
  indexing.time(() => index.add(chunks));
  warmUp(10, (sentence) => index.search(sentence, { topK: TOP_K, feedback: DEFAULT_FEEDBACK }));
  const searching = new Stopwatch();
  const rankings = queries.map((query) =>
    searching.time(() =>
      index.search(query.text, { topK: TOP_K, feedback: DEFAULT_FEEDBACK }).map((hit) => hit.documentId),
    ),
  );
  const indexRankings = queries.map((query) =>
    index.search(query.text, { topK: TOP_K }).map((hit) => hit.documentId),
  );
  const plain = plainBm25(
    chunks.map((chunk) => chunk.terms),
    1.2,
    0.75,
  );
  const plainRankings = queries.map((query) => plain(analyzeTerms(query.text), documents));
  return {
    field,
    scores: evaluateRetrieval(rankings, qrels),
    indexScores: evaluateRetrieval(indexRankings, qrels),
    plainScores: evaluateRetrieval(plainRankings, qrels),
    documentsPerSecond: (documents.length / Math.max(1e-9, indexing.milliseconds)) * 1000,
    queriesPerSecond: searching.perSecond,
  };
}

const LUCENE_STOPWORDS = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(
    ' ',
  ),
);

/** `scripts/ref_baselines.mjs` tokens without stemming: lower-case `[a-z0-9]+`, Lucene's 33 stopwords. */
export function referenceTokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((token) => token.length > 0 && !LUCENE_STOPWORDS.has(token));
}

/** Reproduces the reference row "own BM25 k1=1.2 b=0.75 field=W stem=none" with our metrics. */
export function runReferenceParity(collection: CranfieldCollection): RetrievalScores {
  const counts = collection.documents.map((document) => termCounts(referenceTokens(document.text)));
  const rank = plainBm25(counts, 1.2, 0.75);
  return evaluateRetrieval(
    collection.queries.map((query) => rank(referenceTokens(query.text), collection.documents)),
    collection.qrels,
  );
}

function termCounts(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/**
 * Textbook BM25 with Lucene's idf, every query token counted (a repeated query term adds twice),
 * documents with score > 0 only, ties by document order — as the reference script.
 */
function plainBm25(
  documents: readonly ReadonlyMap<string, number>[],
  k1: number,
  b: number,
): (queryTerms: readonly string[], records: readonly CranfieldRecord[]) => string[] {
  const count = documents.length;
  const lengths = documents.map((terms) => [...terms.values()].reduce((sum, value) => sum + value, 0));
  const averageLength = lengths.reduce((sum, value) => sum + value, 0) / count;
  const documentFrequency = new Map<string, number>();
  for (const terms of documents)
    for (const term of terms.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  return (queryTerms, records) => {
    const scores = new Float64Array(count);
    for (const term of queryTerms) {
      const frequency = documentFrequency.get(term);
      if (!frequency) continue;
      const idf = Math.log(1 + (count - frequency + 0.5) / (frequency + 0.5));
      documents.forEach((terms, slot) => {
        const tf = terms.get(term);
        if (!tf) return;
        scores[slot]! += (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * lengths[slot]!) / averageLength));
      });
    }
    return [...scores.keys()]
      .filter((slot) => scores[slot]! > 0)
      .sort((left, right) => scores[right]! - scores[left]! || left - right)
      .slice(0, TOP_K)
      .map((slot) => records[slot]!.id);
  };
}
