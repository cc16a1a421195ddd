import { describe, expect, it } from 'vitest';
import { BUILTIN_INPUT_SCHEMAS } from './builtin-schemas.js';
import { buildInput, formFromSchema, initialValues, type FormField } from './schema-form.js';

const schema = {
  type: 'object',
  required: ['topic', 'count'],
  properties: {
    topic: { type: 'string', description: 'What to write about' },
    text: { type: 'string' },
    count: { type: 'integer', minimum: 1, maximum: 5 },
    ratio: { type: ['number', 'null'] },
    formal: { type: 'boolean', default: true },
    tone: { type: 'string', enum: ['friendly', 'dry'] },
    tags: { type: 'array', items: { type: 'string' } },
    scores: { type: 'array', items: { type: 'number' } },
    extra: { type: 'array', items: { type: 'object' } },
    author: {
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string' }, age: { type: 'integer' } },
    },
  },
};

describe('formFromSchema', () => {
  const fields = formFromSchema(schema);
  const byName = (name: string) => fields.find((field) => field.name === name) as FormField;

  it('makes one typed field per property, in order, with labels and required marks', () => {
    expect(fields.map((field) => [field.name, field.kind])).toEqual([
      ['topic', 'text'],
      ['text', 'textarea'],
      ['count', 'integer'],
      ['ratio', 'number'],
      ['formal', 'boolean'],
      ['tone', 'enum'],
      ['tags', 'list'],
      ['scores', 'list'],
      ['extra', 'json'],
      ['author', 'group'],
    ]);
    expect(byName('topic')).toMatchObject({
      label: 'Topic',
      required: true,
      description: 'What to write about',
    });
    expect(byName('count')).toMatchObject({ required: true, minimum: 1, maximum: 5 });
    expect(byName('tone')).toMatchObject({ options: ['friendly', 'dry'], required: false });
    expect(byName('scores')).toMatchObject({ itemKind: 'number' });
    const author = byName('author');
    expect(author.kind === 'group' && author.fields.map((field) => [field.path, field.required])).toEqual([
      ['author.name', true],
      ['author.age', false],
    ]);
  });

  it('falls back to one JSON field for schemas that are not objects with properties', () => {
    for (const odd of [undefined, null, { type: 'string' }, { type: 'object' }, 'nonsense'])
      expect(formFromSchema(odd)).toEqual([expect.objectContaining({ kind: 'json', path: '' })]);
  });

  it('types the built-in capabilities', () => {
    expect(formFromSchema(BUILTIN_INPUT_SCHEMAS.summarize).map((field) => field.kind)).toEqual([
      'textarea',
      'integer',
      'integer',
      'enum',
      'text',
    ]);
    expect(
      formFromSchema(BUILTIN_INPUT_SCHEMAS.classify).find((field) => field.name === 'labels'),
    ).toMatchObject({
      kind: 'list',
      required: true,
    });
  });
});

describe('buildInput', () => {
  const fields = formFromSchema(schema);

  it('starts from the schema defaults', () => {
    expect(initialValues(fields)).toMatchObject({ topic: '', formal: true, 'author.name': '' });
  });

  it('turns the values into the typed JSON input, leaving empty optional fields out', () => {
    const values = {
      ...initialValues(fields),
      topic: 'gateways',
      count: '3',
      ratio: '0.5',
      tone: 'dry',
      tags: 'a\nb, c\n',
      scores: '1\n2.5',
      extra: '[{"x":1}]',
      'author.name': 'Ada',
    };
    expect(buildInput(fields, values)).toEqual({
      input: {
        topic: 'gateways',
        count: 3,
        ratio: 0.5,
        formal: true,
        tone: 'dry',
        tags: ['a', 'b', 'c'],
        scores: [1, 2.5],
        extra: [{ x: 1 }],
        author: { name: 'Ada' },
      },
      errors: {},
    });
  });

  it('names every field it cannot read', () => {
    const values = {
      ...initialValues(fields),
      count: '2.5',
      ratio: 'abc',
      scores: '1\nx',
      extra: '[',
      formal: false,
    };
    const { errors } = buildInput(fields, values);
    expect(errors).toEqual({
      topic: 'Topic is required',
      count: 'Count: not a whole number',
      ratio: 'Ratio: not a number',
      scores: 'Scores: not a number',
      extra: expect.stringMatching(/^Extra: not valid JSON/),
      'author.name': 'Name is required',
    });
  });

  it('checks minimum and maximum', () => {
    const values = { ...initialValues(fields), topic: 't', count: '9', 'author.name': 'x' };
    expect(buildInput(fields, values).errors).toEqual({ count: 'Count: at most 5' });
  });

  it('reads a whole-input JSON field', () => {
    const root = formFromSchema(undefined);
    expect(buildInput(root, { '': '{"a":[1]}' })).toEqual({ input: { a: [1] }, errors: {} });
    expect(buildInput(root, { '': '{' }).errors['']).toMatch(/not valid JSON/);
  });
});
