/**
 * Document sentiment from wink-nlp's lexicon scores (AFINN-like, with negation scope: "not good" is
 * negative). wink averages the scored words of a sentence, so a sentence that praises one thing and
 * damns another averages out to near zero; to see both sides, sentences are cut into clauses at
 * contrast markers and each clause is scored on its own. On top of the lexicon:
 * - contrast: the clause after "but"/"however"/"yet" outweighs the one before; a clause opened by
 *   "although"/"though"/"even if"/"whereas" is conceded, so the main clause outweighs it;
 * - phrase polarity the word lexicon misses: "could have been better", "nothing special", "did not
 *   like", "not worth", "waste of", "fails to"; "not bad" and "never boring" come out mildly positive;
 * - diminishers ("slightly", "somewhat", "a bit", "kind of") halve a clause, intensifiers ("very",
 *   "extremely", "utterly") strengthen it (wink weighs all of them alike);
 * - PTB-style split contractions ("does n't") are joined before scoring, so negation is seen.
 */
import type { ParsedText } from '../../nlp/parsed-text.js';
import { breakLongRuns } from '../../nlp/parsed-text.js';
import { getNlp } from '../../nlp/wink.js';
import { inducedPolarity, winkPolarity } from './sentiment-lexicon.js';

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
const CONCLUDING_WEIGHT = 2;
/** "Although the plot is thin, …": the writer concedes this clause; the main clause decides. */
const CONCEDING = new Set(['although', 'though', 'whereas']);
const CONCEDED_WEIGHT = 0.5;

/** Phrases whose polarity is not the sum of their words' (score replaces the clause's lexicon score). */
const NEGATIVE_PHRASES: readonly RegExp[] = [
  /\b(?:could|should|might|would)(?: not| n't|n't)? have been (?:better|more|much better|a lot better)\b/iu,
  /\b(?:nothing|not (?:anything|much)) (?:special|new|original|remarkable|memorable|to write home about)\b/iu,
  /\b(?:do|does|did|could|can|would|will|wo|ca)(?: not| n't|n't|nt) (?:like|love|enjoy|recommend|care for|work|deliver|help|impress|convince)\b/iu,
  /\bnot (?:worth|recommended|up to|good enough|very good|that good|much of)\b/iu,
  /\b(?:a )?waste of (?:time|money|talent|effort)\b/iu,
  /\b(?:fails?|failed|failing) to\b/iu,
  /\b(?:too|overly) (?:long|slow|short|predictable|simple|simplistic|obvious|much|many|little)\b/iu,
  /\b(?:lack|lacks|lacked|lacking|devoid) (?:of|in|any)\b/iu,
];
const NEGATIVE_PHRASE_SCORE = -0.4;
/** "not bad", "never boring": praise by negated criticism is weaker than the criticism was. */
const NEGATED_CRITICISM =
  /\b(?:not|never|n't|hardly)(?: (?:at all|too|so|that|very|really))? (?:bad|boring|dull|awful|terrible|disappointing|disappointed|horrible|poor|worse)\b/iu;
const NEGATED_CRITICISM_SCORE = 0.3;
const DIMINISHERS =
  /\b(?:slightly|somewhat|a (?:bit|little|tad)|kind of|sort of|fairly|mildly|rather|a touch|moderately|partly)\b/iu;
const DIMINISHER_FACTOR = 0.5;
const INTENSIFIERS =
  /\b(?:very|extremely|utterly|totally|absolutely|incredibly|really|truly|so|highly|deeply|thoroughly|completely|most)\b/iu;
const INTENSIFIER_FACTOR = 1.25;

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
      const weight = CONCLUDING.has(token.normal)
        ? CONCLUDING_WEIGHT
        : CONCEDING.has(token.normal)
          ? CONCEDED_WEIGHT
          : 1;
      cuts.push({ from: index, weight });
    } else if (token.value === ';' || (token.value === ',' && cuts[cuts.length - 1]!.weight < 1)) {
      // "Although it drags, the cast is superb": the comma closes the conceded clause.
      cuts.push({ from: index + 1, weight: 1 });
    }
  }
  const first = tokens[sentence.firstToken];
  if (first !== undefined && CONCEDING.has(first.normal)) cuts[0]!.weight = CONCEDED_WEIGHT;

  return cuts.map((cut, index) => {
    const last = (cuts[index + 1]?.from ?? sentence.lastToken + 1) - 1;
    const start = tokens[cut.from]?.start ?? -1;
    const end = tokens[last]?.end ?? -1;
    if (start < 0 || end <= start) return { score: 0, weight: cut.weight };
    return { score: clauseScore(text.slice(start, end)), weight: cut.weight };
  });
}

