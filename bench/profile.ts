/**
 * `node --import @swc-node/register/esm-register bench/profile.ts [v1|graphql] [seconds]`: runs
 * Capgate under `--cpu-prof` with one path loaded at 50 connections, then prints CPU-µs per request
 * and the functions with the most self time. Uses the build in `dist/` as it is (run `npm run build`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { invokeTarget, startCapgate } from './capgate.js';
import { freePort } from './free-port.js';
import { runLoad } from './load.js';
import { startProcess, stopAll, stopProcess, waitForOutput } from './processes.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
}

// Whatever happens, no child process (mock, Portkey, Capgate) outlives the harness.
process.once('exit', stopAll);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const which = process.argv[2] === 'graphql' ? 'graphql' : 'v1';
const seconds = Number(process.argv[3] ?? 10);
const profileDir = await mkdtemp(path.join(tmpdir(), 'capgate-prof-'));

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
  nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
});
const target = invokeTarget(capgate, which);
try {
  await runLoad(target, 50, 3);
  const result = await runLoad(target, 50, seconds);
  process.stdout.write(
    `${which}: ${result.requestsPerSecond.toFixed(0)} req/s, ${result.cpuMicrosPerRequest.toFixed(0)} CPU-µs/request, p50 ${result.latencyMs.p50} ms, failed ${result.failed}\n`,
  );
} catch (error) {
  process.stderr.write(
    `${(error as Error).message}\ncapgate output:\n${capgate.process.output().slice(-3000)}\n`,
  );
} finally {
  await capgate.stop();
  await stopProcess(mock);
}

const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
if (file) {
  const profile = JSON.parse(readFileSync(path.join(profileDir, file), 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
  };
  const total = profile.samples.length;
  const self = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '~/').replace(/^file:\/\/\/work\/main\//, '')}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + node.hitCount);
  }
  const top = [...self.entries()].sort((left, right) => right[1] - left[1]).slice(0, 40);
  for (const [name, hits] of top)
    process.stdout.write(`${((hits / total) * 100).toFixed(1).padStart(5)}%  ${name}\n`);
  process.stdout.write(`profile: ${path.join(profileDir, file)}\n`);
}
process.exit(0);
