import type { ParsedText } from '../../nlp/parsed-text.js';
import { sentenceUnits } from '../../nlp/sentence-units.js';
import { countWords } from '../../nlp/word-count.js';

export interface TextStats {
  /** Unicode code points (an emoji such as 😀 is one character, not two UTF-16 units). */
  characters: number;
  words: number;
  /** Sentences holding a letter or digit (a trailing "🎧" is not one); list items and headings count too. */
  sentences: number;
  /** At 200 words per minute, rounded up; 0 for a text without words. */
  readingTimeSeconds: number;
}

export const WORDS_PER_MINUTE = 200;

export function computeStats(parsed: ParsedText): TextStats {
  const words = countWords(parsed.text);
  const sentences = sentenceUnits(parsed, 'und').filter((unit) => /[\p{L}\p{N}]/u.test(unit.text)).length;
  let characters = 0;
  for (const _character of parsed.text) characters += 1;
  return { characters, words, sentences, readingTimeSeconds: Math.ceil((words / WORDS_PER_MINUTE) * 60) };
}
