/** Starts `instance-main.ts` as a child process and waits until it serves. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface InstanceProcess {
  url: string;
  child: ChildProcess;
  /** Settles with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string | null>;
  output(): string;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function startInstanceProcess(env: Record<string, string>): Promise<InstanceProcess> {
  const child = spawn(
    process.execPath,
    ['--import', '@swc-node/register/esm-register', 'test/support/instance-main.ts'],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance did not start:\n${output}`)), 90_000);
    const onData = () => {
      const match = /CAPGATE_READY (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`instance exited (${code}) before serving:\n${output}`));
    });
  });
  return { url, child, exited, output: () => output };
}
