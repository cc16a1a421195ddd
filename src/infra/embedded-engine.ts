/**
 * The zero-config database: FerretDB (MongoDB wire protocol) on SQLite, run by our small Go program in
 * `tools/ferretdb/`. The binary is built on demand with the machine's Go toolchain, cached under
 * `tools/ferretdb/bin/` by a hash of its sources, spawned on a loopback port and stopped with us.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  chmod,
  copyFile,
  cp,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pingMongo } from '../store/connection.js';
import { projectRoot } from './project-root.js';

export interface EmbeddedEngine {
  /** `mongodb://127.0.0.1:<port>/` — append a database name. */
  readonly baseUri: string;
  readonly pid: number | undefined;
  /** Settles with the exit code when the engine process ends, whether stopped or crashed. */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

export interface EmbeddedEngineOptions {
  /** SQLite files go to `<dataDir>/db`. */
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Progress lines while building (first start only). */
  onProgress?: (message: string) => void;
}

export class EngineUnavailableError extends Error {
  override name = 'EngineUnavailableError';
}

const sourceFiles = ['main.go', 'go.mod', 'go.sum'];
/**
 * Files that replace the same path in the FerretDB module at build time (a patched copy); why
 * each exists is in `tools/ferretdb/patches/README.md`. Part of the hash that names the binary.
 */
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
const patchFiles = ['internal/backends/sqlite/metadata/metadata.go'];
const patchPath = (file: string) => path.join('patches', 'FerretDB', file);

function toolDirectory(): string {
  return path.join(projectRoot(), 'tools', 'ferretdb');
}

async function sourceHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of [...sourceFiles, ...patchFiles.map(patchPath)])
    hash.update(await readFile(path.join(toolDirectory(), file)));
  return hash.digest('hex').slice(0, 16);
}

function findGo(): string | undefined {
  const candidates = [
    ...(process.env.PATH ?? '').split(path.delimiter).map((directory) => path.join(directory, 'go')),
    process.env.GOROOT ? path.join(process.env.GOROOT, 'bin', 'go') : '',
    '/usr/local/go/bin/go',
    '/usr/lib/go/bin/go',
  ];
  return candidates.find((candidate) => candidate !== '' && existsSync(candidate));
}

/** Returns the path of the engine binary, building it first when its sources changed. */
export async function ensureEngineBinary(onProgress: (message: string) => void = () => {}): Promise<string> {
  const binDirectory = path.join(toolDirectory(), 'bin');
  const binary = path.join(binDirectory, `capgate-ferretdb-${await sourceHash()}`);
  if (existsSync(binary)) return binary;

  const go = findGo();
  if (!go) {
    throw new EngineUnavailableError(
      'The embedded database needs the Go toolchain to build FerretDB once, and `go` was not found.\n' +
        'Either install Go (https://go.dev/dl, 1.24 or newer), or point Capgate at a MongoDB server with\n' +
        'MONGODB_URI=mongodb://…, or run `docker compose up` to start MongoDB, Redis and Capgate together.',
    );
  }
  await mkdir(binDirectory, { recursive: true });
  const lockPath = `${binary}.lock`;
  const lock = await acquireLock(lockPath);
  try {
    if (existsSync(binary)) return binary;
    onProgress('Building the embedded MongoDB-compatible engine (FerretDB on SQLite); first start only…');
    const temporary = `${binary}.${process.pid}.tmp`;
    await runBuild(go, temporary, onProgress);
    await rename(temporary, binary);
    onProgress('Embedded engine built.');
    return binary;
  } finally {
    await lock.release();
  }
}

