/**
 * S6: the built-in local implementations, timed in process (no HTTP, no MongoDB): summarize a
 * 20 KB text, BM25 top-10 over 100,000 chunks, zero-shot classify a headline. The corpus for
 * summarize is real news text (`shared/evals` when present, else the test fixtures); the retrieval
 * chunks are synthetic bags of real analyzed terms with a Zipf-like spread, built straight into the
 * index, since what is measured is the query, not ingestion.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { classifyText } from '../src/capabilities/classify/zero-shot-classifier.js';
import { summarizeExtractive } from '../src/capabilities/summarize/extractive-summarizer.js';
import { Bm25Index, type IndexedChunk } from '../src/knowledge/bm25-index.js';
import { analyzeTerms } from '../src/knowledge/terms.js';

export interface OperationStats {
  name: string;
  operations: number;
  p50Ms: number;
  p99Ms: number;
  operationsPerSecond: number;
  note: string;
}

const TEXT_BYTES = 20 * 1024;
const CHUNKS = 100_000;
const TERMS_PER_CHUNK = 60;

export async function measureLocalCapabilities(root: string, budgetMs: number): Promise<OperationStats[]> {
  const text = newsText(root);
  const results: OperationStats[] = [];
  results.push(
    await timeOperation(
      'summarize 20 KB',
      budgetMs,
      () => summarizeExtractive(text),
      `${Buffer.byteLength(text)} bytes of news text`,
    ),
  );
  const index = buildIndex(text);
  const queries = [
    'profits advertising sales quarter',
    'election government minister',
    'football club season',
    'mobile phone technology market',
  ];
  let turn = 0;
  results.push(
    await timeOperation(
      'retrieve top-10 of 100k chunks',
      budgetMs,
      () => index.search(queries[turn++ % queries.length]!, { topK: 10 }),
      `${CHUNKS} chunks × ${TERMS_PER_CHUNK} terms, BM25 in memory`,
    ),
  );
  const headline =
    'Chip maker unveils a faster processor for laptops and phones as sales of personal computers recover.';
  results.push(
    await timeOperation(
      'classify (4 labels)',
      budgetMs,
      () => classifyText({ text: headline, labels: ['World', 'Sports', 'Business', 'Sci/Tech'] }),
      'zero-shot, one headline',
    ),
  );
  return results;
}

async function timeOperation(
  name: string,
  budgetMs: number,
  operation: () => unknown,
  note: string,
): Promise<OperationStats> {
  for (let warmup = 0; warmup < 3; warmup++) await operation();
  const durations: number[] = [];
  const started = performance.now();
  while (performance.now() - started < budgetMs && durations.length < 100_000) {
    const begin = performance.now();
    await operation();
    durations.push(performance.now() - begin);
  }
  const elapsed = performance.now() - started;
  durations.sort((left, right) => left - right);
  const at = (quantile: number) =>
    durations[Math.min(durations.length - 1, Math.floor(quantile * durations.length))]!;
  return {
    name,
    operations: durations.length,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    operationsPerSecond: (durations.length / elapsed) * 1000,
    note,
  };
}

function newsText(root: string): string {
  const evals = path.resolve(root, '../shared/evals/summaries.jsonl');
  let corpus = '';
  if (existsSync(evals)) {
    for (const line of readFileSync(evals, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      corpus += `${(JSON.parse(line) as { article: string }).article}\n\n`;
      if (Buffer.byteLength(corpus) >= TEXT_BYTES) break;
    }
  } else {
    const folder = path.join(root, 'test/fixtures/summarize');
    const files = ['news-with-filler.txt', 'product-blog.txt', 'meeting-notes.txt'].map((file) =>
      readFileSync(path.join(folder, file), 'utf8'),
    );
    for (let index = 0; Buffer.byteLength(corpus) < TEXT_BYTES; index++)
      corpus += `${files[index % files.length]}\n\n`;
  }
  return Buffer.from(corpus)
    .subarray(0, TEXT_BYTES)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
}

function buildIndex(text: string): Bm25Index {
  const vocabulary = [
    ...new Set(
      analyzeTerms(
        `${text} profits advertising sales quarter election government minister football club season mobile phone technology market`,
      ),
    ),
  ];
  const index = new Bm25Index();
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  for (let start = 0; start < CHUNKS; start += 10_000) {
    const batch: IndexedChunk[] = [];
    for (let slot = start; slot < start + 10_000; slot++) {
      const terms = new Map<string, number>();
      for (let count = 0; count < TERMS_PER_CHUNK; count++) {
        // Zipf-like: low ranks are far more common than high ones.
        const term = vocabulary[Math.floor(vocabulary.length * random() ** 3)]!;
        terms.set(term, (terms.get(term) ?? 0) + 1);
      }
      batch.push({
        chunkId: `c${slot}`,
        documentId: `d${Math.floor(slot / 20)}`,
        terms,
        length: TERMS_PER_CHUNK,
      });
    }
    index.add(batch);
  }
  return index;
}
