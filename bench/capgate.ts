/**
 * Capgate as the benchmark measures it: the production build (`node dist/main.js`) against an
 * embedded MongoDB-compatible engine and the local Redis, with a provider pointing at the mock, a
 * model, `summarize` served by that remote model, and — when the governance mutations exist — a team,
 * a MEMBER key, a generous budget and rate limit, so authentication, rate limiting, budget
 * reservation and usage recording are all on the request path.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedEngine, type EmbeddedEngine } from '../src/infra/embedded-engine.js';
import { startProcess, stopProcess, waitForHttp, type Spawned } from './processes.js';
import type { Target } from './load.js';

export const BENCH_MODEL = 'mock/gpt';

export interface RunningCapgate {
  url: string;
  process: Spawned;
  engine: EmbeddedEngine;
  /** The key the load uses: a MEMBER key of a governed team, or the admin key when governance is not wired. */
  key: string;
  adminKey: string;
  /** What is on the request path, for the report. */
  governance: { memberKey: boolean; budget: boolean; rateLimit: boolean; notes: string[] };
  stop(): Promise<void>;
}

export async function startCapgate(options: {
  root: string;
  port: number;
  mockPort: number;
  redisUrl: string;
  /** Extra node flags, e.g. `--cpu-prof` (bench/profile.ts). */
  nodeArgs?: string[];
  /** The build to run, relative to `root` (default `BENCH_DIST` or `dist`): A/B runs pass a copy. */
  dist?: string;
}): Promise<RunningCapgate> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'capgate-bench-'));
  const engine = await startEmbeddedEngine({
    dataDir,
    onProgress: (message) => process.stderr.write(`${message}\n`),
  });
  const adminKey = `cg_bench_admin_${randomBytes(16).toString('hex')}`;
  const capgate = startProcess(
    process.execPath,
    // BENCH_DIST: another build to measure (e.g. a copy of dist/ from before a change), for A/B runs.
    [
      ...(options.nodeArgs ?? []),
      path.join(options.root, options.dist ?? process.env.BENCH_DIST ?? 'dist', 'main.js'),
    ],
    {
      cwd: options.root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(options.port),
        HOST: '127.0.0.1',
        MONGODB_URI: `${engine.baseUri}capgate_bench`,
        REDIS_URL: options.redisUrl,
        CAPGATE_BOOTSTRAP_ADMIN_KEY: adminKey,
        CAPGATE_MASTER_KEY: randomBytes(32).toString('base64'),
        CAPGATE_DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
      },
    },
  );
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    const stopping = Date.now();
    await stopProcess(capgate);
    if (Date.now() - stopping > 5000)
      process.stderr.write(`capgate took ${Date.now() - stopping} ms to stop\n`);
    await engine.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${url}/readyz`, 60_000);
    const governance = await configure(url, adminKey, options.mockPort);
    return { url, process: capgate, engine, key: governance.key, adminKey, governance, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function configure(url: string, adminKey: string, mockPort: number) {
  await graphql(
    url,
    adminKey,
    `
      mutation ($p: RegisterProviderInput!, $m: RegisterModelInput!) {
        registerProvider(input: $p) {
          provider {
            name
          }
        }
        registerModel(input: $m) {
          model {
            name
          }
        }
      }
    `,
    {
      p: {
        name: 'mock',
        kind: 'OPENAI_COMPATIBLE',
        baseUrl: `http://127.0.0.1:${mockPort}/v1`,
        apiKey: 'sk-mock',
      },
      m: {
        name: BENCH_MODEL,
        provider: 'mock',
        upstreamModel: 'mock-model',
        pricing: { inputPer1M: 0.15, outputPer1M: 0.6 },
      },
    },
  );
  await graphql(
    url,
    adminKey,
    `mutation { setImplementations(input: { capability: "summarize", implementations: [{ model: "${BENCH_MODEL}" }] }) { capability { version } } }`,
  );

  const notes: string[] = [];
  const mutations = await mutationNames(url, adminKey);
  if (!mutations.has('createTeam') || !mutations.has('createApiKey')) {
    notes.push(
      'The governance mutations (createTeam, createApiKey, setBudget, setRateLimit) are not in this build: the load used the bootstrap admin key, with no budget or rate-limit rule to check.',
    );
    return { key: adminKey, memberKey: false, budget: false, rateLimit: false, notes };
  }
  await graphql(
    url,
    adminKey,
    `
      mutation {
        createTeam(input: { name: "bench" }) {
          team {
            name
          }
        }
      }
    `,
  );
  const created = (await graphql(
    url,
    adminKey,
    `
      mutation {
        createApiKey(input: { team: "bench", name: "load", roles: [MEMBER] }) {
          key
        }
      }
    `,
  )) as {
    createApiKey: { key: string };
  };
  const budget = mutations.has('setBudget');
  if (budget)
    await graphql(
      url,
      adminKey,
      `
        mutation {
          setBudget(input: { scope: TEAM, target: "bench", limitUsd: 1000000, period: MONTHLY, mode: HARD }) {
            budget {
              limitUsd
            }
          }
        }
      `,
    );
  const rateLimit = mutations.has('setRateLimit');
  if (rateLimit)
    await graphql(
      url,
      adminKey,
      `
        mutation {
          setRateLimit(
            input: { scope: TEAM, target: "bench", requestsPerMinute: 100000000, tokensPerMinute: 1000000000 }
          ) {
            rateLimit {
              requestsPerMinute
            }
          }
        }
      `,
    );
  if (!budget || !rateLimit)
    notes.push(
      `Missing governance mutations: ${budget ? '' : 'setBudget '}${rateLimit ? '' : 'setRateLimit'}.`,
    );
  // Rules reach every instance's in-memory cache through pub/sub.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return { key: created.createApiKey.key, memberKey: true, budget, rateLimit, notes };
}

async function mutationNames(url: string, key: string): Promise<Set<string>> {
  // Introspection is off in production: ask for each field and look for "Cannot query field".
  const names = new Set<string>();
  for (const name of ['createTeam', 'createApiKey', 'setBudget', 'setRateLimit']) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: `mutation { ${name} }` }),
    });
    const text = await response.text();
    if (!/Cannot query field/.test(text)) names.add(name);
  }
  return names;
}

export async function graphql(
  url: string,
  key: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<unknown> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
  if (body.errors?.length) throw new Error(`GraphQL setup failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const PROFILE_PROMPT =
  'Summarize: the quick brown fox jumps over the lazy dog while the cat watches from the window.';

/**
 * The one request the profiling scripts (profile.ts, memory.ts, ab.ts) send: a `/v1` chat completion
 * on the mock model, or GraphQL `invoke` of summarize, with the bootstrap key.
 */
export function invokeTarget(capgate: RunningCapgate, which: 'v1' | 'graphql'): Target {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${capgate.key}` };
  return which === 'v1'
    ? {
        name: 'v1',
        url: `${capgate.url}/v1/chat/completions`,
        method: 'POST',
        headers,
        body: JSON.stringify({ model: BENCH_MODEL, messages: [{ role: 'user', content: PROFILE_PROMPT }] }),
        pids: [capgate.process.pid],
      }
    : {
        name: 'graphql',
        url: `${capgate.url}/graphql`,
        method: 'POST',
        headers,
        body: JSON.stringify({
          query:
            'mutation Invoke($input: JSON!) { invoke(capability: "summarize", input: $input) { output } }',
          variables: { input: { text: PROFILE_PROMPT } },
        }),
        pids: [capgate.process.pid],
      };
}
