import { describe, expect, it } from 'vitest';
import { parseText } from '../../nlp/parsed-text.js';
import { extractEntities, type Entity } from './entities.js';

const entitiesOf = (text: string): Entity[] => extractEntities(parseText(text));
const typed = (entities: Entity[]): string[] => entities.map(({ type, text }) => `${type}:${text}`);

const TEXTS = [
  'On March 5, 2024 at 3pm, Acme raised $20 million (a 15% jump). Email bob@example.com or visit https://acme.io/x?y=1.',
  'Repeated: call 555 123 4567, then call 555 123 4567 again. #launch #launch @alice @alice 😀 😀',
  'Family 👨‍👩‍👧‍👦 and flags 🇫🇷🇩🇪 and skin 👍🏽 and keycap 1️⃣ :) ok.',
  '  Leading spaces,\ttabs\r\nand CRLF: 2nd place, 3 days later, €30 or 20 EUR.  ',
  'été — “Price: ¥100” … naïve café on 2024-01-05, 10:30 am, see www.example.org or ftp://files.example.org/a.',
  '',
  '😀',
];

describe('extractEntities', () => {
  it.each(TEXTS)('gives exact offsets for every entity in %j', (text) => {
    for (const entity of entitiesOf(text)) {
      expect(text.slice(entity.start, entity.end)).toBe(entity.text);
      expect(entity.end).toBeGreaterThan(entity.start);
    }
  });

  it('returns entities in order without overlaps', () => {
    for (const text of TEXTS) {
      const entities = entitiesOf(text);
      for (let index = 1; index < entities.length; index += 1) {
        expect(entities[index]?.start).toBeGreaterThanOrEqual(entities[index - 1]?.end ?? 0);
      }
    }
  });

  it('finds the common pattern entities', () => {
    expect(typed(entitiesOf(TEXTS[0] ?? ''))).toEqual([
      'DATE:March 5, 2024',
      'TIME:3pm',
      'MONEY:$20 million',
      'PERCENT:15%',
      'EMAIL:bob@example.com',
      'URL:https://acme.io/x?y=1',
    ]);
  });

  it('reports each occurrence of a repeated entity at its own offset', () => {
    const text = TEXTS[1] ?? '';
    const entities = entitiesOf(text);
    const phones = entities.filter((entity) => entity.type === 'PHONE');
    expect(phones.map((phone) => phone.start)).toEqual([text.indexOf('555'), text.lastIndexOf('555')]);
    expect(entities.filter((entity) => entity.text === '#launch')).toHaveLength(2);
    expect(entities.filter((entity) => entity.text === '@alice')).toHaveLength(2);
    expect(entities.filter((entity) => entity.type === 'EMOJI')).toHaveLength(2);
  });

  it('keeps emoji sequences whole', () => {
    expect(typed(entitiesOf(TEXTS[2] ?? ''))).toEqual([
      'EMOJI:👨‍👩‍👧‍👦',
      'EMOJI:🇫🇷',
      'EMOJI:🇩🇪',
      'EMOJI:👍🏽',
      'EMOJI:1️⃣',
      'EMOTICON::)',
    ]);
  });

  it('reads a currency symbol or code next to a number as MONEY', () => {
    const entities = typed(entitiesOf(TEXTS[3] ?? ''));
    expect(entities).toContain('MONEY:€30');
    expect(entities).toContain('MONEY:20 EUR');
    expect(entities).toContain('ORDINAL:2nd');
    expect(entities).toContain('DURATION:3 days');
  });

  it('leaves trailing punctuation out of URLs and finds no emoticon inside one', () => {
    const entities = typed(
      entitiesOf(
        'See https://example.com/docs. Or (https://example.com/b), ftp://x.example.org/a and www.example.org.',
      ),
    );
    expect(entities).toContain('URL:https://example.com/docs');
    expect(entities).toContain('URL:https://example.com/b');
    expect(entities).toContain('URL:ftp://x.example.org/a');
    expect(entities).toContain('URL:www.example.org');
    expect(entities.some((entity) => entity.startsWith('EMOTICON'))).toBe(false);
  });

  it('reads phone numbers whole and does not take dates or ranges for them', () => {
    const entities = typed(
      entitiesOf('Call +44 20 7946 0958 or (555) 123-4567. The war lasted 1939-1945. Due 2024-01-05.'),
    );
    expect(entities).toContain('PHONE:+44 20 7946 0958');
    expect(entities).toContain('PHONE:(555) 123-4567');
    expect(entities.filter((entity) => entity.startsWith('PHONE'))).toHaveLength(2);
  });

  it('drops the preposition wink includes in dates', () => {
    expect(typed(entitiesOf('The plant will close by 2026.'))).toEqual(['DATE:2026']);
  });
});

