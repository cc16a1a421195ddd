import { describe, expect, it } from 'vitest';
import { UsageEstimator, weightedLength } from './usage-estimator.js';

describe('UsageEstimator', () => {
  it('uses the static guesses until the pair has been observed', () => {
    const estimator = new UsageEstimator();
    const text = 'a'.repeat(400);
    expect(estimator.estimate('tag', 'm', text, 256)).toEqual({ inputTokens: 140, outputTokens: 256 });
    expect(estimator.observations('tag', 'm')).toBe(0);
  });

  it('learns what a capability and model return, per pair', () => {
    const estimator = new UsageEstimator();
    const text = 'My invoice was charged twice this month.';
    for (let run = 0; run < 5; run++)
      estimator.observe('tag', 'm', text, { inputTokens: 90, outputTokens: 7 });
    expect(estimator.estimate('tag', 'm', text, 256)).toEqual({ inputTokens: 90, outputTokens: 7 });
    // Another model, or another capability, still starts from the static guess.
    expect(estimator.estimate('tag', 'other', text, 256).outputTokens).toBe(256);
    expect(estimator.estimate('essay', 'm', text, 256).outputTokens).toBe(256);
  });

  it('keeps varying answers inside the estimate most of the time (mean + 2 deviations)', () => {
    const estimator = new UsageEstimator();
    const outputs = [20, 40, 25, 35, 30, 22, 38, 28, 32, 30];
    for (const outputTokens of outputs) estimator.observe('c', 'm', 'x', { inputTokens: 10, outputTokens });
    const { outputTokens } = estimator.estimate('c', 'm', 'x', 256);
    expect(outputTokens).toBeGreaterThanOrEqual(35);
    expect(outputTokens).toBeLessThan(60);
  });

  it('scales the calibrated input estimate with the length of the input', () => {
    const estimator = new UsageEstimator();
    estimator.observe('c', 'm', 'a'.repeat(400), { inputTokens: 280, outputTokens: 1 });
    const longer = estimator.estimate('c', 'm', 'a'.repeat(4000), 1).inputTokens;
    expect(longer).toBeGreaterThan(2000);
    expect(longer).toBeLessThan(2200);
  });

  it('weighs characters outside ASCII as a token each (the safe side for CJK)', () => {
    expect(weightedLength('abcd')).toBe(1);
    expect(weightedLength('東京都庁')).toBe(4);
    expect(weightedLength('')).toBe(0);
  });
});
