/**
 * The reference figures of `shared/evals`: the computed ones from `reference-results.json`, read and
 * checked at run time (so the report always quotes the file it ran against), and the published ones
 * the README quotes but the JSON does not hold.
 */
import { readFileSync } from 'node:fs';

/** section → system → metric → value. */
export type ReferenceFigures = Record<string, Record<string, Record<string, number>>>;

export function readReferenceFigures(file: string): ReferenceFigures {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isRecord(parsed)) throw new Error(`${file}: not an object`);
  const figures: ReferenceFigures = {};
  for (const [section, systems] of Object.entries(parsed)) {
    if (!isRecord(systems)) continue; // "_note"
    const bySystem: Record<string, Record<string, number>> = {};
    for (const [system, metrics] of Object.entries(systems)) {
      if (!isRecord(metrics)) continue;
      const numeric: Record<string, number> = {};
      for (const [metric, value] of Object.entries(metrics))
        if (typeof value === 'number') numeric[metric] = value;
      bySystem[system] = numeric;
    }
    figures[section] = bySystem;
  }
  return figures;
}

/** One metric of one system, or an error naming what is missing (the JSON is the contract). */
export function figure(figures: ReferenceFigures, section: string, system: string, metric: string): number {
  const value = figures[section]?.[system]?.[metric];
  if (value === undefined)
    throw new Error(`reference-results.json has no ${section} / ${system} / ${metric}`);
  return value;
}

/** The systems of a section whose name starts with `prefix`, in file order. */
export function systemsStartingWith(figures: ReferenceFigures, section: string, prefix: string): string[] {
  return Object.keys(figures[section] ?? {}).filter((name) => name.startsWith(prefix));
}

/** AG News figures quoted in README §2 (published, not computed on these files here). */
export const AG_NEWS_PUBLISHED: readonly { system: string; figure: string; kind: string }[] = [
  { system: 'majority / chance', figure: '25.0 % acc.', kind: 'computed (README)' },
  {
    system: 'LOTClass (Meng et al., EMNLP 2020)',
    figure: '86.4 % acc.',
    kind: 'BERT, label names + self-training on unlabeled AG train',
  },
  {
    system: 'Lbl2TransformerVec (Schopf et al., NLPIR 2022)',
    figure: '83.79 F1',
    kind: 'doc/label embeddings, no labels (paper-defined averaging)',
  },
  {
    system: 'Dataless (Chang et al. 2008), via LOTClass',
    figure: '69.6 % acc. (unverified)',
    kind: 'ESA / Wikipedia label-name similarity',
  },
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
