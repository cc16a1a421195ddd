/**
 * Starts a real Capgate instance for a test: on a free port, against the shared test engine (a fresh
 * database per instance unless one is given) and, when asked, real Redis.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/infra/logger.js';
import type { ProviderKindMap } from '../../src/providers/provider-kinds.js';

export interface TestApp extends App {
  adminKey: string;
  database: string;
  dataDir: string;
  masterKey: string;
}

export interface TestAppOptions {
  /** Share a database (and master key) with another instance. */
  database?: string;
  masterKey?: string;
  redis?: boolean;
  /** Redis key namespace so parallel test files do not meet. */
  redisPrefix?: string;
  env?: Record<string, string>;
  /** The provider-kind map (default: the built-in kinds). */
  providerKinds?: ProviderKindMap;
}

export function uniqueDatabaseName(): string {
  return `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

export function mongoUriFor(database: string): string {
  return `${inject('mongoBaseUri')}${database}${inject('mongoQuery')}`;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? uniqueDatabaseName();
  const masterKey = options.masterKey ?? randomBytes(32).toString('base64');
  const adminKey = `cg_test_admin_${randomUUID().replace(/-/g, '')}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'capgate-test-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    MONGODB_URI: mongoUriFor(database),
    CAPGATE_MASTER_KEY: masterKey,
    CAPGATE_BOOTSTRAP_ADMIN_KEY: adminKey,
    CAPGATE_DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    CAPGATE_USAGE_FLUSH_MS: '100',
    // Loading the local models (140 MB of word vectors) in every test app would starve the suite.
    CAPGATE_WARM_START: 'false',
    ...(options.redis ? { REDIS_URL: inject('redisUrl') } : {}),
    ...options.env,
  });
  const app = await startApp(config, {
    logger: createLogger(config.logLevel),
    ...(options.providerKinds ? { providerKinds: options.providerKinds } : {}),
  });
  return Object.assign(app, { adminKey, database, dataDir, masterKey });
}
