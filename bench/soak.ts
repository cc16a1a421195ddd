/**
 * `npm run soak`: fault scenarios against two Capgate instances (child processes) sharing one
 * database (instance A's supervised embedded engine) and a private redis-server, with a fake
 * upstream. Scenarios: baseline, kill -9 of instance B (restarted), Redis stopped and restarted
 * empty, the engine killed, a hostile large input. Checked after each: every request succeeded or
 * got a typed error; every answered run has exactly one usage record; budget spend equals the sum of
 * usage cost; every stream on a surviving connection ended with exactly one COMPLETED or FAILED;
 * instance memory. Writes bench/RELIABILITY.md. `SOAK_SECONDS` per scenario (default 8; CI: 4).
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
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

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seconds = Number(process.env.SOAK_SECONDS ?? 8);
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
  streams: { ended: number; badEnding: number; cut: number; badDetail: string[] };
}

const newTally = (): Tally => ({
  ok: 0,
  typed: {},
  untyped: 0,
  cut: 0,
  answeredRunIds: [],
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
              else tally.untyped += 1;
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
    // The soak's section is rewritten; sections added after it by hand (`## …`) are kept.
    const file = path.resolve(root, 'bench', process.env.SOAK_REPORT ?? 'RELIABILITY.md');
    const previous = await readFile(file, 'utf8').catch(() => '');
    const kept = previous
      .split(/^(?=## )/m)
      .slice(1)
      .join('');
    await writeFile(file, `${[...header, ...report].join('\n')}\n${kept ? `\n${kept}` : ''}`);
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

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
