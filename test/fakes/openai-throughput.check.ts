/**
 * Micro-check of the OpenAI-compatible adapter's hot path (not a test): 50 concurrent callers
 * against the fake server, which runs in a child process so it does not share our CPU accounting.
 *
 *   node --import @swc-node/register/esm-register test/fakes/openai-throughput.check.ts [seconds]
 *
 * Prints, for a bare undici `Pool#request` (the floor), `doGenerate` and `doStream`: requests/s,
 * and the CPU time this process spent per call (user + system), which stays meaningful on a
 * machine shared with other work, where requests/s does not.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Pool } from 'undici';
import { createOpenAiCompatibleProvider } from '../../src/providers/openai-compatible/openai-compatible.provider.js';
import type { GenerateRequest } from '../../src/providers/provider.types.js';
import { startOpenAiFake } from './openai-fake.js';

const CONCURRENCY = 50;
const SECONDS = Number(process.argv.find((argument) => /^\d+$/.test(argument)) ?? 5);
const REQUEST: GenerateRequest = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Say hello.' }],
};

async function measure(label: string, call: () => Promise<unknown>): Promise<void> {
  await run(call, 1); // warm-up: JIT, sockets
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const { completed, failed } = await run(call, SECONDS);
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const perCall = (cpu.user + cpu.system) / Math.max(1, completed);
  console.log(
    `${label.padEnd(30)} ${Math.round(completed / elapsed)
      .toLocaleString('en')
      .padStart(7)} req/s` + `  ${perCall.toFixed(0).padStart(4)} µs CPU/call  (${failed} failed)`,
  );
}

/** CONCURRENCY callers in a loop for `seconds`. */
async function run(
  call: () => Promise<unknown>,
  seconds: number,
): Promise<{ completed: number; failed: number }> {
  let completed = 0;
  let failed = 0;
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < deadline) {
        try {
          await call();
          completed++;
        } catch {
          failed++;
        }
      }
    }),
  );
  return { completed, failed };
}

async function main(): Promise<void> {
  const server = spawn(
    process.execPath,
    [...process.execArgv, new URL(import.meta.url).pathname, '--serve'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: server.stdout });
  const url = await new Promise<string>((resolve) => lines.once('line', resolve));
  const origin = new URL(url).origin;
  const body = JSON.stringify({ model: REQUEST.model, messages: REQUEST.messages });

  const pool = new Pool(origin, { connections: 256 });
  await measure('undici Pool#request (floor)', async () => {
    const response = await pool.request({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: { 'content-type': 'application/json' },
      body,
    });
    JSON.parse(await response.body.text());
  });
  await pool.close();

  const provider = createOpenAiCompatibleProvider({ name: 'bench', baseUrl: url, apiKey: 'sk-bench' });
  await measure('doGenerate', () => provider.doGenerate(REQUEST));
  await measure('doStream (6 deltas + finish)', async () => {
    for await (const _part of provider.doStream(REQUEST)) {
      // drain
    }
  });
  await provider.close();
  server.kill();
}

if (process.argv.includes('--serve')) {
  const fake = await startOpenAiFake({ record: false });
  console.log(fake.url);
} else {
  await main();
}
