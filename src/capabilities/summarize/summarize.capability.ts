/** `summarize`: extractive and graph-based offline; abstractive (streamed text) on remote models. */
import type { BuiltinHandler } from '../capability-descriptor.js';
import {
  asObject,
  optionalEnum,
  optionalInteger,
  optionalString,
  renderTemplate,
  requiredText,
} from '../input-validation.js';
import { INPUT_LIMITS, assertMaxLength } from '../input-limits.js';
import { runLocalWork } from '../local-work/local-work.js';

function boundedLanguage(language: string | undefined): string | undefined {
  if (language !== undefined) {
    assertMaxLength(language, INPUT_LIMITS.summarize.languageCharacters, 'input.language');
  }
  return language;
}

export interface SummarizeRequest {
  text: string;
  maxSentences?: number;
  maxWords?: number;
  style?: 'PARAGRAPH' | 'BULLETS';
  language?: string;
}

export interface SummarizeOutput {
  summary: string;
}

export const summarizeHandler: BuiltinHandler<SummarizeRequest, SummarizeOutput> = {
  streamsText: true,

  parseInput(raw) {
    const input = asObject(raw);
    return {
      text: requiredText(input, 'text'),
      maxSentences: optionalInteger(input, 'maxSentences', 1, 100),
      maxWords: optionalInteger(input, 'maxWords', 1, 5000),
      style: optionalEnum(input, 'style', ['PARAGRAPH', 'BULLETS'] as const),
      language: boundedLanguage(optionalString(input, 'language')),
    };
  },

  inputText: (input) => input.text,
  expectedOutputTokens: (input) => Math.min(1024, input.maxWords ? Math.ceil(input.maxWords * 1.4) : 200),

  async runLocal(_model, input, context) {
    const result = await runLocalWork({ kind: 'summarize', text: input.text, options: input });
    const separator = input.style === 'BULLETS' ? '\n' : ' ';
    result.sentences.forEach((sentence, index) => {
      const piece = input.style === 'BULLETS' ? `- ${sentence}` : sentence;
      context.onDelta?.(index === 0 ? piece : `${separator}${piece}`);
    });
    return {
      output: { summary: result.summary },
      inputTokens: result.inputTokens,
      outputTokens: result.outputTokens,
    };
  },

  buildPrompt(input, capability, implementation) {
    const limits = [
      input.maxSentences ? `at most ${input.maxSentences} sentences` : undefined,
      input.maxWords ? `at most ${input.maxWords} words` : undefined,
    ].filter(Boolean);
    const style =
      input.style === 'BULLETS' ? 'as a bulleted list, one "- " line per point' : 'as one paragraph';
    const template = implementation.promptTemplate ?? capability.promptTemplate;
    const user = template
      ? renderTemplate(template, input)
      : `Summarize the following text ${style}${limits.length ? `, ${limits.join(' and ')}` : ''}` +
        `${input.language ? `, in the language "${input.language}"` : ''}. Keep the main points; leave out filler. ` +
        `Answer with the summary only.\n\n${input.text}`;
    return {
      messages: [
        {
          role: 'system',
          content: 'You write faithful, concise summaries. You never add facts that are not in the text.',
        },
        { role: 'user', content: user },
      ],
      responseFormat: { type: 'text' },
      maxOutputTokens: summarizeHandler.expectedOutputTokens(input) * 2,
    };
  },

  parseOutput(text) {
    const summary = text.trim();
    if (!summary) throw new Error('The model returned an empty summary.');
    return { summary };
  },
};
