/**
 * BBC News Summary sample through the API: the `summarize` mutation (served by the local extractive
 * summarizer): the article body (title line
 * excluded, as the baselines), scored against `reference` with ROUGE-1/2/L F1 × 100.
 *
 * Length budget, as README §4 asks: a summarizer is compared with the baseline that has the same
 * sentence-count rule — `maxSentences: 3` against Lead-3/TextRank-3, `maxSentences: k` (k = number of
 * reference sentences) against Lead-k/TextRank-k. The default call (no options: 20 % of the sentences,
 * 3–10) is reported too, since it is what a client gets.
 *
 * Harness check: Lead-3 and Lead-k with the README's sentence splitter, through our ROUGE, must
 * reproduce the reference rows.
 */
import { rouge, rougeTokens, type RougeScores } from '../metrics.js';
import type { SummaryItem } from '../readers.js';
import type { GraphQLClient } from '../service.js';
import { Latency, WARM_UP_SENTENCES } from '../timing.js';

export type SummaryRule = 'default' | '3' | 'k';

export interface SummaryRun {
  rule: SummaryRule;
  /** Mean ROUGE F1 × 100. */
  rouge: RougeScores;
  /** ROUGE-1 F1 × 100 of each article (for the confidence interval). */
  r1PerItem: number[];
  meanSentences: number;
  meanTokens: number;
  /** Articles where fewer sentences came back than the rule asked for (k or 3), by the README's splitter. */
  shortOfBudget: number;
  latency: Latency;
}

export interface LeadParity {
  rule: '3' | 'k';
  rouge: RougeScores;
  meanTokens: number;
}

/** `scripts/bbc_baselines.py`'s `split_sents`: per paragraph, split after `.!?` (+ quote) + whitespace. */
export function referenceSplit(body: string): string[] {
  const sentences: string[] = [];
  for (const rawParagraph of body.split(/\n+/)) {
    const paragraph = rawParagraph.trim();
    if (!paragraph) continue;
    let start = 0;
    for (const match of paragraph.matchAll(/[.!?]["']?\s+/g)) {
      const end = (match.index ?? 0) + match[0].length;
      sentences.push(paragraph.slice(start, end).trim());
      start = end;
    }
    if (start < paragraph.length) sentences.push(paragraph.slice(start).trim());
  }
  return sentences.filter((sentence) => sentence.length > 0);
}

function meanRouge(scores: readonly RougeScores[]): RougeScores {
  const total = scores.reduce(
    (sum, score) => ({ r1: sum.r1 + score.r1, r2: sum.r2 + score.r2, rl: sum.rl + score.rl }),
    {
      r1: 0,
      r2: 0,
      rl: 0,
    },
  );
  const scale = 100 / Math.max(1, scores.length);
  return { r1: total.r1 * scale, r2: total.r2 * scale, rl: total.rl * scale };
}

export async function runSummaries(
  client: GraphQLClient,
  items: readonly SummaryItem[],
  rule: SummaryRule,
): Promise<SummaryRun> {
  const paragraph = WARM_UP_SENTENCES.join(' ');
  for (const sentence of WARM_UP_SENTENCES) await client.summarize(`${sentence} ${paragraph}`);
  const latency = new Latency();
  const scores: RougeScores[] = [];
  let sentences = 0;
  let tokens = 0;
  let shortOfBudget = 0;
  for (const item of items) {
    const k = item.referenceSentences.length;
    const maxSentences = rule === 'default' ? undefined : rule === '3' ? 3 : k;
    const summary = await latency.time(() => client.summarize(item.article, maxSentences));
    // The API returns the summary text; its sentences are counted with the README's splitter.
    const count = referenceSplit(summary).length;
    scores.push(rouge(summary, item.reference));
    sentences += count;
    tokens += rougeTokens(summary).length;
    if (maxSentences !== undefined && count < maxSentences) shortOfBudget += 1;
  }
  return {
    rule,
    rouge: meanRouge(scores),
    r1PerItem: scores.map((score) => score.r1 * 100),
    meanSentences: sentences / Math.max(1, items.length),
    meanTokens: tokens / Math.max(1, items.length),
    shortOfBudget,
    latency,
  };
}

export function runLeadParity(items: readonly SummaryItem[], rule: '3' | 'k'): LeadParity {
  let tokens = 0;
  const scores = items.map((item) => {
    const count = rule === '3' ? 3 : item.referenceSentences.length;
    const lead = referenceSplit(item.article).slice(0, count).join(' ');
    tokens += rougeTokens(lead).length;
    return rouge(lead, item.reference);
  });
  return { rule, rouge: meanRouge(scores), meanTokens: tokens / Math.max(1, items.length) };
}
