import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  readWordVectorCache,
  readWordVectorCacheInRows,
  writeWordVectorCache,
  type RawWordVectors,
} from './word-vectors-cache.js';
import { createWordVectors } from './word-vectors.js';

const SOURCE_BYTES = 123_456;

function sample(): RawWordVectors {
  const words = ['the', 'café', 'naïve', 'u.s.', 'x'];
  const vectors = Float32Array.from({ length: words.length * 3 }, (_, index) => index / 7 - 1);
  return { dimensions: 3, words, vectors };
}

describe('word-vector binary cache', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'capgate-vectors-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('round-trips vocabulary and vectors exactly, leaving no temporary file', async () => {
    const file = path.join(directory, 'nested', 'vectors.bin');
    await writeWordVectorCache(file, sample(), SOURCE_BYTES);
    const read = await readWordVectorCache(file, SOURCE_BYTES);
    expect(read?.dimensions).toBe(3);
    expect(read?.words).toEqual(sample().words);
    expect(Array.from(read!.vectors)).toEqual(Array.from(sample().vectors));
    expect(await readdir(path.dirname(file))).toEqual(['vectors.bin']);
  });

  it('ignores a missing file, a file built from another source, and a corrupt or truncated file', async () => {
    const file = path.join(directory, 'vectors.bin');
    expect(await readWordVectorCache(file, SOURCE_BYTES)).toBeUndefined();

    await writeWordVectorCache(file, sample(), SOURCE_BYTES);
    expect(await readWordVectorCache(file, SOURCE_BYTES + 1)).toBeUndefined();

    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length - 4));
    expect(await readWordVectorCache(file, SOURCE_BYTES)).toBeUndefined();

    const wrongMagic = Buffer.from(bytes);
    wrongMagic.write('NOPE', 0, 'latin1');
    await writeFile(file, wrongMagic);
    expect(await readWordVectorCache(file, SOURCE_BYTES)).toBeUndefined();

    await writeFile(file, 'not a cache at all');
    expect(await readWordVectorCache(file, SOURCE_BYTES)).toBeUndefined();
  });

  it('hands the vectors over in row order when read in chunks, and nothing from a file that does not add up', async () => {
    const file = path.join(directory, 'vectors.bin');
    await writeWordVectorCache(file, sample(), SOURCE_BYTES);
    const received: number[] = [];
    const read = await readWordVectorCacheInRows(file, SOURCE_BYTES, (count, dimensions) => {
      expect([count, dimensions]).toEqual([5, 3]);
      return (firstRow, values) => {
        expect(firstRow * 3).toBe(received.length);
        received.push(...values);
      };
    });
    expect(read?.words).toEqual(sample().words);
    expect(received).toEqual(Array.from(sample().vectors));
    let begun = false;
    const other = await readWordVectorCacheInRows(file, SOURCE_BYTES + 1, () => {
      begun = true;
      return () => undefined;
    });
    expect([other, begun]).toEqual([undefined, false]);
  });

  it('replaces an existing cache atomically', async () => {
    const file = path.join(directory, 'vectors.bin');
    await writeFile(file, 'stale');
    await writeWordVectorCache(file, sample(), SOURCE_BYTES);
    expect(await readWordVectorCache(file, SOURCE_BYTES)).toBeDefined();
  });
});

describe('createWordVectors', () => {
  it('looks words up by row and exposes their vectors', () => {
    const vectors = createWordVectors(sample(), 'cache', 12);
    expect(vectors.size).toBe(5);
    expect(vectors.indexOf('café')).toBe(1);
    expect(vectors.indexOf('missing')).toBe(-1);
    expect(vectors.wordAt(3)).toBe('u.s.');
    // Stored as 16-bit values with a scale per row: within 1/65534 of the row's largest component.
    const expected = Array.from(sample().vectors.subarray(3, 6));
    const largest = Math.max(...expected.map(Math.abs));
    Array.from(vectors.vectorAt(1)).forEach((value, column) =>
      expect(Math.abs(value - expected[column]!)).toBeLessThanOrEqual(largest / 65534 + 1e-7),
    );
    expect(vectors.wordAt(5)).toBeUndefined();
    expect(vectors.indexOf('naïve')).toBe(2);
    expect(vectors.indexOf('the\ncafé')).toBe(-1);
  });
});
