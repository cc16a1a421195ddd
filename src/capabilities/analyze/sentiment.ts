/**
 * Document sentiment from wink-nlp's lexicon scores (AFINN-like, with negation scope: "not good" is
 * negative). wink averages the scored words of a sentence, so a sentence that praises one thing and
 * damns another averages out to near zero; to see both sides, sentences are cut into clauses at
 * contrast markers ("but", "however", "although", ";") and each clause is scored on its own.
 */
import type { ParsedText } from '../../nlp/parsed-text.js';
import { breakLongRuns } from '../../nlp/parsed-text.js';
import { getNlp } from '../../nlp/wink.js';

export type SentimentLabel = 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL' | 'MIXED';

export interface SentimentResult {
  label: SentimentLabel;
  /** Polarity in [-1, 1]. */
  score: number;
}

/** Markers that open a clause contrasting with what precedes it. */
const CONTRAST = new Set([
  'but',
  'however',
  'although',
  'though',
  'yet',
  'whereas',
  'nevertheless',
  'nonetheless',
]);
/** The clause after "but"/"however" usually carries the writer's conclusion. */
const CONCLUDING = new Set(['but', 'however', 'yet', 'nevertheless', 'nonetheless']);
const CONCLUDING_WEIGHT = 1.25;

/**
 * |score| below this is NEUTRAL. wink scores words in steps of 0.2 (AFINN's -5..5 over 5): one
 * weakest word ("broken", "please") alone still tips the label, a diluted one does not.
 */
const NEUTRAL_BAND = 0.2;
/**
 * MIXED needs a clause of at least this strength on each side, and either a stated contrast (both in
 * one sentence, across "but"/"although"/…) or, across sentences, …
 */
const STRONG = 0.25;
/** … the weaker side holding at least this share of the stronger side's mass. */
const MIXED_BALANCE = 0.4;
/** Sentences without sentiment words dilute the score, but less than a scored sentence counts. */
const NEUTRAL_DILUTION = 0.25;

interface Unit {
  score: number;
  weight: number;
}

/**
 * `language` is the detected one: the lexicon is English, so for other languages only emoji and
 * emoticons are scored (an English word that happens to be spelt like a French one is noise).
 */
export function analyzeSentiment(parsed: ParsedText, language = 'en'): SentimentResult {
  const english = language === 'en' || language === 'und';
  const perSentence = parsed.sentences.map((sentence) =>
    english ? sentenceUnits(parsed, sentence) : symbolUnits(parsed, sentence),
  );
  // "Wonderful staff, although the room was dirty": a contrast the writer states outright.
  const statedContrast = perSentence.some(
    (clauses) =>
      clauses.some(({ score }) => score >= STRONG) && clauses.some(({ score }) => score <= -STRONG),
  );
  const units = perSentence.flat();
  let weighted = 0;
  let scoredWeight = 0;
  let unscored = 0;
  let positiveMass = 0;
  let negativeMass = 0;
  let strongestPositive = 0;
  let strongestNegative = 0;
  for (const { score, weight } of units) {
    if (score === 0) {
      unscored += 1;
      continue;
    }
    weighted += score * weight;
    scoredWeight += weight;
    if (score > 0) {
      positiveMass += score * weight;
      strongestPositive = Math.max(strongestPositive, score);
    } else {
      negativeMass -= score * weight;
      strongestNegative = Math.max(strongestNegative, -score);
    }
  }
  if (scoredWeight === 0) return { label: 'NEUTRAL', score: 0 };

  const score = clamp(weighted / (scoredWeight + NEUTRAL_DILUTION * unscored));
  const balance = Math.min(positiveMass, negativeMass) / Math.max(positiveMass, negativeMass);
  if (
    statedContrast ||
    (strongestPositive >= STRONG && strongestNegative >= STRONG && balance >= MIXED_BALANCE)
  ) {
    return { label: 'MIXED', score: round(score) };
  }
  if (Math.abs(score) < NEUTRAL_BAND - 1e-9) return { label: 'NEUTRAL', score: round(score) };
  return { label: score > 0 ? 'POSITIVE' : 'NEGATIVE', score: round(score) };
}

function sentenceUnits(parsed: ParsedText, sentence: ParsedText['sentences'][number]): Unit[] {
  const { tokens, text } = parsed;
  const cuts: { from: number; weight: number }[] = [{ from: sentence.firstToken, weight: 1 }];
  for (let index = sentence.firstToken + 1; index < sentence.lastToken; index += 1) {
    const token = tokens[index];
    if (token === undefined) continue;
    if (CONTRAST.has(token.normal)) {
      cuts.push({ from: index, weight: CONCLUDING.has(token.normal) ? CONCLUDING_WEIGHT : 1 });
    } else if (token.value === ';') {
      cuts.push({ from: index + 1, weight: 1 });
    }
  }
  if (cuts.length === 1) return [{ score: sentence.sentiment, weight: 1 }];

  return cuts.map((cut, index) => {
    const last = (cuts[index + 1]?.from ?? sentence.lastToken + 1) - 1;
    const start = tokens[cut.from]?.start ?? -1;
    const end = tokens[last]?.end ?? -1;
    if (start < 0 || end <= start) return { score: 0, weight: cut.weight };
    return { score: scoreOf(text.slice(start, end)), weight: cut.weight };
  });
}

function symbolUnits(parsed: ParsedText, sentence: ParsedText['sentences'][number]): Unit[] {
  const symbols = parsed.tokens
    .slice(sentence.firstToken, sentence.lastToken + 1)
    .filter((token) => token.type === 'emoji' || token.type === 'emoticon')
    .map((token) => token.value);
  return symbols.length === 0
    ? [{ score: 0, weight: 1 }]
    : [{ score: scoreOf(symbols.join(' ')), weight: 1 }];
}

function scoreOf(text: string): number {
  const nlp = getNlp();
  const value: unknown = nlp.readDoc(breakLongRuns(text)).out(nlp.its.sentiment);
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

const clamp = (value: number): number => Math.max(-1, Math.min(1, value));
const round = (value: number): number => Math.round(value * 1000) / 1000;
