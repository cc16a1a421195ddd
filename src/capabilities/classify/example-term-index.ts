/**
 * Literal word overlap between a text and labelled examples: TF-IDF vectors over Porter2 stems,
 * with IDF taken from the examples themselves, and for each label the cosine of its closest example.
 * It catches what word vectors blur (a product name, an error code) and needs no vectors at all.
 */

export interface StemmedExample {
  label: string;
  stems: readonly string[];
}

type SparseVector = Map<string, number>;

export class ExampleTermIndex {
  private readonly inverseFrequency = new Map<string, number>();
  /** A stem no example has counts as the rarest kind, so that unexplained words dilute the match. */
  private readonly unseenInverseFrequency: number;
  private readonly examples: Array<{ label: string; vector: SparseVector }>;

  constructor(examples: readonly StemmedExample[]) {
    const documentFrequency = new Map<string, number>();
    for (const example of examples) {
      for (const stem of new Set(example.stems)) {
        documentFrequency.set(stem, (documentFrequency.get(stem) ?? 0) + 1);
      }
    }
    this.unseenInverseFrequency = Math.log(1 + examples.length);
    for (const [stem, count] of documentFrequency) {
      this.inverseFrequency.set(stem, Math.log(1 + examples.length / count));
    }
    this.examples = examples.map((example) => ({
      label: example.label,
      vector: this.vectorOf(example.stems),
    }));
  }

  /** For each label that has examples, the highest cosine between the text and one of them, in [0, 1]. */
  closestExampleSimilarity(stems: readonly string[]): Map<string, number> {
    const text = this.vectorOf(stems);
    const best = new Map<string, number>();
    for (const example of this.examples) {
      const similarity = cosine(text, example.vector);
      best.set(example.label, Math.max(best.get(example.label) ?? 0, similarity));
    }
    return best;
  }

  /** Sublinear term frequency times IDF. */
  private vectorOf(stems: readonly string[]): SparseVector {
    const counts = new Map<string, number>();
    for (const stem of stems) counts.set(stem, (counts.get(stem) ?? 0) + 1);
    const vector: SparseVector = new Map();
    for (const [stem, count] of counts) {
      const idf = this.inverseFrequency.get(stem) ?? this.unseenInverseFrequency;
      vector.set(stem, (1 + Math.log(count)) * idf);
    }
    return vector;
  }
}

function cosine(left: SparseVector, right: SparseVector): number {
  let product = 0;
  for (const [stem, weight] of left) product += weight * (right.get(stem) ?? 0);
  if (product === 0) return 0;
  return product / (norm(left) * norm(right));
}

function norm(vector: SparseVector): number {
  let sum = 0;
  for (const weight of vector.values()) sum += weight * weight;
  return Math.sqrt(sum);
}
