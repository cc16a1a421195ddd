/** Runs (the request log): filterable list, and one run with its events (replayed, then live). */
import { useQuery, useSubscription } from '@apollo/client';
import { useState } from 'react';
import { Empty, ErrorNote, Json, Loading, PageHeader, formatDate, formatUsd } from '../components/ui.js';
import {
  RunDetailDocument,
  RunEventsDocument,
  RunsDocument,
  type RunEventsSubscription,
  type RunStatus,
} from '../generated/graphql.js';
import { Link } from '../lib/router.js';

const STATUSES: RunStatus[] = ['STARTED', 'COMPLETED', 'FAILED'];

export function RunsPage() {
  const [status, setStatus] = useState<RunStatus | ''>('');
  const [capability, setCapability] = useState('');
  const filter = {
    ...(status ? { status } : {}),
    ...(capability.trim() ? { capability: capability.trim() } : {}),
  };
  const { data, loading, error, fetchMore, refetch } = useQuery(RunsDocument, {
    variables: { first: 25, filter },
    notifyOnNetworkStatusChange: true,
  });
  const runs = data?.runs.edges.map((edge) => edge.node) ?? [];
  return (
    <section>
      <PageHeader title="Runs">
        <button type="button" className="secondary" onClick={() => void refetch()}>
          Refresh
        </button>
      </PageHeader>
      <form className="toolbar wrap" onSubmit={(event) => event.preventDefault()} aria-label="Run filters">
        <label htmlFor="runs-status">Status</label>
        <select
          id="runs-status"
          value={status}
          onChange={(event) => setStatus(event.target.value as RunStatus | '')}
        >
          <option value="">any</option>
          {STATUSES.map((item) => (
            <option key={item} value={item}>
              {item.toLowerCase()}
            </option>
          ))}
        </select>
        <label htmlFor="runs-capability">Capability</label>
        <input
          id="runs-capability"
          value={capability}
          onChange={(event) => setCapability(event.target.value)}
          placeholder="any"
        />
        <span className="muted">{data ? `${data.runs.totalCount} runs` : ''}</span>
      </form>
      <ErrorNote error={error} />
      {loading && !data ? <Loading /> : null}
      {data && runs.length === 0 ? (
        <Empty>
          No runs match. Runs appear here as capabilities are invoked (the playground is one way).
        </Empty>
      ) : null}
      {runs.length > 0 ? (
        <div className="scroll">
          <table>
            <caption className="sr-only">Runs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Capability</th>
                <th scope="col">Status</th>
                <th scope="col">Model</th>
                <th scope="col">Team</th>
                <th scope="col">Cost</th>
                <th scope="col">Latency</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id}>
                  <td>
                    <Link to={`/runs/${encodeURIComponent(run.id)}`}>{formatDate(run.createdAt)}</Link>
                  </td>
                  <td>{run.capability}</td>
                  <td>
                    <span
                      className={`badge ${run.status === 'FAILED' ? 'warn' : run.status === 'COMPLETED' ? 'ok' : ''}`}
                    >
                      {run.status.toLowerCase()}
                    </span>
                    {run.errorCode ? ` ${run.errorCode}` : ''}
                  </td>
                  <td>{run.model ?? '–'}</td>
                  <td>{run.team ?? '–'}</td>
                  <td>{formatUsd(run.usage?.costUsd)}</td>
                  <td>{run.usage ? `${run.usage.latencyMs} ms` : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data?.runs.pageInfo.hasNextPage ? (
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void fetchMore({
              variables: { after: data.runs.pageInfo.endCursor },
              updateQuery: (previous, { fetchMoreResult }) => ({
                runs: {
                  ...fetchMoreResult.runs,
                  edges: [...previous.runs.edges, ...fetchMoreResult.runs.edges],
                },
              }),
            })
          }
        >
          Load more
        </button>
      ) : null}
    </section>
  );
}

type Event = RunEventsSubscription['runEvents'];

export function RunPage({ id }: { id: string }) {
  const { data, loading, error, refetch } = useQuery(RunDetailDocument, { variables: { id } });
  const [events, setEvents] = useState<Event[]>([]);
  useSubscription(RunEventsDocument, {
    variables: { runId: id },
    onData: ({ data: message }) => {
      const event = message.data?.runEvents;
      if (!event) return;
      setEvents((current) => [...current, event]);
      if (event.type === 'COMPLETED' || event.type === 'FAILED') void refetch();
    },
  });
  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorNote error={error} />;
  const run = data?.run;
  if (!run) return <Empty>No such run.</Empty>;
  const shown = events.filter((event) => event.type !== 'DELTA');
  const deltas = events.filter((event) => event.type === 'DELTA').length;
  return (
    <section>
      <PageHeader title={`Run of ${run.capability}`} />
      <p className="muted small">{run.internalId}</p>
      <div className="grid2">
        <div className="panel">
          <dl className="facts">
            <dt>Status</dt>
            <dd>
              {run.status.toLowerCase()}
              {run.errorCode ? ` · ${run.errorCode}: ${run.errorMessage ?? ''}` : ''}
            </dd>
            <dt>Capability</dt>
            <dd>
              {run.capability}
              {run.capabilityVersion ? ` v${run.capabilityVersion}` : ''}
            </dd>
            <dt>Model</dt>
            <dd>{run.model ? `${run.model} (${run.provider})` : '–'}</dd>
            <dt>Team</dt>
            <dd>{run.team ?? '–'}</dd>
            <dt>Front door</dt>
            <dd>{run.frontDoor ?? '–'}</dd>
            <dt>Started / ended</dt>
            <dd>
              {formatDate(run.createdAt)} / {formatDate(run.endedAt)}
            </dd>
            <dt>Tokens</dt>
            <dd>{run.usage ? `${run.usage.inputTokens} in · ${run.usage.outputTokens} out` : '–'}</dd>
            <dt>Cost</dt>
            <dd>{formatUsd(run.usage?.costUsd)}</dd>
            <dt>Latency</dt>
            <dd>{run.usage ? `${run.usage.latencyMs} ms` : '–'}</dd>
          </dl>
          {run.attempts && run.attempts.length > 0 ? (
            <table>
              <caption>Attempts</caption>
              <tbody>
                {run.attempts.map((attempt, index) => (
                  <tr key={index}>
                    <td>{attempt.model}</td>
                    <td>{attempt.ok ? 'ok' : attempt.errorCode}</td>
                    <td>{attempt.latencyMs} ms</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
        <div className="panel">
          <h2>Events</h2>
          {shown.length === 0 ? <p className="muted">Waiting for the run's events…</p> : null}
          <ol className="events">
            {shown.map((event, index) => (
              <li key={index}>
                <span className="badge">{event.type.toLowerCase()}</span> {formatDate(event.at)}
                {event.model ? ` · ${event.model}` : ''}
                {event.errorCode ? ` · ${event.errorCode}: ${event.message ?? ''}` : ''}
              </li>
            ))}
          </ol>
          {deltas > 0 ? <p className="muted">{deltas} streamed deltas</p> : null}
        </div>
      </div>
      <div className="grid2">
        <div className="panel">
          <h2>Input (masked)</h2>
          {run.input == null ? (
            <p className="muted">Not kept: the capability's logging policy keeps no inputs.</p>
          ) : (
            <Json value={run.input} label="Input" />
          )}
        </div>
        <div className="panel">
          <h2>Output (masked)</h2>
          {run.output == null ? (
            <p className="muted">Not kept: the capability's logging policy keeps no outputs.</p>
          ) : (
            <Json value={run.output} label="Output" />
          )}
        </div>
      </div>
    </section>
  );
}
