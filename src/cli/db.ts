/**
 * `npm run db`: the embedded MongoDB-compatible engine (FerretDB on SQLite) alone, in the foreground,
 * so that several Capgate instances can share one database. Listens on `CAPGATE_DB_PORT` (27017) with
 * its files under `CAPGATE_DATA_DIR`; prints exactly one line, `MONGODB_URI=…`, on stdout once it
 * answers (progress and errors go to stderr), and stops cleanly on SIGINT/SIGTERM.
 */
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { startEmbeddedEngine } from '../infra/embedded-engine.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }

  const engine = await startEmbeddedEngine({
    dataDir: config.dataDir,
    port: config.mongo.embeddedPort,
    onProgress: (message) => process.stderr.write(`${message}\n`),
  });

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: stopping the embedded engine…\n`);
    engine.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Stopping the embedded engine failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  // Ctrl+C in a terminal signals the whole process group, so the engine may stop before we do.
  void engine.exited.then((code) => {
    if (stopping) return;
    process.stderr.write(
      code === 0
        ? 'The embedded engine stopped.\n'
        : `The embedded engine exited unexpectedly (code ${code}).\n`,
    );
    process.exit(code === 0 ? 0 : 1);
  });

  process.stdout.write(`MONGODB_URI=${engine.baseUri}capgate\n`);
  process.stderr.write(`Embedded engine ready; data in ${config.dataDir}. Ctrl+C stops it.\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `capgate db failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
