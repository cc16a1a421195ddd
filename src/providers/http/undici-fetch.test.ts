import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUndiciFetch } from './undici-fetch.js';

let server: Server;
let origin: string;
const agent = new Agent();
const fetch = createUndiciFetch(agent);

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/empty') {
        response.writeHead(204).end();
        return;
      }
      if (request.url === '/hang') return;
      response.writeHead(201, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] });
      response.end(
        JSON.stringify({
          method: request.method,
          url: request.url,
          header: request.headers['x-test'],
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await agent.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('createUndiciFetch', () => {
  it('sends the method, path, query, headers and body, and returns a Response', async () => {
    const response = await fetch(`${origin}/echo?x=1`, {
      method: 'POST',
      headers: { 'x-test': 'yes', 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Created');
    expect(response.ok).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(await response.json()).toEqual({
      method: 'POST',
      url: '/echo?x=1',
      header: 'yes',
      body: '{"a":1}',
    });
  });

  it('accepts Headers objects and URL inputs', async () => {
    const response = await fetch(new URL(`${origin}/echo`), { headers: new Headers({ 'x-test': 'h' }) });
    expect(await response.json()).toMatchObject({ method: 'GET', header: 'h' });
  });

  it('gives a null body for 204', async () => {
    const response = await fetch(`${origin}/empty`);
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it('rejects with the signal reason on abort', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    setTimeout(() => controller.abort(reason), 20);
    await expect(fetch(`${origin}/hang`, { signal: controller.signal })).rejects.toBe(reason);
  });

  it('refuses Request objects', async () => {
    await expect(fetch(new Request(`${origin}/echo`))).rejects.toThrow(TypeError);
  });
});
