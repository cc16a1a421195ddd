/**
 * Custom capabilities registered by teams: input validated against `inputSchema` before anything
 * else, a prompt from `promptTemplate` (`{{input.field}}`). With an `outputSchema`, structured JSON
 * output is requested and validated against it (a non-streamed call gets one repair before
 * PROVIDER_ERROR); without one, the output is the model's text. Both stream: text as DELTAs, JSON
 * as DELTAs with `partialOutput` (see partial-output.ts).
 */
import { BadUserInputError, NoRouteError } from '../../errors/app-error.js';
import type { CapabilityHandler } from '../handler.types.js';
import { parseJsonAnswer, renderTemplate } from '../input-validation.js';
import { validateAgainst } from '../json-schema.js';

export const customHandler: CapabilityHandler<unknown, unknown> = {
  localModels: [],
  streamsText: true,

  parseInput(raw, capability) {
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
    if (!schema) {
      return {
        messages: [{ role: 'user', content: renderTemplate(template, input) }],
        responseFormat: { type: 'text' },
        maxOutputTokens: 2048,
      };
    }
    return {
      messages: [
        {
          role: 'system',
          content:
            'Answer with a single JSON value only, no prose. It must validate against this JSON Schema: ' +
            JSON.stringify(schema),
        },
        { role: 'user', content: renderTemplate(template, input) },
      ],
      responseFormat: { type: 'json', name: capability.name.replace(/[^a-zA-Z0-9_-]/g, '_'), schema },
      maxOutputTokens: 2048,
    };
  },

  parseOutput(text, _input, capability) {
    if (!capability.outputSchema) return text;
    const value = parseJsonAnswer(text);
    const problem = validateAgainst(capability.outputSchema, value);
    if (problem) throw new Error(`The answer does not match the outputSchema: ${problem}`);
    return value;
  },
};
