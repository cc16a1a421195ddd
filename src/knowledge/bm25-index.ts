/**
 * An in-memory BM25 index (Okapi BM25, Lucene's IDF ln(1 + (N − df + 0.5) / (df + 0.5)), always
 * positive) over chunks of a knowledge base. Postings are per-term typed arrays of chunk slots and
 * term frequencies; a query touches only the postings of its own terms and keeps the best K in a
 * small heap. Removing a chunk frees its slot at once and leaves its postings as tombstones, which
 * are dropped when a list is mostly dead or when the whole index is compacted.
 */
import { analyzeTerms } from './terms.js';

export { decodeTermFrequencies, encodeTermFrequencies } from './terms.js';

export interface IndexedChunk {
  chunkId: string;
  documentId: string;
  /** Analyzed term → occurrences in the chunk (see `analyzeTerms`). */
  terms: Map<string, number>;
  /** Number of analyzed terms in the chunk. */
  length: number;
  metadata?: Record<string, unknown>;
}

export interface Bm25SearchHit {
  chunkId: string;
  documentId: string;
  score: number;
}

export interface Bm25SearchOptions {
  topK: number;
  /** Metadata equality per key; an array value means "one of". Chunks without the key never match. */
  filter?: Record<string, unknown>;
  /** Pseudo-relevance feedback (RM3): off unless given; `DEFAULT_FEEDBACK` is what `retrieve` uses. */
  feedback?: FeedbackOptions;
}

/**
 * RM3 query expansion (Lavrenko & Croft's relevance model, interpolated with the query as in Abdul-
 * Jaleel et al. 2004): the `documents` best chunks of a first pass, each as its term distribution
 * weighted by its share of their scores, give the `terms` most likely terms; the query's own
 * distribution counts `originalWeight`, the expansion the rest, and a second pass ranks with them.
 */
export interface FeedbackOptions {
  documents: number;
  terms: number;
  originalWeight: number;
}

const COMMON_TERM_SHARE = 0.1;
const MAX_EXPANSION_POSTINGS = 10_000;

/** The usual RM3 settings (Anserini's defaults: 10 documents, 10 terms, original query weight 0.5). */
export const DEFAULT_FEEDBACK: Readonly<FeedbackOptions> = { documents: 10, terms: 10, originalWeight: 0.5 };

interface Slot {
  chunkId: string;
  documentId: string;
  termIds: Int32Array;
  /** Occurrences of `termIds[i]` in the chunk (for feedback). */
  termFrequencies: Float32Array;
  length: number;
  metadata: Record<string, unknown> | undefined;
}

class PostingList {
  slots = new Int32Array(4);
  frequencies = new Float32Array(4);
  length = 0;
  /** Live entries only: the term's document frequency. */
  live = 0;

  push(slot: number, frequency: number): void {
    if (this.length === this.slots.length) {
      this.slots = copyInto(this.slots, new Int32Array(this.length * 2));
      this.frequencies = copyInto(this.frequencies, new Float32Array(this.length * 2));
    }
    this.slots[this.length] = slot;
    this.frequencies[this.length] = frequency;
    this.length += 1;
    this.live += 1;
  }

  /** Keeps the live entries, renumbered by `remap` (-1 = dead). */
  compact(remap: (slot: number) => number): void {
    let kept = 0;
    for (let position = 0; position < this.length; position += 1) {
      const slot = remap(this.slots[position]!);
      if (slot < 0) continue;
      this.slots[kept] = slot;
      this.frequencies[kept] = this.frequencies[position]!;
      kept += 1;
    }
    this.length = kept;
  }
}

export class Bm25Index {
  private readonly k1: number;
  private readonly b: number;
  private readonly termIds = new Map<string, number>();
  private readonly postings: PostingList[] = [];
  private slots: Array<Slot | undefined> = [];
  private readonly slotByChunkId = new Map<string, number>();
  private readonly slotsByDocument = new Map<string, Set<number>>();
  private totalLength = 0;
  private deadSlots = 0;
  /** Per slot: k1 · (1 − b + b · length / average length), or -1 once dead; rebuilt after changes. */
  private norms: Float64Array = new Float64Array(16);
  private normsStale = true;
  /** Per-search scratch, all zero between searches. */
  private scores: Float64Array = new Float64Array(16);
  private touched: Int32Array = new Int32Array(16);

