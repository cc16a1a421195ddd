/**
 * Metrics exactly as `shared/evals/README.md` and its `scripts/` define them, so that our figures sit
 * next to the reference figures on the same scale:
 * - ROUGE-1/2/L F1 over lower-case `[a-z0-9]+` tokens, no stemming, ROUGE-L = LCS of the whole text
 *   (rouge-score's `rougeL`), as `scripts/bbc_baselines.py`;
 * - MAP (top 1000), nDCG@10 graded (gain 2^g − 1, g = 5 − Cleverdon code) and binary, P@10, MRR@10,
 *   as `scripts/ref_baselines.mjs`;
 * - accuracy, per-class and macro F1.
 */

// ---------- confidence intervals ----------

export interface Interval {
  low: number;
  high: number;
}

/** Wilson score interval (95 %) of a proportion `successes / trials`. */
export function wilsonInterval(successes: number, trials: number): Interval {
  if (trials === 0) return { low: 0, high: 0 };
  const z = 1.959964;
  const p = successes / trials;
  const denominator = 1 + (z * z) / trials;
  const centre = (p + (z * z) / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials))) / denominator;
  return { low: centre - half, high: centre + half };
}

/** Normal-approximation interval (95 %) of the mean of per-item values (queries, articles). */
export function meanInterval(values: readonly number[]): Interval {
  const n = values.length;
  if (n < 2) return { low: values[0] ?? 0, high: values[0] ?? 0 };
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  const half = 1.959964 * Math.sqrt(variance / n);
  return { low: mean - half, high: mean + half };
}

// ---------- ROUGE ----------

export function rougeTokens(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/gu) ?? [];
}

