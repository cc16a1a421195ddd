/**
 * One bounded load run: autocannon's CLI in its own process (so the load generator never shares an
 * event loop with a server), with the CPU time and memory of the measured server processes read from
 * `/proc` around it. autocannon is a devDependency, so the harness needs nothing installed by hand.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cpuSeconds, memoryMiB } from './processes.js';

export interface Target {
  name: string;
  url: string;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: string;
  /** Processes whose CPU time counts for this target (the gateway; the mock is reported apart). */
  pids: number[];
  /** The upstream mock's pid, to subtract nothing but report its own cost. */
  mockPid?: number;
}

export interface LoadResult {
  target: string;
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number; mean: number };
  failed: number;
  /** CPU-µs per completed request of the target's processes (gateway), and of the mock. */
  cpuMicrosPerRequest: number;
  mockCpuMicrosPerRequest: number;
  /** Median RSS sampled during the run, and the peak (VmHWM), MiB. */
  rssSteadyMiB: number;
  rssPeakMiB: number;
}

interface AutocannonJson {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}

const require = createRequire(import.meta.url);
const AUTOCANNON = path.join(path.dirname(require.resolve('autocannon/package.json')), 'autocannon.js');

/** `rate`: requests per second over all connections (autocannon `-R`); unset = as fast as possible. */
export async function runLoad(
  target: Target,
  connections: number,
  seconds: number,
  rate?: number,
): Promise<LoadResult> {
  const args = [
    AUTOCANNON,
    ...(rate ? ['-R', String(rate)] : []),
    '-c',
    String(connections),
    '-d',
    String(seconds),
    '-m',
    target.method,
    '--json',
    '--timeout',
    '30',
  ];
  for (const [name, value] of Object.entries(target.headers)) args.push('-H', `${name}: ${value}`);
  if (target.body !== undefined) args.push('-b', target.body);
  args.push(target.url);

  const cpuBefore = sumCpu(target.pids);
  const mockBefore = target.mockPid ? cpuSeconds(target.mockPid) : 0;
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(sumRss(target.pids)), 500);
  let report: AutocannonJson;
  try {
    report = JSON.parse(await runJson(process.execPath, args)) as AutocannonJson;
  } finally {
    clearInterval(sampler);
  }
  const cpu = sumCpu(target.pids) - cpuBefore;
  const mockCpu = target.mockPid ? cpuSeconds(target.mockPid) - mockBefore : 0;
  const requests = report.requests.total;
  samples.sort((left, right) => left - right);
  return {
    target: target.name,
    connections,
    seconds,
    requests,
    requestsPerSecond: requests / report.duration,
    latencyMs: {
      p50: report.latency.p50,
      p99: report.latency.p99,
      max: report.latency.max,
      mean: report.latency.average,
    },
    failed: report.errors + report.timeouts + report.non2xx,
    cpuMicrosPerRequest: requests > 0 ? (cpu * 1e6) / requests : 0,
    mockCpuMicrosPerRequest: requests > 0 ? (mockCpu * 1e6) / requests : 0,
    rssSteadyMiB: samples.length ? samples[Math.floor(samples.length / 2)]! : sumRss(target.pids),
    rssPeakMiB: target.pids.reduce((sum, pid) => sum + memoryMiB(pid).peak, 0),
  };
}

/** One request, to check a target answers 200 before it is measured. */
export async function checkTarget(target: Target): Promise<void> {
  const response = await fetch(target.url, {
    method: target.method,
    headers: target.headers,
    body: target.body ?? null,
  });
  const text = await response.text();
  if (response.status !== 200 || text.includes('"errors"')) {
    throw new Error(`${target.name}: ${response.status} ${text.slice(0, 500)}`);
  }
}

function sumCpu(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
}

function sumRss(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + memoryMiB(pid).rss, 0);
}

function runJson(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0 && stdout.trim().startsWith('{')) resolve(stdout);
      else reject(new Error(`autocannon exited ${code}: ${stderr.slice(-2000)}`));
    });
  });
}
