import { describe, expect, it } from 'vitest';
import { countTextTokens } from '../../nlp/token-count.js';
import { analyzeText, type TextAnalysis } from './text-analyzer.js';

const REVIEW =
  'I bought the Aurora 3 headphones on 2 May for $149. The sound is fantastic and the noise cancelling ' +
  'works beautifully on trains. Support answered my email at help@aurora.example within 2 hours. 🎧';

describe('analyzeText', () => {
  it('analyses every aspect when none is requested', () => {
    const result = analyzeText(REVIEW);
    expect(result.sentiment?.label).toBe('POSITIVE');
    expect(result.language).toBe('en');
    expect(result.stats).toMatchObject({ sentences: 3, readingTimeSeconds: 10 });
    expect(result.keywords?.map((keyword) => keyword.text)).toContain('headphones');
    expect(result.entities?.map((entity) => entity.type)).toEqual(
      expect.arrayContaining(['DATE', 'MONEY', 'EMAIL', 'DURATION', 'EMOJI']),
    );
  });

  it('analyses only the requested aspects', () => {
    const result = analyzeText(REVIEW, ['SENTIMENT', 'STATS']);
    expect(Object.keys(result).sort()).toEqual(['inputTokens', 'outputTokens', 'sentiment', 'stats']);
  });

  it('treats an empty aspect list like no list', () => {
    expect(Object.keys(analyzeText('Hello there, friend.', []))).toHaveLength(7);
  });

  it('counts input tokens and the tokens of the JSON result', () => {
    const result = analyzeText(REVIEW, ['ENTITIES', 'LANGUAGE']);
    const { inputTokens, outputTokens, ...output } = result;
    expect(inputTokens).toBe(countTextTokens(REVIEW));
    expect(outputTokens).toBe(countTextTokens(JSON.stringify(output)));
  });

  it('tells English, French, German and Spanish paragraphs apart', () => {
    const paragraphs: Record<string, string> = {
      en: 'The museum will reopen next week after two years of repairs to its roof and windows.',
      fr: 'Le musée rouvrira la semaine prochaine après deux ans de travaux sur le toit et les fenêtres.',
      de: 'Das Museum wird nächste Woche nach zwei Jahren Reparaturen an Dach und Fenstern wieder geöffnet.',
      es: 'El museo reabrirá la próxima semana después de dos años de reparaciones en el techo y las ventanas.',
    };
    for (const [language, text] of Object.entries(paragraphs)) {
      expect(analyzeText(text, ['LANGUAGE']).language).toBe(language);
    }
  });

  it.each([
    ['empty', ''],
    ['whitespace', '  \n\n '],
    ['emoji only', '😀🎉🚀'],
    ['one word', 'ok'],
    ['no punctuation', 'no punctuation at all just words flowing on and on'],
    ['lone surrogate', 'broken \uD800 text here'],
    ['CJK', '今天天气很好。我们去公园吧。'],
    ['huge single token', 'z'.repeat(100_000)],
    ['huge single line', 'spam '.repeat(10_000)],
  ])('returns a complete, consistent result for %s', (_label, text) => {
    const result: TextAnalysis = analyzeText(text);
    expect(result.sentiment?.score).toBeGreaterThanOrEqual(-1);
    expect(result.sentiment?.score).toBeLessThanOrEqual(1);
    expect(result.keywords?.length).toBeLessThanOrEqual(10);
    expect(typeof result.language).toBe('string');
    for (const entity of result.entities ?? [])
      expect(text.slice(entity.start, entity.end)).toBe(entity.text);
    if (text.trim() === '') {
      expect(result.stats).toMatchObject({ words: 0, sentences: 0, readingTimeSeconds: 0 });
    }
  });

  // Speed is measured by the benchmark (S6), not asserted here (no timed tests).
  it('analyses a 20 KB text completely', () => {
    const text = `${REVIEW} `.repeat(Math.ceil(20_000 / (REVIEW.length + 1)));
    const result = analyzeText(text);
    expect(result.stats?.characters).toBeGreaterThan(19_000);
    expect(result.keywords?.length).toBeGreaterThan(0);
  });

  it('scores short English text with the English lexicon even when its language guess is unsure', () => {
    expect(analyzeText('A wonderful, moving film.', ['SENTIMENT']).sentiment?.label).toBe('POSITIVE');
    expect(analyzeText('a terrible , boring movie .', ['SENTIMENT']).sentiment?.label).toBe('NEGATIVE');
  });
});