async function runBuild(go: string, output: string, onProgress: (message: string) => void): Promise<void> {
  const started = Date.now();
  const ticker = setInterval(
    () => onProgress(`  …still building (${Math.round((Date.now() - started) / 1000)} s)`),
    10_000,
  );
  try {
    // A copy of the FerretDB module (downloaded first if need be) with our patches applied, used
    // through a `replace` in a build-only copy of go.mod (`-modfile`): the module cache is read-only.
    const moduleDirectory = (await runGo(go, ['list', '-m', '-f', '{{.Dir}}', FERRETDB_MODULE])).trim();
    const work = `${output}.src`;
    await rm(work, { recursive: true, force: true });
    try {
      const patched = path.join(work, 'FerretDB');
      await cp(moduleDirectory, patched, { recursive: true });
      await chmod(patched, 0o755);
      for (const entry of await readdir(patched, { recursive: true, withFileTypes: true })) {
        await chmod(path.join(entry.parentPath, entry.name), entry.isDirectory() ? 0o755 : 0o644);
      }
      for (const file of patchFiles) {
        await copyFile(path.join(toolDirectory(), patchPath(file)), path.join(patched, file));
      }
      const goMod = await readFile(path.join(toolDirectory(), 'go.mod'), 'utf8');
      await writeFile(path.join(work, 'build.mod'), `${goMod}\nreplace ${FERRETDB_MODULE} => ${patched}\n`);
      await copyFile(path.join(toolDirectory(), 'go.sum'), path.join(work, 'build.sum'));
      await runGo(go, ['build', '-trimpath', '-modfile', path.join(work, 'build.mod'), '-o', output, '.']);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  } finally {
    clearInterval(ticker);
  }
}

function runGo(go: string, args: string[]): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(go, args, {
      cwd: toolDirectory(),
      env: { ...process.env, CGO_ENABLED: process.env.CGO_ENABLED ?? '0', GOFLAGS: '-mod=mod' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      log += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(stdout);
      else
        reject(
          new EngineUnavailableError(
            `Building the embedded engine failed (go ${args[0]} exit ${code}):\n${log.slice(-4000)}`,
          ),
        );
    });
  });
}

async function acquireLock(lockPath: string): Promise<{ release(): Promise<void> }> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.write(String(process.pid));
      await handle.close();
      return { release: () => rm(lockPath, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than the longest build is stale (a killed build).
      const info = await stat(lockPath).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > 15 * 60_000) await rm(lockPath, { force: true });
      if (Date.now() > deadline) throw new EngineUnavailableError(`Timed out waiting for ${lockPath}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** Builds (if needed), spawns and pings the engine. */
export async function startEmbeddedEngine(options: EmbeddedEngineOptions): Promise<EmbeddedEngine> {
  const binary = await ensureEngineBinary(options.onProgress);
  const databaseDirectory = path.join(options.dataDir, 'db');
  await mkdir(databaseDirectory, { recursive: true, mode: 0o700 });
  const child = spawn(
    binary,
    ['-data-dir', databaseDirectory, '-listen', `127.0.0.1:${options.port ?? 0}`, '-watch-stdin'],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const baseUri = await readUri(child);
  await ping(baseUri);
  let exited = child.exitCode !== null;
  const exit = new Promise<number | null>((resolve) => {
    if (exited) resolve(child.exitCode);
    else child.once('exit', (code) => ((exited = true), resolve(code)));
  });
  return {
    baseUri,
    pid: child.pid,
    exited: exit,
    async stop() {
      if (exited) return;
      child.stdin?.end();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exit;
      clearTimeout(timer);
    },
  };
}

function readUri(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let errorOutput = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      errorOutput = (errorOutput + chunk.toString()).slice(-4000);
    });
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new EngineUnavailableError('The embedded engine did not start within 30 s'));
    }, 30_000);
    lines.on('line', (line) => {
      const match = /^MONGODB_URI=(mongodb:\/\/[^/]+\/)/.exec(line.trim());
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        new EngineUnavailableError(`The embedded engine exited with code ${code}: ${errorOutput.trim()}`),
      );
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

async function ping(baseUri: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      await pingMongo(`${baseUri}admin`, 2000);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
