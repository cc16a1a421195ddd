import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../nlp/parsed-text.js';
import { analyzeSentiment, type SentimentLabel } from './sentiment.js';

const sentimentOf = (text: string, language = 'en') => analyzeSentiment(parseText(text), language);

describe('analyzeSentiment', () => {
  it('calls plainly positive text POSITIVE', () => {
    const result = sentimentOf('What a wonderful day. The staff were kind and the food was delicious.');
    expect(result.label).toBe('POSITIVE');
    expect(result.score).toBeGreaterThan(0.3);
  });

  it('calls plainly negative text NEGATIVE', () => {
    const result = sentimentOf('The service was awful and the room was filthy. I hated every minute.');
    expect(result.label).toBe('NEGATIVE');
    expect(result.score).toBeLessThan(-0.3);
  });

  it('flips negated praise: "not good at all" is negative', () => {
    expect(sentimentOf('The sequel is good.').label).toBe('POSITIVE');
    expect(sentimentOf('The sequel is not good at all.').label).toBe('NEGATIVE');
    expect(sentimentOf('Honestly, the food was not bad.').label).toBe('POSITIVE');
  });

  it('calls strong praise and strong criticism together MIXED', () => {
    expect(sentimentOf('The screen is gorgeous, but the speakers are horrible.').label).toBe('MIXED');
    expect(sentimentOf('I loved the hotel pool. The breakfast, however, was disgusting.').label).toBe(
      'MIXED',
    );
  });

  it('does not call a mostly positive text with one small complaint MIXED', () => {
    const text =
      'We loved this hotel. The staff were wonderful and helpful. The rooms were beautiful and clean. ' +
      'The view was amazing. Parking was a bit annoying.';
    expect(sentimentOf(text).label).toBe('POSITIVE');
  });

  it('calls factual text NEUTRAL with a score near 0', () => {
    const result = sentimentOf('The train leaves at nine. The station is on Elm Street.');
    expect(result).toEqual({ label: 'NEUTRAL', score: 0 });
  });

  it('keeps the score within [-1, 1] and is NEUTRAL for empty text', () => {
    expect(sentimentOf('')).toEqual({ label: 'NEUTRAL', score: 0 });
    const gushing = sentimentOf('Outstanding! Superb! Amazing! Brilliant! Perfect! Wonderful!');
    expect(gushing.score).toBeLessThanOrEqual(1);
    expect(gushing.score).toBeGreaterThan(0.5);
  });

  it('scores only emoji in a language the lexicon does not cover', () => {
    expect(sentimentOf('Le film était long.', 'fr').label).toBe('NEUTRAL');
    expect(sentimentOf('Le film était génial 😍😍', 'fr').label).toBe('POSITIVE');
  });
});

describe('analyzeSentiment: composition rules', () => {
  it('lets the clause after "but" win over the one before', () => {
    expect(
      sentimentOf('The trailer was great, but the film itself is dreadful and dull.').score,
    ).toBeLessThan(0);
    expect(sentimentOf('The first hour drags a little, but the ending is wonderful.').score).toBeGreaterThan(
      0,
    );
  });

  it('lets the main clause win over one conceded with "although"', () => {
    expect(sentimentOf('Although the plot is weak, the acting is superb.').score).toBeGreaterThan(0);
    expect(sentimentOf('The hotel was awful, although the staff were nice.').score).toBeLessThan(0);
  });

  it('reads phrase polarity the word lexicon misses', () => {
    expect(sentimentOf('Honestly, it could have been better.').label).toBe('NEGATIVE');
    expect(sentimentOf('The soundtrack is nothing special.').label).toBe('NEGATIVE');
    expect(sentimentOf('I did not like the ending.').label).toBe('NEGATIVE');
    expect(sentimentOf('What a waste of time.').label).toBe('NEGATIVE');
    expect(sentimentOf('The sequel fails to surprise anyone.').label).toBe('NEGATIVE');
  });

  it('scores negated criticism as mildly positive', () => {
    const notBad = sentimentOf('The coffee was not bad.');
    expect(notBad.label).toBe('POSITIVE');
    expect(notBad.score).toBeLessThan(sentimentOf('The coffee was good.').score);
    expect(sentimentOf('The lecture was never boring.').label).toBe('POSITIVE');
  });

  it('weakens a diminished clause and strengthens an intensified one', () => {
    const plain = sentimentOf('The room was good.').score;
    expect(sentimentOf('The room was somewhat good.').score).toBeLessThan(plain);
    expect(sentimentOf('The room was extremely good.').score).toBeGreaterThan(plain);
    expect(sentimentOf('The room was slightly annoying.').score).toBeGreaterThan(
      sentimentOf('The room was annoying.').score,
    );
  });

  it('sees negation in split contractions ("does n\'t")', () => {
    expect(sentimentOf("the movie does n't work").label).toBe('NEGATIVE');
    expect(sentimentOf("i did n't like it").label).toBe('NEGATIVE');
  });
});

describe('analyzeSentiment on the labelled set', () => {
  const examples = readFileSync(
    new URL('../../../test/fixtures/analyze/sentiment.jsonl', import.meta.url),
    'utf8',
  )
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as { text: string; label: SentimentLabel });

  it('is balanced across the four labels', () => {
    const counts = new Map<string, number>();
    for (const { label } of examples) counts.set(label, (counts.get(label) ?? 0) + 1);
    expect(examples.length).toBeGreaterThanOrEqual(40);
    expect(Math.min(...counts.values())).toBeGreaterThanOrEqual(4);
  });

  it('labels at least 80% of the examples correctly', () => {
    const correct = examples.filter(({ text, label }) => sentimentOf(text).label === label).length;
    expect(correct / examples.length).toBeGreaterThanOrEqual(0.8);
  });
});
