/**
 * `npm run eval`: measures the built-in offline NLP capabilities on the public evaluation sets of
 * `shared/evals` (SST-2 dev, AG News test, Cranfield, BBC News Summary sample) against the reference
 * figures of `shared/evals/README.md`, and writes `bench/QUALITY.md`.
 *
 * The capabilities are called through the API over HTTP, as a client calls them: the server compiled
 * from this checkout is started (`bench/quality/service.ts`), and the harness sends the GraphQL
 * operations with a key, default options (the only inputs chosen here are the natural mappings each
 * task section documents). Nothing is tuned to the data. In-process rows (reference parity, the
 * index without feedback) are harness checks and diagnostics, labelled as such.
 *
 * Environment: `EVALS_DIR` (default `../shared/evals` next to the repo), `QUALITY_AGNEWS=subset` to
 * classify only the 1,000-item stratified prefix instead of all 7,600 rows, `QUALITY_ONLY=<task>[,<task>]`
 * (sentiment, retrieval, summaries, topics) to run only those tasks: their headline figures go to
 * stdout and `bench/QUALITY.md` is not rewritten; `EVAL_SKIP_BUILD=1` to start the server from an
 * existing `dist/` without compiling.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAgNews, readCranfield, readSst2, readSummaries } from './quality/readers.js';
import { readReferenceFigures } from './quality/reference.js';
import { renderQualityReport, type QualityReport } from './quality/report.js';
import { runSentiment } from './quality/tasks/sentiment.js';
import { runTopics } from './quality/tasks/topics.js';
import { runReferenceParity, runRetrieval, runRetrievalApi } from './quality/tasks/retrieval.js';
import { startEvalService, type EvalService } from './quality/service.js';
import { runLeadParity, runSummaries } from './quality/tasks/summaries.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const evalsDir = path.resolve(process.env.EVALS_DIR ?? path.join(root, '..', 'shared', 'evals'));
const fullAgNews = process.env.QUALITY_AGNEWS !== 'subset';

/** sha256 prefixes from the README's file table. */
const EXPECTED_SHA256: Readonly<Record<string, string>> = {
  'sst2-dev.tsv': '54a9c12c77e402fc',
  'agnews-test.csv': '54f030efdf6ee2d9',
  'cranfield/cran.all.1400': 'b234544b6ceccd13',
  'cranfield/cran.qry': 'dd9b1419f678874d',
  'cranfield/cranqrel': '92e54b58dac0b980',
  'summaries.jsonl': '1da192ea4695dd61',
};

async function main(): Promise<void> {
  const started = performance.now();
  const loadAverage = os.loadavg();
  if (!existsSync(path.join(evalsDir, 'README.md'))) throw new Error(`no evaluation sets in ${evalsDir}`);
  const file = (name: string) => path.join(evalsDir, name);
  const checksums = Object.entries(EXPECTED_SHA256).map(([name, expected]) => {
    const actual = createHash('sha256')
      .update(readFileSync(file(name)))
      .digest('hex')
      .slice(0, 16);
    return { name, expected, actual };
  });
  const reference = readReferenceFigures(file('reference-results.json'));
  log('starting the service');
  const service = await startEvalService(root, log);
  log(
    `service ready in ${(service.readyMilliseconds / 1000).toFixed(1)} s: ${JSON.stringify(service.readiness)}`,
  );
  try {
    if (only.length > 0) {
      await runOnly(file, service);
      return;
    }
    await runAll(file, service, { started, loadAverage, checksums, reference });
  } finally {
    await service.stop();
  }
}

