import { describe, expect, it } from 'vitest';
import { parsePartialJson, PartialOutputTracker } from './partial-output.js';

describe('parsePartialJson', () => {
  it.each([
    ['{"title": "Hel', { title: 'Hel' }],
    ['{"title": "Hello", "tags": ["a", "b', { title: 'Hello', tags: ['a', 'b'] }],
    ['{"ok": tr', { ok: true }],
    ['{"a": {"b": nu', { a: { b: null } }],
    ['[{"x": "1"}, {"x": "2', [{ x: '1' }, { x: '2' }]],
    ['```json\n{"title": "Hi"}\n```', { title: 'Hi' }],
    ['Here is the answer: {"title": "Hi', { title: 'Hi' }],
    ['{"title": "Hi"} and some prose after', { title: 'Hi' }],
  ])('parses %j as far as it goes', (prefix, expected) => {
    expect(parsePartialJson(prefix)).toEqual(expected);
  });

  it('leaves a number out until it has ended', () => {
    expect(parsePartialJson('{"count": 12')).toEqual({});
    expect(parsePartialJson('{"count": 12,')).toEqual({ count: 12 });
    expect(parsePartialJson('{"count": 125}')).toEqual({ count: 125 });
  });

  it('gives nothing before the JSON starts', () => {
    expect(parsePartialJson('')).toBeUndefined();
    expect(parsePartialJson('Sure, here')).toBeUndefined();
  });

  it('never throws on malformed text, and shows only what parsed before the fault', () => {
    expect(parsePartialJson('{"a": "x", "b" 1 2 3')).toEqual({ a: 'x' });
    expect(parsePartialJson('[1, 2, }')).toEqual([1, 2]);
  });

  it('keeps escapes inside strings intact', () => {
    expect(parsePartialJson('{"quote": "say \\"hi\\" and {braces} [brackets]')).toEqual({
      quote: 'say "hi" and {braces} [brackets]',
    });
  });
});

describe('PartialOutputTracker', () => {
  it('reports a growing value only when it changed', () => {
    const tracker = new PartialOutputTracker();
    const text = '{"title": "Streaming", "points": ["one", "two"], "score": 7}';
    const seen: unknown[] = [];
    for (let index = 0; index < text.length; index += 3) {
      const next = tracker.push(text.slice(index, index + 3));
      if (next) seen.push(next.partialOutput);
    }
    expect(seen.at(-1)).toEqual({ title: 'Streaming', points: ['one', 'two'], score: 7 });
    expect(new Set(seen.map((value) => JSON.stringify(value))).size).toBe(seen.length);
    expect(seen).toContainEqual({ title: 'Stre' });
    expect(seen).toContainEqual({ title: 'Streaming', points: ['one'] });
  });
});
