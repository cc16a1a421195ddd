import { describe, expect, it } from 'vitest';
import { createMasker } from './masker.js';
import { StreamUnmasker } from './stream-unmasker.js';

describe('StreamUnmasker', () => {
  it('restores a TOKENIZE placeholder split across deltas', () => {
    const masker = createMasker({ detectors: ['EMAIL'], mode: 'TOKENIZE' });
    const masked = masker.maskText('Write to jane@example.com please');
    expect(masked).toContain('[EMAIL_1]');
    const stream = new StreamUnmasker(masker);
    const deltas = ['Reply sent to [EMA', 'IL', '_1] as asked', ' [not a placeholder'];
    const out = deltas.map((delta) => stream.push(delta)).join('') + stream.flush();
    expect(out).toBe('Reply sent to jane@example.com as asked [not a placeholder');
  });

  it('does not hold back text behind a bracket that never closes within a placeholder length', () => {
    const masker = createMasker({ detectors: ['EMAIL'], mode: 'TOKENIZE' });
    const stream = new StreamUnmasker(masker);
    const long = `[${'x'.repeat(80)}`;
    expect(stream.push(long)).toBe(long);
  });
});
