/**
 * Development check of the analyzer's sentiment on data that is not an evaluation set: the UCI
 * "Sentiment Labelled Sentences" (Kotzias et al., KDD 2015; 1,000 sentences each from Amazon, IMDb and
 * Yelp reviews, balanced) that the `sentiment` package ships as its test fixtures, plus our own
 * `test/fixtures/analyze/sentiment.jsonl`. Sentiment rules and lexicon choices were compared here,
 * never on `shared/evals`.
 *
 * `node --import @swc-node/register/esm-register bench/quality/dev/sentiment-dev.ts [--no-induced]`
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { prepareSentimentModel } from '../../../src/capabilities/analyze/sentiment-lexicon.js';
import { analyzeText } from '../../../src/capabilities/analyze/text-analyzer.js';
import { parseText } from '../../../src/nlp/parsed-text.js';

type Scorer = (text: string) => { label: string; score: number };

const require = createRequire(import.meta.url);
const fixtures = path.join(path.dirname(require.resolve('sentiment/package.json')), 'test', 'fixtures');

async function main(): Promise<void> {
  if (!process.argv.includes('--no-induced')) await prepareSentimentModel();
  // `--module=<path>`: score with another analyzeSentiment (e.g. the previous version, for comparison).
  const alternative = process.argv.find((argument) => argument.startsWith('--module='))?.slice(9);
  let sentimentOf: Scorer = (text) =>
    analyzeText(text, ['SENTIMENT']).sentiment ?? { label: 'NEUTRAL', score: 0 };
  if (alternative) {
    const module = (await import(path.resolve(alternative))) as {
      analyzeSentiment: (
        parsed: ReturnType<typeof parseText>,
        language: string,
      ) => { label: string; score: number };
    };
    sentimentOf = (text) => module.analyzeSentiment(parseText(text), 'en');
  }
  for (const set of ['amazon', 'imdb', 'yelp']) {
    const items = JSON.parse(readFileSync(path.join(fixtures, `${set}.json`), 'utf8')) as {
      text: string;
      class: number;
    }[];
    let correct = 0;
    let zero = 0;
    for (const item of items) {
      const score = sentimentOf(item.text).score;
      if (score === 0) zero += 1;
      if ((score >= 0 ? 1 : 0) === item.class) correct += 1;
    }
    process.stdout.write(
      `${set}: ${((100 * correct) / items.length).toFixed(2)} % (score 0: ${((100 * zero) / items.length).toFixed(1)} %)\n`,
    );
  }
  const own = readFileSync('test/fixtures/analyze/sentiment.jsonl', 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { text: string; label: string });
  const agree = own.filter((item) => sentimentOf(item.text).label === item.label);
  process.stdout.write(`own fixtures: ${agree.length}/${own.length} labels\n`);
}

void main();
