/**
 * Development check of zero-shot classification on our own labelled sentences
 * (`test/fixtures/classify/{topics,news-sections,sentiment}.json`, written for the tests), label names
 * only. Classifier choices were compared here, never on `shared/evals`.
 *
 * `node --import @swc-node/register/esm-register bench/quality/dev/classify-dev.ts`
 */
import { readFileSync } from 'node:fs';
import { classifyText } from '../../../src/capabilities/classify/zero-shot-classifier.js';

interface Fixture {
  labels: string[];
  items: { label: string; text: string }[];
}

async function main(): Promise<void> {
  let total = 0;
  let right = 0;
  for (const name of ['topics', 'news-sections', 'sentiment']) {
    const fixture = JSON.parse(readFileSync(`test/fixtures/classify/${name}.json`, 'utf8')) as Fixture;
    let correct = 0;
    let margin = 0;
    for (const item of fixture.items) {
      const result = await classifyText({ text: item.text, labels: fixture.labels });
      if (result.label === item.label) correct += 1;
      margin += result.scores.find((score) => score.label === item.label)?.score ?? 0;
    }
    total += fixture.items.length;
    right += correct;
    process.stdout.write(
      `${name}: ${correct}/${fixture.items.length}, mean probability of the right label ${(margin / fixture.items.length).toFixed(3)}\n`,
    );
  }
  process.stdout.write(`all: ${right}/${total}\n`);
}

void main();
