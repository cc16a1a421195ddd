/**
 * Word counting that works across scripts: a word is a whitespace-separated chunk holding a letter
 * or digit ("can't", "e-mail", "3.5", "bob@example.com" are one word each), except that every
 * Chinese or Japanese character counts as one word, as word processors count them.
 */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

export function countWords(text: string): number {
  let words = 0;
  for (const chunk of text.split(/\s+/u)) {
    const cjk = chunk.match(CJK)?.length ?? 0;
    words += cjk;
    const rest = cjk > 0 ? chunk.replace(CJK, ' ').split(' ') : [chunk];
    for (const part of rest) if (LETTER_OR_DIGIT.test(part)) words += 1;
  }
  return words;
}
