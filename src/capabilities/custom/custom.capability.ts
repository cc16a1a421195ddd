/**
 * Custom capabilities registered by teams: input validated against `inputSchema` before anything
 * else, a prompt from `promptTemplate` (`{{input.field}}`), structured JSON output requested with
 * `outputSchema` and validated against it (the executor tries one repair before PROVIDER_ERROR).
 */
import { BadUserInputError, NoRouteError } from '../../errors/app-error.js';
import type { CapabilityHandler } from '../handler.types.js';
import { assertJsonWithinLimits } from '../input-limits.js';
import { parseJsonAnswer, renderTemplate } from '../input-validation.js';
import { validateAgainst } from '../json-schema.js';

export const customHandler: CapabilityHandler<unknown, unknown> = {
  localModels: [],
  streamsText: false,

  parseInput(raw, capability) {
    assertJsonWithinLimits(raw, 'input');
    if (capability.inputSchema) {
      const problem = validateAgainst(capability.inputSchema, raw);
      if (problem)
        throw new BadUserInputError(`Input does not match the capability's inputSchema: ${problem}.`);
    }
    return raw;
  },

  inputText: (input) => (typeof input === 'string' ? input : JSON.stringify(input)),
  expectedOutputTokens: () => 256,

  buildPrompt(input, capability, implementation) {
    const template = implementation.promptTemplate ?? capability.promptTemplate;
    if (!template) throw new NoRouteError(`Capability "${capability.name}" has no prompt template.`);
    const schema = capability.outputSchema;
    return {
      messages: [
        {
          role: 'system',
          content:
            'Answer with a single JSON value only, no prose.' +
            (schema ? ` It must validate against this JSON Schema: ${JSON.stringify(schema)}` : ''),
        },
        { role: 'user', content: renderTemplate(template, input) },
      ],
      responseFormat: { type: 'json', name: capability.name.replace(/[^a-zA-Z0-9_-]/g, '_'), schema },
      maxOutputTokens: 2048,
    };
  },

  parseOutput(text, _input, capability) {
    const value = parseJsonAnswer(text);
    if (capability.outputSchema) {
      const problem = validateAgainst(capability.outputSchema, value);
      if (problem) throw new Error(`The answer does not match the outputSchema: ${problem}`);
    }
    return value;
  },
};
