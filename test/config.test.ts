/**
 * Configuration: every malformed value is reported at once, secrets are never echoed, and the built
 * entry point (`node dist/main.js`) stops with exit code 2 before touching anything.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/config.js';
import { projectRoot } from '../src/infra/project-root.js';

const validMasterKey = Buffer.alloc(32, 7).toString('base64');

function problemsOf(environment: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      production: false,
      logLevel: 'info',
      dataDir: path.resolve('.data'),
      mongo: { uri: undefined, embeddedPort: 27017 },
      redisUrl: undefined,
      secrets: { masterKey: undefined, bootstrapAdminKey: undefined },
      allowedOrigins: [],
      limits: {
        maxAliases: 50,
        maxDepth: 12,
        maxTokens: 5000,
        maxCost: 5000,
        maxValidationErrors: 10,
        bodyLimitBytes: 10 * 1024 * 1024,
      },
      shutdownTimeoutMs: 10_000,
      oidc: undefined,
      tracing: { enabled: false, otlpEndpoint: undefined },
    });
  });

  it('returns a frozen object, all the way down', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.limits)).toBe(true);
    expect(Object.isFrozen(config.allowedOrigins)).toBe(true);
  });

  it('reads real values, treating blank ones as unset', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      MONGODB_URI: 'mongodb://db.internal:27017/capgate',
      REDIS_URL: 'redis://cache.internal:6379',
      CAPGATE_MASTER_KEY: validMasterKey,
      CAPGATE_BOOTSTRAP_ADMIN_KEY: '   ',
      NODE_ENV: 'production',
      CAPGATE_ALLOWED_ORIGINS: 'https://a.example, https://b.example',
      CAPGATE_OIDC_ISSUER: 'https://issuer.example',
      CAPGATE_OIDC_AUDIENCE: 'capgate',
      CAPGATE_OIDC_JWKS_URL: 'https://issuer.example/.well-known/jwks.json',
      CAPGATE_TRACING: 'yes',
    });
    expect(config.port).toBe(8080);
    expect(config.production).toBe(true);
    expect(config.secrets.bootstrapAdminKey).toBeUndefined();
    expect(config.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.oidc).toMatchObject({ issuer: 'https://issuer.example', teamClaim: 'capgate_team' });
    expect(config.tracing.enabled).toBe(true);
  });

  it('offers the console SSO only with OIDC configured, with default scopes', () => {
    const oidc = {
      CAPGATE_OIDC_ISSUER: 'https://issuer.example',
      CAPGATE_OIDC_AUDIENCE: 'capgate',
      CAPGATE_OIDC_JWKS_URL: 'https://issuer.example/jwks',
    };
    expect(loadConfig(oidc).oidc?.console).toBeUndefined();
    expect(loadConfig({ ...oidc, CAPGATE_CONSOLE_OIDC_CLIENT_ID: ' console ' }).oidc?.console).toEqual({
      clientId: 'console',
      scopes: 'openid profile email',
    });
    expect(
      loadConfig({ ...oidc, CAPGATE_CONSOLE_OIDC_CLIENT_ID: 'c', CAPGATE_CONSOLE_OIDC_SCOPES: 'openid api' })
        .oidc?.console?.scopes,
    ).toBe('openid api');
    expect(problemsOf({ CAPGATE_CONSOLE_OIDC_CLIENT_ID: 'console' }).join('\n')).toMatch(
      /^CAPGATE_CONSOLE_OIDC_CLIENT_ID: needs OIDC/m,
    );
  });

  it('names every malformed value in one ConfigError, including cross-field rules', () => {
    const problems = problemsOf({
      PORT: 'abc',
      REDIS_URL: 'http://x',
      CAPGATE_MASTER_KEY: 'short',
      LOG_LEVEL: 'loud',
      CAPGATE_OIDC_ISSUER: 'https://issuer.example',
    });
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/^PORT: .*"abc"/m);
    expect(problems.join('\n')).toMatch(/^REDIS_URL: must be a URL starting with redis:\/\/ or rediss:\/\//m);
    expect(problems.join('\n')).toMatch(/^CAPGATE_MASTER_KEY: must be 32 bytes encoded as base64/m);
    expect(problems.join('\n')).toMatch(/^LOG_LEVEL: .*"loud"/m);
    expect(problems.join('\n')).toMatch(
      /CAPGATE_OIDC_ISSUER, CAPGATE_OIDC_AUDIENCE and CAPGATE_OIDC_JWKS_URL/,
    );
  });

  it('puts every problem in the error message, one per line', () => {
    try {
      loadConfig({ PORT: '70000', CAPGATE_MAX_DEPTH: '0' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(
        /^Invalid configuration:\n {2}- PORT: .*\n {2}- CAPGATE_MAX_DEPTH: /,
      );
    }
  });

  it('requires CAPGATE_MASTER_KEY when MONGODB_URI is set', () => {
    expect(problemsOf({ MONGODB_URI: 'mongodb://db.internal/capgate' })).toEqual([
      expect.stringMatching(/^CAPGATE_MASTER_KEY: required when MONGODB_URI is set/),
    ]);
  });

  it('never echoes secret values', () => {
    const secrets = {
      MONGODB_URI: 'postgres://admin:mongo-password-1@db/x',
      REDIS_URL: 'http://:redis-password-2@cache',
      CAPGATE_MASTER_KEY: 'master-key-3',
      CAPGATE_BOOTSTRAP_ADMIN_KEY: 'admin-key-4',
      CAPGATE_OIDC_JWKS_URL: 'ftp://jwks-5',
    };
    const problems = problemsOf({ ...secrets, CAPGATE_OIDC_ISSUER: 'x', CAPGATE_OIDC_AUDIENCE: 'y' });
    expect(problems).toHaveLength(5);
    for (const value of Object.values(secrets)) expect(problems.join('\n')).not.toContain(value);
    expect(problems.join('\n')).not.toMatch(/password|master-key-3|admin-key-4|jwks-5/);
  });
});

describe('the documented configuration', () => {
  const root = projectRoot();

  async function variablesOfTheSchema(): Promise<string[]> {
    const source = await readFile(path.join(root, 'src/config/config.ts'), 'utf8');
    const schema = /const environmentSchema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(source)?.[1] ?? '';
    return [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((match) => match[1]!);
  }

  async function exampleEnvironment(): Promise<Record<string, string>> {
    const text = await readFile(path.join(root, '.env.example'), 'utf8');
    const pairs = text
      .split('\n')
      .map((line) => /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line))
      .filter((match) => match !== null)
      .map((match) => [match[1]!, match[2]!] as const);
    return Object.fromEntries(pairs);
  }

  it('lists every variable in .env.example, and nothing else', async () => {
    const variables = await variablesOfTheSchema();
    expect(variables.length).toBeGreaterThan(20);
    expect(Object.keys(await exampleEnvironment()).sort()).toEqual([...variables].sort());
  });

  it('has a .env.example that loads as a valid configuration with the documented defaults', async () => {
    const config = loadConfig(await exampleEnvironment());
    expect(config).toEqual(loadConfig({ NODE_ENV: 'development' }));
  });

  it('documents every variable in the README configuration table', async () => {
    const readme = await readFile(path.join(root, 'README.md'), 'utf8');
    for (const variable of await variablesOfTheSchema()) {
      expect(readme, variable).toMatch(new RegExp(`^\\| \`${variable}\` +\\|`, 'm'));
    }
  });
});

describe('the built entry point, node dist/main.js', () => {
  const root = projectRoot();

  beforeAll(async () => {
    // Compile the entry point as `npm run build` does. Type errors elsewhere are the typecheck's
    // business; this test needs only the emitted JavaScript.
    await run(
      process.execPath,
      [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: root,
        env: process.env,
      },
    );
    expect(existsSync(path.join(root, 'dist/main.js'))).toBe(true);
  }, 180_000);

  it('exits with code 2 and a stderr naming every problem, without echoing secrets', async () => {
    const environment = {
      ...toolchainEnvironment(),
      PORT: 'abc',
      REDIS_URL: 'http://:redis-password-2@x',
      CAPGATE_MASTER_KEY: 'short-master-key-3',
      LOG_LEVEL: 'loud',
      CAPGATE_OIDC_ISSUER: 'https://issuer.example',
      MONGODB_URI: 'mongodb://admin:mongo-password-1@db.internal:27017/capgate',
      CAPGATE_BOOTSTRAP_ADMIN_KEY: 'short-admin-4',
    };
    const result = await run(process.execPath, ['dist/main.js'], {
      cwd: root,
      env: environment,
      timeoutMs: 30_000,
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    for (const name of [
      'PORT',
      'REDIS_URL',
      'CAPGATE_MASTER_KEY',
      'LOG_LEVEL',
      'CAPGATE_OIDC_ISSUER',
      'CAPGATE_BOOTSTRAP_ADMIN_KEY',
    ]) {
      expect(result.stderr).toContain(`- ${name}`);
    }
    for (const secret of ['redis-password-2', 'short-master-key-3', 'mongo-password-1', 'short-admin-4']) {
      expect(result.stderr).not.toContain(secret);
    }
  });

  it('starts in embedded mode: prints the URL and the admin key, serves, and exits 0 soon after SIGTERM', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'capgate-main-'));
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: root,
      env: { ...toolchainEnvironment(), PORT: '0', CAPGATE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const started = Date.now();
      while (!/Admin API key.*: (\S+)/.test(stdout)) {
        if (Date.now() - started > 60_000 || child.exitCode !== null)
          throw new Error(`did not start:\n${stdout}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      const adminKey = /Admin API key \(new, shown once\): (\S+)/.exec(stdout)?.[1];
      expect(adminKey).toBe((await readFile(path.join(dataDir, 'admin-key'), 'utf8')).trim());
      expect((await fetch(`${url}/healthz`)).status).toBe(200);

      const stopping = Date.now();
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(Date.now() - stopping).toBeLessThan(10_000);
    } finally {
      child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

/** PATH, HOME and Go's variables (the engine may need building) — and nothing of Capgate's. */
function toolchainEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => name === 'PATH' || name === 'HOME' || name.startsWith('GO'),
    ),
  );
}

function run(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
