/**
 * AG News test through the API: the `classify` mutation (single-label, zero-shot): labels are the dataset's class names
 * from its `classes.txt` — World, Sports, Business, Sci/Tech — and the text is `title. description`
 * (the source's `\` line-break marker turned back into a space; HTML entities left as they are, as a
 * client would send them).
 *
 * Two runs: label names only (the default use), and label names plus the generic descriptions below.
 * The descriptions were written from the label names alone, before any AG News item was read, and are
 * what one would write for any news-topic classifier; they were not changed after seeing results.
 */
import { evaluateClassification, type ClassificationScores } from '../metrics.js';
import type { TopicItem } from '../readers.js';
import type { GraphQLClient } from '../service.js';
import { Latency, WARM_UP_SENTENCES } from '../timing.js';

export const AG_NEWS_LABELS = ['World', 'Sports', 'Business', 'Sci/Tech'] as const;

export const GENERIC_DESCRIPTIONS: Readonly<Record<string, string>> = {
  World: 'international news about countries, governments, politics, elections, war, conflict and diplomacy',
  Sports: 'sports news about games, matches, teams, players, coaches, leagues and championships',
  Business: 'business news about companies, markets, stocks, the economy, trade, earnings and finance',
  'Sci/Tech':
    'science and technology news about computers, software, the internet, research, space and gadgets',
};

export interface TopicRun {
  descriptions: boolean;
  /** First 250 rows of each label in file order (1,000 items). */
  subset: ClassificationScores;
  /** All rows, when the full set was run. */
  full?: ClassificationScores;
  latency: Latency;
  /** Mean probability of the chosen label (how sure the classifier is; 0.25 = no preference). */
  meanTopScore: number;
}

export function topicText(item: TopicItem): string {
  const clean = (value: string) => value.replace(/\\/g, ' ').replace(/\s+/g, ' ').trim();
  const title = clean(item.title);
  const description = clean(item.description);
  const joiner = /[.!?]$/.test(title) ? ' ' : '. ';
  return description ? `${title}${joiner}${description}` : title;
}

/** Indices of the first `perLabel` rows of each label, in file order. */
export function stratifiedPrefix(items: readonly TopicItem[], perLabel: number): number[] {
  const seen = new Map<number, number>();
  const chosen: number[] = [];
  items.forEach((item, index) => {
    const count = seen.get(item.label) ?? 0;
    if (count < perLabel) {
      chosen.push(index);
      seen.set(item.label, count + 1);
    }
  });
  return chosen;
}

export async function runTopics(
  client: GraphQLClient,
  items: readonly TopicItem[],
  options: { descriptions: boolean; full: boolean },
): Promise<TopicRun> {
  const subsetIndices = stratifiedPrefix(items, 250);
  const indices = options.full ? items.map((_, index) => index) : subsetIndices;
  const labels = [...AG_NEWS_LABELS];
  const labelDescriptions = options.descriptions ? { ...GENERIC_DESCRIPTIONS } : undefined;
  for (let round = 0; round < 5; round += 1)
    for (const text of WARM_UP_SENTENCES)
      await client.classify({ text, labels, ...(labelDescriptions ? { labelDescriptions } : {}) });
  const latency = new Latency();
  const predictions = new Map<number, string>();
  let topScoreSum = 0;
  for (const index of indices) {
    const item = items[index]!;
    const result = await latency.time(() =>
      client.classify({ text: topicText(item), labels, ...(labelDescriptions ? { labelDescriptions } : {}) }),
    );
    predictions.set(index, result.label);
    topScoreSum += result.scores[0]?.score ?? 0;
  }
  const pairs = (chosen: readonly number[]) =>
    chosen.map((index) => ({
      gold: AG_NEWS_LABELS[items[index]!.label - 1]!,
      predicted: predictions.get(index) ?? '',
    }));
  return {
    descriptions: options.descriptions,
    subset: evaluateClassification(AG_NEWS_LABELS, pairs(subsetIndices)),
    ...(options.full ? { full: evaluateClassification(AG_NEWS_LABELS, pairs(indices)) } : {}),
    latency,
    meanTopScore: topScoreSum / Math.max(1, indices.length),
  };
}