  constructor(parameters: { k1?: number; b?: number } = {}) {
    this.k1 = parameters.k1 ?? 1.2;
    this.b = parameters.b ?? 0.75;
  }

  get size(): number {
    return this.slotByChunkId.size;
  }

  /** Adds chunks; a chunk whose id is already indexed replaces the old one. */
  add(chunks: readonly IndexedChunk[]): void {
    for (const { chunkId, documentId, terms, length, metadata } of chunks) {
      const existing = this.slotByChunkId.get(chunkId);
      if (existing !== undefined) this.removeSlot(existing);
      const slot = this.slots.length;
      const termIds: number[] = [];
      const termFrequencies: number[] = [];
      for (const [term, frequency] of terms) {
        if (!(frequency > 0) || !Number.isFinite(frequency)) continue;
        let termId = this.termIds.get(term);
        if (termId === undefined) {
          termId = this.postings.push(new PostingList()) - 1;
          this.termIds.set(term, termId);
        }
        this.postings[termId]!.push(slot, frequency);
        termIds.push(termId);
        termFrequencies.push(frequency);
      }
      const safeLength = Number.isFinite(length) && length > 0 ? length : 0;
      this.slots.push({
        chunkId,
        documentId,
        termIds: Int32Array.from(termIds),
        termFrequencies: Float32Array.from(termFrequencies),
        length: safeLength,
        metadata,
      });
      this.totalLength += safeLength;
      this.register(chunkId, documentId, slot);
    }
    this.normsStale = true;
    this.compactIfMostlyDead();
  }

  removeDocument(documentId: string): void {
    for (const slot of [...(this.slotsByDocument.get(documentId) ?? [])]) this.removeSlot(slot);
    this.compactIfMostlyDead();
  }

  search(query: string, options: Bm25SearchOptions): Bm25SearchHit[] {
    const topK = Math.floor(options.topK);
    if (!(topK > 0) || this.size === 0) return [];
    const queryTerms = new Map<number, number>();
    for (const term of analyzeTerms(query)) {
      const termId = this.termIds.get(term);
      if (termId !== undefined) queryTerms.set(termId, (queryTerms.get(termId) ?? 0) + 1);
    }
    const { feedback } = options;
    if (feedback === undefined || feedback.documents <= 0 || feedback.terms <= 0 || queryTerms.size === 0) {
      return this.hits(this.rank(queryTerms, topK, options.filter));
    }
    const first = this.rank(queryTerms, Math.floor(feedback.documents), options.filter);
    return this.hits(this.rank(this.expand(queryTerms, first, feedback), topK, options.filter));
  }

  /** The RM3 query: the relevance model of the feedback chunks interpolated with the query. */
  private expand(
    queryTerms: Map<number, number>,
    feedbackHits: Array<{ score: number; slot: number }>,
    feedback: FeedbackOptions,
  ): Map<number, number> {
    const scoreSum = feedbackHits.reduce((sum, hit) => sum + hit.score, 0);
    if (!(scoreSum > 0)) return queryTerms;
    const model = new Map<number, number>();
    // A cost bound, not a relevance rule: a term in more chunks than this would make the second pass
    // walk a long posting list for a term that, being that common, adds little.
    const commonAt = Math.max(MAX_EXPANSION_POSTINGS, this.size * COMMON_TERM_SHARE);
    for (const { score, slot } of feedbackHits) {
      const record = this.slots[slot]!;
      const length = record.termFrequencies.reduce((sum, frequency) => sum + frequency, 0);
      if (!(length > 0)) continue;
      const documentWeight = score / scoreSum / length;
      record.termIds.forEach((termId, index) => {
        if (this.postings[termId]!.live > commonAt) return;
        model.set(termId, (model.get(termId) ?? 0) + documentWeight * record.termFrequencies[index]!);
      });
    }
    const top = [...model]
      .sort((left, right) => right[1] - left[1] || left[0] - right[0])
      .slice(0, feedback.terms);
    const topSum = top.reduce((sum, [, weight]) => sum + weight, 0);
    const querySum = [...queryTerms.values()].reduce((sum, weight) => sum + weight, 0);
    const alpha = Math.min(1, Math.max(0, feedback.originalWeight));
    const expanded = new Map<number, number>();
    for (const [termId, weight] of queryTerms) expanded.set(termId, (alpha * weight) / querySum);
    if (topSum > 0) {
      for (const [termId, weight] of top) {
        expanded.set(termId, (expanded.get(termId) ?? 0) + ((1 - alpha) * weight) / topSum);
      }
    }
    return expanded;
  }

