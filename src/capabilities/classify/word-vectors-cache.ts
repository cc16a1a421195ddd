/**
 * The compact binary form of the word vectors, so that only the first start of a machine pays for
 * parsing the 294 MB JSON package. Layout (little-endian):
 *
 *   0  magic "CGWV"            16  source size in bytes (float64; the JSON it was built from)
 *   4  format version (u32)    24  vocabulary byte length (u32)
 *   8  dimensions (u32)        28  reserved (u32)
 *  12  word count (u32)        32  vocabulary: UTF-8 words joined by "\n", zero-padded to 4 bytes
 *                              …   vectors: word count × dimensions float32, row i = word i
 *
 * A file whose header, size or vocabulary does not add up is ignored (and rebuilt by the caller).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import path from 'node:path';

export interface RawWordVectors {
  dimensions: number;
  /** Vocabulary in the package's order (most frequent first). */
  words: string[];
  /** `words.length × dimensions` values; row i belongs to `words[i]`. */
  vectors: Float32Array;
}

const MAGIC = 'CGWV';
const FORMAT_VERSION = 1;
const HEADER_BYTES = 32;

function paddedLength(length: number): number {
  return Math.ceil(length / 4) * 4;
}

/** Float32Array shares the machine's byte order; the file is little-endian, so others skip the cache. */
export function isCacheSupported(): boolean {
  return endianness() === 'LE';
}

export async function readWordVectorCache(
  filePath: string,
  expectedSourceBytes: number,
): Promise<RawWordVectors | undefined> {
  if (!isCacheSupported()) return undefined;
  let buffer: Buffer;
  try {
    buffer = await readFile(filePath);
  } catch {
    return undefined;
  }
  if (buffer.length < HEADER_BYTES || buffer.toString('latin1', 0, 4) !== MAGIC) return undefined;
  if (buffer.readUInt32LE(4) !== FORMAT_VERSION) return undefined;
  const dimensions = buffer.readUInt32LE(8);
  const count = buffer.readUInt32LE(12);
  const sourceBytes = buffer.readDoubleLE(16);
  const vocabularyBytes = buffer.readUInt32LE(24);
  const vectorsOffset = HEADER_BYTES + paddedLength(vocabularyBytes);
  if (sourceBytes !== expectedSourceBytes || dimensions === 0) return undefined;
  if (buffer.length !== vectorsOffset + count * dimensions * 4) return undefined;

  const words = buffer.toString('utf8', HEADER_BYTES, HEADER_BYTES + vocabularyBytes).split('\n');
  if (words.length !== count) return undefined;
  const start = buffer.byteOffset + vectorsOffset;
  const vectors =
    start % 4 === 0
      ? new Float32Array(buffer.buffer, start, count * dimensions)
      : new Float32Array(buffer.buffer.slice(start, start + count * dimensions * 4));
  return { dimensions, words, vectors };
}

/**
 * Like `readWordVectorCache`, but hands the vectors over in chunks of rows instead of as one 140 MB
 * buffer, so that a caller that stores them in another form never holds both: `begin(count,
 * dimensions)` is called once the file checks out, and returns the receiver of the chunks
 * (`values` valid only during the call). Returns the vocabulary, or undefined (`begin` not called)
 * for a file that does not add up.
 */
export async function readWordVectorCacheInRows(
  filePath: string,
  expectedSourceBytes: number,
  begin: (count: number, dimensions: number) => (firstRow: number, values: Float32Array) => void,
): Promise<{ dimensions: number; words: string[] } | undefined> {
  if (!isCacheSupported()) return undefined;
  let file;
  try {
    file = await open(filePath, 'r');
  } catch {
    return undefined;
  }
  try {
    const { size } = await file.stat();
    const header = Buffer.alloc(HEADER_BYTES);
    if (size < HEADER_BYTES) return undefined;
    await file.read(header, 0, HEADER_BYTES, 0);
    if (header.toString('latin1', 0, 4) !== MAGIC || header.readUInt32LE(4) !== FORMAT_VERSION)
      return undefined;
    const dimensions = header.readUInt32LE(8);
    const count = header.readUInt32LE(12);
    const sourceBytes = header.readDoubleLE(16);
    const vocabularyBytes = header.readUInt32LE(24);
    const vectorsOffset = HEADER_BYTES + paddedLength(vocabularyBytes);
    if (sourceBytes !== expectedSourceBytes || dimensions === 0) return undefined;
    if (size !== vectorsOffset + count * dimensions * 4) return undefined;
    const vocabulary = Buffer.alloc(vocabularyBytes);
    await file.read(vocabulary, 0, vocabularyBytes, HEADER_BYTES);
    const words = vocabulary.toString('utf8').split('\n');
    if (words.length !== count) return undefined;
    const onRows = begin(count, dimensions);
    const rowsPerChunk = Math.max(1, Math.floor((1 << 22) / (dimensions * 4)));
    const chunk = new Float32Array(rowsPerChunk * dimensions);
    const bytes = Buffer.from(chunk.buffer);
    for (let row = 0; row < count; row += rowsPerChunk) {
      const rows = Math.min(rowsPerChunk, count - row);
      const length = rows * dimensions * 4;
      const { bytesRead } = await file.read(bytes, 0, length, vectorsOffset + row * dimensions * 4);
      if (bytesRead !== length) throw new Error(`${filePath} changed while it was read`);
      onRows(row, chunk.subarray(0, rows * dimensions));
    }
    return { dimensions, words };
  } finally {
    await file.close();
  }
}

/** Writes to a temporary file first, then renames, so a reader never sees a half-written cache. */
export async function writeWordVectorCache(
  filePath: string,
  data: RawWordVectors,
  sourceBytes: number,
): Promise<void> {
  if (!isCacheSupported()) return;
  if (data.words.some((word) => word.includes('\n'))) return;
  const vocabulary = Buffer.from(data.words.join('\n'), 'utf8');
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(FORMAT_VERSION, 4);
  header.writeUInt32LE(data.dimensions, 8);
  header.writeUInt32LE(data.words.length, 12);
  header.writeDoubleLE(sourceBytes, 16);
  header.writeUInt32LE(vocabulary.length, 24);
  const padding = Buffer.alloc(paddedLength(vocabulary.length) - vocabulary.length);
  const vectors = Buffer.from(data.vectors.buffer, data.vectors.byteOffset, data.vectors.byteLength);

  await mkdir(path.dirname(filePath), { recursive: true });
  const temporaryPath = `${filePath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporaryPath, [header, vocabulary, padding, vectors]);
    await rename(temporaryPath, filePath);
  } catch (error) {
    await unlink(temporaryPath).catch(() => undefined);
    throw error;
  }
}
