/**
 * Strict structured output (`response_format: json_schema` with `strict: true`): the assistant's
 * text must be JSON that validates against the schema. A violation is thrown as an Error naming
 * what is wrong, which makes the attempt ask the model for one repair before it fails.
 */
import type { ResponseFormat } from '../../providers/provider.types.js';
import { validateAgainst } from '../json-schema.js';

export function checkStrictOutput(text: string, format: ResponseFormat | undefined): void {
  if (format?.type !== 'json' || format.strict !== true || format.schema === undefined) return;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('the answer is not valid JSON');
  }
  const problems = validateAgainst(format.schema, value);
  if (problems !== undefined) throw new Error(`the answer does not match the JSON schema: ${problems}`);
}
