import { describe, expect, it } from 'vitest';
import {
  JSON_SCHEMA_LIMITS,
  assertValidSchema,
  schemaCompilations,
  validateAgainst,
  validatorFor,
} from './json-schema.js';

const badUserInput = (message: RegExp) =>
  expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.stringMatching(message) });

function objectWithProperties(count: number): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (let index = 0; index < count; index += 1) properties[`p${index}`] = { type: 'string' };
  return { type: 'object', properties };
}

describe('assertValidSchema', () => {
  it('refuses a schema with more properties than the limit', () => {
    expect(() => assertValidSchema(objectWithProperties(30_000), 'inputSchema')).toThrowError(
      badUserInput(/inputSchema is too large/),
    );
    expect(() =>
      assertValidSchema(objectWithProperties(JSON_SCHEMA_LIMITS.properties), 'inputSchema'),
    ).not.toThrow();
  });

  it('refuses a schema nested deeper than the limit', () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let level = 0; level < 100; level += 1) schema = { type: 'object', properties: { a: schema } };
    expect(() => assertValidSchema(schema, 'inputSchema')).toThrowError(badUserInput(/nested deeper/));
  });

  it('refuses a self-reference that never descends into the value', () => {
    expect(() => assertValidSchema({ $ref: '#' }, 'inputSchema')).toThrowError(
      badUserInput(/refers to itself/),
    );
  });

  it('accepts a recursive schema that descends (a tree)', () => {
    const tree = { type: 'object', properties: { children: { type: 'array', items: { $ref: '#' } } } };
    assertValidSchema(tree, 'inputSchema');
    expect(validateAgainst(tree, { children: [{ children: [] }] })).toBeUndefined();
  });

  it('refuses a pattern the linear-time engine cannot run, and runs a nested quantifier linearly', () => {
    expect(() =>
      assertValidSchema({ type: 'string', pattern: String.raw`^(a)\1$` }, 'inputSchema'),
    ).toThrowError(badUserInput(/pattern is refused/));
    const schema = { type: 'object', properties: { name: { type: 'string', pattern: '^(a+)+$' } } };
    assertValidSchema(schema, 'inputSchema');
    // 30 × "a" + "!" takes a backtracking RegExp seconds (doubling per character); 100,000 is instant here.
    expect(validateAgainst(schema, { name: `${'a'.repeat(100_000)}!` })).toMatch(/must match pattern/);
    expect(validateAgainst(schema, { name: 'aaa' })).toBeUndefined();
  });

  it('lets two schemas declare the same $id, and compiles the same one again', () => {
    const first = { $id: 'https://example.com/shared', type: 'object', required: ['a'] };
    const second = { $id: 'https://example.com/shared', type: 'object', required: ['b'] };
    assertValidSchema(first, 'inputSchema');
    assertValidSchema(second, 'inputSchema');
    assertValidSchema(structuredClone(first), 'inputSchema');
    expect(validateAgainst(structuredClone(first), { b: 1 })).toMatch(/'a'/);
    expect(validateAgainst(structuredClone(second), { a: 1 })).toMatch(/'b'/);
  });

  it('refuses a reference to a schema it does not have', () => {
    expect(() => assertValidSchema({ $ref: 'https://example.com/elsewhere' }, 'inputSchema')).toThrowError(
      badUserInput(/not a valid JSON Schema/),
    );
  });
});

describe('validatorFor', () => {
  it('compiles once per schema content: a reloaded copy reuses the validator', () => {
    const schema = { type: 'object', properties: { unique: { const: Math.random() } } };
    const before = schemaCompilations();
    const validate = validatorFor(schema);
    for (let reload = 0; reload < 5; reload += 1) {
      expect(validatorFor(JSON.parse(JSON.stringify(schema)) as Record<string, unknown>)).toBe(validate);
    }
    expect(schemaCompilations()).toBe(before + 1);
  });

  it('answers a value nested too deeply for a recursive schema as invalid, not a crash', () => {
    const tree = { type: 'object', properties: { c: { $ref: '#' } } };
    let value: Record<string, unknown> = {};
    for (let level = 0; level < 20_000; level += 1) value = { c: value };
    expect(validateAgainst(tree, value)).toMatch(/nested too deeply/);
  });
});
