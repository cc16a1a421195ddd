/**
 * Sentence centrality in the manner of TextRank: sentences are term vectors, edges are TextRank's
 * overlap similarities (cosine is kept for redundancy checks), and a sentence is central when central sentences resemble it
 * (PageRank with a teleport vector, so that a prior such as position can bias the walk).
 */

/** Sparse TF-IDF vector, L2-normalised. */
export type TermVector = Map<string, number>;

/** Above this many sentences the O(n²) graph is replaced by similarity to the document centroid. */
export const MAX_GRAPH_SENTENCES = 600;

const DAMPING = 0.85;
const MAX_ITERATIONS = 100;
const TOLERANCE = 1e-7;
/** Similarities below this are noise (one shared common word) and add no edge. */
const MIN_EDGE = 0.05;

export function tfidfVectors(termLists: readonly string[][]): TermVector[] {
  const documentFrequency = new Map<string, number>();
  for (const terms of termLists) {
    for (const term of new Set(terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const count = termLists.length;
  return termLists.map((terms) => {
    const frequency = new Map<string, number>();
    for (const term of terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
    const vector: TermVector = new Map();
    let norm = 0;
    for (const [term, tf] of frequency) {
      const idf = Math.log((1 + count) / (1 + (documentFrequency.get(term) ?? 0))) + 1;
      const weight = (1 + Math.log(tf)) * idf;
      vector.set(term, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [term, weight] of vector) vector.set(term, weight / norm);
    return vector;
  });
}

/** Cosine of two L2-normalised sparse vectors. */
export function cosine(left: TermVector, right: TermVector): number {
  const [small, large] = left.size <= right.size ? [left, right] : [right, left];
  let dot = 0;
  for (const [term, weight] of small) dot += weight * (large.get(term) ?? 0);
  return dot;
}

/**
 * Centrality of each sentence, scaled so the most central is 1. `prior` (non-negative, any scale)
 * is the teleport distribution; `include[i] === false` leaves a sentence out of the graph (it gets 0).
 */
export function centrality(
  vectors: readonly TermVector[],
  prior: readonly number[],
  include: readonly boolean[],
): number[] {
  const nodes = vectors.map((_, index) => index).filter((index) => include[index] !== false);
  const scores = new Array<number>(vectors.length).fill(0);
  if (nodes.length === 0) return scores;
  const raw =
    nodes.length > MAX_GRAPH_SENTENCES ? centroidSimilarity(vectors, nodes) : pageRank(vectors, nodes, prior);
  const max = raw.reduce((best, value) => Math.max(best, value), 0);
  nodes.forEach((node, position) => {
    scores[node] = max > 0 ? (raw[position] ?? 0) / max : 1;
  });
  return scores;
}

function pageRank(vectors: readonly TermVector[], nodes: number[], prior: readonly number[]): number[] {
  const size = nodes.length;
  const edges: { to: number; weight: number }[][] = nodes.map(() => []);
  const outWeight = new Array<number>(size).fill(0);
  for (let left = 0; left < size; left += 1) {
    for (let right = left + 1; right < size; right += 1) {
      const similarity = overlapSimilarity(
        vectors[nodes[left] ?? 0] ?? new Map(),
        vectors[nodes[right] ?? 0] ?? new Map(),
      );
      if (similarity < MIN_EDGE) continue;
      edges[left]?.push({ to: right, weight: similarity });
      edges[right]?.push({ to: left, weight: similarity });
      outWeight[left] = (outWeight[left] ?? 0) + similarity;
      outWeight[right] = (outWeight[right] ?? 0) + similarity;
    }
  }
  const priorSum = nodes.reduce((sum, node) => sum + Math.max(0, prior[node] ?? 0), 0);
  const teleport = nodes.map((node) => (priorSum > 0 ? Math.max(0, prior[node] ?? 0) / priorSum : 1 / size));

  let rank = teleport.slice();
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration += 1) {
    // Rank held by sentences without edges is redistributed along the teleport vector.
    let dangling = 0;
    for (let node = 0; node < size; node += 1) if ((outWeight[node] ?? 0) === 0) dangling += rank[node] ?? 0;
    const next = teleport.map((share) => (1 - DAMPING + DAMPING * dangling) * share);
    for (let node = 0; node < size; node += 1) {
      const total = outWeight[node] ?? 0;
      if (total === 0) continue;
      const flow = (DAMPING * (rank[node] ?? 0)) / total;
      for (const edge of edges[node] ?? []) next[edge.to] = (next[edge.to] ?? 0) + flow * edge.weight;
    }
    const change = next.reduce((sum, value, node) => sum + Math.abs(value - (rank[node] ?? 0)), 0);
    rank = next;
    if (change < TOLERANCE) break;
  }
  return rank;
}

/**
 * TextRank's sentence similarity (Mihalcea & Tarau 2004): shared terms over log lengths. Unlike a
 * cosine, it does not favour short sentences that only repeat the topic's words; a sentence that
 * says more about what the text is about links to more of it.
 */
export function overlapSimilarity(left: TermVector, right: TermVector): number {
  const [small, large] = left.size <= right.size ? [left, right] : [right, left];
  let shared = 0;
  for (const term of small.keys()) if (large.has(term)) shared += 1;
  const denominator = Math.log(1 + left.size) + Math.log(1 + right.size);
  return denominator > 0 ? shared / denominator : 0;
}

function centroidSimilarity(vectors: readonly TermVector[], nodes: number[]): number[] {
  const centroid: TermVector = new Map();
  for (const node of nodes) {
    for (const [term, weight] of vectors[node] ?? []) centroid.set(term, (centroid.get(term) ?? 0) + weight);
  }
  const norm = Math.sqrt([...centroid.values()].reduce((sum, weight) => sum + weight * weight, 0));
  if (norm > 0) for (const [term, weight] of centroid) centroid.set(term, weight / norm);
  return nodes.map((node) => cosine(vectors[node] ?? new Map(), centroid));
}
