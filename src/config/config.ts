/**
 * The only module that reads `process.env`. Every variable is validated with zod at start; a
 * malformed value stops the process with one message that names every problem. The result is frozen
 * and handed down in slices (`config.limits`, `config.auth`, …).
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import {
  readTrustedDocumentManifests,
  type TrustedDocumentsMode,
} from '../graphql/persisted-queries/trusted-documents.js';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const booleanFlag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
    .optional()
    .transform((value) => (value === undefined ? fallback : ['true', '1', 'yes', 'on'].includes(value)));

/** A flag whose default depends on other settings (e.g. on outside production). */
const optionalFlag = z
  .preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off']).optional(),
  )
  .transform((value) => (value === undefined ? undefined : ['true', '1', 'yes', 'on'].includes(value)));

const urlWithProtocols = (protocols: string[]) =>
  optionalString.refine(
    (value) => {
      if (value === undefined) return true;
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

const masterKey = optionalString.refine(
  (value) => value === undefined || Buffer.from(value, 'base64').length === 32,
  { message: 'must be 32 bytes encoded as base64 (e.g. `openssl rand -base64 32`)' },
);

const environmentSchema = z.object({
  PORT: port(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  MONGODB_URI: urlWithProtocols(['mongodb:', 'mongodb+srv:']),
  REDIS_URL: urlWithProtocols(['redis:', 'rediss:']),
  CAPGATE_DATA_DIR: z.string().min(1).default('.data'),
  CAPGATE_DB_PORT: port(27017),
  CAPGATE_MASTER_KEY: masterKey,
  CAPGATE_BOOTSTRAP_ADMIN_KEY: optionalString.refine(
    (value) => value === undefined || (value.startsWith('cg_') && value.length >= 23),
    { message: 'must start with "cg_" (API keys do) and be at least 20 characters after it' },
  ),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
  CAPGATE_ALLOWED_ORIGINS: optionalString,
  CAPGATE_MAX_ALIASES: positiveInt(50),
  CAPGATE_MAX_DEPTH: positiveInt(12),
  CAPGATE_MAX_TOKENS: positiveInt(5000),
  CAPGATE_MAX_COST: positiveInt(5000),
  CAPGATE_MAX_VALIDATION_ERRORS: positiveInt(10),
  CAPGATE_BODY_LIMIT_BYTES: positiveInt(10 * 1024 * 1024),
  CAPGATE_SHUTDOWN_TIMEOUT_MS: positiveInt(10_000),
  CAPGATE_USAGE_RETENTION_DAYS: positiveInt(90),
  CAPGATE_USAGE_FLUSH_MS: positiveInt(1000),
  CAPGATE_USAGE_CLAIM_IDLE_MS: positiveInt(30_000),
  CAPGATE_RUN_RETENTION_DAYS: positiveInt(30),
  CAPGATE_RUN_LEASE_MS: positiveInt(10_000),
  CAPGATE_WORKFLOW_LOCK_MS: positiveInt(30_000),
  CAPGATE_WORKFLOW_CONCURRENCY: positiveInt(8),
  CAPGATE_CONVERSATION_RETENTION_DAYS: positiveInt(30),
  CAPGATE_CONVERSATION_MAX_TURNS: positiveInt(500),
  CAPGATE_CONVERSATION_MAX_BYTES: positiveInt(2_000_000),
  CAPGATE_PROVIDER_MAX_IN_FLIGHT: positiveInt(64),
  CAPGATE_LOCAL_WORKERS: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.coerce.number().int().min(0).max(256).optional(),
  ),
  CAPGATE_LOCAL_WORKER_MIN_CHARS: z.coerce.number().int().min(0).default(10_000),
  CAPGATE_WARM_START: optionalFlag,
  CAPGATE_WORD_VECTORS_CACHE_DIR: optionalString,
  CAPGATE_OIDC_ISSUER: optionalString,
  CAPGATE_OIDC_AUDIENCE: optionalString,
  CAPGATE_OIDC_JWKS_URL: urlWithProtocols(['http:', 'https:']),
  CAPGATE_OIDC_TEAM_CLAIM: z.string().default('capgate_team'),
  CAPGATE_OIDC_ROLES_CLAIM: z.string().default('capgate_roles'),
  CAPGATE_CONSOLE_OIDC_CLIENT_ID: optionalString,
  CAPGATE_CONSOLE_OIDC_SCOPES: z
    .string()
    .default('openid profile email')
    .transform((value) => value.trim() || 'openid profile email'),
  CAPGATE_TRACING: booleanFlag(false),
  CAPGATE_INTROSPECTION: optionalFlag,
  CAPGATE_IDE: optionalFlag,
  CAPGATE_TRUSTED_DOCUMENTS: z
    .preprocess(
      (value) => (typeof value === 'string' ? value.trim().toLowerCase() || undefined : value),
      z.enum(['off', 'false', 'allow-listed', 'true', 'log']).default('off'),
    )
    .transform((value): TrustedDocumentsMode =>
      value === 'true' ? 'allow-listed' : value === 'false' ? 'off' : value,
    ),
  CAPGATE_TRUSTED_DOCUMENTS_MANIFEST: optionalString,
  CAPGATE_TRUSTED_DOCUMENTS_EXEMPT_ADMINS: booleanFlag(true),
  CAPGATE_METRICS_TOKEN: optionalString.refine((value) => value === undefined || value.length >= 16, {
    message: 'must be at least 16 characters (it is a bearer secret)',
  }),
  OTEL_EXPORTER_OTLP_ENDPOINT: urlWithProtocols(['http:', 'https:']),
});

export type LogLevel = (typeof logLevels)[number];

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly production: boolean;
  readonly logLevel: LogLevel;
  readonly dataDir: string;
  readonly mongo: { readonly uri: string | undefined; readonly embeddedPort: number };
  readonly redisUrl: string | undefined;
  readonly secrets: {
    readonly masterKey: string | undefined;
    readonly bootstrapAdminKey: string | undefined;
  };
  /** Exact origins allowed for browser requests and WebSocket upgrades; empty = same-origin / non-browser only. */
  readonly allowedOrigins: readonly string[];
  readonly limits: {
    readonly maxAliases: number;
    readonly maxDepth: number;
    readonly maxTokens: number;
    readonly maxCost: number;
    readonly maxValidationErrors: number;
    readonly bodyLimitBytes: number;
  };
  readonly shutdownTimeoutMs: number;
  /** Calls in flight per provider before further calls queue (then fall back): a slow provider cannot exhaust the process. */
  readonly providerMaxInFlight: number;
  readonly usage: {
    readonly retentionDays: number;
    readonly flushIntervalMs: number;
    /** With Redis: usage records another instance read but left unwritten this long are taken over. */
    readonly claimIdleMs: number;
  };
  /**
   * Local models' work on inputs of at least `minCharacters` runs on `threads` worker threads
   * (default max(1, cores − 1); 0 = always inline), so a huge input never holds the event loop.
   */
  readonly localWork: { readonly threads: number; readonly minCharacters: number };
  /**
   * Local models: `warmStart` loads them in the background right after start (`/readyz` says
   * `models: loading` until done; default on, off under NODE_ENV=test); the binary word-vector cache
   * lives in `wordVectorsCacheDir` (default `node_modules/.cache/capgate`), built once, reused after.
   */
  readonly localModels: { readonly warmStart: boolean; readonly wordVectorsCacheDir?: string };
  /**
   * Run records (`run`, `runs`): kept `retentionDays`, then deleted. A followable run holds a lease of
   * `leaseMs`, renewed by its instance; when it lapses (the instance died), any instance ends the run
   * FAILED with INSTANCE_LOST and releases its budget reservation.
   */
  readonly runs: { readonly retentionDays: number; readonly leaseMs: number };
  /**
   * Workflow steps (with Redis, jobs of a BullMQ queue): `concurrency` steps at once per instance; a
   * step whose instance stops renewing its lock for `lockMs` (it died) is taken over by another one.
   */
  readonly workflows: { readonly lockMs: number; readonly concurrency: number };
  /**
   * Conversations without a new turn for `retentionDays` are deleted with their turns; one holds at
   * most `maxTurns` turns and `maxBytes` stored bytes (BAD_USER_INPUT beyond).
   */
  readonly conversations: {
    readonly retentionDays: number;
    readonly maxTurns: number;
    readonly maxBytes: number;
  };
  readonly oidc:
    | {
        readonly issuer: string;
        readonly audience: string;
        readonly jwksUrl: string;
        readonly teamClaim: string;
        readonly rolesClaim: string;
        /**
         * The console's "Sign in with SSO" (`CAPGATE_CONSOLE_OIDC_CLIENT_ID`): a public client of the
         * issuer that signs in with the authorization code flow and PKCE in the browser.
         */
        readonly console: { readonly clientId: string; readonly scopes: string } | undefined;
      }
    | undefined;
  readonly tracing: { readonly enabled: boolean; readonly otlpEndpoint: string | undefined };
  readonly graphql: {
    /** Schema introspection: on outside production, off in production unless `CAPGATE_INTROSPECTION=true`. */
    readonly introspection: boolean;
    /** The GraphiQL IDE on `GET /graphql` for browsers: same default as introspection (`CAPGATE_IDE`). */
    readonly ide: boolean;
    /**
     * Trusted documents (`CAPGATE_TRUSTED_DOCUMENTS`): `allow-listed` runs only the manifests'
     * documents (id → text, read at start), `log` runs everything and counts the rest, `off` ignores them.
     */
    readonly trustedDocuments: {
      readonly mode: TrustedDocumentsMode;
      readonly documents: ReadonlyMap<string, string>;
      /** Admin keys run any document in `allow-listed` mode (GraphiQL, codegen from the URL). */
      readonly exemptAdmins: boolean;
    };
  };
  /** Bearer token `GET /metrics` requires; unset = open (keep the port private then). */
  readonly metricsToken: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment (by default `process.env`). Throws `ConfigError` listing every problem. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(environment);
  // Field errors and cross-field rules are reported together, so one start names every problem.
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const raw = environment[name];
        const shown = raw === undefined || /KEY|SECRET|URI|URL/.test(name) ? '' : ` (got "${raw}")`;
        return `${name}: ${issue.message}${shown}`;
      });
  const isSet = (name: string) => (environment[name] ?? '').trim() !== '';
  const oidcSet = ['CAPGATE_OIDC_ISSUER', 'CAPGATE_OIDC_AUDIENCE', 'CAPGATE_OIDC_JWKS_URL'].filter(
    isSet,
  ).length;
  if (oidcSet !== 0 && oidcSet !== 3) {
    problems.push(
      'CAPGATE_OIDC_ISSUER, CAPGATE_OIDC_AUDIENCE and CAPGATE_OIDC_JWKS_URL: set all three to enable OIDC, or none',
    );
  }
  if (isSet('CAPGATE_CONSOLE_OIDC_CLIENT_ID') && oidcSet !== 3) {
    problems.push(
      'CAPGATE_CONSOLE_OIDC_CLIENT_ID: needs OIDC (CAPGATE_OIDC_ISSUER, CAPGATE_OIDC_AUDIENCE and CAPGATE_OIDC_JWKS_URL)',
    );
  }
  if (isSet('MONGODB_URI') && !isSet('CAPGATE_MASTER_KEY')) {
    problems.push(
      'CAPGATE_MASTER_KEY: required when MONGODB_URI is set (32 bytes, base64); it encrypts provider secrets at rest',
    );
  }
  const trustedDocumentsMode = parsed.success ? parsed.data.CAPGATE_TRUSTED_DOCUMENTS : 'off';
  const manifestPaths = (environment.CAPGATE_TRUSTED_DOCUMENTS_MANIFEST ?? '')
    .split(',')
    .map((file) => file.trim())
    .filter((file) => file !== '')
    .map((file) => path.resolve(file));
  let trustedDocuments = new Map<string, string>();
  if (trustedDocumentsMode !== 'off') {
    if (manifestPaths.length === 0) {
      problems.push(
        'CAPGATE_TRUSTED_DOCUMENTS_MANIFEST: required when CAPGATE_TRUSTED_DOCUMENTS is on (comma-separated manifest files)',
      );
    } else {
      const manifests = readTrustedDocumentManifests(manifestPaths);
      problems.push(...manifests.problems.map((problem) => `CAPGATE_TRUSTED_DOCUMENTS_MANIFEST: ${problem}`));
      trustedDocuments = manifests.documents;
    }
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const env = parsed.data;

  const config: Config = {
    port: env.PORT,
    host: env.HOST,
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL,
    dataDir: path.resolve(env.CAPGATE_DATA_DIR),
    mongo: { uri: env.MONGODB_URI, embeddedPort: env.CAPGATE_DB_PORT },
    redisUrl: env.REDIS_URL,
    secrets: { masterKey: env.CAPGATE_MASTER_KEY, bootstrapAdminKey: env.CAPGATE_BOOTSTRAP_ADMIN_KEY },
    allowedOrigins: (env.CAPGATE_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin.length > 0),
    limits: {
      maxAliases: env.CAPGATE_MAX_ALIASES,
      maxDepth: env.CAPGATE_MAX_DEPTH,
      maxTokens: env.CAPGATE_MAX_TOKENS,
      maxCost: env.CAPGATE_MAX_COST,
      maxValidationErrors: env.CAPGATE_MAX_VALIDATION_ERRORS,
      bodyLimitBytes: env.CAPGATE_BODY_LIMIT_BYTES,
    },
    shutdownTimeoutMs: env.CAPGATE_SHUTDOWN_TIMEOUT_MS,
    providerMaxInFlight: env.CAPGATE_PROVIDER_MAX_IN_FLIGHT,
    usage: {
      retentionDays: env.CAPGATE_USAGE_RETENTION_DAYS,
      flushIntervalMs: env.CAPGATE_USAGE_FLUSH_MS,
      claimIdleMs: env.CAPGATE_USAGE_CLAIM_IDLE_MS,
    },
    localWork: {
      threads: env.CAPGATE_LOCAL_WORKERS ?? Math.max(1, os.availableParallelism() - 1),
      minCharacters: env.CAPGATE_LOCAL_WORKER_MIN_CHARS,
    },
    localModels: {
      warmStart: env.CAPGATE_WARM_START ?? env.NODE_ENV !== 'test',
      ...(env.CAPGATE_WORD_VECTORS_CACHE_DIR !== undefined
        ? { wordVectorsCacheDir: env.CAPGATE_WORD_VECTORS_CACHE_DIR }
        : {}),
    },
    runs: { retentionDays: env.CAPGATE_RUN_RETENTION_DAYS, leaseMs: env.CAPGATE_RUN_LEASE_MS },
    workflows: { lockMs: env.CAPGATE_WORKFLOW_LOCK_MS, concurrency: env.CAPGATE_WORKFLOW_CONCURRENCY },
    conversations: {
      retentionDays: env.CAPGATE_CONVERSATION_RETENTION_DAYS,
      maxTurns: env.CAPGATE_CONVERSATION_MAX_TURNS,
      maxBytes: env.CAPGATE_CONVERSATION_MAX_BYTES,
    },
    oidc:
      oidcSet === 3
        ? {
            issuer: env.CAPGATE_OIDC_ISSUER as string,
            audience: env.CAPGATE_OIDC_AUDIENCE as string,
            jwksUrl: env.CAPGATE_OIDC_JWKS_URL as string,
            teamClaim: env.CAPGATE_OIDC_TEAM_CLAIM,
            rolesClaim: env.CAPGATE_OIDC_ROLES_CLAIM,
            console:
              env.CAPGATE_CONSOLE_OIDC_CLIENT_ID !== undefined
                ? { clientId: env.CAPGATE_CONSOLE_OIDC_CLIENT_ID, scopes: env.CAPGATE_CONSOLE_OIDC_SCOPES }
                : undefined,
          }
        : undefined,
    tracing: { enabled: env.CAPGATE_TRACING, otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT },
    graphql: {
      introspection: env.CAPGATE_INTROSPECTION ?? env.NODE_ENV !== 'production',
      ide: env.CAPGATE_IDE ?? env.NODE_ENV !== 'production',
      trustedDocuments: {
        mode: env.CAPGATE_TRUSTED_DOCUMENTS,
        documents: trustedDocuments,
        exemptAdmins: env.CAPGATE_TRUSTED_DOCUMENTS_EXEMPT_ADMINS,
      },
    },
    metricsToken: env.CAPGATE_METRICS_TOKEN,
  };
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
