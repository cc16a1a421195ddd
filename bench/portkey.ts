/**
 * The peer: the open-source Portkey AI Gateway (`@portkey-ai/gateway`, pinned), installed by the
 * harness into `bench/.scratch/` — never a project dependency — and started headless. Its server
 * listens on every interface by default; a tiny preload pins `listen` to 127.0.0.1.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startProcess, waitForHttp, type Spawned } from './processes.js';

export const PORTKEY_VERSION = '1.15.2';

const LOOPBACK_PRELOAD = `import net from 'node:net';
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number') {
    if (args.length === 1 || typeof args[1] === 'function') args.splice(1, 0, '127.0.0.1');
    else if (args[1] === undefined || args[1] === null || args[1] === '0.0.0.0' || args[1] === '::') args[1] = '127.0.0.1';
  }
  if (typeof args[0] === 'object' && args[0] !== null && !('path' in args[0])) args[0] = { ...args[0], host: '127.0.0.1' };
  return listen.apply(this, args);
};
`;

export async function installPortkey(scratch: string): Promise<string> {
  const entry = path.join(scratch, 'node_modules/@portkey-ai/gateway/build/start-server.js');
  const packageJson = path.join(scratch, 'node_modules/@portkey-ai/gateway/package.json');
  await mkdir(scratch, { recursive: true });
  const installed = existsSync(packageJson)
    ? ((await import(packageJson, { with: { type: 'json' } })) as { default: { version: string } }).default
        .version
    : undefined;
  if (installed !== PORTKEY_VERSION) {
    await writeFile(path.join(scratch, 'package.json'), '{ "name": "bench-scratch", "private": true }\n');
    const npm = startProcess(
      'npm',
      [
        'install',
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--prefix',
        scratch,
        `@portkey-ai/gateway@${PORTKEY_VERSION}`,
      ],
      { cwd: scratch },
    );
    const code = await new Promise<number | null>((resolve) => npm.child.once('exit', resolve));
    if (code !== 0) throw new Error(`npm install of the Portkey gateway failed:\n${npm.output()}`);
  }
  await writeFile(path.join(scratch, 'loopback.mjs'), LOOPBACK_PRELOAD);
  return entry;
}

export async function startPortkey(scratch: string, port: number): Promise<Spawned> {
  const entry = await installPortkey(scratch);
  const portkey = startProcess(
    process.execPath,
    ['--import', './loopback.mjs', entry, `--port=${port}`, '--headless'],
    {
      cwd: scratch,
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  await waitForHttp(`http://127.0.0.1:${port}/`, 30_000);
  return portkey;
}

/** The header that routes a Portkey request to the mock as an OpenAI provider. */
export function portkeyConfigHeader(mockPort: number): string {
  return JSON.stringify({
    provider: 'openai',
    api_key: 'sk-mock',
    custom_host: `http://127.0.0.1:${mockPort}/v1`,
  });
}
