/**
 * The `local/text-analyzer` model: sentiment, entities, keywords, language and statistics of a text,
 * computed offline from one wink-nlp parse. Synchronous; never throws on odd input.
 */
import { detectLanguage, hasEnglishFunctionWords, isConfidentDetection } from '../../nlp/detect-language.js';
import { parseText } from '../../nlp/parsed-text.js';
import { countTextTokens } from '../../nlp/token-count.js';
import { extractEntities, type Entity } from './entities.js';
import { extractKeywords, type Keyword } from './keywords.js';
import { analyzeSentiment, type SentimentResult } from './sentiment.js';
import { computeStats, type TextStats } from './text-stats.js';

export type AnalysisAspect = 'SENTIMENT' | 'ENTITIES' | 'KEYWORDS' | 'LANGUAGE' | 'STATS';

export const ALL_ASPECTS: readonly AnalysisAspect[] = [
  'SENTIMENT',
  'ENTITIES',
  'KEYWORDS',
  'LANGUAGE',
  'STATS',
];

export interface TextAnalysis {
  /** Label plus polarity in [-1, 1]; MIXED when strong praise and strong criticism both occur. */
  sentiment?: SentimentResult;
  /** In input order; `text === input.slice(start, end)` (UTF-16 offsets, `end` exclusive). */
  entities?: Entity[];
  /** Best first, at most 10, lower-cased; the best scores 1. */
  keywords?: Keyword[];
  /** ISO 639-1 when the language has such a code, else ISO 639-3; 'und' when unsure. */
  language?: string;
  stats?: TextStats;
  inputTokens: number;
  /** Tokens of the JSON of the result (without the two token counts). */
  outputTokens: number;
}

/** Analyses the requested aspects; none (or an empty list) means all of them. */
export function analyzeText(text: string, aspects?: AnalysisAspect[]): TextAnalysis {
  const wanted = new Set<AnalysisAspect>(aspects !== undefined && aspects.length > 0 ? aspects : ALL_ASPECTS);
  const parsed = parseText(text);
  const language = detectLanguage(text);

  const result: Omit<TextAnalysis, 'inputTokens' | 'outputTokens'> = {};
  if (wanted.has('SENTIMENT')) {
    // The lexicon is English: leave it only for a language we are sure of, not a guess on a short
    // text, and never for a text whose function words are English.
    const sentimentLanguage =
      language !== 'en' && isConfidentDetection(text, language) && !hasEnglishFunctionWords(text)
        ? language
        : 'en';
    result.sentiment = analyzeSentiment(parsed, sentimentLanguage);
  }
  if (wanted.has('ENTITIES')) result.entities = extractEntities(parsed);
  if (wanted.has('KEYWORDS')) result.keywords = extractKeywords(parsed, language);
  if (wanted.has('LANGUAGE')) result.language = language;
  if (wanted.has('STATS')) result.stats = computeStats(parsed);

  return {
    ...result,
    inputTokens: countTextTokens(text),
    outputTokens: countTextTokens(JSON.stringify(result)),
  };
}