async function runAll(
  file: (name: string) => string,
  service: EvalService,
  context: {
    started: number;
    loadAverage: number[];
    checksums: QualityReport['checksums'];
    reference: QualityReport['reference'];
  },
): Promise<void> {
  const { started, loadAverage, checksums, reference } = context;
  const { client } = service;
  log('SST-2 dev: analyze sentiment');
  const sst = readSst2(file('sst2-dev.tsv'));
  const sentiment = [await runSentiment(client, sst, 'raw'), await runSentiment(client, sst, 'detok')];

  log('Cranfield: retrieve');
  const cranfield = readCranfield(file('cranfield'));
  const api = await runRetrievalApi(client, cranfield);
  const retrieval = [runRetrieval(cranfield, 'W'), runRetrieval(cranfield, 'T+W')];
  const retrievalParity = runReferenceParity(cranfield);

  log('BBC summaries: summarize');
  const bbc = readSummaries(file('summaries.jsonl'));
  const summaries = [
    await runSummaries(client, bbc, 'default'),
    await runSummaries(client, bbc, '3'),
    await runSummaries(client, bbc, 'k'),
  ];
  const leadParity = [runLeadParity(bbc, '3'), runLeadParity(bbc, 'k')];

  const agNews = readAgNews(file('agnews-test.csv'));
  log(`AG News: classify ${fullAgNews ? agNews.length : 1000} items, label names only`);
  const plainTopics = await runTopics(client, agNews, { descriptions: false, full: fullAgNews });
  log(`AG News: classify ${fullAgNews ? agNews.length : 1000} items, with generic label descriptions`);
  const describedTopics = await runTopics(client, agNews, { descriptions: true, full: fullAgNews });

  const report: QualityReport = {
    generatedAt: new Date().toISOString(),
    machine: machine(loadAverage),
    commit: commit(),
    command: 'npm run eval',
    evalsDir,
    checksums,
    reference,
    sentiment,
    topics: {
      runs: [plainTopics, describedTopics],
      items: agNews.length,
      full: fullAgNews,
    },
    service: { readyMilliseconds: service.readyMilliseconds, readiness: service.readiness },
    retrieval: { api, runs: retrieval, parity: retrievalParity },
    summaries: { runs: summaries, leadParity },
    totalSeconds: (performance.now() - started) / 1000,
  };
  writeFileSync(path.join(root, 'bench', 'QUALITY.md'), renderQualityReport(report));
  log(`wrote bench/QUALITY.md in ${report.totalSeconds.toFixed(0)} s`);
}

const only = (process.env.QUALITY_ONLY ?? '')
  .split(',')
  .map((task) => task.trim())
  .filter((task) => task !== '');

/** Only the chosen tasks: their headline figures on stdout, no report written. */
async function runOnly(file: (name: string) => string, service: EvalService): Promise<void> {
  const { client } = service;
  const print = (task: string, figures: Record<string, number>) =>
    process.stdout.write(`${task}: ${JSON.stringify(figures)}\n`);
  if (only.includes('sentiment')) {
    const variant = await runSentiment(client, readSst2(file('sst2-dev.tsv')), 'raw');
    print(`sentiment ${variant.input}`, {
      accuracy: variant.accuracy,
      zero: variant.zeroScoreFraction,
      meanMs: variant.latency.meanMs,
    });
  }
  if (only.includes('retrieval')) {
    const run = await runRetrievalApi(client, readCranfield(file('cranfield')));
    print('retrieval api', {
      map: run.scores.map,
      ndcg10: run.scores.ndcg10Graded,
      meanMs: run.latency.meanMs,
    });
  }
  if (only.includes('summaries')) {
    const bbc = readSummaries(file('summaries.jsonl'));
    for (const rule of ['3', 'k', 'default'] as const) {
      const run = await runSummaries(client, bbc, rule);
      print(`summaries ${rule}`, { ...run.rouge, sentences: run.meanSentences, meanMs: run.latency.meanMs });
    }
  }
  if (only.includes('topics')) {
    const agNews = readAgNews(file('agnews-test.csv'));
    for (const descriptions of [false, true]) {
      const run = await runTopics(client, agNews, { descriptions, full: fullAgNews });
      print(`topics descriptions=${descriptions}`, {
        accuracy: run.full?.accuracy ?? run.subset.accuracy,
        meanMs: run.latency.meanMs,
      });
    }
  }
}

function machine(loadAverage: number[]): string {
  const cpus = os.cpus();
  return [
    cpus[0]?.model ?? 'unknown CPU',
    `${cpus.length} cores`,
    `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `Node ${process.version}`,
    `${os.type()} ${os.release()}`,
    `load average at start ${loadAverage.map((value) => value.toFixed(1)).join(' ')}`,
  ].join('; ');
}

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    const status = execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).trim();
    return status === '' ? head : `${head} + uncommitted changes`;
  } catch {
    return 'unknown (no git)';
  }
}

function log(message: string): void {
  process.stderr.write(`[eval ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
