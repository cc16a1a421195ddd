/**
 * How much a sentence looks like filler rather than content, as a factor in (0, 1] that multiplies
 * its summary score. A summary reports what a text says; sentences that do something else — greet,
 * ask the reader, tell the reader to act, thank, carry page furniture — are recognised by their
 * form (length, end punctuation, mood, addressee, links) and by the small closed vocabulary of
 * calls to action and page boilerplate, each feature a multiplicative penalty.
 */
import type { ParsedToken } from '../../nlp/parsed-text.js';

/** Below this a sentence is filler: left out unless nothing else is left. */
export const FILLER_THRESHOLD = 0.4;

/** Lemmas that are, in running text, almost only calls to action, greetings or page furniture. */
const META_WORDS = new Set([
  'subscribe',
  'unsubscribe',
  'subscriber',
  'newsletter',
  'click',
  'copyright',
  'cookie',
  'thanks',
  'thank',
  'hello',
  'hi',
  'hey',
  'goodbye',
  'bye',
]);
/** Two-word formulas, matched on lemmas at most two tokens apart. */
const META_PAIRS: readonly (readonly [string, string])[] = [
  ['good', 'morning'],
  ['good', 'afternoon'],
  ['good', 'evening'],
  ['welcome', 'back'],
  ['welcome', 'to'],
  ['right', 'reserve'],
  ['stay', 'tune'],
  ['read', 'more'],
  ['learn', 'more'],
  ['sign', 'up'],
  ['let', 'know'],
  ['check', 'out'],
  ['follow', 'us'],
  ['share', 'this'],
];
const READER = new Set(['you', 'your', 'yours', 'yourself', 'yourselves']);
const LINK_TYPES = new Set(['url', 'email', 'mention', 'hashtag']);

export interface FillerFeatures {
  tokens: readonly ParsedToken[];
  /** Number of content terms (non-stop words). */
  contentTerms: number;
}

export function fillerPenalty({ tokens, contentTerms }: FillerFeatures): number {
  const lemmas = tokens.map((token) => token.lemma);
  const words = tokens.filter((token) => token.type === 'word' || token.type === 'number');
  const wordCount = words.length;
  if (wordCount === 0) return 0.05;
  let factor = 1;

  if (wordCount < 4) factor *= 0.25;
  else if (wordCount < 7) factor *= 0.7;

  const last = [...tokens].reverse().find((token) => token.type === 'punctuation');
  if (last?.value.includes('?') === true) factor *= 0.3;
  else if (last?.value.includes('!') === true) factor *= 0.8;

  const first = words[0];
  const firstIndex = first === undefined ? -1 : tokens.indexOf(first);
  if (first?.pos === 'INTJ') factor *= 0.4;
  const imperative =
    (first?.pos === 'VERB' && first.normal === first.lemma) ||
    (first?.normal === 'do' && tokens[firstIndex + 1]?.normal === "n't");
  if (imperative) factor *= 0.5;

  if (tokens.some((token) => READER.has(token.normal))) factor *= 0.7;
  if (tokens.some((token) => LINK_TYPES.has(token.type) || token.value === '©')) factor *= 0.5;

  factor *= 0.5 ** Math.min(3, metaHits(lemmas));

  if (contentTerms / wordCount < 0.3) factor *= 0.6;
  // Without a verb it is a label (heading, dateline, caption, "Attendees: …"), not a statement.
  if (!tokens.some((token) => token.pos === 'VERB' || token.pos === 'AUX')) factor *= 0.5;

  return Math.max(0.01, factor);
}

function metaHits(lemmas: readonly string[]): number {
  let hits = new Set(lemmas.filter((lemma) => META_WORDS.has(lemma))).size;
  for (const [head, tail] of META_PAIRS) {
    const found = lemmas.some(
      (lemma, index) => lemma === head && (lemmas[index + 1] === tail || lemmas[index + 2] === tail),
    );
    if (found) hits += 1;
  }
  return hits;
}
