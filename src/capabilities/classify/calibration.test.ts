import { describe, expect, it } from 'vitest';
import {
  independentProbability,
  MULTI_LABEL_EVIDENCE_AT_HALF,
  sentimentEvidence,
  softmax,
} from './calibration.js';

describe('softmax', () => {
  it('sums to 1, keeps the order of the evidence, and is uniform for equal evidence', () => {
    const probabilities = softmax([2, 0, -1]);
    expect(probabilities.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
    expect(probabilities[0]).toBeGreaterThan(probabilities[1]!);
    expect(probabilities[1]).toBeGreaterThan(probabilities[2]!);
    expect(softmax([0.3, 0.3, 0.3, 0.3])).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('reads one unit of evidence as a factor e in the odds', () => {
    const [first, second] = softmax([1, 0]);
    expect(first! / second!).toBeCloseTo(Math.E, 12);
  });

  it('stays finite for extreme or invalid evidence', () => {
    const probabilities = softmax([1_000, -1_000, Number.NaN]);
    expect(probabilities.every(Number.isFinite)).toBe(true);
    expect(probabilities[0]).toBeCloseTo(1, 12);
    expect(softmax([])).toEqual([]);
  });
});

describe('independentProbability', () => {
  it('is one half at the multi-label point and increases with evidence', () => {
    expect(independentProbability(MULTI_LABEL_EVIDENCE_AT_HALF)).toBeCloseTo(0.5, 12);
    expect(independentProbability(4)).toBeGreaterThan(0.9);
    expect(independentProbability(-3)).toBeLessThan(0.05);
    expect(independentProbability(Number.NaN)).toBeGreaterThan(0);
  });
});

describe('sentimentEvidence', () => {
  it('favours the label whose polarity matches the text, and a neutral label for flat text', () => {
    expect(sentimentEvidence(0.5, 1)).toBeGreaterThan(sentimentEvidence(0.5, -1));
    expect(sentimentEvidence(-0.5, -1)).toBeGreaterThan(sentimentEvidence(-0.5, 1));
    expect(sentimentEvidence(0, 0)).toBeGreaterThan(sentimentEvidence(0, 1));
    expect(sentimentEvidence(0.9, 0)).toBeLessThan(sentimentEvidence(0.9, 1));
  });
});
