/**
 * Prometheus metrics (`GET /metrics`), one registry per app instance. Request metrics come from an
 * HTTP middleware (front door, operation, status); run metrics (capability, model, tokens, cost) from
 * the usage recorder every run already reports to, whatever its front door; upstream metrics from the
 * instrumented provider clients; breaker states and MongoDB/Redis health are read at scrape time.
 * Label children are cached: the request path pays a map lookup, not prom-client's label hashing.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ModelHealth } from '../routing/model-health.js';
import type { UsageEvent, UsageRecorder } from '../usage/usage.types.js';
import { requestStore, type RequestState } from './request-context.js';

export interface MetricsOptions {
  /** Model names whose breaker state is reported. */
  models?: () => readonly string[];
  health?: Pick<ModelHealth, 'snapshot'>;
  /** Reachability of MongoDB, Redis…, checked at scrape time. */
  dependencies?: () => Promise<Record<string, boolean>>;
  /** Bearer token `GET /metrics` requires (`CAPGATE_METRICS_TOKEN`); unset = open. */
  token?: string;
  /** Distinct GraphQL operation names labelled before the rest count as `other`. */
  maxOperationNames?: number;
}

export interface UpstreamCall {
  provider: string;
  model: string;
  operation: 'chat' | 'embeddings';
  seconds: number;
  /** The error code when the call failed. */
  errorCode?: string;
}

const LATENCY_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
];
const BREAKER_STATE = { closed: 0, 'half-open': 1, open: 2 } as const;
const MAX_OPERATION_NAMES = 200;

type Child = { inc(value?: number): void; observe?(value: number): void };

export class Metrics {
  readonly registry = new Registry();
  private readonly children = new Map<string, Child>();
  private readonly operationNames = new Set<string>();
  private readonly httpRequests: Counter<string>;
  private readonly httpDuration: Histogram<string>;
  private readonly runs: Counter<string>;
  private readonly runDuration: Histogram<string>;
  private readonly tokens: Counter<string>;
  private readonly cost: Counter<string>;
  private readonly upstreamDuration: Histogram<string>;
  private readonly upstreamErrors: Counter<string>;
  private readonly token: Buffer | undefined;
  private readonly maxOperationNames: number;

