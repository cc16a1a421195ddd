/**
 * Child processes of the benchmark and what `/proc` says about them: CPU time (user + system, in
 * clock ticks of 1/100 s) and resident memory. Every process started here is stopped by `stopAll`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;
const started = new Set<ChildProcess>();

export interface Spawned {
  child: ChildProcess;
  pid: number;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
}

export function startProcess(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Spawned {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  child.once('exit', () => started.delete(child));
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  return { child, pid: child.pid, output: () => output };
}

/** Resolves when `pattern` appears in the output; rejects on exit or after `timeoutMs`. */
export function waitForOutput(
  spawned: Spawned,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(check, 50);
    const deadline = Date.now() + timeoutMs;
    function check(): void {
      const match = spawned.output().match(pattern);
      if (match) {
        clearInterval(timer);
        resolve(match);
      } else if (spawned.child.exitCode !== null || Date.now() > deadline) {
        clearInterval(timer);
        reject(new Error(`waiting for ${pattern} failed; output:\n${spawned.output().slice(-3000)}`));
      }
    }
  });
}

export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command name: state is field 3; utime and stime are fields 14 and 15 (1-based).
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** Resident set size and its peak, in MiB. */
export function memoryMiB(pid: number): { rss: number; peak: number } {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return { rss: 0, peak: 0 }; // the process is gone (its exit is reported where it is awaited)
  }
  const value = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) / 1024;
  return { rss: value('VmRSS'), peak: value('VmHWM') };
}

export function stopProcess(
  spawned: Spawned | undefined,
  signal: NodeJS.Signals = 'SIGTERM',
  graceMs = 30_000,
): Promise<void> {
  if (!spawned || spawned.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => spawned.child.kill('SIGKILL'), graceMs);
    spawned.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    spawned.child.kill(signal);
  });
}

export function stopAll(): void {
  for (const child of started) child.kill('SIGTERM');
}
