import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countTextTokens } from '../../nlp/token-count.js';
import { summarizeExtractive, truncate } from './extractive-summarizer.js';

interface SummaryCase {
  file: string;
  mainPoint: string;
  filler: string[];
}

const fixtures = new URL('../../../test/fixtures/summarize/', import.meta.url);
const read = (file: string): string => readFileSync(new URL(file, fixtures), 'utf8');
const cases = JSON.parse(read('cases.json')) as SummaryCase[];
const news = read('news-with-filler.txt');
const wordsOf = (text: string): number => text.split(/\s+/u).filter((word) => word.length > 0).length;

/** Distinct, plausible sentences from a fixed seed: a long text without near-duplicates. */
function syntheticText(sentenceCount: number): string {
  const subjects = [
    'The council',
    'A local bakery',
    'The river authority',
    'Our school board',
    'The city museum',
    'A new startup',
  ];
  const verbs = ['approved', 'delayed', 'funded', 'criticised', 'announced', 'redesigned', 'inspected'];
  const objects = [
    'a flood barrier',
    'the tram extension',
    'solar panels',
    'a reading program',
    'the night market',
  ];
  const tails = [
    'after a long debate',
    'despite rising costs',
    'for the third year',
    'with help from volunteers',
  ];
  let seed = 7;
  const pick = <T>(items: readonly T[]): T => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return items[seed % items.length] as T;
  };
  return Array.from(
    { length: sentenceCount },
    (_, index) => `${pick(subjects)} ${pick(verbs)} ${pick(objects)} in district ${index} ${pick(tails)}.`,
  ).join(' ');
}

describe('summarizeExtractive on labelled texts', () => {
  it.each(cases)('keeps the main point of $file and drops its filler', ({ file, mainPoint, filler }) => {
    const { summary, sentences } = summarizeExtractive(read(file));
    expect(summary).toContain(mainPoint);
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    for (const phrase of filler) expect(summary).not.toContain(phrase);
  });

  it.each(cases)(
    'puts the main point of $file first when only one sentence is allowed',
    ({ file, mainPoint }) => {
      if (file === 'meeting-notes.txt') return; // notes have no lead; any agenda item may win
      expect(summarizeExtractive(read(file), { maxSentences: 1 }).summary).toContain(mainPoint);
    },
  );
});

describe('summarizeExtractive options', () => {
  it('returns sentences in their original order', () => {
    const { sentences } = summarizeExtractive(news, { maxSentences: 4 });
    const positions = sentences.map((sentence) => news.indexOf(sentence));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((left, right) => left - right));
  });

  it.each([1, 2, 4])('honours maxSentences = %i', (maxSentences) => {
    expect(summarizeExtractive(news, { maxSentences }).sentences).toHaveLength(maxSentences);
  });

  it.each([
    [5, 'PARAGRAPH'],
    [12, 'PARAGRAPH'],
    [40, 'PARAGRAPH'],
    [70, 'PARAGRAPH'],
    [5, 'BULLETS'],
    [40, 'BULLETS'],
  ] as const)('never exceeds maxWords = %i (%s)', (maxWords, style) => {
    const { summary } = summarizeExtractive(news, { maxWords, style });
    expect(summary.length).toBeGreaterThan(0);
    expect(wordsOf(summary)).toBeLessThanOrEqual(maxWords);
  });

  it('truncates the best sentence at a word boundary when no sentence fits', () => {
    const { summary, sentences } = summarizeExtractive(news, { maxWords: 8 });
    expect(sentences).toHaveLength(1);
    expect(summary).toBe('The town council of Port Ellery voted on…');
    expect(wordsOf(summary)).toBe(8);
  });

  it('formats BULLETS as one "- sentence" line per chosen sentence', () => {
    const { summary, sentences } = summarizeExtractive(news, { style: 'BULLETS' });
    const lines = summary.split('\n');
    expect(lines).toHaveLength(sentences.length);
    lines.forEach((line, index) => expect(line).toBe(`- ${sentences[index]}`));
  });

  it('joins PARAGRAPH sentences with single spaces', () => {
    const { summary, sentences } = summarizeExtractive(news);
    expect(summary).toBe(sentences.join(' '));
    expect(summary).not.toMatch(/\s{2,}|\n/u);
  });

  it('defaults to three sentences for a short text and more for a long one', () => {
    expect(summarizeExtractive(news).sentences).toHaveLength(3);
    // 20% of the sentences, at most 10; redundant sentences may leave it short of the limit.
    const forty = summarizeExtractive(syntheticText(40)).sentences.length;
    expect(forty).toBeGreaterThan(3);
    expect(forty).toBeLessThanOrEqual(8);
    const fourHundred = summarizeExtractive(syntheticText(400)).sentences.length;
    expect(fourHundred).toBeGreaterThan(3);
    expect(fourHundred).toBeLessThanOrEqual(10);
  });

  it('reports token counts of the input and of the summary', () => {
    const result = summarizeExtractive(news);
    expect(result.inputTokens).toBe(countTextTokens(news));
    expect(result.outputTokens).toBe(countTextTokens(result.summary));
  });
});