describe('extractEntities: people, organizations and places', () => {
  const names = (text: string): string[] =>
    typed(entitiesOf(text)).filter((entity) => /^(?:PERSON|ORGANIZATION|LOCATION):/u.test(entity));

  it.each([
    [
      'I loved the new Apple iPhone, but the battery life in Berlin was terrible.',
      ['ORGANIZATION:Apple', 'LOCATION:Berlin'],
    ],
    [
      'Angela Merkel met Tim Cook at Microsoft headquarters in Redmond, Washington.',
      [
        'PERSON:Angela Merkel',
        'PERSON:Tim Cook',
        'ORGANIZATION:Microsoft',
        'LOCATION:Redmond',
        'LOCATION:Washington',
      ],
    ],
    [
      'Shares of Goldman Sachs rose after the Federal Reserve said it would hold rates.',
      ['ORGANIZATION:Goldman Sachs', 'ORGANIZATION:Federal Reserve'],
    ],
    ["Barack Obama's memoir sold well in Canada.", ['PERSON:Barack Obama', 'LOCATION:Canada']],
    [
      'Was it Google or IBM that opened an office in Lyon, France?',
      ['ORGANIZATION:Google', 'ORGANIZATION:IBM', 'LOCATION:Lyon', 'LOCATION:France'],
    ],
    ['Paris Hilton flew to London.', ['PERSON:Paris Hilton', 'LOCATION:London']],
  ])('finds the names in %j', (text, expected) => {
    expect(names(text)).toEqual(expected);
    for (const entity of entitiesOf(text)) expect(text.slice(entity.start, entity.end)).toBe(entity.text);
  });

  it('leaves honorifics and possessives out of a person and keeps offsets exact', () => {
    const text = 'Yesterday Dr. Jane Smith moved from Paris to New York City to join Amazon.';
    const entities = entitiesOf(text);
    expect(names(text)).toEqual([
      'PERSON:Jane Smith',
      'LOCATION:Paris',
      'LOCATION:New York City',
      'ORGANIZATION:Amazon',
    ]);
    expect(entities.find((entity) => entity.type === 'PERSON')?.start).toBe(text.indexOf('Jane'));
  });

  it('does not take common words for names', () => {
    expect(names('Apple pie and turkey with a shell of pastry, bought at the target price.')).toEqual([]);
    expect(names('the meeting is in the morning and nobody is named here.')).toEqual([]);
  });

  it('keeps the pattern entity where a name overlaps it, and both kinds in one text', () => {
    const text = 'On May 5, John paid $20 to Amazon in Seattle.';
    expect(typed(entitiesOf(text))).toEqual([
      'DATE:May 5',
      'PERSON:John',
      'MONEY:$20',
      'ORGANIZATION:Amazon',
      'LOCATION:Seattle',
    ]);
  });

  it('finds names with exact offsets in a text longer than one tagging piece', () => {
    const filler = 'The committee met again and talked for a long time about the weather. '.repeat(400);
    const text = `${filler}Then Angela Merkel flew to Madrid.`;
    const found = entitiesOf(text).filter((entity) => entity.type !== 'NUMBER');
    expect(found.map(({ type, text: name, start }) => [type, name, start])).toEqual([
      ['PERSON', 'Angela Merkel', text.indexOf('Angela')],
      ['LOCATION', 'Madrid', text.indexOf('Madrid')],
    ]);
  });
});
