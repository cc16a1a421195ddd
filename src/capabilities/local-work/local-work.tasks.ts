/**
 * The local models' CPU-bound entry points, as plain-data tasks: the same functions run inline or
 * in a worker thread (`local-work.worker.ts`), so improving a model needs no change here.
 */
import { prepareSentimentModel } from '../analyze/sentiment-lexicon.js';
import { analyzeText, type AnalysisAspect, type TextAnalysis } from '../analyze/text-analyzer.js';
import { classifyText, type Classification, type ClassifyOptions } from '../classify/zero-shot-classifier.js';
import {
  summarizeExtractive,
  type ExtractiveSummary,
  type SummarizeOptions,
} from '../summarize/extractive-summarizer.js';

export type LocalTask =
  | { kind: 'summarize'; text: string; options: SummarizeOptions }
  | { kind: 'analyze'; text: string; aspects: AnalysisAspect[] }
  | { kind: 'classify'; options: ClassifyOptions };

export interface LocalTaskResults {
  summarize: ExtractiveSummary;
  analyze: TextAnalysis;
  classify: Classification;
}

export async function runLocalTask(task: LocalTask): Promise<LocalTaskResults[LocalTask['kind']]> {
  switch (task.kind) {
    case 'summarize':
      return summarizeExtractive(task.text, task.options);
    case 'analyze':
      // Sentiment reads induced word polarities built from the word vectors: the same answer whether
      // the task runs first after start, later, inline or in a worker.
      if (task.aspects.length === 0 || task.aspects.includes('SENTIMENT')) await prepareSentimentModel();
      return analyzeText(task.text, task.aspects);
    case 'classify':
      return classifyText(task.options);
  }
}

/** Characters of input a task works through: what decides whether it leaves the event loop. */
export function taskSize(task: LocalTask): number {
  if (task.kind !== 'classify') return task.text.length;
  const { options } = task;
  let size = options.text.length;
  for (const example of options.examples ?? []) size += example.text.length;
  for (const label of options.labels)
    size += label.length + (options.labelDescriptions?.[label]?.length ?? 0);
  return size;
}
