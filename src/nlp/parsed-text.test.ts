import { describe, expect, it } from 'vitest';
import { breakLongRuns, MAX_RUN, parseText } from './parsed-text.js';

const TRICKY = [
  '',
  '   leading and trailing   ',
  'Tabs\tand\r\nCRLF\u00a0nbsp and  double  spaces.',
  'Family 👨‍👩‍👧‍👦, flags 🇫🇷🇩🇪, skin 👍🏽 and keycap 1️⃣ :) done.',
  'été café naïve — “quoted” ‘single’ … e\u0301 combining',
  "I can't believe it isn't butter. We won't go.",
  '日本語のテキストです。中文文本。',
  `prefix ${'ab1-'.repeat(400)} suffix`,
];

describe('parseText', () => {
  it.each(TRICKY)('locates every token exactly in %j', (text) => {
    const parsed = parseText(text);
    for (const token of parsed.tokens) {
      expect(token.start).toBeGreaterThanOrEqual(0);
      expect(text.slice(token.start, token.end)).toBe(token.value);
    }
  });

  it('keeps sentence token ranges inside the token list', () => {
    const parsed = parseText('First sentence here. Second one follows! And a third?');
    expect(parsed.sentences).toHaveLength(3);
    for (const sentence of parsed.sentences) {
      expect(sentence.firstToken).toBeLessThanOrEqual(sentence.lastToken);
      expect(sentence.lastToken).toBeLessThan(parsed.tokens.length);
    }
  });

  // Without the long-run guard this took ~40 s and hit the test timeout.
  it('parses a 200,000-character run without spaces by splitting it', () => {
    const parsed = parseText('y'.repeat(200_000));
    expect(parsed.tokens.length).toBeGreaterThan(1);
  });
});

describe('breakLongRuns', () => {
  it('keeps the length and leaves short runs alone', () => {
    const text = `short words ${'z'.repeat(MAX_RUN * 3 + 5)} end`;
    const broken = breakLongRuns(text);
    expect(broken).toHaveLength(text.length);
    expect(broken.startsWith('short words ')).toBe(true);
    expect(Math.max(...broken.split(' ').map((part) => part.length))).toBeLessThanOrEqual(MAX_RUN);
  });

  it('never splits a surrogate pair', () => {
    const broken = breakLongRuns('😀'.repeat(MAX_RUN * 2));
    expect(broken).toHaveLength(MAX_RUN * 4);
    expect(broken).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u);
    expect(broken.replace(/ /gu, '')).toMatch(/^(?:😀)+$/u);
  });
});
