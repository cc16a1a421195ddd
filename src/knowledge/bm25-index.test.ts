import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Bm25Index, DEFAULT_FEEDBACK, toIndexedChunk, type IndexedChunk } from './bm25-index.js';
import { chunkText } from './chunker.js';

interface RetrieveFixture {
  documents: Array<{ id: string; text: string; metadata: Record<string, unknown> }>;
  questions: Array<{ query: string; documentId: string }>;
}

const fixture = JSON.parse(
  readFileSync(new URL('../../test/fixtures/retrieve/corpus.json', import.meta.url), 'utf8'),
) as RetrieveFixture;

function fixtureIndex(maxTokens: number): Bm25Index {
  const index = new Bm25Index();
  for (const document of fixture.documents) {
    index.add(
      chunkText(document.text, { maxTokens }).map((chunk, position) =>
        toIndexedChunk(`${document.id}#${position}`, document.id, chunk.text, document.metadata),
      ),
    );
  }
  return index;
}

/** Textbook BM25 over every chunk, to check the inverted index against. */
function bruteForce(chunks: IndexedChunk[], queryTerms: string[], k1 = 1.2, b = 0.75): Map<string, number> {
  const averageLength = chunks.reduce((sum, chunk) => sum + chunk.length, 0) / chunks.length;
  const scores = new Map<string, number>();
  for (const term of queryTerms) {
    const documentFrequency = chunks.filter((chunk) => chunk.terms.has(term)).length;
    if (documentFrequency === 0) continue;
    const idf = Math.log(1 + (chunks.length - documentFrequency + 0.5) / (documentFrequency + 0.5));
    for (const chunk of chunks) {
      const frequency = chunk.terms.get(term) ?? 0;
      if (frequency === 0) continue;
      const norm = k1 * (1 - b + (b * chunk.length) / averageLength);
      const score = (idf * frequency * (k1 + 1)) / (frequency + norm);
      scores.set(chunk.chunkId, (scores.get(chunk.chunkId) ?? 0) + score);
    }
  }
  return scores;
}

function syntheticChunks(count: number, seed: number, prefix = 'c'): IndexedChunk[] {
  let state = seed;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return Array.from({ length: count }, (_, position) => {
    const terms = new Map<string, number>();
    const length = 5 + Math.floor(random() * 40);
    for (let word = 0; word < length; word += 1) {
      const term = `t${Math.floor(Math.exp(random() * Math.log(500)))}`;
      terms.set(term, (terms.get(term) ?? 0) + 1);
    }
    const chunkId = `${prefix}${position}`;
    return { chunkId, documentId: `d${position % 37}`, terms, length, metadata: { shard: position % 3 } };
  });
}

