/** `classify`: zero-shot by embedding similarity, few-shot from examples; remote models answer JSON. */
import { BadUserInputError } from '../../errors/app-error.js';
import type { BuiltinHandler } from '../capability-descriptor.js';
import {
  asObject,
  optionalBoolean,
  parseJsonAnswer,
  renderTemplate,
  requiredText,
} from '../input-validation.js';
import { INPUT_LIMITS, assertMaxItems, assertMaxLength, excerpt } from '../input-limits.js';
import { runLocalWork } from '../local-work/local-work.js';
import type { LabeledExample } from './zero-shot-classifier.js';

export interface ClassifyRequest {
  text: string;
  labels: string[];
  multiLabel: boolean;
  examples: LabeledExample[];
  labelDescriptions?: Record<string, string>;
  threshold?: number;
}

export interface ClassifyOutput {
  label: string;
  labels: string[];
  scores: { label: string; score: number }[];
}

const limits = INPUT_LIMITS.classify;

export const classifyHandler: BuiltinHandler<ClassifyRequest, ClassifyOutput> = {
  streamsText: false,

  parseInput(raw) {
    const input = asObject(raw);
    const text = requiredText(input, 'text', { allowEmpty: true });
    const labels = input.labels;
    if (!Array.isArray(labels) || labels.some((label) => typeof label !== 'string' || !label.trim())) {
      throw new BadUserInputError('input.labels must be a list of non-empty strings.');
    }
    assertMaxItems(labels, limits.labels, 'input.labels');
    labels.forEach((label: string, index) =>
      assertMaxLength(label, limits.labelCharacters, `input.labels[${index}]`),
    );
    const unique = [...new Set(labels.map((label: string) => label.trim()))];
    if (unique.length < 2) throw new BadUserInputError('input.labels needs at least two different labels.');
    const examplesValue = input.examples ?? [];
    if (!Array.isArray(examplesValue)) {
      throw new BadUserInputError('input.examples must be a list of { text, label }.');
    }
    assertMaxItems(examplesValue, limits.examples, 'input.examples');
    let exampleCharacters = 0;
    const examples = examplesValue.map((example: unknown, index: number) => {
      const object = asObject(example, `input.examples[${index}]`);
      const label = typeof object.label === 'string' ? object.label.trim() : '';
      if (typeof object.text !== 'string' || !unique.includes(label)) {
        throw new BadUserInputError(`input.examples[${index}] needs a text and one of the labels.`);
      }
      assertMaxLength(object.text, limits.exampleCharacters, `input.examples[${index}].text`);
      exampleCharacters += object.text.length;
      if (exampleCharacters > limits.examplesTotalCharacters) {
        throw new BadUserInputError(
          `input.examples: at most ${limits.examplesTotalCharacters} characters of example text in all.`,
        );
      }
      return { text: object.text, label };
    });
    const labelDescriptions = parseLabelDescriptions(input.labelDescriptions, unique);
    const threshold = input.threshold;
    if (
      threshold !== undefined &&
      threshold !== null &&
      !(typeof threshold === 'number' && threshold > 0 && threshold < 1)
    ) {
      throw new BadUserInputError('input.threshold must be a number between 0 and 1.');
    }
    return {
      text,
      labels: unique,
      multiLabel: optionalBoolean(input, 'multiLabel') ?? false,
      examples,
      labelDescriptions,
      threshold: (threshold ?? undefined) as number | undefined,
    };
  },

  inputText: (input) => input.text,
  expectedOutputTokens: (input) => 20 + input.labels.length * 12,

  async runLocal(_model, input) {
    const { inputTokens, outputTokens, ...output } = await runLocalWork({ kind: 'classify', options: input });
    return { output, inputTokens, outputTokens };
  },

  buildPrompt(input, capability, implementation) {
    const template = implementation.promptTemplate ?? capability.promptTemplate;
    const examples = input.examples
      .slice(0, 50)
      .map((example) => `Text: ${example.text}\nLabel: ${example.label}`)
      .join('\n\n');
    const user = template
      ? renderTemplate(template, input)
      : `Classify the text into ${input.multiLabel ? 'one or more' : 'exactly one'} of these labels: ` +
        `${input.labels.map((label) => JSON.stringify(label)).join(', ')}.\n` +
        (examples ? `Examples:\n${examples}\n\n` : '') +
        'Return JSON: { "scores": [{ "label": one of the labels, "score": probability }] } with every label once.\n\n' +
        `Text:\n${input.text}`;
    return {
      messages: [
        { role: 'system', content: 'You are a careful text classifier. Answer with JSON only.' },
        { role: 'user', content: user },
      ],
      responseFormat: {
        type: 'json',
        name: 'classification',
        schema: {
          type: 'object',
          properties: {
            scores: {
              type: 'array',
              items: {
                type: 'object',
                properties: { label: { type: 'string', enum: input.labels }, score: { type: 'number' } },
                required: ['label', 'score'],
              },
            },
          },
          required: ['scores'],
        },
      },
      maxOutputTokens: 64 + input.labels.length * 16,
    };
  },

  parseOutput(text, input) {
    const answer = parseJsonAnswer(text) as { scores?: unknown; label?: unknown };
    const raw = new Map<string, number>();
    if (Array.isArray(answer.scores)) {
      for (const entry of answer.scores) {
        if (input.labels.includes(entry?.label) && typeof entry.score === 'number' && entry.score >= 0) {
          raw.set(entry.label, entry.score);
        }
      }
    } else if (typeof answer.label === 'string' && input.labels.includes(answer.label)) {
      raw.set(answer.label, 1);
    }
    if (raw.size === 0) throw new Error('scores must list the given labels with numeric scores');
    const total = [...raw.values()].reduce((sum, value) => sum + value, 0) || 1;
    const scores = input.labels
      .map((label) => ({
        label,
        score: input.multiLabel ? Math.min(1, raw.get(label) ?? 0) : (raw.get(label) ?? 0) / total,
      }))
      .sort((a, b) => b.score - a.score);
    const best = scores[0]!.label;
    const threshold = input.threshold ?? 0.5;
    const labels = input.multiLabel
      ? scores.filter((score) => score.score >= threshold).map((score) => score.label)
      : [best];
    return { label: best, labels: labels.length > 0 ? labels : [best], scores };
  },
};

/** label → description, for labels of this request only, each string capped. */
function parseLabelDescriptions(
  value: unknown,
  labels: readonly string[],
): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new BadUserInputError('input.labelDescriptions must be an object of label → description.');
  }
  const descriptions: Record<string, string> = {};
  for (const [label, description] of Object.entries(value)) {
    if (!labels.includes(label)) {
      throw new BadUserInputError(`input.labelDescriptions: ${excerpt(label)} is not one of the labels.`);
    }
    if (typeof description !== 'string') {
      throw new BadUserInputError(
        `input.labelDescriptions: the description of ${excerpt(label)} must be a string.`,
      );
    }
    assertMaxLength(
      description,
      limits.labelDescriptionCharacters,
      `input.labelDescriptions[${excerpt(label)}]`,
    );
    descriptions[label] = description;
  }
  return descriptions;
}
