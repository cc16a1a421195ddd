/**
 * Start, stop, start again: the zero-config (embedded) mode keeps its data and admin key across
 * restarts, and a graceful stop finishes in-flight requests, refuses new connections and tells
 * WebSocket clients it is going away (1001).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { print } from 'graphql';
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/infra/logger.js';
import { MeDocument, MyRolesDocument } from './generated/graphql.js';
import { graphql } from './support/graphql-client.js';
import { startTestApp } from './support/test-app.js';

async function startEmbeddedApp(dataDir: string): Promise<App> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    CAPGATE_DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Readiness here is about the store; the local models' warm-up (test/warm-start) would hold it at 503.
    CAPGATE_WARM_START: 'false',
  });
  return startApp(config, { logger: createLogger(config.logLevel) });
}

async function fileMode(file: string): Promise<number> {
  return (await stat(file)).mode & 0o777;
}

describe('embedded mode across a restart', () => {
  const temporaryDirectories: string[] = [];
  afterAll(async () => {
    for (const directory of temporaryDirectories) await rm(directory, { recursive: true, force: true });
  });

  it('keeps the data and the generated admin key (mode 0600) on the same data dir', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'capgate-lifecycle-'));
    temporaryDirectories.push(dataDir);
    const keyFile = path.join(dataDir, 'admin-key');

    const first = await startEmbeddedApp(dataDir);
    let adminKey: string;
    let keyId: string | undefined;
    try {
      expect(first.mode).toEqual({ mongo: 'embedded', redis: 'in-process' });
      expect(first.bootstrap.created).toBe(true);
      adminKey = (await readFile(keyFile, 'utf8')).trim();
      expect(adminKey).toBe(first.bootstrap.adminKey);
      expect(await fileMode(keyFile)).toBe(0o600);
      expect(await fileMode(path.join(dataDir, 'master-key'))).toBe(0o600);

      const me = await graphql(first.url, MeDocument, { key: adminKey });
      expect(me.status).toBe(200);
      expect(me.data?.me.roles).toEqual(['ADMIN']);
      keyId = me.data?.me.id;
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedApp(dataDir);
    try {
      expect(second.bootstrap.created).toBe(false);
      expect(second.bootstrap.adminKey).toBe(adminKey);
      expect((await readFile(keyFile, 'utf8')).trim()).toBe(adminKey);

      const me = await graphql(second.url, MeDocument, { key: adminKey });
      expect(me.status).toBe(200);
      expect(me.data?.me).toMatchObject({ id: keyId, roles: ['ADMIN'], team: 'admins' });

      const ready = await fetch(`${second.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: 'ready',
        mongo: 'embedded',
        redis: 'in-process',
        checks: { mongo: 'ok' },
      });
    } finally {
      await second.stop();
    }
  });
});

/** A connected graphql-transport-ws socket (connection acknowledged) and the close it receives. */
async function openAcknowledgedSocket(url: string, key: string) {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${key}` } })),
    );
    socket.on('message', (data) => {
      if ((JSON.parse(data.toString()) as { type: string }).type === 'connection_ack') resolve();
    });
    socket.once('error', reject);
  });
  return { socket, closed };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('graceful shutdown', () => {
  it('completes the request in flight, refuses new connections and closes WebSockets with 1001', async () => {
    const app = await startTestApp();
    let stopping: Promise<void> | undefined;
    try {
      const { closed } = await openAcknowledgedSocket(app.url, app.adminKey);

      // Hold a request open at the HTTP layer: headers and half the body now, the rest after stop().
      const body = Buffer.from(JSON.stringify({ query: print(MyRolesDocument) }));
      const inFlight = httpRequest(`${app.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(body.length),
          authorization: `Bearer ${app.adminKey}`,
        },
      });
      const response = new Promise<{ status: number | undefined; text: string }>((resolve, reject) => {
        inFlight.once('response', (message: IncomingMessage) => {
          let text = '';
          message.on('data', (chunk: Buffer) => (text += chunk.toString()));
          message.once('end', () => resolve({ status: message.statusCode, text }));
        });
        inFlight.once('error', reject);
      });
      const half = Math.floor(body.length / 2);
      inFlight.write(body.subarray(0, half));
      // The server sees the request once its headers arrive; give the loopback a moment.
      await new Promise((resolve) => setTimeout(resolve, 150));

      stopping = app.stop();
      let stopped = false;
      void stopping.then(() => (stopped = true));

      expect(await closed).toEqual({ code: 1001, reason: 'Going away' });
      expect(await canConnect(app.port)).toBe(false);
      expect(stopped).toBe(false); // still waiting for the request in flight

      inFlight.end(body.subarray(half));
      const answer = await response;
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).toEqual({ data: { me: { roles: ['ADMIN'] } } });

      await stopping;
      expect(await canConnect(app.port)).toBe(false);
    } finally {
      await (stopping ?? app.stop());
    }
  });
});
