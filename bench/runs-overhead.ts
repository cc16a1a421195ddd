/**
 * How much storing runs costs /v1: starts the mock upstream and the built Capgate (`dist/`, governance
 * on, Redis), warms up, then loads `/v1/chat/completions` (50 connections) `BENCH_REPS` times for
 * `BENCH_SECONDS` each and prints requests/s and gateway CPU-µs per request as JSON. Run it on a build
 * with run records and on one without (`runs:` left out of the InvocationService options in
 * src/app.ts) to compare. Everything on 127.0.0.1, bounded in time.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_MODEL, startCapgate } from './capgate.js';
import { freePort } from './free-port.js';
import { runLoad, type Target } from './load.js';
import { startProcess, stopProcess, waitForOutput } from './processes.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const repetitions = Number(process.env.BENCH_REPS ?? 2);

async function main(): Promise<void> {
  const [mockPort, capgatePort] = await Promise.all([freePort(), freePort()]);
  const mock = startProcess(
    process.execPath,
    ['--import', '@swc-node/register/esm-register', 'bench/mock-upstream.ts', `--port=${mockPort}`],
    { cwd: root },
  );
  await waitForOutput(mock, /MOCK_PORT=\d+/, 30_000);
  const capgate = await startCapgate({
    root,
    port: capgatePort,
    mockPort,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  });
  try {
    const target: Target = {
      name: 'v1',
      url: `${capgate.url}/v1/chat/completions`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${capgate.key}` },
      body: JSON.stringify({ model: BENCH_MODEL, messages: [{ role: 'user', content: 'Say hello.' }] }),
      pids: [capgate.process.pid],
      mockPid: mock.pid,
    };
    await runLoad(target, 50, 3);
    const results = [];
    for (let index = 0; index < repetitions; index++) results.push(await runLoad(target, 50, seconds));
    process.stdout.write(
      `${JSON.stringify(
        results.map((result) => ({
          requestsPerSecond: Math.round(result.requestsPerSecond),
          cpuMicrosPerRequest: Math.round(result.cpuMicrosPerRequest),
          p99Ms: result.latencyMs.p99,
          failed: result.failed,
        })),
      )}\n`,
    );
  } finally {
    await capgate.stop();
    await stopProcess(mock);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
