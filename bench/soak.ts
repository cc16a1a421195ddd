/**
 * `npm run soak`: fault scenarios against two Capgate instances (child processes) sharing one
 * database (instance A's supervised embedded engine) and a private redis-server, with a fake
 * upstream. Scenarios: baseline, kill -9 of instance B (restarted), Redis stopped and restarted
 * empty, the engine killed, a hostile large input. Checked after each: every request succeeded or
 * got a typed error; every answered run has exactly one usage record; budget spend equals the sum of
 * usage cost; every stream on a surviving connection ended with exactly one COMPLETED or FAILED;
 * instance memory. Writes bench/RELIABILITY.md. `SOAK_SECONDS` per scenario (default 8; CI: 4).
 *
 * Two more parts: `p99` measures a small request's latency (p50/p99/max) on instance A alone, then
 * while hostile inputs hit the same instance (huge local work, deep/huge/malformed GraphQL
 * documents and JSON, oversized bodies, a catastrophic-backtracking input to a custom masking
 * pattern, slow clients holding half-sent requests, hundreds of open WebSockets), each bounded in
 * count and time, all on 127.0.0.1: `SOAK_P99_SECONDS` per phase (default `SOAK_SECONDS`); a small
 * request that fails fails the soak, a p99 over 50 ms only with `SOAK_P99_STRICT=1` (on a loaded
 * machine it measures the machine). `memory` runs steady
 * traffic for `SOAK_MEMORY_SECONDS` (default 600) and samples both instances' heap (after a forced
 * collection) and RSS: the heap trend must be flat. `SOAK_PARTS` picks the parts (default
 * `faults,p99`; `memory` for the 10-minute soak); each part rewrites its own section of the report
 * and keeps the others.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from 'graphql-ws';
import mongoose from 'mongoose';
import WebSocket from 'ws';
import { startOpenAiFake } from '../test/fakes/index.js';
import { startInstanceProcess, type InstanceProcess } from '../test/support/instance-process.js';
import { redisServerProcess } from '../test/support/redis-server-process.js';
import { cpuSeconds } from './processes.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seconds = Number(process.env.SOAK_SECONDS ?? 8);
const p99Seconds = Number(process.env.SOAK_P99_SECONDS ?? seconds);
/** A p99 over the target fails the soak only when asked: on a loaded machine it measures the machine. */
const p99Strict = process.env.SOAK_P99_STRICT === '1';
const memorySeconds = Number(process.env.SOAK_MEMORY_SECONDS ?? 600);
const parts = new Set((process.env.SOAK_PARTS ?? 'faults,p99').split(',').map((part) => part.trim()));
const P99_SECTION = '## Small-request p99 under hostile input';
const MEMORY_SECTION = '## Memory over a long soak';
const typedCodes = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'BUDGET_EXCEEDED',
  'NO_ROUTE',
  'PROVIDER_ERROR',
  'TIMEOUT',
]);

interface Tally {
  ok: number;
  typed: Record<string, number>;
  untyped: number;
  /** Requests cut because the instance serving them was killed (expected in that scenario). */
  cut: number;
  answeredRunIds: string[];
  /** The first few untyped answers, for the report. */
  untypedDetail: string[];
  streams: { ended: number; badEnding: number; cut: number; badDetail: string[] };
}