describe('summarizeExtractive sentence handling', () => {
  it('keeps one copy of a repeated sentence', () => {
    const repeated =
      'The bridge will close for repairs on Monday. Drivers should use the ring road instead. ' +
      'The bridge will close for repairs on Monday! Buses will run every ten minutes during the works.';
    const { sentences } = summarizeExtractive(repeated, { maxSentences: 3 });
    expect(sentences.filter((sentence) => sentence.startsWith('The bridge will close'))).toHaveLength(1);
  });

  it('splits list items written on separate lines and drops their markers', () => {
    const notes =
      'Decisions\n- The budget for the new lab was approved by the board.\n- Hiring starts in May after the lab budget is final.';
    const { sentences } = summarizeExtractive(notes, { maxSentences: 2 });
    expect(sentences).toEqual([
      'The budget for the new lab was approved by the board.',
      'Hiring starts in May after the lab budget is final.',
    ]);
  });
});

describe('summarizeExtractive on odd input', () => {
  it.each([
    ['empty', ''],
    ['whitespace', ' \n\t '],
    ['one sentence', 'Only one sentence here.'],
    ['no punctuation', 'no punctuation at all just words flowing on and on without any end in sight'],
    ['emoji', '😀🎉🚀'],
    ['lone surrogate', 'bad \uD800 text. Still text here.'],
    ['French', 'Le conseil a voté mardi. La bibliothèque ouvrira au printemps. Les pêcheurs sont inquiets.'],
    ['CJK', '今天天气很好。我们去公园吧。'],
    ['Japanese', '市場は火曜日に閉鎖されました。図書館は春に開館します。'],
    ['huge single line', 'word '.repeat(20_000)],
    ['huge single token', 'x'.repeat(200_000)],
  ])('returns a sensible result for %s', (_label, text) => {
    const result = summarizeExtractive(text);
    expect(typeof result.summary).toBe('string');
    const flat = text.replace(/\s+/gu, ' ');
    for (const sentence of result.sentences) expect(flat).toContain(sentence);
    if (/[\p{L}\p{N}]/u.test(text)) expect(result.summary.length).toBeGreaterThan(0);
    else if (text.trim() === '')
      expect(result).toMatchObject({ summary: '', sentences: [], outputTokens: 0 });
  });

  it('tolerates out-of-range limits', () => {
    expect(summarizeExtractive(news, { maxSentences: 0 }).sentences).toHaveLength(1);
    expect(summarizeExtractive(news, { maxWords: 0 }).summary).toBe('');
    expect(summarizeExtractive(news, { maxSentences: Number.NaN }).sentences).toHaveLength(3);
  });

  // Speed is measured by the benchmark (S6), not asserted here (no timed tests).
  it('summarizes a 20 KB text within the default sentence budget', () => {
    const text = `${news}\n\n${syntheticText(280)}`;
    expect(text.length).toBeGreaterThan(20_000);
    const result = summarizeExtractive(text);
    expect(result.sentences.length).toBeGreaterThanOrEqual(3);
    expect(result.sentences.length).toBeLessThanOrEqual(10);
  });
});

describe('truncate', () => {
  it('cuts at a word boundary, drops dangling punctuation and adds an ellipsis', () => {
    expect(truncate('One, two, three, four.', 2)).toBe('One, two…');
    expect(truncate('Short one.', 5)).toBe('Short one.');
  });
});

describe('summarizeExtractive on Chinese and Japanese', () => {
  it('splits sentences at 。 and picks among them', () => {
    const text =
      '市议会周二投票决定关闭旧鱼市场。这座建筑将改建为公共图书馆。支持者说图书馆会吸引家庭回到港口。' +
      '渔民反对关闭鱼市场。议会承诺在明年年底前为鱼市场找到新地点。';
    const { sentences } = summarizeExtractive(text, { maxSentences: 2 });
    expect(sentences).toHaveLength(2);
    for (const sentence of sentences) expect(sentence).toMatch(/^[^。]+。$/u);
  });
});