describe('Bm25Index on a small corpus', () => {
  it('ranks the answering document first for every fixture question (one chunk per document)', () => {
    const index = fixtureIndex(1_000);
    const misses = fixture.questions.filter(
      (question) => index.search(question.query, { topK: 1 })[0]?.documentId !== question.documentId,
    );
    expect(misses).toEqual([]);
  });

  it('still finds the answering document in the top 3 when documents are cut into small chunks', () => {
    const index = fixtureIndex(40);
    expect(index.size).toBeGreaterThan(fixture.documents.length);
    const found = fixture.questions.filter((question) =>
      index.search(question.query, { topK: 3 }).some((hit) => hit.documentId === question.documentId),
    );
    expect(found.length / fixture.questions.length).toBeGreaterThanOrEqual(0.9);
  });

  it('returns positive scores, best first, at most topK, and nothing for a query without known terms', () => {
    const index = fixtureIndex(1_000);
    const hits = index.search('battery charge range', { topK: 4 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(4);
    for (let position = 1; position < hits.length; position += 1) {
      expect(hits[position - 1]!.score).toBeGreaterThanOrEqual(hits[position]!.score);
    }
    expect(hits.every((hit) => hit.score > 0)).toBe(true);
    expect(index.search('zzyzx qwertyuiop', { topK: 5 })).toEqual([]);
    expect(index.search('the and of', { topK: 5 })).toEqual([]);
    expect(index.search('battery', { topK: 0 })).toEqual([]);
  });

  it('gives a positive score even to a term present in every chunk', () => {
    const index = new Bm25Index();
    index.add([toIndexedChunk('a', 'a', 'bicycle bicycle'), toIndexedChunk('b', 'b', 'bicycle')]);
    const hits = index.search('bicycle', { topK: 2 });
    expect(hits.map((hit) => hit.chunkId)).toEqual(['a', 'b']);
    expect(hits[1]!.score).toBeGreaterThan(0);
  });
});

describe('Bm25Index filters', () => {
  const index = fixtureIndex(1_000);

  it('keeps only chunks whose metadata equals the filter value', () => {
    const unfiltered = index.search('wheels and tyres', { topK: 10 });
    expect(unfiltered.map((hit) => hit.documentId)).toContain('warranty');
    const hits = index.search('wheels and tyres', { topK: 10, filter: { section: 'maintenance' } });
    expect(hits.length).toBeGreaterThan(0);
    const sections = new Set(
      hits.map((hit) => fixture.documents.find((d) => d.id === hit.documentId)!.metadata.section),
    );
    expect([...sections]).toEqual(['maintenance']);
  });

  it('treats an array filter value as "one of"', () => {
    const hits = index.search('days', { topK: 20, filter: { section: ['policies', 'account'] } });
    const ids = hits.map((hit) => hit.documentId);
    expect(ids).toContain('returns-policy');
    expect(
      ids.every((id) =>
        ['policies', 'account'].includes(
          fixture.documents.find((d) => d.id === id)!.metadata.section as string,
        ),
      ),
    ).toBe(true);
  });

  it('matches nothing when a key is absent, and matches array metadata by membership', () => {
    expect(index.search('days', { topK: 5, filter: { language: 'en' } })).toEqual([]);
    const tagged = new Bm25Index();
    tagged.add([
      toIndexedChunk('1', 'x', 'red wheels', { tags: ['sale', 'new'] }),
      toIndexedChunk('2', 'y', 'red wheels', { tags: ['old'] }),
    ]);
    expect(tagged.search('wheels', { topK: 5, filter: { tags: 'sale' } }).map((hit) => hit.chunkId)).toEqual([
      '1',
    ]);
  });

  it('fills topK from matching chunks even when better chunks are filtered out', () => {
    const chunks = syntheticChunks(2_000, 7);
    const big = new Bm25Index();
    big.add(chunks);
    const hits = big.search('t1 t2 t3', { topK: 10, filter: { shard: 2 } });
    expect(hits).toHaveLength(10);
    const expected = [...bruteForce(chunks, ['t1', 't2', 't3'])]
      .filter(([chunkId]) => Number(chunkId.slice(1)) % 3 === 2)
      .sort((left, right) => right[1] - left[1])
      .slice(0, 10);
    expect(hits.map((hit) => hit.score)).toEqual(expected.map(([, score]) => expect.closeTo(score, 6)));
  });
});

describe('Bm25Index against textbook BM25', () => {
  it('matches a brute-force computation, including after removals, replacements and compaction', () => {
    const index = new Bm25Index();
    let live = syntheticChunks(3_000, 11);
    index.add(live);
    const check = () => {
      for (const query of ['t1 t7', 't3 t50 t120', 't2 t2 t9', 't400']) {
        const terms = query.split(' ');
        const expected = [...bruteForce(live, terms)].sort((l, r) => r[1] - l[1] || 0).slice(0, 5);
        const hits = index.search(query, { topK: 5 });
        expect(hits.map((hit) => hit.score)).toEqual(expected.map(([, score]) => expect.closeTo(score, 6)));
      }
    };
    check();

    // Remove most documents (enough dead slots to trigger compaction), then replace a few chunks.
    for (let document = 0; document < 30; document += 1) index.removeDocument(`d${document}`);
    live = live.filter((chunk) => Number(chunk.documentId.slice(1)) >= 30);
    expect(index.size).toBe(live.length);
    check();

    const replacements = syntheticChunks(50, 99).map((chunk, position) => ({
      ...chunk,
      chunkId: live[position]!.chunkId,
    }));
    index.add(replacements);
    live = [...replacements, ...live.slice(50)];
    expect(index.size).toBe(live.length);
    check();
  });

  it('adds incrementally and forgets removed documents', () => {
    const index = new Bm25Index();
    index.add([toIndexedChunk('a1', 'a', 'solar panels convert sunlight into electricity')]);
    index.add([toIndexedChunk('b1', 'b', 'wind turbines convert wind into electricity')]);
    expect(index.size).toBe(2);
    expect(index.search('sunlight', { topK: 5 }).map((hit) => hit.chunkId)).toEqual(['a1']);

    index.removeDocument('a');
    expect(index.size).toBe(1);
    expect(index.search('sunlight', { topK: 5 })).toEqual([]);
    expect(index.search('electricity', { topK: 5 }).map((hit) => hit.chunkId)).toEqual(['b1']);

    index.add([toIndexedChunk('b1', 'b', 'hydro dams store water')]);
    expect(index.size).toBe(1);
    expect(index.search('wind', { topK: 5 })).toEqual([]);
    expect(index.search('water', { topK: 5 }).map((hit) => hit.chunkId)).toEqual(['b1']);
    index.removeDocument('unknown');
    expect(index.size).toBe(1);
  });
});

describe('Bm25Index with pseudo-relevance feedback (RM3)', () => {
  const chunk = (id: string, text: string) => toIndexedChunk(id, id, text);
  const corpus = [
    chunk('a', 'The turbine blade cooling uses film cooling holes along the leading edge of the blade.'),
    chunk('b', 'Turbine blade cooling with film holes keeps the blade metal below its melting point.'),
    chunk('c', 'Film holes on the leading edge protect hot vanes; effectiveness depends on hole shape.'),
    chunk('d', 'A recipe for lemon cake with a film of icing on top.'),
    chunk('e', 'Bread dough needs time to rise in a warm kitchen.'),
  ];

  it('finds a chunk that shares the feedback terms but not the query term', () => {
    const index = new Bm25Index();
    index.add(corpus);
    const plain = index.search('turbine blade cooling', { topK: 5 }).map((hit) => hit.chunkId);
    expect(plain).not.toContain('c');
    const expanded = index
      .search('turbine blade cooling', { topK: 5, feedback: DEFAULT_FEEDBACK })
      .map((hit) => hit.chunkId);
    expect(expanded.slice(0, 3).sort()).toEqual(['a', 'b', 'c']);
    expect(expanded).not.toContain('e');
  });

  it('equals plain BM25 with no feedback documents, and respects the filter in both passes', () => {
    const index = new Bm25Index();
    index.add(corpus.map((entry, position) => ({ ...entry, metadata: { even: position % 2 === 0 } })));
    expect(
      index.search('film cooling', { topK: 5, feedback: { documents: 0, terms: 10, originalWeight: 0.5 } }),
    ).toEqual(index.search('film cooling', { topK: 5 }));
    const filtered = index.search('film cooling', {
      topK: 5,
      filter: { even: true },
      feedback: DEFAULT_FEEDBACK,
    });
    expect(filtered.map((hit) => hit.chunkId).sort()).toEqual(['a', 'c']);
  });
});