const newTally = (): Tally => ({
  ok: 0,
  typed: {},
  untyped: 0,
  cut: 0,
  answeredRunIds: [],
  untypedDetail: [],
  streams: { ended: 0, badEnding: 0, cut: 0, badDetail: [] },
});

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'capgate-soak-'));
  const redis = redisServerProcess(6400 + Math.floor(Math.random() * 50));
  await redis.start();
  const fake = await startOpenAiFake({
    record: false,
    scenario: {
      type: 'reply',
      text: 'Soak reply from the fake model.',
      chunks: 4,
      chunkIntervalMs: 20,
      usage: { inputTokens: 40, outputTokens: 20 },
    },
  });
  const adminKey = `cg_soak_${randomUUID().replace(/-/g, '')}`;
  const masterKey = randomBytes(32).toString('base64');
  const common = {
    PORT: '0',
    HOST: '127.0.0.1',
    REDIS_URL: redis.url,
    CAPGATE_MASTER_KEY: masterKey,
    CAPGATE_BOOTSTRAP_ADMIN_KEY: adminKey,
    CAPGATE_USAGE_CLAIM_IDLE_MS: '2000',
    LOG_LEVEL: 'error',
    SOAK_HEAP_PROBE: '1',
  };
  const a = await startInstanceProcess({ ...common, CAPGATE_DATA_DIR: dataDir });
  const engineUri = /CAPGATE_ENGINE (\S+)/.exec(a.output())![1]!;
  const startB = () =>
    startInstanceProcess({ ...common, CAPGATE_DATA_DIR: dataDir, MONGODB_URI: `${engineUri}capgate` });
  let b = await startB();
  const db = await mongoose
    .createConnection(`${engineUri}capgate`, { serverSelectionTimeoutMS: 20_000 })
    .asPromise();
  const report: string[] = [];
  const sections = new Map<string, string>();
  let failures = 0;

  const gql = async (url: string, query: string, variables?: unknown, key = adminKey) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as {
      data?: Record<string, unknown>;
      errors?: Array<{ extensions?: { code?: string; reason?: string } }>;
    };
  };
  const must = async (url: string, query: string, variables?: unknown) => {
    const body = await gql(url, query, variables);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  };

  try {
    await must(
      a.url,
      `mutation R($p: RegisterProviderInput!, $m: RegisterModelInput!) { registerProvider(input: $p) { provider { name } } registerModel(input: $m) { model { name } } }`,
      {
        p: { name: 'soak-fake', kind: 'OPENAI_COMPATIBLE', baseUrl: fake.url },
        m: {
          name: 'soak/fake',
          provider: 'soak-fake',
          upstreamModel: 'fake',
          pricing: { inputPer1M: 1, outputPer1M: 2 },
        },
      },
    );
    await must(
      a.url,
      `mutation { setImplementations(input: { capability: "summarize", implementations: [{ model: "soak/fake" }] }) { capability { version } } }`,
    );
    const team = (
      (
        await must(
          a.url,
          `mutation { createTeam(input: { name: "soak-${randomUUID().slice(0, 6)}" }) { team { id: internalId name } } }`,
        )
      ).createTeam as { team: { id: string; name: string } }
    ).team;
    const key = (
      (
        await must(
          a.url,
          `mutation K($t: String!) { createApiKey(input: { team: $t, name: "soak", roles: [MEMBER] }) { key } }`,
          { t: team.name },
        )
      ).createApiKey as { key: string }
    ).key;
    await must(
      a.url,
      `mutation B($t: String!) { setBudget(input: { scope: TEAM, target: $t, limitUsd: 1000, period: DAILY, mode: HARD }) { budget { id } } }`,
      { t: team.name },
    );
    await new Promise((resolve) => setTimeout(resolve, 1500)); // registry and rules reach B

    const requestLoop = (
      tally: Tally,
      urls: () => string[],
      until: () => boolean,
      text = 'Soak testing keeps Capgate honest. Every fault ends cleanly.',
    ) =>
      (async () => {
        for (let index = 0; !until(); index++) {
          const url = urls()[index % urls().length]!;
          try {
            const body = await gql(
              url,
              'mutation S($text: String!) { summarize(input: { text: $text }) { meta { runId } } }',
              { text },
              key,
            );
            const runId = (body.data?.summarize as { meta: { runId: string } } | undefined)?.meta.runId;
            if (runId) {
              tally.ok += 1;
              tally.answeredRunIds.push(runId);
            } else {
              const code = body.errors?.[0]?.extensions?.code ?? 'none';
              const reason = body.errors?.[0]?.extensions?.reason;
              if (typedCodes.has(code) || reason)
                tally.typed[reason ?? code] = (tally.typed[reason ?? code] ?? 0) + 1;
              else {
                tally.untyped += 1;
                if (tally.untypedDetail.length < 5)
                  tally.untypedDetail.push(`summarize: ${JSON.stringify(body).slice(0, 300)}`);
              }
            }
          } catch {
            tally.cut += 1;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }
      })();
    const streamLoop = (tally: Tally, urls: () => string[], until: () => boolean) =>
      (async () => {
        for (let index = 0; !until(); index++) {
          const url = urls()[index % urls().length]!;
          const client = createClient({
            url: `${url.replace(/^http/, 'ws')}/graphql`,
            webSocketImpl: WebSocket,
            connectionParams: { authorization: `Bearer ${key}` },
            retryAttempts: 0,
          });
          const terminals: string[] = [];
          const outcome = await new Promise<'done' | 'error'>((resolve) => {
            client.subscribe<{ invokeStream: { type: string } }>(
              {
                query:
                  'subscription { invokeStream(capability: "summarize", input: { text: "Streams end with exactly one terminal event." }) { type } }',
              },
              {
                next: ({ data }) => {
                  const type = data?.invokeStream.type;
                  if (type === 'COMPLETED' || type === 'FAILED') terminals.push(type);
                },
                error: () => resolve('error'),
                complete: () => resolve('done'),
              },
            );
          });
          await client.dispose();
          if (outcome === 'error') tally.streams.cut += 1;
          else if (terminals.length === 1) tally.streams.ended += 1;
          else {
            tally.streams.badEnding += 1;
            tally.streams.badDetail.push(terminals.join('+') || 'none');
          }
        }
      })();
    const rss = (instance: InstanceProcess) => {
      try {
        return Math.round(
          Number(
            execFileSync('ps', ['-o', 'rss=', '-p', String(instance.child.pid)])
              .toString()
              .trim(),
          ) / 1024,
        );
      } catch {
        return -1;
      }
    };

    // Budget spend (from the budget store) and the sum of the team's usage cost (from MongoDB).
    const totals = async () => {
      const teamEvents = await db
        .collection<{ costUsd: number }>('usageEvents')
        .find({ teamId: team.id }, { projection: { costUsd: 1 } })
        .toArray();
      const budgets = (
        (await must(a.url, '{ budgets(first: 100) { edges { node { target spentUsd } } } }')).budgets as {
          edges: Array<{ node: { target: string; spentUsd: number } }>;
        }
      ).edges.map((edge) => edge.node);
      return {
        usageCost: teamEvents.reduce((sum, event) => sum + event.costUsd, 0),
        spent: budgets.find((budget) => budget.target === team.name)?.spentUsd ?? 0,
      };
    };

    const scenario = async (
      name: string,
      fault: (signal: { done: () => boolean }) => Promise<void>,
      options: {
        hostile?: boolean;
        knownGaps?: Array<'spend'>;
        /**
         * Spend compared as totals, not as the change during the scenario (after Redis lost the
         * counters, the rebuilt spend must equal every usage record's cost).
         */
        absoluteSpend?: boolean;
      } = {},
    ) => {
      const { hostile = false, knownGaps = [], absoluteSpend = false } = options;
      const tally = newTally();
      const before = await totals();
      const endAt = Date.now() + seconds * 1000;
      const until = () => Date.now() > endAt;
      const urls = () => [a.url, b.url];
      const loops = [
        requestLoop(tally, urls, until),
        requestLoop(tally, urls, until),
        requestLoop(tally, urls, until),
        streamLoop(tally, urls, until),
      ];
      if (hostile) loops.push(requestLoop(tally, () => [a.url], until, 'x '.repeat(500_000)));
      await fault({ done: until });
      await Promise.all(loops);
      // Drain: every answered run's usage record must reach MongoDB.
      const deadline = Date.now() + 30_000;
      let stored: Array<{ runId: string; costUsd: number }> = [];
      for (;;) {
        stored = await db
          .collection<{ runId: string; costUsd: number }>('usageEvents')
          .find({ runId: { $in: tally.answeredRunIds } }, { projection: { runId: 1, costUsd: 1 } })
          .toArray();
        if (stored.length >= tally.answeredRunIds.length || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const unique = new Set(stored.map((event) => event.runId)).size;
      // Spend and usage converge once the last runs (streams included) are settled and drained.
      let usageCost = 0;
      let spent = 0;
      for (const settleBy = Date.now() + 15_000; ;) {
        // While budgets are rebuilt (Redis came back empty), the budgets query fails closed: retry.
        const now = await totals().catch(() => undefined);
        if (!now) {
          if (Date.now() > settleBy) break;
          await new Promise((resolve) => setTimeout(resolve, 500));
          continue;
        }
        usageCost = absoluteSpend ? now.usageCost : now.usageCost - before.usageCost;
        spent = absoluteSpend ? now.spent : now.spent - before.spent;
        if (Math.abs(spent - usageCost) < 1e-6 || Date.now() > settleBy) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      // A run cut by a killed instance after its usage record was appended and before its budget
      // settled is in the usage but not in the spend (never the reverse): at most one run's cost per
      // cut request or stream.
      const maxRunCost = Math.max(0, ...stored.map((event) => event.costUsd));
      const cutAllowance = (tally.cut + tally.streams.cut) * maxRunCost;
      const checks = {
        typed: tally.untyped === 0,
        usage: stored.length === tally.answeredRunIds.length && unique === stored.length,
        spend: spent - usageCost < 1e-6 && usageCost - spent < cutAllowance + 1e-6,
        streams: tally.streams.badEnding === 0,
      };
      const failed = Object.entries(checks)
        .filter(([, ok]) => !ok)
        .map(([check]) => check);
      const gaps = failed.filter((check) => (knownGaps as string[]).includes(check));
      const passed = failed.length === gaps.length;
      if (!passed) failures += 1;
      const line = `| ${name} | ${tally.ok} | ${JSON.stringify(tally.typed)} | ${tally.untyped} | ${tally.cut} | ${tally.answeredRunIds.length} / ${stored.length} (${stored.length - unique} dup) | ${spent.toFixed(6)} / ${usageCost.toFixed(6)} | ${tally.streams.ended} ok, ${tally.streams.badEnding} bad${tally.streams.badDetail.length ? ` (${[...new Set(tally.streams.badDetail)].join(', ')})` : ''}, ${tally.streams.cut} cut | ${rss(a)} / ${rss(b)} | ${
        failed.length === 0
          ? 'pass'
          : passed
            ? `pass except KNOWN GAP: ${gaps.join(', ')}`
            : `FAIL ${failed.join(', ')}`
      } |`;
      report.push(line);
      process.stdout.write(`${line}\n`);
    };

    if (parts.has('faults')) {
      await scenario('baseline', async () => {});
      await scenario('kill -9 instance B', async () => {
        await new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / 3));
        b.child.kill('SIGKILL');
        await b.exited;
        b = await startB();
      });
      await scenario(
        'Redis stopped and restarted empty',
        async () => {
          await new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / 3));
          await redis.stop();
          await new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / 3));
          await redis.start();
          // Budget spend is rebuilt from the usage records; records the stream lost are appended again.
        },
        { absoluteSpend: true },
      );
      await scenario('embedded engine killed', async () => {
        await new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / 3));
        const enginePid = execFileSync('ps', ['-o', 'pid=', '--ppid', String(a.child.pid)])
          .toString()
          .trim()
          .split(/\s+/)[0];
        if (enginePid) process.kill(Number(enginePid), 'SIGKILL');
      });
      await scenario('hostile large input', async () => {}, { hostile: true });
    }

    if (parts.has('memory')) {
      const tally = newTally();
      const endAt = Date.now() + memorySeconds * 1000;
      const until = () => Date.now() > endAt;
      const urls = () => [a.url, b.url];
      const samples: HeapSample[] = [];
      const interval = Math.max(5, Math.round(memorySeconds / 60)) * 1000;
      const startedAt = Date.now();
      const sampler = (async () => {
        while (!until()) {
          samples.push({
            seconds: Math.round((Date.now() - startedAt) / 1000),
            a: await probeHeap(a),
            b: await probeHeap(b),
          });
          await new Promise((resolve) => setTimeout(resolve, interval));
        }
        samples.push({
          seconds: Math.round((Date.now() - startedAt) / 1000),
          a: await probeHeap(a),
          b: await probeHeap(b),
        });
      })();
      await Promise.all([
        requestLoop(tally, urls, until),
        requestLoop(tally, urls, until),
        requestLoop(tally, urls, until),
        streamLoop(tally, urls, until),
        smallAnalyzeLoop(tally, urls, until, gql, key),
        sampler,
      ]);
      const trendA = heapTrend(
        samples.map((sample) => ({ seconds: sample.seconds, value: sample.a.heapMiB })),
      );
      const trendB = heapTrend(
        samples.map((sample) => ({ seconds: sample.seconds, value: sample.b.heapMiB })),
      );
      const flat = trendA.flat && trendB.flat && tally.untyped === 0;
      if (!flat) failures += 1;
      const everyMinute = samples.filter(
        (sample, index) =>
          index === 0 ||
          index === samples.length - 1 ||
          Math.floor(sample.seconds / 60) !== Math.floor(samples[index - 1]!.seconds / 60),
      );
      const lines = [
        MEMORY_SECTION,
        '',
        `Generated by bench/soak.ts (memory part, \`SOAK_PARTS=memory\`) at ${new Date().toISOString()}: ${memorySeconds} s of steady traffic on both instances (three summarize loops, one invokeStream loop, one small analyze loop; ${tally.ok} requests answered, ${JSON.stringify(tally.typed)} typed errors, ${tally.untyped} untyped${tally.untypedDetail.length ? ` (first: ${tally.untypedDetail.join('; ')})` : ''}, ${tally.cut} cut, ${tally.streams.ended} streams ended once, ${tally.streams.badEnding} otherwise, ${tally.streams.cut} cut), heap in use after a forced garbage collection and RSS sampled every ${interval / 1000} s (${samples.length} samples; one row per minute below). Trend: least-squares slope of the heap after the first fifth (warm-up), in MiB per 10 minutes; flat when the fitted growth over the run is under max(8 MiB, 5 % of the heap). **${flat ? 'flat' : 'GROWS'}**: A ${trendA.slopePer10Min.toFixed(2)} MiB/10 min (${trendA.flat ? 'flat' : 'grows'}), B ${trendB.slopePer10Min.toFixed(2)} MiB/10 min (${trendB.flat ? 'flat' : 'grows'}).`,
        '',
        '| t (s) | heap A (MiB) | RSS A (MiB) | heap B (MiB) | RSS B (MiB) |',
        '| --- | --- | --- | --- | --- |',
        ...everyMinute.map(
          (sample) =>
            `| ${sample.seconds} | ${sample.a.heapMiB.toFixed(1)} | ${sample.a.rssMiB.toFixed(0)} | ${sample.b.heapMiB.toFixed(1)} | ${sample.b.rssMiB.toFixed(0)} |`,
        ),
        '',
      ];
      sections.set(MEMORY_SECTION, lines.join('\n'));
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    if (parts.has('p99')) {
      const { quiet, alone, together, attacks } = await p99UnderHostile({
        instance: a,
        url: a.url,
        key,
        adminKey,
        gql,
        must,
      });
      const row = (phase: string, stats: LatencyStats, answers = '') =>
        `| ${phase} | ${stats.count} | ${stats.errors} | ${stats.p50.toFixed(1)} | ${stats.p99.toFixed(1)} | ${stats.max.toFixed(1)} | ${stats.serverLoopP99?.toFixed(1)} / ${stats.serverLoopMax?.toFixed(1)} | ${stats.serverCpu?.toFixed(2)} | ${answers} |`;
      const verdict = together.p99 < 50 && together.errors === 0 ? 'pass' : 'FAIL';
      if (together.errors > 0 || (verdict !== 'pass' && p99Strict)) failures += 1;
      const lines = [
        P99_SECTION,
        '',
        `Generated by bench/soak.ts (p99 part) at ${new Date().toISOString()}: ${p99Seconds} s per phase against instance A, two client loops of a small local request (\`analyze\`, one aspect, 50 characters): alone, then under each hostile input by itself (one loop of it, bounded in count), then under all of them at once. Latency in ms, measured by the client (the load generator shares the machine with the instances and with other work: compare with the quiet row); the server's event-loop delay (ms, \`monitorEventLoopDelay\` in instance A) and CPU seconds (instance A, worker threads included) during each phase tell the server's own blocking apart from machine load. Target: p99 below 50 ms under hostile input; **${verdict}**.`,
        '',
        '| phase | small requests | failed | p50 | p99 | max | server event-loop delay p99 / max | server CPU s | hostile requests sent: answers |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        row('quiet', quiet),
        ...alone.map((entry) =>
          row(entry.name, entry.stats, `${entry.attack.sent}: ${formatOutcomes(entry.attack.outcomes)}`),
        ),
        row(
          'all of the above at once',
          together,
          attacks.map((attack) => `${attack.sent}: ${formatOutcomes(attack.outcomes)}`).join('; '),
        ),
        '',
      ];
      sections.set(P99_SECTION, lines.join('\n'));
      process.stdout.write(`${lines.join('\n')}\n`);
    }
  } finally {
    const header = [
      '# Reliability soak',
      '',
      `\`npm run soak\` at ${new Date().toISOString()}: ${seconds} s per scenario, two instances (A: supervised embedded engine; B: same database), private redis-server, fake upstream. Generated by bench/soak.ts.`,
      '',
      'Budget spend is compared as the change during each scenario (as totals after Redis restarted empty: the rebuilt spend must equal the cost of every usage record); a run cut by a killed instance may be in the usage and not in the spend (at most one run per cut request). Columns: answered; typed errors by code/reason; untyped errors; requests cut by a killed instance (connection reset); usage answered / stored (duplicates); budget spend / sum of usage cost (USD); streams (exactly one terminal event / otherwise / connection lost); RSS MiB of A / B after the scenario; verdict.',
      '',
      '| scenario | ok | typed | untyped | cut | usage | spend | streams | RSS | verdict |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ];
    // Each part rewrites its own section; the others, and sections added by hand (`## …`), are kept.
    const file = path.resolve(root, 'bench', process.env.SOAK_REPORT ?? 'RELIABILITY.md');
    const previous = await readFile(file, 'utf8').catch(() => '');
    const [previousHead = '', ...previousSections] = previous.split(/^(?=## )/m);
    const head = parts.has('faults') ? `${[...header, ...report].join('\n')}\n` : previousHead;
    const kept = previousSections.map((section) => {
      const title = section.split('\n', 1)[0]!.trim();
      const replacement = sections.get(title);
      sections.delete(title);
      return replacement ? `${replacement.trimEnd()}\n\n` : section;
    });
    const added = [...sections.values()].map((section) => `${section.trimEnd()}\n\n`);
    const body = [...kept, ...added].join('').trimEnd();
    await writeFile(file, `${head.trimEnd()}\n${body ? `\n${body}\n` : ''}`);
    if (process.env.SOAK_DEBUG) {
      process.stdout.write(`--- A:\n${a.output().slice(-3000)}\n--- B:\n${b.output().slice(-3000)}\n`);
    }
    await db.close().catch(() => {});
    for (const instance of [b, a]) {
      instance.child.kill('SIGTERM');
      await Promise.race([instance.exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
      instance.child.kill('SIGKILL');
    }
    await fake.close();
    await redis.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  process.exit(failures === 0 ? 0 : 1);
}

type Gql = (
  url: string,
  query: string,
  variables?: unknown,
  key?: string,
) => Promise<{
  data?: Record<string, unknown>;
  errors?: Array<{ extensions?: { code?: string; reason?: string } }>;
}>;

interface LatencyStats {
  count: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
  /** The server's event-loop delay during the phase (ms) and its CPU time (s), when measured. */
  serverLoopP99?: number;
  serverLoopMax?: number;
  serverCpu?: number;
}

const SMALL_ANALYZE =
  'mutation { analyze(input: { text: "Capgate routes each request to the right model.", aspects: [LANGUAGE] }) { language } }';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function latencyStats(latencies: number[], errors: number): LatencyStats {
  const sorted = [...latencies].sort((x, y) => x - y);
  const at = (share: number) => sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
  return { count: sorted.length, errors, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN };
}

function formatOutcomes(outcomes: Map<string, number>): string {
  return [...outcomes]
    .sort((x, y) => y[1] - x[1])
    .map(([outcome, count]) => `${outcome} × ${count}`)
    .join(', ');
}

/** A small local request in a loop (the memory soak's share of local work). */
function smallAnalyzeLoop(tally: Tally, urls: () => string[], until: () => boolean, gql: Gql, key: string) {
  return (async () => {
    for (let index = 0; !until(); index++) {
      const body = await gql(urls()[index % urls().length]!, SMALL_ANALYZE, undefined, key).catch(
        () => undefined,
      );
      if (body?.data?.analyze) tally.ok += 1;
      else if (body?.errors?.[0]?.extensions?.code) {
        const code = body.errors[0].extensions.code;
        tally.typed[code] = (tally.typed[code] ?? 0) + 1;
      } else {
        tally.untyped += 1;
        if (tally.untypedDetail.length < 5)
          tally.untypedDetail.push(`analyze: ${JSON.stringify(body ?? 'no answer').slice(0, 300)}`);
      }
      await sleep(20);
    }
  })();
}

interface Attack {
  name: string;
  sent: number;
  outcomes: Map<string, number>;
}

/**
 * A small request's latency alone, then with hostile inputs hitting the same instance: every
 * hostile loop is bounded in count and by the phase's end, all on 127.0.0.1.
 */
async function p99UnderHostile(options: {
  instance: InstanceProcess;
  url: string;
  key: string;
  adminKey: string;
  gql: Gql;
  must: (url: string, query: string, variables?: unknown) => Promise<Record<string, unknown>>;
}): Promise<{
  quiet: LatencyStats;
  alone: Array<{ name: string; stats: LatencyStats; attack: Attack }>;
  together: LatencyStats;
  attacks: Attack[];
}> {
  const { instance, url, key, gql, must } = options;
  // The catastrophic-backtracking pattern of issue 15 on the capability the hostile tenant calls.
  await must(
    url,
    `mutation ($patterns: [MaskingPatternInput!]) { setMaskingPolicy(input: { capability: "summarize", detectors: [EMAIL], mode: REDACT, customPatterns: $patterns }) { capability { name } } }`,
    { patterns: [{ name: 'RUN', pattern: '(a+)+$' }] },
  );
  await sleep(1500); // the policy reaches the registry cache

  const measure = async (until: () => boolean): Promise<LatencyStats> => {
    await probeHeap(instance); // resets the instance's event-loop delay histogram
    const cpuBefore = cpuSeconds(instance.child.pid!);
    const latencies: number[] = [];
    let errors = 0;
    const loop = async () => {
      while (!until()) {
        const started = performance.now();
        const body = await gql(url, SMALL_ANALYZE, undefined, key).catch(() => undefined);
        const elapsed = performance.now() - started;
        if (body?.data?.analyze) latencies.push(elapsed);
        else errors += 1;
        await sleep(5);
      }
    };
    await Promise.all([loop(), loop()]);
    const cpu = cpuSeconds(instance.child.pid!) - cpuBefore;
    const { loop: server } = await probeHeap(instance);
    return {
      ...latencyStats(latencies, errors),
      serverLoopP99: server.p99,
      serverLoopMax: server.max,
      serverCpu: cpu,
    };
  };

  // Warm-up (first compilations, connection pools), not measured.
  const warmUntil = Date.now() + 2000;
  await measure(() => Date.now() > warmUntil);
  const quietUntil = Date.now() + p99Seconds * 1000;
  const quiet = await measure(() => Date.now() > quietUntil);

  type Counter = { entry: Attack; count: (outcome: string) => void };
  const counter = (name: string): Counter => {
    const entry: Attack = { name, sent: 0, outcomes: new Map() };
    return {
      entry,
      count: (outcome: string) => entry.outcomes.set(outcome, (entry.outcomes.get(outcome) ?? 0) + 1),
    };
  };
  /** Posts a prepared body again and again (at most `max` times), counting the answers. */
  const postLoop =
    (max: number, body: string | Buffer, authorized = true) =>
    (until: () => boolean, { entry, count }: Counter) =>
      (async () => {
        while (!until() && entry.sent < max) {
          entry.sent += 1;
          try {
            const response = await fetch(`${url}/graphql`, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                ...(authorized ? { authorization: `Bearer ${key}` } : {}),
              },
              body,
              signal: AbortSignal.timeout(60_000),
            });
            const text = await response.text();
            let code = '';
            try {
              const parsed = JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }> };
              code = parsed.errors?.[0]?.extensions?.code ?? 'data';
            } catch {
              code = 'not JSON';
            }
            count(`${response.status} ${code}`);
          } catch (error) {
            count(`client error ${(error as Error).name}`);
          }
        }
      })();
  const json = (query: string, variables?: unknown) => JSON.stringify({ query, variables });
  const article = 'Capgate routes requests. Budgets keep teams honest. Streams end cleanly. ';
  const hugeText = article.repeat(Math.ceil(1_000_000 / article.length)).slice(0, 1_000_000);
  const depth = 5000;
  const fragments = Array.from(
    { length: 24 },
    (_, level) => `fragment F${level} on Query { ...F${level + 1} ...F${level + 1} }`,
  ).join(' ');
  let deepJson = '0';
  for (let level = 0; level < 10_000; level++) deepJson = `[${deepJson}]`;
  const oversized = Buffer.alloc(11 * 1024 * 1024, 'a');
  oversized.write('{"query":"', 0);

  const kinds: Array<{ name: string; run: (until: () => boolean, counter: Counter) => Promise<void> }> = [
    {
      name: 'analyze of 1,000,000 characters, every aspect (local work)',
      run: postLoop(
        50,
        json('mutation ($text: String!) { analyze(input: { text: $text }) { language } }', {
          text: hugeText,
        }),
      ),
    },
    {
      name: 'summarize of "a" × 20,000 + "!" through the custom masking pattern (a+)+$',
      run: postLoop(
        500,
        json('mutation ($text: String!) { summarize(input: { text: $text }) { summary } }', {
          text: `${'a'.repeat(20_000)}!`,
        }),
      ),
    },
    {
      name: `GraphQL document nested ${depth} deep`,
      run: postLoop(500, json(`{ ${'me { '.repeat(depth)}id${' }'.repeat(depth)} }`)),
    },
    {
      name: 'GraphQL document of 1 MB (100,000 fields)',
      run: postLoop(200, json(`{ ${'__typename '.repeat(100_000)}}`)),
    },
    {
      name: '10,000 aliases',
      run: postLoop(
        500,
        json(`{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`),
      ),
    },
    {
      name: 'exponential fragment fan-out (24 levels)',
      run: postLoop(500, json(`{ ...F0 } ${fragments} fragment F24 on Query { __typename }`)),
    },
    {
      name: 'JSON variables nested 10,000 deep',
      run: postLoop(
        500,
        `{"query":"mutation ($input: JSON!) { invoke(capability: \\"summarize\\", input: $input) { output } }","variables":{"input":${deepJson}}}`,
      ),
    },
    { name: 'malformed JSON body', run: postLoop(1000, '{"query": "{ __typename ', false) },
    { name: 'body of 11 MiB (over the 10 MiB limit)', run: postLoop(20, oversized, false) },
    {
      name: 'slow clients: 50 sockets sending one header line per second',
      run: (until, counter) => slowClients(url, 50, until, counter),
    },
    {
      name: '300 WebSocket connections held open (authenticated)',
      run: (until, counter) => openWebSockets(url, key, 300, until, counter),
    },
  ];
  const only = process.env.SOAK_P99_ONLY;
  const selected = kinds.filter((kind) => !only || kind.name.includes(only));

  const phase = async (chosen: typeof kinds) => {
    const endAt = Date.now() + p99Seconds * 1000;
    const until = () => Date.now() > endAt;
    const counters = chosen.map((kind) => counter(kind.name));
    const loops = chosen.map((kind, index) => kind.run(until, counters[index]!));
    const stats = await measure(until);
    await Promise.all(loops);
    return { stats, attacks: counters.map((entry) => entry.entry) };
  };
  const alone: Array<{ name: string; stats: LatencyStats; attack: Attack }> = [];
  for (const kind of selected) {
    const { stats, attacks } = await phase([kind]);
    alone.push({ name: kind.name, stats, attack: attacks[0]! });
    process.stdout.write(`${kind.name}: p99 ${stats.p99.toFixed(1)} ms (${stats.count})\n`);
  }
  const together = await phase(selected);
  return { quiet, alone, together: together.stats, attacks: together.attacks };
}

/** Slowloris: sockets that never finish their request headers; reopened when the server closes one. */
function slowClients(
  url: string,
  connections: number,
  until: () => boolean,
  { entry, count }: { entry: Attack; count: (outcome: string) => void },
): Promise<void> {
  const { hostname, port } = new URL(url);
  const one = async () => {
    while (!until() && entry.sent < connections * 20) {
      entry.sent += 1;
      const socket = net.connect(Number(port), hostname);
      socket.on('error', () => {});
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n');
      let open = true;
      void closed.then(() => (open = false));
      for (let line = 0; open && !until(); line++) {
        await Promise.race([sleep(1000), closed]);
        if (open) socket.write(`X-Slow-${line}: ${line}\r\n`);
      }
      if (open) {
        count('still open at the end');
        socket.destroy();
      } else count('closed by the server');
      await closed;
    }
  };
  return Promise.all(Array.from({ length: connections }, one)).then(() => undefined);
}

/** WebSockets that say connection_init and then nothing, held until the phase ends. */
async function openWebSockets(
  url: string,
  key: string,
  connections: number,
  until: () => boolean,
  { entry, count }: { entry: Attack; count: (outcome: string) => void },
): Promise<void> {
  const sockets: WebSocket[] = [];
  const opened = Array.from({ length: connections }, async () => {
    entry.sent += 1;
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    sockets.push(socket);
    socket.on('error', () => {});
    const outcome = await new Promise<string>((resolve) => {
      socket.once('open', () =>
        socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${key}` } })),
      );
      socket.on('message', (data: Buffer) => {
        if ((JSON.parse(data.toString()) as { type?: string }).type === 'connection_ack')
          resolve('acknowledged');
      });
      socket.once('close', (code: number) => resolve(`closed ${code}`));
      setTimeout(() => resolve('no answer in 10 s'), 10_000).unref();
    });
    count(outcome);
  });
  await Promise.all(opened);
  while (!until()) await sleep(200);
  for (const socket of sockets) socket.close();
}

interface HeapSample {
  seconds: number;
  a: Probe;
  b: Probe;
}

interface Probe {
  heapMiB: number;
  rssMiB: number;
  /** The instance's event-loop delay since the previous probe, ms. */
  loop: { p50: number; p99: number; max: number };
}

/**
 * Asks an instance (SIGUSR2) for its event-loop delay since the last probe, then its heap after a
 * collection and its RSS; NaN if it does not answer.
 */
async function probeHeap(instance: InstanceProcess): Promise<Probe> {
  // Lines carry the instance's clock: the answer is the first line stamped after the signal (the
  // output buffer slides, so positions in it prove nothing).
  const sent = Date.now() - 1;
  instance.child.kill('SIGUSR2');
  const pattern = /CAPGATE_HEAP (\d+) (\d+) (\d+)(?: (\S+) (\S+) (\S+))?\n/g;
  for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
    for (const match of instance.output().matchAll(pattern)) {
      if (Number(match[1]) < sent) continue;
      return {
        heapMiB: Number(match[2]) / 2 ** 20,
        rssMiB: Number(match[3]) / 2 ** 20,
        loop: { p50: Number(match[4]), p99: Number(match[5]), max: Number(match[6]) },
      };
    }
    await sleep(50);
  }
  const unknown = Number.NaN;
  return { heapMiB: unknown, rssMiB: unknown, loop: { p50: unknown, p99: unknown, max: unknown } };
}

/** Least-squares slope of the heap after the warm-up (first fifth), and whether it is flat. */
function heapTrend(points: Array<{ seconds: number; value: number }>): {
  slopePer10Min: number;
  flat: boolean;
} {
  const usable = points.filter((point) => Number.isFinite(point.value));
  const kept = usable.slice(Math.floor(usable.length / 5));
  if (kept.length < 3) return { slopePer10Min: Number.NaN, flat: false };
  const meanX = kept.reduce((sum, point) => sum + point.seconds, 0) / kept.length;
  const meanY = kept.reduce((sum, point) => sum + point.value, 0) / kept.length;
  const covariance = kept.reduce((sum, point) => sum + (point.seconds - meanX) * (point.value - meanY), 0);
  const variance = kept.reduce((sum, point) => sum + (point.seconds - meanX) ** 2, 0);
  const slope = variance > 0 ? covariance / variance : 0; // MiB per second
  const span = kept.at(-1)!.seconds - kept[0]!.seconds;
  return { slopePer10Min: slope * 600, flat: slope * span < Math.max(8, 0.05 * meanY) };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
