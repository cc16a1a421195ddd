/**
 * Playground: a form built from the capability's input schema (typed forms for the built-ins), its
 * output streamed over `invokeStream`, then the routing decision, each attempt, tokens, cost and
 * latency; "copy as curl / GraphQL / OpenAI SDK / MCP" for what was run.
 */
import { useApolloClient, useQuery } from '@apollo/client';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { SchemaForm } from '../components/SchemaForm.js';
import { CopyButton, Empty, ErrorNote, Json, Loading, PageHeader, formatUsd } from '../components/ui.js';
import {
  CapabilitiesDocument,
  CapabilityDetailDocument,
  InvokeStreamDocument,
  type InvokeStreamSubscription,
} from '../generated/graphql.js';
import { BUILTIN_INPUT_SCHEMAS } from '../lib/builtin-schemas.js';
import { Link, navigate } from '../lib/router.js';
import { buildInput, formFromSchema, initialValues, type FormValues } from '../lib/schema-form.js';
import { curlSnippet, graphqlSnippet, mcpSnippet, openAiSnippet } from '../lib/snippets.js';

type RunEvent = InvokeStreamSubscription['invokeStream'];

export function PlaygroundPage({ name }: { name?: string }) {
  const list = useQuery(CapabilitiesDocument, { variables: { first: 100 } });
  const active = (list.data?.capabilities.edges ?? [])
    .map((edge) => edge.node)
    .filter((node) => node.status === 'ACTIVE');
  return (
    <section>
      <PageHeader title="Playground" />
      <div className="toolbar">
        <label htmlFor="pg-capability">Capability</label>
        <select
          id="pg-capability"
          value={name ?? ''}
          onChange={(event) => navigate(`/playground/${encodeURIComponent(event.target.value)}`)}
        >
          <option value="" disabled>
            Choose a capability…
          </option>
          {active.map((capability) => (
            <option key={capability.id} value={capability.name}>
              {capability.name}
            </option>
          ))}
        </select>
      </div>
      <ErrorNote error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {!name ? (
        <Empty>Choose a capability to run: its input form appears here.</Empty>
      ) : (
        <Runner key={name} name={name} />
      )}
    </section>
  );
}

