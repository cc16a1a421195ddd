import { describe, expect, it } from 'vitest';
import { parseText } from './parsed-text.js';
import { sentenceUnits } from './sentence-units.js';

const unitsOf = (text: string): string[] => sentenceUnits(parseText(text), 'en').map((unit) => unit.text);

describe('sentenceUnits', () => {
  it('follows wink sentences', () => {
    expect(unitsOf('The shop opened. It sells bread!  Is it good?')).toEqual([
      'The shop opened.',
      'It sells bread!',
      'Is it good?',
    ]);
  });

  it('cuts list items apart and drops their markers', () => {
    expect(unitsOf('Plan:\n- buy paint\n* fix the door\n1. call the plumber\n2) pay the bill')).toEqual([
      'Plan:',
      'buy paint',
      'fix the door',
      'call the plumber',
      'pay the bill',
    ]);
  });

  it('separates a heading from the paragraph under it', () => {
    expect(unitsOf('Quarterly Results\nRevenue rose by a tenth in the last quarter.')).toEqual([
      'Quarterly Results',
      'Revenue rose by a tenth in the last quarter.',
    ]);
  });

  it('keeps a hard-wrapped sentence whole, with single spaces', () => {
    expect(
      unitsOf(
        'The committee reviewed all of the proposals that were sent in\nbefore the deadline last Friday.',
      ),
    ).toEqual([
      'The committee reviewed all of the proposals that were sent in before the deadline last Friday.',
    ]);
  });

  it('gives English sentences stemmed content terms', () => {
    const [unit] = sentenceUnits(parseText('The buses were running late.'), 'en');
    expect(unit?.terms).toHaveLength(3);
    expect(unit?.terms).toContain('run');
  });
});