  constructor(options: MetricsOptions = {}) {
    this.token = options.token === undefined ? undefined : Buffer.from(`Bearer ${options.token}`);
    this.maxOperationNames = options.maxOperationNames ?? MAX_OPERATION_NAMES;
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
    const requestLabels = ['front_door', 'operation', 'status'];
    this.httpRequests = new Counter({
      name: 'capgate_http_requests_total',
      help: 'HTTP requests by front door, operation and status.',
      labelNames: requestLabels,
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'capgate_http_request_duration_seconds',
      help: 'HTTP request latency.',
      labelNames: requestLabels,
      buckets: LATENCY_BUCKETS,
      registers,
    });
    const runLabels = ['front_door', 'capability', 'model', 'status'];
    this.runs = new Counter({
      name: 'capgate_runs_total',
      help: 'Capability runs by front door, capability, model and status.',
      labelNames: runLabels,
      registers,
    });
    this.runDuration = new Histogram({
      name: 'capgate_run_duration_seconds',
      help: 'Capability run latency, from admission to the answer.',
      labelNames: runLabels,
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.tokens = new Counter({
      name: 'capgate_tokens_total',
      help: 'Model tokens by capability, model and direction.',
      labelNames: ['capability', 'model', 'direction'],
      registers,
    });
    this.cost = new Counter({
      name: 'capgate_cost_usd_total',
      help: 'Estimated model cost in US dollars.',
      labelNames: ['capability', 'model'],
      registers,
    });
    const upstreamLabels = ['provider', 'model', 'operation', 'outcome'];
    this.upstreamDuration = new Histogram({
      name: 'capgate_upstream_request_duration_seconds',
      help: 'Latency of calls to model providers.',
      labelNames: upstreamLabels,
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.upstreamErrors = new Counter({
      name: 'capgate_upstream_errors_total',
      help: 'Failed calls to model providers by error code.',
      labelNames: ['provider', 'model', 'code'],
      registers,
    });

    const { models, health, dependencies } = options;
    if (models && health) {
      new Gauge({
        name: 'capgate_circuit_breaker_state',
        help: 'Circuit breaker state per model: 0 closed, 1 half-open, 2 open.',
        labelNames: ['model'],
        registers,
        collect() {
          this.reset();
          for (const model of models()) this.set({ model }, BREAKER_STATE[health.snapshot(model).state]);
        },
      });
    }
    if (dependencies) {
      new Gauge({
        name: 'capgate_dependency_up',
        help: 'Whether a dependency (mongo, redis) answered a ping at scrape time.',
        labelNames: ['dependency'],
        registers,
        async collect() {
          const states = await dependencies();
          for (const [dependency, up] of Object.entries(states)) this.set({ dependency }, up ? 1 : 0);
        },
      });
    }
  }

  observeHttp(frontDoor: string, operation: string, status: number, seconds: number): void {
    const key = `h\u0000${frontDoor}\u0000${operation}\u0000${status}`;
    this.child(key, () => this.httpRequests.labels(frontDoor, operation, String(status))).inc();
    this.child(`${key}\u0000d`, () =>
      histogramChild(this.httpDuration.labels(frontDoor, operation, String(status))),
    ).inc(seconds);
  }

  observeRun(event: UsageEvent): void {
    const model = event.model || 'none';
    const key = `r\u0000${event.frontDoor}\u0000${event.capability}\u0000${model}\u0000${event.status}`;
    this.child(key, () => this.runs.labels(event.frontDoor, event.capability, model, event.status)).inc();
    this.child(`${key}\u0000d`, () =>
      histogramChild(this.runDuration.labels(event.frontDoor, event.capability, model, event.status)),
    ).inc(event.latencyMs / 1000);
    const tokens = `t\u0000${event.capability}\u0000${model}`;
    if (event.inputTokens > 0)
      this.child(`${tokens}\u0000in`, () => this.tokens.labels(event.capability, model, 'input')).inc(
        event.inputTokens,
      );
    if (event.outputTokens > 0)
      this.child(`${tokens}\u0000out`, () => this.tokens.labels(event.capability, model, 'output')).inc(
        event.outputTokens,
      );
    if (event.costUsd > 0)
      this.child(`${tokens}\u0000cost`, () => this.cost.labels(event.capability, model)).inc(event.costUsd);
  }

  observeUpstream(call: UpstreamCall): void {
    const outcome = call.errorCode === undefined ? 'ok' : 'error';
    const key = `u\u0000${call.provider}\u0000${call.model}\u0000${call.operation}\u0000${outcome}`;
    this.child(key, () =>
      histogramChild(this.upstreamDuration.labels(call.provider, call.model, call.operation, outcome)),
    ).inc(call.seconds);
    if (call.errorCode !== undefined) {
      this.child(`${key}\u0000${call.errorCode}`, () =>
        this.upstreamErrors.labels(call.provider, call.model, call.errorCode!),
      ).inc();
    }
  }

  /** A usage recorder that observes every run, then hands it to the real recorder (if any). */
  observingUsage(inner: () => UsageRecorder | undefined): UsageRecorder {
    return {
      record: (event) => {
        this.observeRun(event);
        inner()?.record(event);
      },
      flush: async () => inner()?.flush(),
      stop: async () => inner()?.stop(),
    };
  }

  /** Express-compatible middleware: times every request and labels it by front door and operation. */
  readonly middleware = (
    request: IncomingMessage & { body?: unknown },
    response: ServerResponse,
    next: () => void,
  ): void => {
    const started = performance.now();
    // The request's state, where GraphQL records an operation once it is authenticated and valid.
    const state = requestStore.getStore();
    response.once('finish', () => {
      const [frontDoor, operation] = this.routeOf(request, state);
      this.observeHttp(frontDoor, operation, response.statusCode, (performance.now() - started) / 1000);
    });
    next();
  };

  /** `GET /metrics`: the Prometheus text format. */
  readonly handler = (request: IncomingMessage, response: ServerResponse): void => {
    if (this.token && !this.authorized(request.headers.authorization)) {
      response.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="metrics"' });
      response.end('metrics require a bearer token\n');
      return;
    }
    this.registry.metrics().then(
      (body) => {
        response.writeHead(200, { 'content-type': this.registry.contentType, 'cache-control': 'no-store' });
        response.end(body);
      },
      () => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end('metrics collection failed\n');
      },
    );
  };

  private authorized(authorization: string | undefined): boolean {
    if (!this.token || authorization === undefined) return false;
    const given = Buffer.from(authorization);
    return given.length === this.token.length && timingSafeEqual(given, this.token);
  }

  private routeOf(request: IncomingMessage, state: RequestState | undefined): [string, string] {
    const url = (request as { originalUrl?: string }).originalUrl ?? request.url ?? '/';
    const path = url.split('?', 1)[0]!;
    if (path.startsWith('/v1/')) {
      if (path === '/v1/chat/completions') return ['v1', 'chat.completions'];
      if (path === '/v1/embeddings') return ['v1', 'embeddings'];
      if (path.startsWith('/v1/models')) return ['v1', 'models'];
      return ['v1', 'other'];
    }
    if (path === '/graphql' || path === '/graphql/stream') return ['graphql', this.operationName(state)];
    return [
      'http',
      path === '/healthz' || path === '/readyz' || path === '/metrics' ? path.slice(1) : 'other',
    ];
  }

  /**
   * The operation's name, only for operations that passed authentication and validation (anything
   * else is `other`: an anonymous client must not mint labels), and only while there are not too many
   * distinct ones. `anonymous` for a valid operation without a name.
   */
  private operationName(state: RequestState | undefined): string {
    const name = state?.operation;
    if (name === undefined) return 'other';
    if (name === '') return 'anonymous';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= this.maxOperationNames) return 'other';
    this.operationNames.add(name);
    return name;
  }

  private child(key: string, create: () => Child): Child {
    let child = this.children.get(key);
    if (!child) this.children.set(key, (child = create()));
    return child;
  }
}

/** A histogram child behind the counter-shaped `inc` of the cache. */
function histogramChild(child: { observe(value: number): void }): Child {
  return { inc: (value = 0) => child.observe(value) };
}
