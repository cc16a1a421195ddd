import { countTokens } from 'gpt-tokenizer';
import { describe, expect, it } from 'vitest';
import { chunkText, type TextChunk } from './chunker.js';

function expectExactOffsets(text: string, chunks: TextChunk[]): void {
  for (const chunk of chunks) expect(text.slice(chunk.start, chunk.end)).toBe(chunk.text);
}

const sentences = Array.from(
  { length: 12 },
  (_, index) => `Sentence number ${index + 1} talks about topic ${index + 1} in a few plain words.`,
);

describe('chunkText', () => {
  it('returns no chunk for empty or blank text', () => {
    expect(chunkText('')).toEqual([]);
    expect(chunkText(' \n\t ')).toEqual([]);
  });

  it('keeps a short text whole, trimmed of surrounding whitespace, with exact offsets', () => {
    const text = '  \n Dr. Smith went to Washington. He arrived on Jan. 5th at 3 p.m.!\n\n';
    const chunks = chunkText(text);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.text).toBe('Dr. Smith went to Washington. He arrived on Jan. 5th at 3 p.m.!');
    expectExactOffsets(text, chunks);
  });

  it('cuts at sentence boundaries within the token budget and repeats one sentence as overlap', () => {
    const text = sentences.join('  \n');
    const chunks = chunkText(text, { maxTokens: 50 });
    expect(chunks.length).toBeGreaterThan(2);
    expectExactOffsets(text, chunks);
    for (const chunk of chunks) {
      expect(countTokens(chunk.text)).toBeLessThanOrEqual(55);
      expect(chunk.text).toMatch(/^Sentence number \d+/);
      expect(chunk.text).toMatch(/words\.$/);
    }
    for (let index = 1; index < chunks.length; index += 1) {
      const previous = chunks[index - 1]!;
      const current = chunks[index]!;
      const lastSentenceOfPrevious = previous.text.split(/\s*\n/).at(-1)!;
      expect(current.text.startsWith(lastSentenceOfPrevious)).toBe(true);
      expect(current.start).toBeLessThan(previous.end);
      expect(current.end).toBeGreaterThan(previous.end);
    }
    expect(chunks.at(-1)!.end).toBe(text.length);
    expect(chunks[0]!.start).toBe(0);
  });

  it('does not overlap when asked not to, and then covers every sentence exactly once', () => {
    const text = sentences.join(' ');
    const chunks = chunkText(text, { maxTokens: 40, overlapSentences: 0 });
    expectExactOffsets(text, chunks);
    for (let index = 1; index < chunks.length; index += 1) {
      expect(chunks[index]!.start).toBeGreaterThanOrEqual(chunks[index - 1]!.end);
    }
    const joined = chunks.map((chunk) => chunk.text).join(' ');
    expect(joined).toBe(text);
  });

  it('splits a single over-long sentence on word boundaries', () => {
    const words = Array.from({ length: 300 }, (_, index) => `word${index}`);
    const text = `${words.join(' ')}.`;
    const chunks = chunkText(text, { maxTokens: 40, overlapSentences: 0 });
    expect(chunks.length).toBeGreaterThan(5);
    expectExactOffsets(text, chunks);
    for (const chunk of chunks) {
      expect(countTokens(chunk.text)).toBeLessThanOrEqual(40);
      expect(chunk.text).toMatch(/^word\d+/);
    }
    const rebuilt = chunks.map((chunk) => chunk.text).join(' ');
    expect(rebuilt).toBe(text);
  });

  it('cuts a "word" longer than the budget by characters', () => {
    const blob = 'x'.repeat(2_000);
    const text = `Start here. ${blob} End here.`;
    const chunks = chunkText(text, { maxTokens: 30, overlapSentences: 0 });
    expectExactOffsets(text, chunks);
    for (const chunk of chunks) expect(countTokens(chunk.text)).toBeLessThanOrEqual(30);
    expect(chunks.map((chunk) => chunk.text).join('')).toContain(blob.slice(0, 100));
  });

  it('makes progress even when the overlap sentence and the next one cannot share a chunk', () => {
    const long = `${'alpha '.repeat(30).trim()}.`;
    const text = [long, long, long].join(' ');
    const chunks = chunkText(text, { maxTokens: 35, overlapSentences: 2 });
    expectExactOffsets(text, chunks);
    expect(chunks).toHaveLength(3);
  });
});
