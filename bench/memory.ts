/**
 * `node --import @swc-node/register/esm-register bench/memory.ts [v1|graphql] [seconds] [-- node args…]`:
 * RSS of Capgate idle, then under 50 connections (zero-delay mock), sampled each second, with the
 * gateway's own `--trace-gc` lines (heap sizes) kept, to tell V8 heap growth from other memory.
 * Uses the build in `dist/` (or BENCH_DIST).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { invokeTarget, startCapgate } from './capgate.js';
import { freePort } from './free-port.js';
import { runLoad } from './load.js';
import { memoryMiB, startProcess, stopAll, stopProcess, waitForOutput } from './processes.js';

process.once('exit', stopAll);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const which = process.argv[2] === 'graphql' ? 'graphql' : 'v1';
const seconds = Number(process.argv[3] ?? 15);
const separator = process.argv.indexOf('--');
const nodeArgs = separator >= 0 ? process.argv.slice(separator + 1) : [];

const mock = startProcess(
  process.execPath,
  ['--import', '@swc-node/register/esm-register', 'bench/mock-upstream.ts', '--port=0'],
  { cwd: root },
);
const mockPort = Number((await waitForOutput(mock, /MOCK_PORT=(\d+)/, 30_000))[1]);
const capgate = await startCapgate({
  root,
  port: await freePort(),
  mockPort,
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  nodeArgs,
});
const target = invokeTarget(capgate, which);
const pid = capgate.process.pid!;
await new Promise((resolve) => setTimeout(resolve, 8000));
process.stdout.write(`idle RSS ${memoryMiB(pid).rss.toFixed(0)} MiB\n`);
const samples: number[] = [];
const timer = setInterval(() => samples.push(memoryMiB(pid).rss), 1000);
try {
  const result = await runLoad(target, 50, seconds);
  process.stdout.write(
    `${which}: ${result.requestsPerSecond.toFixed(0)} req/s, ${result.cpuMicrosPerRequest.toFixed(0)} CPU-µs/request, ` +
      `RSS steady ${result.rssSteadyMiB.toFixed(0)} peak ${result.rssPeakMiB.toFixed(0)} MiB, failed ${result.failed}\n`,
  );
  process.stdout.write(`RSS each second: ${samples.map((value) => value.toFixed(0)).join(' ')}\n`);
  if (process.env.INSPECT_PORT) {
    // With `--inspect=127.0.0.1:<INSPECT_PORT>` among the node args: memory before and after a full GC.
    const list = (await (
      await fetch(`http://127.0.0.1:${process.env.INSPECT_PORT}/json/list`)
    ).json()) as Array<{
      webSocketDebuggerUrl: string;
    }>;
    const { WebSocket } = await import('ws');
    const socket = new WebSocket(list[0]!.webSocketDebuggerUrl);
    await new Promise((resolve) => socket.once('open', resolve));
    let id = 0;
    const call = (method: string, params: object = {}) =>
      new Promise<unknown>((resolve) => {
        const mine = ++id;
        const listener = (data: Buffer) => {
          const message = JSON.parse(data.toString()) as { id?: number; result?: unknown };
          if (message.id === mine) {
            socket.off('message', listener);
            resolve(message.result);
          }
        };
        socket.on('message', listener);
        socket.send(JSON.stringify({ id: mine, method, params }));
      });
    const usage = async () =>
      (
        (await call('Runtime.evaluate', {
          expression:
            'JSON.stringify(Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, Math.round(v / 1048576)])))',
        })) as { result: { value: string } }
      ).result.value;
    process.stdout.write(`before GC: ${await usage()} RSS ${memoryMiB(pid).rss.toFixed(0)}\n`);
    await call('HeapProfiler.collectGarbage');
    process.stdout.write(`after GC: ${await usage()} RSS ${memoryMiB(pid).rss.toFixed(0)}\n`);
    socket.close();
  }
  if (process.env.SNAPSHOT) {
    // With `--heapsnapshot-signal=SIGUSR2` among the node args: a snapshot (after a full GC) of what is retained.
    process.kill(pid, 'SIGUSR2');
    await new Promise((resolve) => setTimeout(resolve, Number(process.env.SNAPSHOT)));
    process.stdout.write(`RSS after snapshot ${memoryMiB(pid).rss.toFixed(0)} MiB\n`);
  }
} finally {
  clearInterval(timer);
  const gcLines = capgate.process
    .output()
    .split('\n')
    .filter((line) => /Mark-Compact|Scavenge|Mark-Sweep/.test(line));
  process.stdout.write(
    `${gcLines
      .filter((l) => /Mark-Compact/.test(l))
      .slice(-5)
      .join('\n')}\n`,
  );
  process.stdout.write(`${gcLines.slice(-3).join('\n')}\n`);
  await capgate.stop();
  await stopProcess(mock);
}
process.exit(0);
