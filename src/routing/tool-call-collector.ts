/** Assembles streamed tool-call deltas into whole calls, in `index` order. */
import type { ToolCall, ToolCallDelta } from '../providers/provider.types.js';

export class ToolCallCollector {
  private readonly byIndex = new Map<number, ToolCall>();

  push(delta: ToolCallDelta): void {
    const call = this.byIndex.get(delta.index) ?? { id: '', name: '', arguments: '' };
    if (delta.id !== undefined) call.id = delta.id;
    if (delta.name !== undefined) call.name += delta.name;
    call.arguments += delta.argumentsDelta;
    this.byIndex.set(delta.index, call);
  }

  calls(): ToolCall[] {
    return [...this.byIndex.entries()].sort(([left], [right]) => left - right).map(([, call]) => call);
  }
}
