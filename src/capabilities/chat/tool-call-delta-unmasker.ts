/**
 * Restores masking placeholders in streamed tool-call arguments before they reach the caller, one
 * `StreamUnmasker` per call (a placeholder may be split across fragments). Without a masker, the
 * deltas pass as they are.
 */
import { StreamUnmasker } from '../../governance/masking/stream-unmasker.js';
import type { Masker } from '../../governance/masking/index.js';
import type { ToolCallDelta } from '../../providers/provider.types.js';

export class ToolCallDeltaUnmasker {
  private readonly unmaskers = new Map<number, StreamUnmasker>();

  constructor(
    private readonly masker: Masker | undefined,
    private readonly forward: (delta: ToolCallDelta) => void,
  ) {}

  push(delta: ToolCallDelta): void {
    if (this.masker === undefined) {
      this.forward(delta);
      return;
    }
    let unmasker = this.unmaskers.get(delta.index);
    if (unmasker === undefined) {
      unmasker = new StreamUnmasker(this.masker);
      this.unmaskers.set(delta.index, unmasker);
    }
    const argumentsDelta = unmasker.push(delta.argumentsDelta);
    if (argumentsDelta !== '' || delta.id !== undefined || delta.name !== undefined)
      this.forward({ ...delta, argumentsDelta });
  }

  /** Sends what each call still holds back (an unfinished `[…` that was not a placeholder). */
  flush(): void {
    for (const [index, unmasker] of this.unmaskers) {
      const rest = unmasker.flush();
      if (rest !== '') this.forward({ index, argumentsDelta: rest });
    }
  }
}
