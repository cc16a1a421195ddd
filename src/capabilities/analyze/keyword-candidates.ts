/**
 * Candidate keyphrases as token ranges. English: noun phrases from POS tags (modifiers then a head
 * noun: "electric buses", "drought-tolerant crops", "charging stations"). Other languages: runs of
 * words between function words and punctuation, as RAKE does.
 */
import type { ParsedText, ParsedToken } from '../../nlp/parsed-text.js';

export interface PhraseSpan {
  /** Token index range, inclusive. */
  first: number;
  last: number;
  sentence: number;
}

const MAX_PHRASE_UNITS = 4;
const MAX_WORD_LENGTH = 40;

/** A word, or a hyphenated compound ("drought-tolerant", "state-of-the-art") taken as one word. */
interface Unit {
  first: number;
  last: number;
  /** Can end a phrase (a noun). */
  head: boolean;
  /** Can stand inside a phrase (adjective, noun, compound, "-ing" form before a noun). */
  nominal: boolean;
}

const isWord = (token: ParsedToken | undefined): token is ParsedToken =>
  token !== undefined &&
  token.type === 'word' &&
  token.value.length <= MAX_WORD_LENGTH &&
  /\p{L}/u.test(token.value);

export const isContentWord = (token: ParsedToken): boolean =>
  isWord(token) && !token.stopWord && token.normal.length > 1;

/** Tokens inside an entity: dates ("today", "March"), amounts and the like are not topics. */
function entityTokens(parsed: ParsedText): Set<number> {
  const inside = new Set<number>();
  for (const entity of parsed.entities) {
    for (let index = entity.firstToken; index <= entity.lastToken; index += 1) inside.add(index);
  }
  return inside;
}

function units(
  parsed: ParsedText,
  firstToken: number,
  lastToken: number,
  skip: Set<number>,
): (Unit | undefined)[] {
  const { tokens } = parsed;
  const result: (Unit | undefined)[] = [];
  let index = firstToken;
  while (index <= lastToken) {
    let last = index;
    // Glue "word-word" chains written without spaces.
    while (
      isWord(tokens[last]) &&
      tokens[last + 1]?.value === '-' &&
      tokens[last + 1]?.start === tokens[last]?.end &&
      isWord(tokens[last + 2]) &&
      tokens[last + 2]?.start === tokens[last + 1]?.end &&
      last + 2 <= lastToken
    ) {
      last += 2;
    }
    const token = tokens[index];
    const final = tokens[last];
    if (skip.has(index) || skip.has(last)) {
      result.push(undefined);
    } else if (last > index && final !== undefined) {
      result.push({ first: index, last, head: /^(?:NOUN|PROPN)$/u.test(final.pos), nominal: true });
    } else if (token !== undefined && isContentWord(token)) {
      const head = token.pos === 'NOUN' || token.pos === 'PROPN';
      // "charging stations", but not "is already affecting farmers".
      const gerund =
        token.pos === 'VERB' &&
        token.normal.endsWith('ing') &&
        tokens[index + 1]?.pos === 'NOUN' &&
        !/^(?:AUX|VERB|ADV|PRON|PART)$/u.test(tokens[index - 1]?.pos ?? '');
      result.push({ first: index, last, head, nominal: head || token.pos === 'ADJ' || gerund });
    } else {
      result.push(undefined);
    }
    index = last + 1;
  }
  return result;
}

export function nounPhrases(parsed: ParsedText): PhraseSpan[] {
  const spans: PhraseSpan[] = [];
  const skip = entityTokens(parsed);
  parsed.sentences.forEach((sentence, sentenceIndex) => {
    let run: Unit[] = [];
    const close = (): void => {
      // A phrase ends on its head noun: drop trailing modifiers.
      while (run.length > 0 && run[run.length - 1]?.head !== true) run.pop();
      const kept = run.slice(-MAX_PHRASE_UNITS);
      const first = kept[0];
      const last = kept[kept.length - 1];
      if (first !== undefined && last !== undefined) {
        spans.push({ first: first.first, last: last.last, sentence: sentenceIndex });
      }
      run = [];
    };
    for (const unit of units(parsed, sentence.firstToken, sentence.lastToken, skip)) {
      if (unit?.nominal === true) run.push(unit);
      else close();
    }
    close();
  });
  return spans;
}

export function wordRuns(parsed: ParsedText, functionWords: ReadonlySet<string> | undefined): PhraseSpan[] {
  const spans: PhraseSpan[] = [];
  const maxWords = functionWords === undefined ? 1 : 3;
  parsed.sentences.forEach((sentence, sentenceIndex) => {
    let first = -1;
    const close = (last: number): void => {
      if (first >= 0 && last >= first) {
        spans.push({ first: Math.max(first, last - maxWords + 1), last, sentence: sentenceIndex });
      }
      first = -1;
    };
    for (let index = sentence.firstToken; index <= sentence.lastToken; index += 1) {
      const token = parsed.tokens[index];
      const content =
        isWord(token) && [...token.normal].length >= 3 && functionWords?.has(token.normal) !== true;
      if (content && first < 0) first = index;
      if (!content) close(index - 1);
      else if (functionWords === undefined) close(index);
    }
    close(sentence.lastToken);
  });
  return spans;
}
