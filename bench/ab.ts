/**
 * `node --import @swc-node/register/esm-register bench/ab.ts <buildA> <buildB> [v1|graphql] [rate] [seconds] [reps]`:
 * CPU-µs per request of two builds of Capgate (e.g. a copy of dist/ from before a change, and dist/)
 * loaded *at the same time* at the same fixed request rate, so that a shared, noisy machine weighs on
 * both alike. Prints one line per repetition and the medians. Everything on 127.0.0.1, bounded.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { invokeTarget, startCapgate, type RunningCapgate } from './capgate.js';
import { freePort } from './free-port.js';
import { runLoad, type Target } from './load.js';
import { memoryMiB, startProcess, stopAll, stopProcess, waitForOutput } from './processes.js';

process.once('exit', stopAll);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [
  buildA = 'dist-base',
  buildB = 'dist',
  which = 'v1',
  rateText = '200',
  secondsText = '10',
  repsText = '3',
] = process.argv.slice(2);
const rate = Number(rateText);
const seconds = Number(secondsText);
const reps = Number(repsText);

const mock = startProcess(
  process.execPath,
  ['--import', '@swc-node/register/esm-register', 'bench/mock-upstream.ts', '--port=0'],
  { cwd: root },
);
const mockPort = Number((await waitForOutput(mock, /MOCK_PORT=(\d+)/, 30_000))[1]);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const a = await startCapgate({ root, port: await freePort(), mockPort, redisUrl, dist: buildA });
const b = await startCapgate({ root, port: await freePort(), mockPort, redisUrl, dist: buildB });

function targetOf(capgate: RunningCapgate): Target {
  return invokeTarget(capgate, which === 'graphql' ? 'graphql' : 'v1');
}

try {
  const targets = [targetOf(a), targetOf(b)];
  await Promise.all(targets.map((target) => runLoad(target, 16, 3, rate)));
  const cpu: [number[], number[]] = [[], []];
  for (let repetition = 1; repetition <= reps; repetition++) {
    const results = await Promise.all(targets.map((target) => runLoad(target, 16, seconds, rate)));
    results.forEach((result, index) => cpu[index as 0 | 1].push(result.cpuMicrosPerRequest));
    process.stdout.write(
      `${which} rep ${repetition}: ` +
        results
          .map(
            (result, index) =>
              `${index === 0 ? buildA : buildB} ${result.cpuMicrosPerRequest.toFixed(0)} CPU-µs/req ` +
              `(${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.latencyMs.p50} ms, RSS ${result.rssSteadyMiB.toFixed(0)} MiB, failed ${result.failed})`,
          )
          .join(' | ') +
        '\n',
    );
  }
  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
  process.stdout.write(
    `${which} median: ${buildA} ${median(cpu[0]).toFixed(0)}, ${buildB} ${median(cpu[1]).toFixed(0)} CPU-µs/req; ` +
      `RSS ${memoryMiB(a.process.pid).rss} / ${memoryMiB(b.process.pid).rss} MiB\n`,
  );
} finally {
  await a.stop();
  await b.stop();
  await stopProcess(mock);
}
process.exit(0);