  private hits(ranked: Array<{ score: number; slot: number }>): Bm25SearchHit[] {
    return ranked.map(({ score, slot }) => {
      const { chunkId, documentId } = this.slots[slot]!;
      return { chunkId, documentId, score };
    });
  }

  /** BM25 with a weight per query term (its frequency in the query, or an RM3 weight). */
  private rank(
    queryTerms: Map<number, number>,
    topK: number,
    filter: Record<string, unknown> | undefined,
  ): Array<{ score: number; slot: number }> {
    const count = this.size;
    const norms = this.lengthNorms();
    const { scores, touched } = this;
    let touchedCount = 0;
    for (const [termId, queryFrequency] of queryTerms) {
      const list = this.postings[termId]!;
      if (list.live === 0) continue;
      if (list.length > 2 * list.live + 8) list.compact((slot) => (norms[slot]! >= 0 ? slot : -1));
      const idf = Math.log(1 + (count - list.live + 0.5) / (list.live + 0.5));
      const weight = queryFrequency * (this.k1 + 1) * idf;
      const { slots, frequencies } = list;
      for (let position = 0; position < list.length; position += 1) {
        const slot = slots[position]!;
        const norm = norms[slot]!;
        if (norm < 0) continue;
        const frequency = frequencies[position]!;
        if (scores[slot] === 0) touched[touchedCount++] = slot;
        scores[slot]! += (weight * frequency) / (frequency + norm);
      }
    }

    const heap = new TopKHeap(topK);
    const matches = filter ? compileFilter(filter) : undefined;
    let index = 0;
    try {
      for (; index < touchedCount; index += 1) {
        const slot = touched[index]!;
        const score = scores[slot]!;
        scores[slot] = 0;
        if (!heap.accepts(score, slot)) continue;
        if (matches && !matches(this.slots[slot]!.metadata)) continue;
        heap.push(score, slot);
      }
    } finally {
      // The scratch scores must be all zero for the next search, even if a filter threw.
      for (; index < touchedCount; index += 1) scores[touched[index]!] = 0;
    }
    return heap.sortedDescending();
  }

  private register(chunkId: string, documentId: string, slot: number): void {
    this.slotByChunkId.set(chunkId, slot);
    let documentSlots = this.slotsByDocument.get(documentId);
    if (!documentSlots) this.slotsByDocument.set(documentId, (documentSlots = new Set()));
    documentSlots.add(slot);
  }

  private lengthNorms(): Float64Array {
    if (!this.normsStale) return this.norms;
    if (this.norms.length < this.slots.length) {
      const capacity = Math.max(16, this.slots.length * 2);
      this.norms = new Float64Array(capacity);
      this.scores = new Float64Array(capacity);
      this.touched = new Int32Array(capacity);
    }
    const averageLength = this.totalLength / Math.max(1, this.size) || 1;
    this.slots.forEach((record, slot) => {
      this.norms[slot] = record ? this.k1 * (1 - this.b + (this.b * record.length) / averageLength) : -1;
    });
    this.normsStale = false;
    return this.norms;
  }

  private removeSlot(slot: number): void {
    const record = this.slots[slot];
    if (!record) return;
    for (const termId of record.termIds) this.postings[termId]!.live -= 1;
    this.totalLength -= record.length;
    this.slots[slot] = undefined;
    this.slotByChunkId.delete(record.chunkId);
    const documentSlots = this.slotsByDocument.get(record.documentId);
    documentSlots?.delete(slot);
    if (documentSlots?.size === 0) this.slotsByDocument.delete(record.documentId);
    this.deadSlots += 1;
    this.normsStale = true;
  }

