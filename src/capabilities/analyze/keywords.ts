/**
 * Keyphrases without a background corpus. Candidates are noun phrases read off the POS tags
 * (adjectives and nouns ending in a noun, as in "electric buses" or "city council"); each is scored
 * by how often its words recur in the text (RAKE's insight: topic words recur, in and out of the
 * phrase), by how often the phrase itself recurs, and a little by how early it first appears.
 * POS tags exist for English only; other languages fall back to recurring content words.
 */
import { FUNCTION_WORDS } from '../../nlp/function-words.js';
import type { ParsedText, ParsedToken } from '../../nlp/parsed-text.js';
import { isContentWord, nounPhrases, wordRuns, type PhraseSpan } from './keyword-candidates.js';

export interface Keyword {
  text: string;
  /** Relative to the best keyword, which scores 1. */
  score: number;
}

const MAX_KEYWORDS = 10;
/** Multi-word phrases are more specific than their head noun alone: +25% per extra word, up to 3. */
const PHRASE_BONUS = 0.25;
/** First mention at the very start scores up to this much more than one at the very end. */
const POSITION_BONUS = 0.25;

interface Candidate {
  key: string;
  /** Terms of the phrase's content words, used to score it. */
  terms: string[];
  surfaces: Map<string, number>;
  count: number;
  firstSentence: number;
}

export function extractKeywords(parsed: ParsedText, language: string): Keyword[] {
  const english = language === 'en' || language === 'und';
  // English words are compared by stem ("bus" = "buses"); others by their lower-cased form.
  const termOf = english ? (token: ParsedToken) => token.stem : (token: ParsedToken) => token.normal;
  const phrases = english ? nounPhrases(parsed) : wordRuns(parsed, FUNCTION_WORDS[language]);
  const candidates = collect(parsed, phrases, termOf, english);
  if (candidates.length === 0) return [];

  const wordFrequency = new Map<string, number>();
  for (const token of parsed.tokens) {
    if (isContentWord(token)) wordFrequency.set(termOf(token), (wordFrequency.get(termOf(token)) ?? 0) + 1);
  }
  const sentences = Math.max(1, parsed.sentences.length);
  const scored = candidates.map((candidate) => {
    const words = Math.max(1, candidate.terms.length);
    const recurrence = candidate.terms.reduce((sum, term) => sum + (wordFrequency.get(term) ?? 1), 0) / words;
    const specificity = 1 + PHRASE_BONUS * (Math.min(words, 3) - 1);
    const position = 1 + POSITION_BONUS * (1 - candidate.firstSentence / sentences);
    return { candidate, score: recurrence * (1 + Math.log(candidate.count)) * specificity * position };
  });
  scored.sort(
    (left, right) => right.score - left.score || left.candidate.firstSentence - right.candidate.firstSentence,
  );

  const chosen: { candidate: Candidate; score: number; text: string }[] = [];
  for (const entry of scored) {
    if (chosen.length === MAX_KEYWORDS) break;
    const text = mostFrequent(entry.candidate.surfaces);
    if (text.length === 0 || chosen.some((other) => other.text === text)) continue;
    // A phrase inside a chosen one adds nothing; a phrase around a chosen multi-word one
    // ("connection pool change" after "connection pool") barely more. "drought-tolerant crops"
    // after "droughts" is a topic of its own.
    const padded = ` ${entry.candidate.key} `;
    const nested = ({ candidate }: { candidate: Candidate }): boolean =>
      ` ${candidate.key} `.includes(padded) ||
      (candidate.terms.length > 1 && padded.includes(` ${candidate.key} `));
    if (chosen.some(nested)) continue;
    chosen.push({ ...entry, text });
  }
  const best = chosen[0]?.score ?? 1;
  return chosen.map(({ text, score }) => ({
    text,
    score: Math.max(0.001, Math.round((score / best) * 1000) / 1000),
  }));
}

function collect(
  parsed: ParsedText,
  spans: PhraseSpan[],
  termOf: (token: ParsedToken) => string,
  english: boolean,
): Candidate[] {
  const byKey = new Map<string, Candidate>();
  for (const span of spans) {
    const tokens = parsed.tokens.slice(span.first, span.last + 1);
    const first = tokens[0];
    const last = tokens[tokens.length - 1];
    if (first === undefined || last === undefined || first.start < 0 || last.end < 0) continue;
    const key = tokens.map(termOf).join(' ');
    const terms = tokens.filter((token) => isContentWord(token) || !english).map(termOf);
    const surface = parsed.text.slice(first.start, last.end).replace(/\s+/gu, ' ').toLowerCase();
    const candidate = byKey.get(key) ?? {
      key,
      terms,
      surfaces: new Map(),
      count: 0,
      firstSentence: span.sentence,
    };
    candidate.count += 1;
    candidate.surfaces.set(surface, (candidate.surfaces.get(surface) ?? 0) + 1);
    byKey.set(key, candidate);
  }
  return [...byKey.values()];
}

function mostFrequent(counts: Map<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [value, count] of counts) {
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}
