/**
 * Reciprocal rank fusion (Cormack, Clarke & Büttcher, 2009): merges ranked lists whose scores are not
 * comparable (BM25 and vector similarity) by rank alone. A chunk scores Σ 1 / (k + rank) over the
 * lists it appears in (rank from 1); k = 60 damps the difference between the very first ranks.
 */

export const DEFAULT_RANK_CONSTANT = 60;

/**
 * Returns each distinct chunk once, best fused score first (ties keep first-seen order), carrying the
 * fields of its first occurrence with `score` replaced by the fused score.
 */
export function fuseByReciprocalRank<T extends { chunkId: string }>(
  lists: T[][],
  k: number = DEFAULT_RANK_CONSTANT,
): Array<T & { score: number }> {
  const constant = Number.isFinite(k) && k >= 0 ? k : DEFAULT_RANK_CONSTANT;
  const fused = new Map<string, { item: T; score: number; order: number }>();
  for (const list of lists) {
    const seenInList = new Set<string>();
    list.forEach((item, index) => {
      // A chunk listed twice in one list counts once, at its better rank.
      if (seenInList.has(item.chunkId)) return;
      seenInList.add(item.chunkId);
      const contribution = 1 / (constant + index + 1);
      const entry = fused.get(item.chunkId);
      if (entry) entry.score += contribution;
      else fused.set(item.chunkId, { item, score: contribution, order: fused.size });
    });
  }
  return [...fused.values()]
    .sort((left, right) => right.score - left.score || left.order - right.order)
    .map(({ item, score }) => ({ ...item, score }));
}