  /** Renumbers live slots densely and drops every tombstone, once they outnumber live chunks. */
  private compactIfMostlyDead(): void {
    if (this.deadSlots < 1024 || this.deadSlots < this.size) return;
    const remap = new Int32Array(this.slots.length).fill(-1);
    const live: Slot[] = [];
    this.slots.forEach((record, slot) => {
      if (record) remap[slot] = live.push(record) - 1;
    });
    for (const list of this.postings) list.compact((slot) => remap[slot]!);
    this.slots = live;
    this.slotByChunkId.clear();
    this.slotsByDocument.clear();
    live.forEach((record, slot) => this.register(record.chunkId, record.documentId, slot));
    this.deadSlots = 0;
    this.normsStale = true;
  }
}

export function toIndexedChunk(
  chunkId: string,
  documentId: string,
  text: string,
  metadata?: Record<string, unknown>,
): IndexedChunk {
  const terms = new Map<string, number>();
  const analyzed = analyzeTerms(text);
  for (const term of analyzed) terms.set(term, (terms.get(term) ?? 0) + 1);
  return { chunkId, documentId, terms, length: analyzed.length, ...(metadata ? { metadata } : {}) };
}

/**
 * Metadata equality per filter key, compiled once per search: an array filter value means "one of",
 * an array metadata value "contains".
 */
function compileFilter(
  filter: Record<string, unknown>,
): (metadata: Record<string, unknown> | undefined) => boolean {
  const clauses = Object.entries(filter).map(([key, expected]) => ({
    key,
    accepted: Array.isArray(expected) ? (expected as unknown[]) : [expected],
  }));
  const accepts = (accepted: unknown[], actual: unknown) =>
    accepted.some((value) => sameValue(actual, value));
  return (metadata) => {
    for (const { key, accepted } of clauses) {
      if (!metadata || !Object.prototype.hasOwnProperty.call(metadata, key)) return false;
      const actual = metadata[key];
      const matched = Array.isArray(actual)
        ? actual.some((element: unknown) => accepts(accepted, element))
        : accepts(accepted, actual);
      if (!matched) return false;
    }
    return true;
  };
}

function sameValue(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  try {
    return JSON.stringify(left) === JSON.stringify(right);
  } catch {
    return false;
  }
}

/** Bounded min-heap of hits: the root is the weakest hit kept. Ties rank the older slot higher. */
class TopKHeap {
  private readonly hits: Array<{ score: number; slot: number }> = [];

  constructor(private readonly capacity: number) {}

  accepts(score: number, slot: number): boolean {
    const root = this.hits[0];
    return this.hits.length < this.capacity || (root !== undefined && ranksBelow(root, score, slot));
  }

  push(score: number, slot: number): void {
    const hits = this.hits;
    let index = 0;
    if (hits.length < this.capacity) index = hits.push({ score, slot }) - 1;
    else hits[0] = { score, slot };
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!ranksBelow(hits[index]!, hits[parent]!.score, hits[parent]!.slot)) break;
      [hits[index], hits[parent]] = [hits[parent]!, hits[index]!];
      index = parent;
    }
    for (;;) {
      let weakest = index;
      for (const child of [2 * index + 1, 2 * index + 2]) {
        const candidate = hits[child];
        if (candidate && ranksBelow(candidate, hits[weakest]!.score, hits[weakest]!.slot)) weakest = child;
      }
      if (weakest === index) return;
      [hits[index], hits[weakest]] = [hits[weakest]!, hits[index]!];
      index = weakest;
    }
  }

  sortedDescending(): Array<{ score: number; slot: number }> {
    return [...this.hits].sort((left, right) => right.score - left.score || left.slot - right.slot);
  }
}

function ranksBelow(hit: { score: number; slot: number }, score: number, slot: number): boolean {
  return hit.score < score || (hit.score === score && hit.slot > slot);
}

function copyInto<T extends Int32Array | Float32Array>(source: T, target: T): T {
  target.set(source);
  return target;
}
