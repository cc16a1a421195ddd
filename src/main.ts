/**
 * `npm start`: loads the configuration, starts Capgate, prints where it listens and the admin key,
 * and shuts down gracefully on SIGTERM/SIGINT.
 */
import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { loadConfig, ConfigError } from './config/config.js';
import { startApp } from './app.js';
import { createLogger } from './infra/logger.js';

/**
 * V8 sizes the old generation after each full GC as live size × a growing factor that reaches 4× on
 * a machine with a large heap limit; under load, short-lived request objects that outlive two
 * scavenges (50 requests in flight) pile up in old space until that limit, so RSS grew from ~400 to
 * ~1,100 MiB although a full GC brings the heap back to ~150 MiB (bench/optimizations.md, "Memory").
 * A 30 % growth step keeps the garbage bounded; V8 reads the flag whenever it recomputes the limit,
 * so setting it at start works. An operator's own `--heap-growing-percent` or
 * `--max-old-space-size` (command line or NODE_OPTIONS) wins.
 */
function boundHeapGrowth(): void {
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  if (/heap[-_]growing[-_]percent|max[-_]old[-_]space[-_]size/.test(given)) return;
  setFlagsFromString('--heap-growing-percent=30');
}

async function main(): Promise<void> {
  boundHeapGrowth();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const app = await startApp(config, { logger });
  const lines = [
    '',
    `Capgate is listening on ${app.url}`,
    `  Console (sign in with the admin key): ${app.url}/console/`,
    `  GraphQL (HTTP and WebSocket): ${app.url}/graphql`,
    `  OpenAI-compatible:            ${app.url}/v1`,
    `  Health: ${app.url}/healthz   Ready: ${app.url}/readyz   Metrics: ${app.url}/metrics`,
    `  MongoDB: ${app.mode.mongo}${app.mode.mongo === 'embedded' ? ` (FerretDB on SQLite in ${config.dataDir})` : ''}   Redis: ${app.mode.redis}`,
  ];
  if (config.secrets.bootstrapAdminKey) {
    lines.push('  Admin API key: the value of CAPGATE_BOOTSTRAP_ADMIN_KEY');
  } else if (app.bootstrap.created && app.bootstrap.adminKey) {
    // Printed once, when it is issued; later starts only say where it is.
    lines.push(`  Admin API key (new, shown once): ${app.bootstrap.adminKey}`);
    if (app.bootstrap.adminKeyFile)
      lines.push(`  (also written to ${app.bootstrap.adminKeyFile}, mode 0600)`);
  } else if (app.bootstrap.adminKeyFile) {
    lines.push(`  Admin API key: in ${app.bootstrap.adminKeyFile}`);
  } else {
    lines.push('  Admin API key: issued on the first start (only its hash is stored)');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs + 10_000);
    timer.unref();
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Capgate failed to start: ${message}\n`);
  process.exit(1);
});
