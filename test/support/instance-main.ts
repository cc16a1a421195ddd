/**
 * A Capgate instance in a child process, for tests and the soak that kill it (SIGKILL) or stop it
 * (SIGTERM). Configured by the environment like `npm start`; prints `CAPGATE_READY <url>` once it
 * serves. Run with `node --import @swc-node/register/esm-register test/support/instance-main.ts`.
 */
import 'reflect-metadata';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/infra/logger.js';

const config = loadConfig();
const app = await startApp(config, { logger: createLogger(config.logLevel) });
if (app.engine) process.stdout.write(`CAPGATE_ENGINE ${app.engine.baseUri}\n`);
process.stdout.write(`CAPGATE_READY ${app.url}\n`);
let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  void app.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});

// The soak's probe: on SIGUSR2, print the event loop's delay since the last probe (p50, p99, max in
// ms), then collect garbage and print the heap in use and the RSS.
if (process.env.SOAK_HEAP_PROBE === '1') {
  const { setFlagsFromString } = await import('node:v8');
  const { runInNewContext } = await import('node:vm');
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  process.on('SIGUSR2', () => {
    const lag = [delay.percentile(50), delay.percentile(99), delay.max].map((ns) => (ns / 1e6).toFixed(1));
    gc();
    const { heapUsed, rss } = process.memoryUsage();
    process.stdout.write(`CAPGATE_HEAP ${Date.now()} ${heapUsed} ${rss} ${lag.join(' ')}\n`);
    delay.reset();
  });
}