function Runner({ name }: { name: string }) {
  const client = useApolloClient();
  const detail = useQuery(CapabilityDetailDocument, { variables: { name } });
  const capability = detail.data?.capability;
  const schema = capability
    ? capability.kind === 'BUILTIN'
      ? BUILTIN_INPUT_SCHEMAS[capability.name]
      : capability.inputSchema
    : undefined;
  const fields = useMemo(() => formFromSchema(schema), [schema]);
  const [values, setValues] = useState<FormValues>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [events, setEvents] = useState<RunEvent[]>([]);
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [lastInput, setLastInput] = useState<unknown>(undefined);
  const subscription = useRef<{ unsubscribe(): void } | null>(null);
  useEffect(() => setValues(initialValues(fields)), [fields]);
  useEffect(() => () => subscription.current?.unsubscribe(), []);

  if (detail.loading && !detail.data) return <Loading />;
  if (detail.error) return <ErrorNote error={detail.error} />;
  if (!capability) return <Empty>No capability {name} is visible to your key.</Empty>;

  const run = (event: FormEvent) => {
    event.preventDefault();
    const built = buildInput(fields, values);
    setErrors(built.errors);
    if (Object.keys(built.errors).length > 0) {
      const first = Object.keys(built.errors)[0]!;
      document.getElementById(`in-${first.replace(/\./g, '-') || 'root'}`)?.focus();
      return;
    }
    subscription.current?.unsubscribe();
    setEvents([]);
    setFailure(null);
    setRunning(true);
    setLastInput(built.input);
    subscription.current = client
      .subscribe({ query: InvokeStreamDocument, variables: { capability: name, input: built.input } })
      .subscribe({
        next: (result) => {
          if (result.errors?.length) setFailure(result.errors);
          const item = result.data?.invokeStream;
          if (item) setEvents((current) => [...current, item]);
        },
        error: (error: unknown) => {
          setFailure(error);
          setRunning(false);
        },
        complete: () => setRunning(false),
      });
  };
  const stop = () => {
    subscription.current?.unsubscribe();
    setRunning(false);
  };

  const text = events.map((item) => item.delta ?? '').join('');
  const partial = [...events].reverse().find((item) => item.partialOutput != null)?.partialOutput;
  const end = events.find((item) => item.type === 'COMPLETED' || item.type === 'FAILED');
  const routed = events.filter((item) => item.type === 'ROUTED' || item.type === 'ATTEMPT_FAILED');
  const meta = end?.meta;
  return (
    <div className="grid2 playground">
      <form className="panel form" onSubmit={run} noValidate aria-label={`Input of ${name}`}>
        <h2>Input</h2>
        {capability.description ? <p className="muted">{capability.description}</p> : null}
        <SchemaForm
          fields={fields}
          values={values}
          errors={errors}
          onChange={(path, value) => setValues((current) => ({ ...current, [path]: value }))}
        />
        <div className="actions">
          <button type="submit" disabled={running}>
            {running ? 'Running…' : 'Run'}
          </button>
          {running ? (
            <button type="button" className="secondary" onClick={stop}>
              Stop
            </button>
          ) : null}
        </div>
      </form>
      <div className="panel" aria-live="polite" aria-busy={running}>
        <h2>Output</h2>
        {events.length === 0 && !running && !failure ? (
          <p className="muted">Run the capability: its output streams here.</p>
        ) : null}
        {running && events.length === 0 ? <Loading label="Starting…" /> : null}
        <ErrorNote error={failure} />
        {text || partial !== undefined ? (
          <pre className="stream" data-testid="stream-output">
            {partial !== undefined && !end ? JSON.stringify(partial, null, 2) : text}
          </pre>
        ) : null}
        {end?.type === 'COMPLETED' && (typeof end.output !== 'string' || !text) ? (
          <Json value={end.output} label="Output" />
        ) : null}
        {end?.type === 'FAILED' ? (
          <p className="error" role="alert">
            <strong className="code">{end.errorCode}</strong> {end.message}
          </p>
        ) : null}
        {routed.length > 0 ? (
          <ul className="events" aria-label="Routing events">
            {routed.map((item, index) => (
              <li key={index}>
                {item.type === 'ROUTED' ? 'Routed to' : 'Attempt failed:'} <code>{item.model}</code>
                {item.errorCode ? ` (${item.errorCode}${item.message ? `: ${item.message}` : ''})` : ''}
              </li>
            ))}
          </ul>
        ) : null}
        {meta ? (
          <>
            <h3>Run</h3>
            <dl className="facts" data-testid="run-meta">
              <dt>Model</dt>
              <dd>
                {meta.model} ({meta.provider}){meta.cached ? ' · from cache' : ''}
              </dd>
              <dt>Why</dt>
              <dd>{meta.reason}</dd>
              <dt>Tokens</dt>
              <dd>
                {meta.usage.inputTokens} in · {meta.usage.outputTokens} out
              </dd>
              <dt>Cost</dt>
              <dd>{formatUsd(meta.usage.costUsd)}</dd>
              <dt>Latency</dt>
              <dd>{meta.usage.latencyMs} ms</dd>
              <dt>Run</dt>
              <dd>
                <Link to={`/runs/${encodeURIComponent(meta.runId)}`}>{meta.runId}</Link>
              </dd>
            </dl>
            <table>
              <caption>Attempts</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Model</th>
                  <th scope="col">Result</th>
                  <th scope="col">Latency</th>
                </tr>
              </thead>
              <tbody>
                {meta.attempts.map((attempt, index) => (
                  <tr key={index}>
                    <td>{index + 1}</td>
                    <td>
                      {attempt.model} ({attempt.provider})
                    </td>
                    <td>{attempt.ok ? 'ok' : (attempt.errorCode ?? 'failed')}</td>
                    <td>{attempt.latencyMs} ms</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
        {lastInput !== undefined ? (
          <div className="actions">
            <CopyButton label="Copy as curl" text={curlSnippet(location.origin, name, lastInput)} />
            <CopyButton label="Copy as GraphQL" text={graphqlSnippet(name, lastInput)} />
            <CopyButton label="Copy as OpenAI SDK" text={openAiSnippet(location.origin, name, lastInput)} />
            <CopyButton label="Copy as MCP" text={mcpSnippet(location.origin, name, lastInput, schema)} />
          </div>
        ) : null}
      </div>
    </div>
  );
}
