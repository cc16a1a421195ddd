/**
 * The service the evaluation talks to, as a client would: the server compiled from this checkout
 * (`tsc -p tsconfig.build.json`, skipped with `EVAL_SKIP_BUILD=1`), started as `node dist/main.js`
 * against an embedded engine in a temporary directory, no Redis (single instance), default settings
 * (no provider registered, so every capability is served by its local model), the bootstrap admin key
 * as the client's key. Readiness is `/readyz` answering 200, which waits for the local models'
 * warm start. Every capability is then called over HTTP with the GraphQL operations of
 * `schema/schema.graphql`.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedEngine } from '../../src/infra/embedded-engine.js';
import { freePort } from '../free-port.js';
import { startProcess, stopProcess, waitForHttp } from '../processes.js';

export interface EvalService {
  url: string;
  /** Milliseconds from spawning the server to `/readyz` answering 200 (models warm). */
  readyMilliseconds: number;
  /** What `/readyz` said when it first answered 200. */
  readiness: unknown;
  client: GraphQLClient;
  stop(): Promise<void>;
}

export async function startEvalService(root: string, log: (message: string) => void): Promise<EvalService> {
  if (process.env.EVAL_SKIP_BUILD !== '1') {
    log('compiling the server (tsc -p tsconfig.build.json)');
    execFileSync(
      process.execPath,
      [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'capgate-eval-'));
  const engine = await startEmbeddedEngine({ dataDir, onProgress: log });
  const port = await freePort();
  const adminKey = `cg_eval_admin_${randomBytes(16).toString('hex')}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    MONGODB_URI: `${engine.baseUri}capgate_eval`,
    CAPGATE_BOOTSTRAP_ADMIN_KEY: adminKey,
    CAPGATE_MASTER_KEY: randomBytes(32).toString('base64'),
    CAPGATE_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  delete env.REDIS_URL;
  const started = performance.now();
  const server = startProcess(process.execPath, [path.join(root, 'dist', 'main.js')], { cwd: root, env });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopProcess(server);
    await engine.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const readiness = await waitForReady(`${url}/readyz`, 300_000, () => server.output());
    const readyMilliseconds = performance.now() - started;
    return { url, readyMilliseconds, readiness, client: new GraphQLClient(url, adminKey), stop };
  } catch (error) {
    process.stderr.write(server.output());
    await stop();
    throw error;
  }
}

async function waitForReady(url: string, timeoutMs: number, output: () => string): Promise<unknown> {
  await waitForHttp(url, timeoutMs);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(url).catch(() => undefined);
    if (response?.status === 200) return (await response.json()) as unknown;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} was not ready within ${timeoutMs} ms:\n${output().slice(-2000)}`);
}

export class GraphQLClient {
  constructor(
    readonly url: string,
    private readonly key: string,
  ) {}

  async request<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      const response = await fetch(`${this.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.key}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as {
        data?: T;
        errors?: { message: string; extensions?: { code?: string } }[];
      };
      const error = body.errors?.[0];
      // Overload answers are the service protecting itself, not a quality result: wait and retry.
      if (error && /RATE_LIMITED|OVERLOADED|UNAVAILABLE/.test(error.extensions?.code ?? '') && attempt < 20) {
        await new Promise((resolve) => setTimeout(resolve, 250 * (attempt + 1)));
        continue;
      }
      if (error || body.data === undefined) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
      return body.data;
    }
  }

  async analyzeSentiment(text: string): Promise<{ label: string; score: number; language: string }> {
    const data = await this.request<{
      analyze: { sentiment: { label: string; score: number }; language: string };
    }>(
      `mutation Sentiment($input: AnalyzeInput!) {
        analyze(input: $input) { sentiment { label score } language }
      }`,
      { input: { text, aspects: ['SENTIMENT', 'LANGUAGE'] } },
    );
    return { ...data.analyze.sentiment, language: data.analyze.language };
  }

  async classify(input: {
    text: string;
    labels: string[];
    labelDescriptions?: Record<string, string>;
  }): Promise<{ label: string; scores: { label: string; score: number }[] }> {
    const data = await this.request<{
      classify: { label: string; scores: { label: string; score: number }[] };
    }>(
      `mutation Classify($input: ClassifyInput!) {
        classify(input: $input) { label scores { label score } }
      }`,
      { input },
    );
    return data.classify;
  }

  async summarize(text: string, maxSentences?: number): Promise<string> {
    const data = await this.request<{ summarize: { summary: string } }>(
      `mutation Summarize($input: SummarizeInput!) {
        summarize(input: $input) { summary }
      }`,
      { input: { text, ...(maxSentences !== undefined ? { maxSentences } : {}) } },
    );
    return data.summarize.summary;
  }

  async createKnowledgeBase(name: string): Promise<void> {
    await this.request(
      `mutation CreateBase($input: CreateKnowledgeBaseInput!) {
        createKnowledgeBase(input: $input) { knowledgeBase { name } }
      }`,
      { input: { name } },
    );
  }

  /** Returns the number of chunks the documents became. */
  async ingest(
    knowledgeBase: string,
    documents: { id: string; title?: string; text: string }[],
  ): Promise<number> {
    const data = await this.request<{ ingestDocuments: { chunkCount: number } }>(
      `mutation Ingest($input: IngestDocumentsInput!) {
        ingestDocuments(input: $input) { chunkCount }
      }`,
      { input: { knowledgeBase, documents } },
    );
    return data.ingestDocuments.chunkCount;
  }

  async retrieve(knowledgeBase: string, query: string, topK: number): Promise<{ documentId: string }[]> {
    const data = await this.request<{ retrieve: { chunks: { documentId: string }[] } }>(
      `mutation Retrieve($input: RetrieveInput!) {
        retrieve(input: $input) { chunks { documentId } }
      }`,
      { input: { knowledgeBase, query, topK } },
    );
    return data.retrieve.chunks;
  }
}

/** Runs `work` over `items` with at most `concurrency` calls in flight; results in input order. */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
