/**
 * `npm run bench`: builds Capgate, starts the mock upstream, the Portkey gateway and Capgate (auth,
 * rate limit, budget, usage recording on), runs scenarios S1–S7 of shared/BENCHMARKS.md with
 * interleaved repetitions, and writes `bench/RESULTS.md`. Everything on 127.0.0.1, every load bounded.
 * `BENCH_QUICK=1` shortens every run (for trying the harness; not for the committed results).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_MODEL, startCapgate, type RunningCapgate } from './capgate.js';
import { freePort } from './free-port.js';
import { checkTarget, runLoad, type Target } from './load.js';
import { measureLocalCapabilities } from './local-capabilities.js';
import { configureMock } from './mock-upstream.js';
import { memoryMiB, startProcess, stopAll, stopProcess, waitForOutput, type Spawned } from './processes.js';
import { portkeyConfigHeader, startPortkey, PORTKEY_VERSION } from './portkey.js';
import { GATEWAYS, renderReport, TARGETS, type BenchReport, type TargetKey } from './report.js';
import { measureStreams, measureSubscriptions } from './scenarios-streaming.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.env.BENCH_QUICK === '1';
const repetitions = Number(process.env.BENCH_REPS ?? 3);
const seconds = { s1: quick ? 3 : 15, s2: quick ? 3 : 15, s3: quick ? 2 : 8, warmup: quick ? 2 : 4 };
const PROMPT =
  'Summarize: the quick brown fox jumps over the lazy dog while the cat watches from the window.';

async function main(): Promise<void> {
  const started = Date.now();
  log('building (npm run build)');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  const [mockPort, portkeyPort, capgatePort] = await Promise.all([freePort(), freePort(), freePort()]);

  const mock = startProcess(
    process.execPath,
    ['--import', '@swc-node/register/esm-register', 'bench/mock-upstream.ts', `--port=${mockPort}`],
    { cwd: root },
  );
  await waitForOutput(mock, /MOCK_PORT=\d+/, 30_000);
  log(`starting Portkey gateway ${PORTKEY_VERSION} (installed into bench/.scratch)`);
  const portkey = await startPortkey(path.join(root, 'bench/.scratch'), portkeyPort);
  log('starting Capgate (embedded engine, Redis, production build)');
  const capgate = await startCapgate({
    root,
    port: capgatePort,
    mockPort,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  });
  try {
    const report = await measure(mock, portkey, capgate, mockPort, portkeyPort);
    report.settings.push(`Total harness time: ${((Date.now() - started) / 60_000).toFixed(1)} min`);
    const appendix = path.join(root, 'bench/optimizations.md');
    if (existsSync(appendix)) report.appendix = readFileSync(appendix, 'utf8');
    writeFileSync(path.join(root, 'bench/RESULTS.md'), renderReport(report));
    log('wrote bench/RESULTS.md');
  } finally {
    await capgate.stop();
    await stopProcess(portkey);
    await stopProcess(mock);
  }
}

async function measure(
  mock: Spawned,
  portkey: Spawned,
  capgate: RunningCapgate,
  mockPort: number,
  portkeyPort: number,
): Promise<BenchReport> {
  const chatBody = JSON.stringify({ model: BENCH_MODEL, messages: [{ role: 'user', content: PROMPT }] });
  const json = { 'content-type': 'application/json' };
  const targets: Record<TargetKey, Target> = {
    direct: {
      name: 'direct',
      url: `http://127.0.0.1:${mockPort}/v1/chat/completions`,
      method: 'POST',
      headers: json,
      body: chatBody,
      pids: [mock.pid],
      mockPid: mock.pid,
    },
    portkey: {
      name: 'portkey',
      url: `http://127.0.0.1:${portkeyPort}/v1/chat/completions`,
      method: 'POST',
      headers: { ...json, 'x-portkey-config': portkeyConfigHeader(mockPort) },
      body: chatBody,
      pids: [portkey.pid],
      mockPid: mock.pid,
    },
    v1: {
      name: 'v1',
      url: `${capgate.url}/v1/chat/completions`,
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${capgate.key}` },
      body: chatBody,
      pids: [capgate.process.pid],
      mockPid: mock.pid,
    },
    graphql: {
      name: 'graphql',
      url: `${capgate.url}/graphql`,
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${capgate.key}` },
      body: JSON.stringify({
        query: 'mutation Invoke($input: JSON!) { invoke(capability: "summarize", input: $input) { output } }',
        variables: { input: { text: PROMPT } },
      }),
      pids: [capgate.process.pid],
      mockPid: mock.pid,
    },
  };
  const order: TargetKey[] = ['direct', ...GATEWAYS];
  for (const key of order) await checkTarget(targets[key]);

  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: machine(),
    commit: commit(),
    settings: [
      `Repetitions: ${repetitions}, interleaved (every path once per repetition, in the order ${order.map((key) => TARGETS[key]).join(', ')})`,
      `Load: autocannon ${seconds.s1} s (S1), ${seconds.s2} s (S2), ${seconds.s3} s (S3), in its own process; warm-up ${seconds.warmup} s per path; autocannon reports latency in whole milliseconds`,
      `Peer: @portkey-ai/gateway@${PORTKEY_VERSION}, headless, NODE_ENV=production; Capgate: node dist/main.js, NODE_ENV=production, LOG_LEVEL=warn`,
      `Capgate request path: API key auth (MEMBER key: ${capgate.governance.memberKey}), rate limit rule: ${capgate.governance.rateLimit}, budget rule: ${capgate.governance.budget}, usage recording: buffered; Redis for limits, budgets and run events`,
    ],
    notes: [...capgate.governance.notes],
    runs: [],
    streams: {},
    expectedChunks: 64,
    idleMemoryMiB: {
      direct: memoryMiB(mock.pid).rss,
      portkey: memoryMiB(portkey.pid).rss,
      v1: memoryMiB(capgate.process.pid).rss,
      graphql: memoryMiB(capgate.process.pid).rss,
    },
    local: [],
  };

  // S7 first, while the heap is still small: later scenarios leave free room that hides growth.
  await configureMock(mockPort, { chunks: report.expectedChunks, intervalMs: 20 });
  log('S7 subscriptions');
  report.subscriptions = await measureSubscriptions({
    capgate,
    mockPort,
    prompt: PROMPT,
    idle: 1000,
    streaming: 100,
    expectedChunks: report.expectedChunks,
  });
  log('warm-up');
  for (const key of order) await runLoad(targets[key], 50, seconds.warmup);
  for (let repetition = 1; repetition <= repetitions; repetition++) {
    for (const key of order) {
      log(`S1 rep ${repetition} ${key}`);
      report.runs.push({
        scenario: 'S1',
        repetition,
        target: key,
        result: await runLoad(targets[key], 1, seconds.s1),
      });
    }
  }
  for (let repetition = 1; repetition <= repetitions; repetition++) {
    for (const key of order) {
      log(`S2 rep ${repetition} ${key}`);
      report.runs.push({
        scenario: 'S2',
        repetition,
        target: key,
        result: await runLoad(targets[key], 50, seconds.s2),
      });
    }
  }
  await configureMock(mockPort, { delayMs: 20 });
  for (let repetition = 1; repetition <= repetitions; repetition++) {
    for (const connections of [16, 50]) {
      for (const key of order) {
        log(`S3 rep ${repetition} ${key} c=${connections}`);
        report.runs.push({
          scenario: 'S3',
          repetition,
          target: key,
          result: await runLoad(targets[key], connections, seconds.s3),
        });
      }
    }
  }
  await configureMock(mockPort, { delayMs: 0, chunks: report.expectedChunks, intervalMs: 20 });
  log('S4 streaming');
  const streaming = await measureStreams({ targets, capgate, repetitions, concurrent: 8, prompt: PROMPT });
  report.streams = streaming.samples;
  report.notes.push(...streaming.notes);
  const portkeyError = /TypeError[^\n]*\n[^\n]*/.exec(portkey.output())?.[0];
  if (streaming.notes.some((note) => note.includes('portkey')) && portkeyError) {
    report.notes.push(`Portkey's own log for that failure: \`${portkeyError.replace(/\s+/g, ' ').trim()}\``);
  }
  log('S6 local capabilities');
  report.local = await measureLocalCapabilities(root, quick ? 1000 : 4000);
  return report;
}

function machine(): string[] {
  const cpus = os.cpus();
  return [
    `${cpus[0]?.model ?? 'unknown CPU'}`,
    `${cpus.length} cores`,
    `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `Node ${process.version}`,
    `${os.type()} ${os.release()}`,
    `load average at start ${os
      .loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')}`,
  ];
}

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
        cwd: root,
        encoding: 'utf8',
      }).trim() !== '';
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return 'unknown';
  }
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

// Whatever happens, no child process (mock, Portkey, Capgate) outlives the harness.
process.once('exit', stopAll);
process.once('SIGINT', () => {
  stopAll();
  process.exit(130);
});
main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    stopAll();
    process.exit(1);
  },
);
