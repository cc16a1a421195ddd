import type { Masker } from './masking.types.js';

/**
 * Restores TOKENIZE placeholders in streamed text. A placeholder such as `[EMAIL_1]` may arrive
 * split across deltas (`[EMAIL`, `_1]`): an unfinished `[…` tail is held back until it completes.
 */
export class StreamUnmasker {
  private pending = '';

  constructor(private readonly masker: Masker) {}

  push(delta: string): string {
    const text = this.pending + delta;
    const open = text.lastIndexOf('[');
    if (open >= 0 && text.indexOf(']', open) < 0 && text.length - open <= 64) {
      this.pending = text.slice(open);
      return this.masker.unmaskText(text.slice(0, open));
    }
    this.pending = '';
    return this.masker.unmaskText(text);
  }

  flush(): string {
    const rest = this.pending;
    this.pending = '';
    return rest ? this.masker.unmaskText(rest) : '';
  }
}
