import { describe, expect, it } from 'vitest';
import { checkSchemaText } from './schema-check.js';

describe('checkSchemaText', () => {
  it('accepts a usable schema', () => {
    const text = JSON.stringify({
      type: 'object',
      properties: {
        topic: { type: 'string', minLength: 1, pattern: '^[a-z]+$' },
        n: { type: ['integer', 'null'], minimum: 0 },
      },
      required: ['topic'],
      additionalProperties: false,
    });
    expect(checkSchemaText(text, { requireObject: true })).toEqual([]);
  });

  it('points at a JSON syntax error by line and column', () => {
    const problems = checkSchemaText('{\n  "type": "object",\n  "properties": {,}\n}');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 3, message: expect.stringMatching(/^Not valid JSON/) });
    expect(problems[0]!.column).toBeGreaterThan(0);
  });

  it('names each wrong keyword by its JSON pointer', () => {
    const text = JSON.stringify({
      type: 'object',
      properties: {
        topic: { type: 'strin' },
        tags: { type: 'array', items: { type: 'string', minLength: -1 } },
        re: { type: 'string', pattern: '(' },
        size: { type: 'number', minimum: 5, maximum: 1 },
      },
      required: ['topic', 'missing'],
      additionalProperties: false,
      enum: [],
    });
    expect(checkSchemaText(text).map((problem) => [problem.pointer, problem.message.split(':')[0]])).toEqual([
      ['/properties/topic/type', 'type'],
      ['/properties/tags/items/minLength', 'minLength'],
      ['/properties/re/pattern', 'pattern'],
      ['/properties/size/minimum', 'minimum'],
      ['/required', 'required'],
      ['/enum', 'enum'],
    ]);
  });

  it('requires an object input schema and a non-empty text unless optional', () => {
    expect(checkSchemaText('{"type":"string"}', { requireObject: true })[0]).toMatchObject({
      pointer: '/type',
    });
    expect(checkSchemaText('  ')).toEqual([{ pointer: '', message: 'A JSON Schema is required' }]);
    expect(checkSchemaText('', { optional: true })).toEqual([]);
    expect(checkSchemaText('[1]')[0]!.message).toMatch(/must be an object/);
  });
});
