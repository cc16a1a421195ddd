/** `analyze`: sentiment, entities with offsets, keywords, language, statistics. */
import { BadUserInputError } from '../../errors/app-error.js';
import type { BuiltinHandler } from '../capability-descriptor.js';
import { asObject, parseJsonAnswer, renderTemplate, requiredText } from '../input-validation.js';
import { INPUT_LIMITS, assertMaxItems } from '../input-limits.js';
import { runLocalWork } from '../local-work/local-work.js';
import { analyzeText, type AnalysisAspect, type TextAnalysis } from './text-analyzer.js';

export const analysisAspects: readonly AnalysisAspect[] = [
  'SENTIMENT',
  'ENTITIES',
  'KEYWORDS',
  'LANGUAGE',
  'STATS',
];

export interface AnalyzeRequest {
  text: string;
  aspects: AnalysisAspect[];
}

export type AnalyzeOutput = Omit<TextAnalysis, 'inputTokens' | 'outputTokens'>;

const sentimentLabels = ['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED'];

export const analyzeHandler: BuiltinHandler<AnalyzeRequest, AnalyzeOutput> = {
  streamsText: false,

  parseInput(raw) {
    const input = asObject(raw);
    const text = requiredText(input, 'text', { allowEmpty: true });
    const aspectsValue = input.aspects;
    let aspects = [...analysisAspects];
    if (aspectsValue !== undefined && aspectsValue !== null) {
      if (Array.isArray(aspectsValue)) {
        assertMaxItems(aspectsValue, INPUT_LIMITS.analyze.aspects, 'input.aspects');
      }
      if (
        !Array.isArray(aspectsValue) ||
        aspectsValue.some((aspect) => !analysisAspects.includes(aspect as AnalysisAspect))
      ) {
        throw new BadUserInputError(`input.aspects must be a list of ${analysisAspects.join(', ')}.`);
      }
      aspects = aspectsValue.length > 0 ? [...new Set(aspectsValue as AnalysisAspect[])] : aspects;
    }
    return { text, aspects };
  },

  inputText: (input) => input.text,
  expectedOutputTokens: (input) => 60 + Math.min(400, Math.ceil(input.text.length / 40)),

  async runLocal(_model, input) {
    const { inputTokens, outputTokens, ...output } = await runLocalWork({
      kind: 'analyze',
      text: input.text,
      aspects: input.aspects,
    });
    return { output, inputTokens, outputTokens };
  },

  buildPrompt(input, capability, implementation) {
    const template = implementation.promptTemplate ?? capability.promptTemplate;
    const user = template
      ? renderTemplate(template, input)
      : `Analyze the text below. Return JSON with these fields (only those asked): ${input.aspects.join(', ')}.\n` +
        '- sentiment: { "label": POSITIVE|NEGATIVE|NEUTRAL|MIXED, "score": number in [-1, 1] }\n' +
        '- entities: [{ "text": exact substring of the text, "type": e.g. PERSON, ORGANIZATION, LOCATION, DATE, MONEY, EMAIL, URL }]\n' +
        '- keywords: [{ "text": key phrase, "score": number in (0, 1] }], best first, at most 10\n' +
        '- language: ISO 639-1 code\n\nText:\n' +
        input.text;
    return {
      messages: [
        { role: 'system', content: 'You are a precise text analysis engine. Answer with JSON only.' },
        { role: 'user', content: user },
      ],
      responseFormat: { type: 'json', name: 'analysis', schema: remoteSchema },
      maxOutputTokens: 1024,
    };
  },

  parseOutput(text, input) {
    const answer = parseJsonAnswer(text) as Record<string, unknown>;
    const output: AnalyzeOutput = {};
    const local = analyzeText(input.text, ['STATS']);
    if (input.aspects.includes('SENTIMENT')) {
      const sentiment = answer.sentiment as { label?: unknown; score?: unknown } | undefined;
      if (
        !sentiment ||
        !sentimentLabels.includes(String(sentiment.label)) ||
        typeof sentiment.score !== 'number'
      ) {
        throw new Error('sentiment must be { label: POSITIVE|NEGATIVE|NEUTRAL|MIXED, score: number }');
      }
      output.sentiment = {
        label: sentiment.label as NonNullable<AnalyzeOutput['sentiment']>['label'],
        score: Math.max(-1, Math.min(1, sentiment.score)),
      };
    }
    if (input.aspects.includes('ENTITIES')) output.entities = locateEntities(input.text, answer.entities);
    if (input.aspects.includes('KEYWORDS')) {
      const keywords = Array.isArray(answer.keywords) ? answer.keywords : [];
      output.keywords = keywords
        .filter((keyword): keyword is { text: string; score?: number } => typeof keyword?.text === 'string')
        .slice(0, 10)
        .map((keyword, index) => ({
          text: keyword.text,
          score:
            typeof keyword.score === 'number' ? Math.max(0.001, Math.min(1, keyword.score)) : 1 / (index + 1),
        }));
    }
    if (input.aspects.includes('LANGUAGE')) {
      output.language = typeof answer.language === 'string' ? answer.language.toLowerCase() : 'und';
    }
    if (input.aspects.includes('STATS')) output.stats = local.stats;
    return output;
  },
};

/** Remote models name entities; offsets are found in the text here so they are always exact. */
function locateEntities(text: string, raw: unknown): NonNullable<AnalyzeOutput['entities']> {
  const entities: NonNullable<AnalyzeOutput['entities']> = [];
  const nextSearchFrom = new Map<string, number>();
  for (const entity of Array.isArray(raw) ? raw : []) {
    if (typeof entity?.text !== 'string' || !entity.text) continue;
    const from = nextSearchFrom.get(entity.text) ?? 0;
    const start = text.indexOf(entity.text, from);
    if (start < 0) continue;
    nextSearchFrom.set(entity.text, start + entity.text.length);
    entities.push({
      text: entity.text,
      type: String(entity.type ?? 'OTHER').toUpperCase(),
      start,
      end: start + entity.text.length,
    });
  }
  return entities.sort((a, b) => a.start - b.start);
}

const remoteSchema = {
  type: 'object',
  properties: {
    sentiment: {
      type: 'object',
      properties: { label: { type: 'string', enum: sentimentLabels }, score: { type: 'number' } },
      required: ['label', 'score'],
    },
    entities: {
      type: 'array',
      items: {
        type: 'object',
        properties: { text: { type: 'string' }, type: { type: 'string' } },
        required: ['text', 'type'],
      },
    },
    keywords: {
      type: 'array',
      items: {
        type: 'object',
        properties: { text: { type: 'string' }, score: { type: 'number' } },
        required: ['text'],
      },
    },
    language: { type: 'string' },
  },
};