function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let start = 0; start + n <= tokens.length; start += 1) {
    const key = tokens.slice(start, start + n).join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** ROUGE-N F1 with clipped n-gram overlap. */
export function rougeN(candidate: readonly string[], reference: readonly string[], n: number): number {
  const candidateCounts = ngramCounts(candidate, n);
  const referenceCounts = ngramCounts(reference, n);
  let overlap = 0;
  let candidateTotal = 0;
  let referenceTotal = 0;
  for (const count of referenceCounts.values()) referenceTotal += count;
  for (const [gram, count] of candidateCounts) {
    candidateTotal += count;
    overlap += Math.min(count, referenceCounts.get(gram) ?? 0);
  }
  return f1(overlap / Math.max(1, candidateTotal), overlap / Math.max(1, referenceTotal));
}

export function longestCommonSubsequence(left: readonly string[], right: readonly string[]): number {
  let previous = new Uint32Array(right.length + 1);
  let current = new Uint32Array(right.length + 1);
  for (const token of left) {
    current[0] = 0;
    for (let column = 0; column < right.length; column += 1) {
      current[column + 1] =
        token === right[column] ? previous[column]! + 1 : Math.max(previous[column + 1]!, current[column]!);
    }
    [previous, current] = [current, previous];
  }
  return previous[right.length]!;
}

/** ROUGE-L F1 over the whole text (no sentence-level union LCS). */
export function rougeL(candidate: readonly string[], reference: readonly string[]): number {
  const common = longestCommonSubsequence(candidate, reference);
  return f1(common / Math.max(1, candidate.length), common / Math.max(1, reference.length));
}

export interface RougeScores {
  r1: number;
  r2: number;
  rl: number;
}

export function rouge(candidate: string, reference: string): RougeScores {
  const candidateTokens = rougeTokens(candidate);
  const referenceTokens = rougeTokens(reference);
  return {
    r1: rougeN(candidateTokens, referenceTokens, 1),
    r2: rougeN(candidateTokens, referenceTokens, 2),
    rl: rougeL(candidateTokens, referenceTokens),
  };
}

// ---------- retrieval ----------

export interface RetrievalScores {
  queries: number;
  map: number;
  ndcg10Graded: number;
  ndcg10Binary: number;
  p10: number;
  mrr10: number;
  /** nDCG@10 graded of each judged query, in query order (for the confidence interval). */
  ndcg10GradedPerQuery: number[];
}

/** Cleverdon code 1 (complete answer) → gain 4 … 4 (minimum interest) → 1; −1 and unjudged → 0. */
export function cranfieldGain(code: number | undefined): number {
  return code !== undefined && code >= 1 && code <= 4 ? 5 - code : 0;
}

/**
 * Mean scores over the queries with at least one relevant document (codes 1–4). `rankings[i]` is the
 * ranked document ids for the query of ordinal `i + 1`; `judgements` maps ordinal → document → code.
 */
export function evaluateRetrieval(
  rankings: readonly (readonly string[])[],
  judgements: ReadonlyMap<number, ReadonlyMap<string, number>>,
): RetrievalScores {
  const totals = { map: 0, ndcg10Graded: 0, ndcg10Binary: 0, p10: 0, mrr10: 0 };
  const ndcg10GradedPerQuery: number[] = [];
  let queries = 0;
  rankings.forEach((ranked, index) => {
    const judged = judgements.get(index + 1);
    if (!judged) return;
    const relevant = new Set([...judged].filter(([, code]) => cranfieldGain(code) > 0).map(([id]) => id));
    if (relevant.size === 0) return;
    queries += 1;
    let hits = 0;
    let averagePrecision = 0;
    let firstHit = 0;
    let dcg = 0;
    let dcgBinary = 0;
    ranked.forEach((documentId, rank) => {
      const isRelevant = relevant.has(documentId);
      if (isRelevant) {
        hits += 1;
        averagePrecision += hits / (rank + 1);
        if (firstHit === 0) firstHit = rank + 1;
      }
      if (rank < 10) {
        const discount = Math.log2(rank + 2);
        dcg += (2 ** cranfieldGain(judged.get(documentId)) - 1) / discount;
        dcgBinary += (isRelevant ? 1 : 0) / discount;
      }
    });
    const ideal = [...judged.values()]
      .map(cranfieldGain)
      .filter((gain) => gain > 0)
      .sort((left, right) => right - left)
      .slice(0, 10);
    const idealDcg = ideal.reduce((sum, gain, rank) => sum + (2 ** gain - 1) / Math.log2(rank + 2), 0);
    const idealBinary = ideal.reduce((sum, _gain, rank) => sum + 1 / Math.log2(rank + 2), 0);
    totals.map += averagePrecision / relevant.size;
    totals.ndcg10Graded += dcg / idealDcg;
    ndcg10GradedPerQuery.push(dcg / idealDcg);
    totals.ndcg10Binary += dcgBinary / idealBinary;
    totals.p10 += ranked.slice(0, 10).filter((documentId) => relevant.has(documentId)).length / 10;
    totals.mrr10 += firstHit > 0 && firstHit <= 10 ? 1 / firstHit : 0;
  });
  const mean = (sum: number) => (queries === 0 ? 0 : sum / queries);
  return {
    queries,
    map: mean(totals.map),
    ndcg10Graded: mean(totals.ndcg10Graded),
    ndcg10Binary: mean(totals.ndcg10Binary),
    p10: mean(totals.p10),
    mrr10: mean(totals.mrr10),
    ndcg10GradedPerQuery,
  };
}

// ---------- classification ----------

export interface ClassificationScores {
  items: number;
  accuracy: number;
  macroF1: number;
  perClass: { label: string; precision: number; recall: number; f1: number; support: number }[];
  /** confusion[gold][predicted] = count, in `labels` order. */
  confusion: number[][];
}

export function evaluateClassification(
  labels: readonly string[],
  pairs: readonly { gold: string; predicted: string }[],
): ClassificationScores {
  const position = new Map(labels.map((label, index) => [label, index]));
  const confusion = labels.map(() => labels.map(() => 0));
  let correct = 0;
  for (const { gold, predicted } of pairs) {
    const row = position.get(gold);
    if (row === undefined) throw new Error(`unknown gold label ${gold}`);
    const column = position.get(predicted);
    if (predicted === gold) correct += 1;
    // A prediction outside the label set counts against recall only.
    if (column !== undefined) confusion[row]![column]! += 1;
  }
  const perClass = labels.map((label, index) => {
    const truePositives = confusion[index]![index]!;
    const predictedCount = confusion.reduce((sum, row) => sum + row[index]!, 0);
    const support = pairs.filter((pair) => pair.gold === label).length;
    const precision = predictedCount === 0 ? 0 : truePositives / predictedCount;
    const recall = support === 0 ? 0 : truePositives / support;
    return { label, precision, recall, f1: f1(precision, recall), support };
  });
  return {
    items: pairs.length,
    accuracy: pairs.length === 0 ? 0 : correct / pairs.length,
    macroF1: perClass.reduce((sum, entry) => sum + entry.f1, 0) / Math.max(1, perClass.length),
    perClass,
    confusion,
  };
}
