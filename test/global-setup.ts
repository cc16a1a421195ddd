/**
 * Runs once per test run: builds and starts the embedded engine (unless MONGODB_URI points at a
 * server), checks Redis, and provides both to every test file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { TestProject } from 'vitest/node';
import { startEmbeddedEngine, type EmbeddedEngine } from '../src/infra/embedded-engine.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoBaseUri: string;
    mongoQuery: string;
    redisUrl: string;
    engineDataDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The GraphiQL IDE is a browser bundle made by `npm run build`; the IDE tests need it.
  if (!existsSync(path.join(process.cwd(), 'dist', 'ide', 'graphiql.js'))) {
    execFileSync('npm', ['run', '--silent', 'build:ide'], { stdio: 'inherit' });
  }
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`The tests need Redis at ${redisUrl} (set REDIS_URL): ${(error as Error).message}`);
  } finally {
    redis.disconnect();
  }

  let engine: EmbeddedEngine | undefined;
  let dataDir = '';
  let baseUri: string;
  let query = '';
  if (process.env.MONGODB_URI) {
    // Tests create their own databases on that server: keep the server part and any options.
    const url = new URL(process.env.MONGODB_URI);
    query = url.search;
    url.pathname = '/';
    url.search = '';
    baseUri = url.toString();
  } else {
    dataDir = await mkdtemp(path.join(tmpdir(), 'capgate-test-engine-'));
    engine = await startEmbeddedEngine({
      dataDir,
      onProgress: (message) => process.stderr.write(`${message}\n`),
    });
    baseUri = engine.baseUri;
  }
  project.provide('mongoBaseUri', baseUri);
  project.provide('mongoQuery', query);
  project.provide('redisUrl', redisUrl);
  project.provide('engineDataDir', dataDir);

  return async () => {
    await engine?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