/** One clause: phrase rules first, else wink's lexicon score shaped by diminishers and intensifiers. */
export function clauseScore(clause: string): number {
  const text = clause.replace(/(\p{L}) n['’]t\b/gu, "$1n't").replace(/\b(ca|wo)n't\b/giu, '$1 not');
  if (NEGATIVE_PHRASES.some((phrase) => phrase.test(text))) {
    return Math.min(NEGATIVE_PHRASE_SCORE, lexiconScore(text.replace(NEGATED_CRITICISM, ' ')));
  }
  let score = lexiconScore(text);
  if (NEGATED_CRITICISM.test(text) && score > NEGATED_CRITICISM_SCORE) score = NEGATED_CRITICISM_SCORE;
  if (DIMINISHERS.test(text)) score *= DIMINISHER_FACTOR;
  else if (INTENSIFIERS.test(text)) score = clamp(score * INTENSIFIER_FACTOR);
  return score;
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

/** Words that negate what follows them (wink splits "don't" into "do" + "n't"). */
const NEGATORS = new Set([
  'not',
  "n't",
  'no',
  'never',
  'neither',
  'nor',
  'none',
  'nobody',
  'nothing',
  'nowhere',
  'without',
  'hardly',
  'barely',
  'scarcely',
  'cannot',
  'cant',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'wasnt',
  'arent',
  'werent',
  'wont',
  'wouldnt',
  'shouldnt',
  'couldnt',
  'aint',
]);
/**
 * VADER's negation rule (Hutto & Gilbert 2014) for induced polarities: a negator within the three
 * words before scales the word by −0.74; a punctuation mark ends the scope. (wink applies its own
 * negation to the words its lexicon scores.)
 */
const NEGATION_WINDOW = 3;
const NEGATION_SCALAR = -0.74;

/**
 * A clause's polarity: wink's lexicon score (the mean polarity of the words its lexicon scores, with
 * its negation scope), plus the induced polarities of the clause's other content words (see
 * `sentiment-lexicon.ts`), summed and divided by the number of lexicon-scored words (at least 1): alone
 * they decide a clause no lexicon word scores, next to lexicon words they nudge. An induced word is
 * negated by VADER's rule (`NEGATION_WINDOW`, `NEGATION_SCALAR`).
 */
export function lexiconScore(text: string): number {
  const lexiconMean = scoreOf(text);
  const nlp = getNlp();
  const its = nlp.its;
  const tokens = nlp.readDoc(breakLongRuns(text)).tokens();
  const normals = tokens.out(its.normal);
  const types = tokens.out(its.type);
  const stopWords = tokens.out(its.stopWordFlag);
  const tags = tokens.out(its.pos);
  let scored = 0;
  let inducedSum = 0;
  let words = 0;
  let lastNegator = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < normals.length; index += 1) {
    const type = types[index];
    if (type === 'punctuation') {
      lastNegator = Number.NEGATIVE_INFINITY;
      continue;
    }
    if (type !== 'word') continue;
    const normal = String(normals[index] ?? '');
    words += 1;
    if (NEGATORS.has(normal)) {
      lastNegator = words;
      continue;
    }
    if (winkPolarity(normal) !== 0) {
      scored += 1;
      continue;
    }
    if (stopWords[index] === true || tags[index] === 'PROPN') continue;
    const guessed = inducedPolarity(normal);
    if (guessed === undefined) continue;
    inducedSum += (words - lastNegator <= NEGATION_WINDOW ? NEGATION_SCALAR : 1) * guessed;
  }
  return clamp(lexiconMean + inducedSum / Math.max(1, scored));
}

function scoreOf(text: string): number {
  const nlp = getNlp();
  const value: unknown = nlp.readDoc(breakLongRuns(text)).out(nlp.its.sentiment);
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

const clamp = (value: number): number => Math.max(-1, Math.min(1, value));
const round = (value: number): number => Math.round(value * 1000) / 1000;
