/**
 * The embedded engine is supervised: killed with SIGKILL, it is restarted (and the restart logged);
 * while it is down `/readyz` says 503 and requests that need the database get a typed, retryable
 * error instead of hanging; once it is back, the same instance serves again; and shutting down with a
 * dead engine completes.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { graphql } from './support/graphql-client.js';
import { waitFor } from './governance-fixtures.js';

describe('embedded engine supervision', () => {
  const logs: Array<{ msg?: string; level?: number }> = [];
  let app: App;
  let dataDir: string;
  const adminKey = `cg_test_admin_${randomUUID().replace(/-/g, '')}`;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'capgate-engine-'));
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      CAPGATE_MASTER_KEY: randomBytes(32).toString('base64'),
      CAPGATE_BOOTSTRAP_ADMIN_KEY: adminKey,
      CAPGATE_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      CAPGATE_USAGE_FLUSH_MS: '100',
      // Readiness here is about the store; the local models' warm-up (test/warm-start) would hold it at 503.
      CAPGATE_WARM_START: 'false',
    });
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n'))
          if (line.trim()) logs.push(JSON.parse(line) as { msg?: string });
        done();
      },
    });
    // A long first backoff keeps the engine down long enough to observe the outage.
    app = await startApp(config, { logger: pino({ level: 'info' }, sink), engineRestartBackoffMs: 3000 });
  });
  afterAll(async () => {
    await app?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const readyz = async () => {
    const response = await fetch(`${app.url}/readyz`);
    return { status: response.status, body: (await response.json()) as { checks: Record<string, string> } };
  };

  it('restarts a killed engine; meanwhile readiness is false and requests fail with a typed error', async () => {
    expect(app.mode.mongo).toBe('embedded');
    expect((await readyz()).status).toBe(200);
    const pid = app.engine!.pid!;
    process.kill(pid, 'SIGKILL');
    await waitFor(() => (app.engine!.isUp() ? undefined : true));

    const down = await readyz();
    expect(down.status).toBe(503);
    expect(down.body.checks.mongo).toBe('unreachable');

    // An unknown key is not cached: authenticating it needs the database.
    const refused = await graphql(app.url, '{ me { id } }', { key: `cg_${randomUUID().replace(/-/g, '')}` });
    expect(refused.status).toBe(503);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      reason: 'STORE_UNAVAILABLE',
      retryable: true,
    });

    await waitFor(async () => ((await readyz()).status === 200 ? true : undefined), 20_000);
    expect(app.engine!.pid).not.toBe(pid);
    expect(app.engine!.restarts).toBe(1);
    expect(logs.some((line) => line.msg === 'embedded engine exited unexpectedly; restarting it')).toBe(true);
    expect(logs.some((line) => line.msg === 'embedded engine restarted')).toBe(true);

    // The same instance serves again, reading the database (a key it never saw).
    const served = await waitFor(async () => {
      const response = await graphql<{ apiKeys: { edges: unknown[] } }>(
        app.url,
        '{ apiKeys { edges { node { id } } } }',
        { key: adminKey },
      );
      return response.data ? response : undefined;
    }, 10_000);
    expect(served.data?.apiKeys.edges.length).toBeGreaterThan(0);
  });

  it('shuts down while the engine is dead, and does not start it again', async () => {
    process.kill(app.engine!.pid!, 'SIGKILL');
    await waitFor(() => (app.engine!.isUp() ? undefined : true));
    await app.stop();
    expect(app.engine!.isUp()).toBe(false);
    expect(app.engine!.pid).toBeUndefined();
  });
});
