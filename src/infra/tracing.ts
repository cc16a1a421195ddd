/**
 * OpenTelemetry tracing, off unless `config.tracing.enabled` (`CAPGATE_TRACING`): a server span per
 * HTTP request and a client span per model call, named and attributed after the GenAI semantic
 * conventions (`gen_ai.operation.name`, `gen_ai.system`, `gen_ai.request.model`,
 * `gen_ai.usage.input_tokens`…). Spans go to OTLP/HTTP (`OTEL_EXPORTER_OTLP_ENDPOINT`). The same
 * provider wrapper also reports every model call to the metrics, tracing on or off.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace-node';
import type { Config } from '../config/config.js';
import { defaultProviderKinds } from '../providers/provider-kinds.js';
import type { ModelProvider, StreamPart, TokenUsage } from '../providers/provider.types.js';
import type { Metrics } from './metrics.js';
import { currentRequestId } from './request-context.js';

export interface Tracing {
  /** Undefined when tracing is off. */
  readonly tracer: Tracer | undefined;
  /** Starts the server span of a request and makes it the active one for what the request does. */
  readonly middleware:
    ((request: IncomingMessage, response: ServerResponse, next: () => void) => void) | undefined;
  /** Flushes pending spans. */
  shutdown(): Promise<void>;
}

export function createTracing(
  settings: Config['tracing'],
  options: { serviceName?: string; exporter?: SpanExporter } = {},
): Tracing {
  if (!settings.enabled) return { tracer: undefined, middleware: undefined, shutdown: async () => {} };
  const exporter =
    options.exporter ??
    new OTLPTraceExporter(
      settings.otlpEndpoint ? { url: `${settings.otlpEndpoint.replace(/\/$/, '')}/v1/traces` } : {},
    );
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName ?? 'capgate' }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  // Registers the AsyncLocalStorage context manager, so model-call spans find their request span.
  provider.register();
  const tracer = provider.getTracer('capgate');
  return {
    tracer,
    middleware: (request, response, next) => {
      const path = (request.url ?? '/').split('?', 1)[0]!;
      const span = tracer.startSpan(`${request.method ?? 'GET'} ${path}`, {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': request.method ?? 'GET',
          'url.path': path,
          'capgate.request_id': currentRequestId() ?? '',
        },
      });
      response.once('close', () => {
        span.setAttribute('http.response.status_code', response.statusCode);
        if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      });
      context.with(trace.setSpan(context.active(), span), next);
    },
    shutdown: () => provider.shutdown(),
  };
}

/** Who observes model calls; `genAiSystem` names a provider kind in spans (its descriptor's name). */
export interface ModelCallObservers {
  metrics?: Metrics;
  tracer?: Tracer;
  genAiSystem?: (kind: string) => string;
}

/**
 * Wraps `clientOf` so that every model call is timed into `metrics` and, with a tracer, traced.
 * Wrappers are cached per client, so the registry's keep-alive clients stay the ones in use.
 */
export function observedClients(
  clientOf: (providerName: string) => ModelProvider,
  observers: ModelCallObservers,
): (providerName: string) => ModelProvider {
  if (!observers.metrics && !observers.tracer) return clientOf;
  const wrappers = new WeakMap<ModelProvider, ModelProvider>();
  return (providerName) => {
    const client = clientOf(providerName);
    let wrapper = wrappers.get(client);
    if (!wrapper) wrappers.set(client, (wrapper = observeProvider(client, providerName, observers)));
    return wrapper;
  };
}

function observeProvider(
  client: ModelProvider,
  providerName: string,
  observers: ModelCallObservers,
): ModelProvider {
  const { metrics, tracer } = observers;
  const system = observers.genAiSystem?.(client.kind) ?? defaultProviderKinds.genAiSystem(client.kind);
  const start = (
    operation: 'chat' | 'embeddings',
    model: string,
    attributes: Record<string, number | string | undefined>,
  ) => {
    const began = performance.now();
    const span: Span | undefined = tracer?.startSpan(`${operation} ${model}`, {
      kind: SpanKind.CLIENT,
      attributes: {
        'gen_ai.operation.name': operation,
        'gen_ai.system': system,
        'gen_ai.provider.name': system,
        'gen_ai.request.model': model,
        'capgate.provider': providerName,
        ...attributes,
      },
    });
    return (outcome: { usage?: TokenUsage; finishReason?: string; responseId?: string; error?: unknown }) => {
      const errorCode = outcome.error === undefined ? undefined : errorCodeOf(outcome.error);
      metrics?.observeUpstream({
        provider: providerName,
        model,
        operation,
        seconds: (performance.now() - began) / 1000,
        ...(errorCode ? { errorCode } : {}),
      });
      if (!span) return;
      if (outcome.usage?.inputTokens !== undefined)
        span.setAttribute('gen_ai.usage.input_tokens', outcome.usage.inputTokens);
      if (outcome.usage?.outputTokens !== undefined)
        span.setAttribute('gen_ai.usage.output_tokens', outcome.usage.outputTokens);
      if (outcome.finishReason) span.setAttribute('gen_ai.response.finish_reasons', [outcome.finishReason]);
      if (outcome.responseId) span.setAttribute('gen_ai.response.id', outcome.responseId);
      if (errorCode) {
        span.setAttribute('error.type', errorCode);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (outcome.error as Error).message });
      }
      span.end();
    };
  };

  const wrapper: ModelProvider = {
    kind: client.kind,
    async doGenerate(request) {
      const end = start('chat', request.model, {
        'gen_ai.request.max_tokens': request.maxOutputTokens,
        'gen_ai.request.temperature': request.temperature,
      });
      try {
        const result = await client.doGenerate(request);
        end(result);
        return result;
      } catch (error) {
        end({ error });
        throw error;
      }
    },
    async *doStream(request) {
      const end = start('chat', request.model, {
        'gen_ai.request.max_tokens': request.maxOutputTokens,
        'gen_ai.request.temperature': request.temperature,
      });
      let finish: Extract<StreamPart, { type: 'finish' }> | undefined;
      let failure: { error: unknown } | undefined;
      try {
        for await (const part of client.doStream(request)) {
          if (part.type === 'finish') finish = part;
          yield part;
        }
      } catch (error) {
        failure = { error };
        throw error;
      } finally {
        // Also when the consumer stops early (the caller went away): the call is over either way.
        end(failure ?? finish ?? {});
      }
    },
    close: () => client.close(),
  };
  const embed = client.doEmbed?.bind(client);
  if (embed) {
    wrapper.doEmbed = async (request) => {
      const end = start('embeddings', request.model, {});
      try {
        const result = await embed(request);
        end(result);
        return result;
      } catch (error) {
        end({ error });
        throw error;
      }
    };
  }
  return wrapper;
}

function errorCodeOf(error: unknown): string {
  // An alert of its own: a key the provider refuses fails every call until an operator acts.
  if ((error as { refusal?: unknown } | undefined)?.refusal === 'credentials_rejected')
    return 'PROVIDER_CREDENTIALS_REJECTED';
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}
