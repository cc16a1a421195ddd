/**
 * What the classifier reads from a text, from one pass of the shared wink-nlp pipeline: the content
 * words (with a lemma to fall back on when the surface form has no vector), their Porter2 stems for
 * literal matches, and the lexicon-based sentiment of the whole text.
 */
import type { ItemToken, ItsFunction } from 'wink-nlp';
import { getNlp } from '../../nlp/wink.js';

export interface ContentWord {
  /** Lower-case surface form, contractions expanded ("don't" → "do", "not"). */
  normal: string;
  lemma: string;
  stem: string;
}

export interface TextFeatures {
  words: ContentWord[];
  /** wink-nlp sentiment in [-1, 1]; 0 when the text carries no sentiment words. */
  sentiment: number;
}

/** Classification looks at the start of very long texts only: the topic is settled long before. */
const MAX_CHARACTERS = 100_000;
const STARTS_LIKE_A_WORD = /^[\p{L}\p{N}]/u;

export function readTextFeatures(text: string, options: { keepStopWords?: boolean } = {}): TextFeatures {
  const nlp = getNlp();
  const its = nlp.its;
  // wink-nlp's declarations type its.lemma and its.stem with a signature `out()` rejects; both work.
  const lemmaOf = its.lemma as unknown as ItsFunction<string>;
  const stemOf = its.stem as unknown as ItsFunction<string>;
  const doc = nlp.readDoc(text.length > MAX_CHARACTERS ? text.slice(0, MAX_CHARACTERS) : text);
  const words: ContentWord[] = [];
  doc.tokens().each((token: ItemToken) => {
    if (token.out(its.type) !== 'word') return;
    if (!options.keepStopWords && token.out(its.stopWordFlag) === true) return;
    const normal = String(token.out(its.normal));
    if (!STARTS_LIKE_A_WORD.test(normal)) return;
    words.push({ normal, lemma: String(token.out(lemmaOf)), stem: String(token.out(stemOf)) });
  });
  const sentiment = Number(doc.out(its.sentiment));
  return { words, sentiment: Number.isFinite(sentiment) ? sentiment : 0 };
}

const ABBREVIATIONS: Readonly<Record<string, string>> = {
  acct: 'account',
  admin: 'administration',
  biz: 'business',
  dept: 'department',
  econ: 'economy',
  govt: 'government',
  hr: 'human resources',
  info: 'information',
  intl: 'international',
  mgmt: 'management',
  misc: 'miscellaneous',
  sci: 'science',
  tech: 'technology',
};

/**
 * Label names are identifiers as often as phrases: "Sci/Tech", "customer_support", "billingIssue",
 * "IT". This turns them into plain words that have vectors.
 */
export function labelToPhrase(label: string): string {
  const spaced = label
    .replace(/\bIT\b/g, 'information technology')
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/[/_|&+,;:()[\]{}<>#*~=\\-]+/g, ' ');
  return spaced
    .split(/\s+/)
    .filter((part) => part.length > 0)
    .map((part) => ABBREVIATIONS[part.toLowerCase()] ?? part)
    .join(' ');
}

/** Features of a label; a label made only of stopwords ("other", "none") keeps them. */
export function readLabelFeatures(label: string): TextFeatures {
  const phrase = labelToPhrase(label);
  const features = readTextFeatures(phrase);
  return features.words.length > 0 ? features : readTextFeatures(phrase, { keepStopWords: true });
}
