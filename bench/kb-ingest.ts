/**
 * `npm run bench:kb-ingest`: knowledge-base ingest on the embedded engine. Starts Capgate in
 * embedded mode (its own FerretDB on SQLite, in a temporary directory), ingests five batches of
 * 1,000 one-KB documents into one base through GraphQL, and prints each batch's time: flat times
 * mean the cost per document does not grow with the base. Target: 5,000 documents in under 60 s.
 * Per batch it also prints the CPU seconds of the engine and of Capgate (from `/proc`) and the number
 * of MongoDB operations on the knowledge collections (mongoose's debug hook), so growth can be told
 * apart from machine load. `KB_BATCHES` and `KB_BATCH_SIZE` shrink the run for iterations.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/infra/logger.js';
import { cpuSeconds } from './processes.js';

const words = ['capgate', 'routes', 'budget', 'model', 'team', 'stream', 'usage', 'engine', 'index', 'query'];

function oneKilobyteDocument(seed: number): string {
  const sentences: string[] = [];
  let length = 0;
  for (let index = 0; length < 1000; index++) {
    const sentence = `Document ${seed} sentence ${index} ${words[(seed + index) % words.length]} ${words[(seed * 7 + index) % words.length]} term${(seed * 31 + index) % 997}.`;
    sentences.push(sentence);
    length += sentence.length + 1;
  }
  return sentences.join(' ').slice(0, 1024);
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'capgate-kb-bench-'));
  const adminKey = `cg_bench_${randomUUID().replace(/-/g, '')}`;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    CAPGATE_DATA_DIR: dataDir,
    CAPGATE_MASTER_KEY: randomBytes(32).toString('base64'),
    CAPGATE_BOOTSTRAP_ADMIN_KEY: adminKey,
    LOG_LEVEL: 'warn',
  });
  const app = await startApp(config, { logger: createLogger(config.logLevel) });
  const call = async (query: string, variables?: Record<string, unknown>) => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  };
  try {
    await call('mutation { createKnowledgeBase(input: { name: "bench" }) { knowledgeBase { name } } }');
    const batches = Number(process.env.KB_BATCHES ?? 5);
    const perBatch = Number(process.env.KB_BATCH_SIZE ?? 1000);
    const times: number[] = [];
    let operations = 0;
    app.services.store.connection.set('debug', (collection: string) => {
      if (['chunks', 'documents', 'knowledgeBases'].includes(collection)) operations += 1;
    });
    const engineCpu = () => (app.engine?.pid ? cpuSeconds(app.engine.pid) : Number.NaN);
    for (let batch = 0; batch < batches; batch++) {
      const docs = Array.from({ length: perBatch }, (_, index) => {
        const seed = batch * perBatch + index;
        return { id: `doc-${seed}`, text: oneKilobyteDocument(seed) };
      });
      const started = performance.now();
      const engineBefore = engineCpu();
      const ownBefore = process.cpuUsage();
      const operationsBefore = operations;
      await call(
        'mutation I($docs: [DocumentInput!]!) { ingestDocuments(input: { knowledgeBase: "bench", documents: $docs }) { chunkCount } }',
        { docs },
      );
      times.push(performance.now() - started);
      const own = process.cpuUsage(ownBefore);
      process.stdout.write(
        `batch ${batch + 1}: ${perBatch} documents in ${(times.at(-1)! / 1000).toFixed(1)} s (base now ${(batch + 1) * perBatch}); CPU s: engine ${(engineCpu() - engineBefore).toFixed(1)}, Capgate ${((own.user + own.system) / 1e6).toFixed(1)}; ${operations - operationsBefore} knowledge-store operations\n`,
      );
    }
    const total = times.reduce((sum, time) => sum + time, 0);
    process.stdout.write(`total: ${batches * perBatch} documents in ${(total / 1000).toFixed(1)} s\n`);
  } finally {
    await app.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
