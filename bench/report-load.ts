/** Load-run lookups for the report: runs of one scenario and path, paired by repetition. */
import type { LoadResult } from './load.js';
import { TARGETS, type LoadRun, type TargetKey } from './report.js';
import { table, withRange } from './stats.js';

export const pick = (
  runs: LoadRun[],
  scenario: LoadRun['scenario'],
  target: TargetKey,
  connections?: number,
) =>
  runs.filter(
    (run) =>
      run.scenario === scenario &&
      run.target === target &&
      (connections === undefined || run.result.connections === connections),
  );

/** Per repetition, `f(target run, reference run)`; repetitions missing either are skipped. */
export function paired(
  runs: LoadRun[],
  scenario: LoadRun['scenario'],
  target: TargetKey,
  reference: TargetKey,
  f: (a: LoadResult, b: LoadResult) => number,
  connections?: number,
): number[] {
  const references = pick(runs, scenario, reference, connections);
  return pick(runs, scenario, target, connections).flatMap((run) => {
    const other = references.find((candidate) => candidate.repetition === run.repetition);
    return other ? [f(run.result, other.result)] : [];
  });
}

export function loadTable(runs: LoadRun[], scenario: LoadRun['scenario']): string {
  const rows: string[][] = [];
  const connectionsList = [
    ...new Set(runs.filter((run) => run.scenario === scenario).map((run) => run.result.connections)),
  ];
  for (const connections of connectionsList) {
    for (const target of Object.keys(TARGETS) as TargetKey[]) {
      const results = pick(runs, scenario, target, connections).map((run) => run.result);
      if (!results.length) continue;
      rows.push([
        `${TARGETS[target]}${connectionsList.length > 1 ? `, ${connections} conn.` : ''}`,
        withRange(results.map((result) => result.requestsPerSecond)),
        withRange(
          results.map((result) => result.latencyMs.p50),
          2,
        ),
        withRange(
          results.map((result) => result.latencyMs.p99),
          2,
        ),
        withRange(
          results.map((result) => result.latencyMs.max),
          0,
        ),
        String(results.reduce((sum, result) => sum + result.failed, 0)),
      ]);
    }
  }
  return table(['absolute', 'requests/s', 'p50 ms', 'p99 ms', 'max ms', 'failed'], rows);
}
