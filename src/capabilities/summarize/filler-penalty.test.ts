import { describe, expect, it } from 'vitest';
import { parseText } from '../../nlp/parsed-text.js';
import { FILLER_THRESHOLD, fillerPenalty } from './filler-penalty.js';

const penaltyOf = (sentence: string): number => {
  const { tokens } = parseText(sentence);
  const contentTerms = tokens.filter((token) => token.type === 'word' && !token.stopWord).length;
  return fillerPenalty({ tokens, contentTerms });
};

describe('fillerPenalty', () => {
  it.each([
    'Good evening and welcome to our show!',
    'Did you know that otters hold hands while sleeping?',
    'Subscribe to our channel for more videos.',
    'Many thanks to everyone who came.',
    'Copyright 2023 Northwind Press.',
    'Visit https://example.org for the full schedule.',
    'Let us know what you think in the comments below.',
    'See you next week.',
    'Table of contents',
  ])('treats %j as filler', (sentence) => {
    expect(penaltyOf(sentence)).toBeLessThan(FILLER_THRESHOLD);
  });

  it.each([
    'The regional airport will add four daily flights to Lisbon from September.',
    'Scientists found that the glacier lost a fifth of its mass in ten years.',
    'Shares of the carmaker fell 8% after it cut its sales forecast.',
    'Researchers tested the vaccine on 3,000 volunteers in six countries.',
    'The museum will stay closed until the new roof is finished.',
  ])('treats %j as content', (sentence) => {
    expect(penaltyOf(sentence)).toBeGreaterThanOrEqual(0.7);
  });
});
