/**
 * The one test file that loads the real word vectors (slow the first time on a machine, then read
 * from the binary cache). Fixtures in test/fixtures/classify were written for these tests.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyText, type Classification, type LabeledExample } from './zero-shot-classifier.js';
import { loadWordVectors } from './word-vectors.js';

interface Fixture {
  labels: string[];
  items: Array<{ text: string; label?: string; labels?: string[] }>;
  examples?: LabeledExample[];
}

function fixture(name: string): Fixture {
  const url = new URL(`../../../test/fixtures/classify/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Fixture;
}

async function accuracy(data: Fixture, withExamples = false): Promise<number> {
  let correct = 0;
  for (const item of data.items) {
    const result = await classifyText({
      text: item.text,
      labels: data.labels,
      ...(withExamples && data.examples ? { examples: data.examples } : {}),
    });
    if (result.label === item.label) correct += 1;
  }
  return correct / data.items.length;
}

function expectSingleLabelShape(result: Classification, labels: string[]): void {
  expect(result.scores.map((entry) => entry.label).sort()).toEqual([...labels].sort());
  expect(result.scores.reduce((sum, entry) => sum + entry.score, 0)).toBeCloseTo(1, 9);
  for (let position = 1; position < result.scores.length; position += 1) {
    expect(result.scores[position - 1]!.score).toBeGreaterThanOrEqual(result.scores[position]!.score);
  }
  expect(result.label).toBe(result.scores[0]!.label);
  expect(result.labels).toEqual([result.label]);
}

const TOPICS = ['sports', 'politics', 'technology', 'business', 'health'];

beforeAll(async () => {
  await loadWordVectors();
}, 180_000);

describe('zero-shot classification', () => {
  it.each([
    ['The midfielder curled a free kick into the top corner to win the cup final.', 'sports'],
    ['The prime minister called a snap election after losing a confidence vote in parliament.', 'politics'],
    ['The update patches a kernel vulnerability and speeds up the laptop’s graphics driver.', 'technology'],
    ['The bank reported higher quarterly earnings and its shares rose on the stock market.', 'business'],
    ['Patients with high cholesterol were given a new medication to reduce the risk of stroke.', 'health'],
  ])('labels %j as %s, with scores that sum to 1', async (text, expected) => {
    const result = await classifyText({ text, labels: TOPICS });
    expect(result.label).toBe(expected);
    expectSingleLabelShape(result, TOPICS);
    expect(result.inputTokens).toBeGreaterThan(10);
    expect(result.outputTokens).toBeGreaterThan(0);
  });

  it('reaches the accuracy bar on the topics fixture, and is more confident when right', async () => {
    const data = fixture('topics');
    expect(await accuracy(data)).toBeGreaterThanOrEqual(0.8);
    const confidence = { right: [] as number[], wrong: [] as number[] };
    for (const item of data.items) {
      const result = await classifyText({ text: item.text, labels: data.labels });
      confidence[result.label === item.label ? 'right' : 'wrong'].push(result.scores[0]!.score);
    }
    const mean = (values: number[]) =>
      values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
    expect(mean(confidence.right)).toBeGreaterThan(mean(confidence.wrong));
  });

  it('handles compound labels such as "Sci/Tech" well above chance (4 labels)', async () => {
    expect(await accuracy(fixture('news-sections'))).toBeGreaterThanOrEqual(0.5);
  });

  it('separates positive and negative reviews through the labels’ own polarity', async () => {
    expect(await accuracy(fixture('sentiment'))).toBeGreaterThanOrEqual(0.85);
    const result = await classifyText({
      text: 'Not good at all, I hated it.',
      labels: ['positive', 'negative'],
    });
    expect(result.label).toBe('negative');
  });

  it('reads a negated label ("not spam") as evidence against its words, not for them', async () => {
    const labels = ['spam', 'not spam'];
    const prize = 'Congratulations, you won a free cruise! Click here to claim your prize now.';
    const meeting = 'Hi Anna, the meeting moved to 3 pm tomorrow, see you there.';
    expect((await classifyText({ text: prize, labels })).label).toBe('spam');
    expect((await classifyText({ text: meeting, labels })).label).toBe('not spam');
  });

  it('tells emotions apart, polarity first and then by meaning', async () => {
    const labels = ['happy', 'sad', 'angry'];
    const sad = await classifyText({ text: 'I feel so lonely and tearful since my dog died.', labels });
    const angry = await classifyText({ text: 'I am furious that they cancelled my flight again!', labels });
    expect([sad.label, angry.label]).toEqual(['sad', 'angry']);
  });

  it('lets label descriptions decide between otherwise meaningless label names', async () => {
    const labelDescriptions = { alpha: 'football goal match league', beta: 'election parliament vote law' };
    const labels = ['alpha', 'beta'];
    const match = await classifyText({ text: 'The striker scored in the derby.', labels, labelDescriptions });
    const vote = await classifyText({ text: 'The senate approved the bill.', labels, labelDescriptions });
    expect([match.label, vote.label]).toEqual(['alpha', 'beta']);
  });
});

describe('few-shot classification', () => {
  it('classifies new phrasings of support intents from three examples each', async () => {
    const data = fixture('intents');
    const fewShot = await accuracy(data, true);
    expect(fewShot).toBeGreaterThanOrEqual(0.8);
    expect(fewShot).toBeGreaterThan(await accuracy(data, false));
  });

  it('keeps scores summing to 1 and falls back to zero-shot for labels without examples', async () => {
    const data = fixture('intents');
    const labels = [...data.labels, 'weather'];
    const result = await classifyText({
      text: 'Will it rain tomorrow afternoon, and how cold will the wind be?',
      labels,
      examples: data.examples,
    });
    expectSingleLabelShape(result, labels);
    expect(result.label).toBe('weather');
  });

  it('ignores examples whose label is not offered', async () => {
    const result = await classifyText({
      text: 'Where is my parcel?',
      labels: ['shipping', 'account'],
      examples: [{ text: 'Where is my parcel?', label: 'unrelated' }],
    });
    expectSingleLabelShape(result, ['shipping', 'account']);
  });
});

describe('multi-label classification', () => {
  it('returns every label that applies, with independent scores', async () => {
    const result = await classifyText({
      text: 'Shares of the drug maker soared after regulators approved its new cancer treatment.',
      labels: TOPICS,
      multiLabel: true,
    });
    expect(result.labels).toEqual(expect.arrayContaining(['health', 'business']));
    expect(result.labels).not.toContain('sports');
    expect(result.scores.every((entry) => entry.score >= 0 && entry.score <= 1)).toBe(true);
    expect(result.labels).toEqual(
      result.scores.filter((entry) => entry.score >= 0.5).map((entry) => entry.label),
    );
  });

  it('honours the threshold and always returns at least the best label', async () => {
    const text = 'The goalkeeper saved two penalties in the shootout.';
    const strict = await classifyText({ text, labels: TOPICS, multiLabel: true, threshold: 0.999 });
    expect(strict.labels).toEqual([strict.label]);
    const lenient = await classifyText({ text, labels: TOPICS, multiLabel: true, threshold: 0 });
    expect(lenient.labels).toHaveLength(TOPICS.length);
  });

  it('reaches the micro-F1 bar on the multi-label fixture', async () => {
    const data = fixture('multi-label');
    let truePositives = 0;
    let predicted = 0;
    let expected = 0;
    for (const item of data.items) {
      const result = await classifyText({ text: item.text, labels: data.labels, multiLabel: true });
      truePositives += result.labels.filter((label) => item.labels!.includes(label)).length;
      predicted += result.labels.length;
      expected += item.labels!.length;
    }
    const precision = truePositives / predicted;
    const recall = truePositives / expected;
    expect((2 * precision * recall) / (precision + recall)).toBeGreaterThanOrEqual(0.65);
  });
});

describe('odd input', () => {
  it('gives uniform scores for empty, blank or meaningless text', async () => {
    for (const text of ['', '   ', '!!! ??? ...', 'xqzvj blorfity zzkrm']) {
      const result = await classifyText({ text, labels: TOPICS });
      for (const entry of result.scores) expect(entry.score).toBeCloseTo(1 / TOPICS.length, 9);
    }
  });

  it('never throws on awkward labels, options or very long text', async () => {
    const results = await Promise.all([
      classifyText({ text: 'Great match!', labels: ['???', '!!!'] }),
      classifyText({ text: 'Great match!', labels: ['other', 'none', 'n/a'] }),
      classifyText({ text: 'Great match!', labels: ['sports'] }),
      classifyText({ text: 'word '.repeat(60_000), labels: TOPICS, multiLabel: true, threshold: Number.NaN }),
      classifyText({
        text: 'Great match!',
        labels: TOPICS,
        labelDescriptions: { unknown: 'x' },
        examples: [],
      }),
      classifyText({ text: '🎉🎉 ñandú façade 東京', labels: ['emoji', 'travel'] }),
    ]);
    for (const result of results) {
      expect(result.scores.every((entry) => Number.isFinite(entry.score))).toBe(true);
      expect(result.labels.length).toBeGreaterThanOrEqual(1);
    }
    expect(await classifyText({ text: 'anything', labels: [] })).toMatchObject({
      label: '',
      labels: [],
      scores: [],
    });
  });

  it('loads the word vectors once and shares them', async () => {
    const [first, second] = await Promise.all([loadWordVectors(), loadWordVectors()]);
    expect(first).toBe(second);
    expect(first.dimensions).toBe(100);
    expect(first.size).toBeGreaterThan(300_000);
  });
});

describe('classifyText with bare news-section names', () => {
  const sections = ['World', 'Sports', 'Business', 'Sci/Tech'];
  it.each([
    ['The prime minister flew to Brussels for talks on the ceasefire and the refugee crisis.', 'World'],
    ['The goalkeeper saved two penalties and his club reached the cup final.', 'Sports'],
    ['Shares of the retailer fell after it cut its profit forecast for the quarter.', 'Business'],
    ['Researchers unveiled a faster chip and new software for quantum computers.', 'Sci/Tech'],
  ])('puts %j under %s from the label names alone', async (text, expected) => {
    expect((await classifyText({ text, labels: sections })).label).toBe(expected);
  });
});
