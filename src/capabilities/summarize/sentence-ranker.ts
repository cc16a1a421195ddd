/**
 * Scores every sentence unit for a summary: graph centrality (what the text keeps talking about)
 * blended with a lead prior (news and reports put their main point first; centrality alone favours
 * short sentences that merely repeat the topic's words), times the filler penalty (what the
 * sentence is doing). Near-duplicates of an earlier sentence are marked and kept out of the
 * graph, where repeated boilerplate would otherwise vouch for itself.
 */
import type { ParsedText } from '../../nlp/parsed-text.js';
import { FILLER_THRESHOLD, fillerPenalty } from './filler-penalty.js';
import { centrality, cosine, MAX_GRAPH_SENTENCES, tfidfVectors, type TermVector } from './sentence-graph.js';
import type { SentenceUnit } from '../../nlp/sentence-units.js';

export interface RankedUnits {
  scores: number[];
  filler: boolean[];
  duplicate: boolean[];
  vectors: TermVector[];
}

/** Similarity at which a later sentence only repeats an earlier one. */
export const DUPLICATE_SIMILARITY = 0.9;
/**
 * Share of the score from centrality (scaled to 1 for the most central sentence) … The largest share
 * at which the main point of each of our own labelled texts (test/fixtures/summarize) still leads.
 */
const CENTRALITY_WEIGHT = 0.8;
/** … and from position: 1 for the first content sentence, halving every ~1.4 sentences. */
const LEAD_WEIGHT = 0.2;
const LEAD_DECAY = 2;

const fingerprint = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

export function rankSentences(parsed: ParsedText, units: readonly SentenceUnit[]): RankedUnits {
  const vectors = tfidfVectors(units.map((unit) => unit.terms));
  const penalties = units.map((unit) =>
    fillerPenalty({
      tokens: parsed.tokens.slice(unit.firstToken, unit.lastToken + 1),
      contentTerms: unit.terms.length,
    }),
  );
  const filler = penalties.map((penalty) => penalty < FILLER_THRESHOLD);
  const duplicate = findDuplicates(units, vectors);

  const include = duplicate.map((isDuplicate) => !isDuplicate);
  const graphScores = centrality(vectors, penalties, include);

  let contentPosition = 0;
  const scores = units.map((_, index) => {
    const lead = Math.exp(-contentPosition / LEAD_DECAY);
    if (!filler[index] && !duplicate[index]) contentPosition += 1;
    const blended = CENTRALITY_WEIGHT * (graphScores[index] ?? 0) + LEAD_WEIGHT * lead;
    return blended * (penalties[index] ?? 1);
  });
  return { scores, filler, duplicate, vectors };
}

function findDuplicates(units: readonly SentenceUnit[], vectors: readonly TermVector[]): boolean[] {
  const seen = new Set<string>();
  const duplicate = units.map((unit) => {
    const key = fingerprint(unit.text);
    if (seen.has(key)) return true;
    seen.add(key);
    return false;
  });
  if (units.length > MAX_GRAPH_SENTENCES) return duplicate;
  for (let later = 1; later < units.length; later += 1) {
    if (duplicate[later] === true) continue;
    const vector = vectors[later];
    if (vector === undefined || vector.size === 0) continue;
    for (let earlier = 0; earlier < later; earlier += 1) {
      if (
        duplicate[earlier] !== true &&
        cosine(vectors[earlier] ?? new Map(), vector) >= DUPLICATE_SIMILARITY
      ) {
        duplicate[later] = true;
        break;
      }
    }
  }
  return duplicate;
}
