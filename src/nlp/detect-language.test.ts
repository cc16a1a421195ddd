import { describe, expect, it } from 'vitest';
import { detectLanguage, hasEnglishFunctionWords } from './detect-language.js';

describe('detectLanguage', () => {
  it.each([
    [
      'en',
      'The library on the corner opens early on weekdays, and most visitors come for the quiet reading rooms.',
    ],
    [
      'fr',
      'La bibliothèque du quartier ouvre tôt en semaine, et la plupart des visiteurs viennent pour le calme.',
    ],
    [
      'de',
      'Die Bibliothek an der Ecke öffnet werktags früh, und die meisten Besucher kommen wegen der Ruhe.',
    ],
    [
      'es',
      'La biblioteca de la esquina abre temprano los días laborables y casi todos vienen por la tranquilidad.',
    ],
    [
      'it',
      'La biblioteca del quartiere apre presto nei giorni feriali e quasi tutti vengono per la tranquillità.',
    ],
    [
      'pt',
      'A biblioteca da esquina abre cedo nos dias úteis e a maioria dos visitantes vem pela tranquilidade.',
    ],
    ['ru', 'Библиотека на углу открывается рано по будням, и большинство посетителей приходят ради тишины.'],
  ])('recognises %s', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('handles a short English sentence through its function words', () => {
    expect(detectLanguage('I think we should go home now.')).toBe('en');
  });

  it('recognises scripts that belong to one language at any length', () => {
    expect(detectLanguage('こんにちは、元気ですか')).toBe('ja');
    expect(detectLanguage('안녕하세요 반갑습니다')).toBe('ko');
    expect(detectLanguage('今天天气很好')).toBe('zh');
  });

  it.each(['', 'ok', 'Bonjour', '12345 !!!', '😀😀😀', 'https://example.com/a/b', 'x'.repeat(500)])(
    'says und for %j',
    (text) => {
      expect(detectLanguage(text)).toBe('und');
    },
  );
});

describe('hasEnglishFunctionWords', () => {
  it('is true for English whatever a trigram guess says, false for other languages and bare lists', () => {
    expect(hasEnglishFunctionWords('the cast is superb and it was worth the wait')).toBe(true);
    expect(hasEnglishFunctionWords('Le film était très long et il est ennuyeux pour les enfants.')).toBe(
      false,
    );
    expect(hasEnglishFunctionWords('gorgeous , witty , seductive')).toBe(false);
  });
});
