/** The audit log, newest first: filtered by actor and action (server-side) and by time (on the loaded pages). */
import { useQuery } from '@apollo/client';
import { useState } from 'react';
import { Empty, ErrorNote, Loading, PageHeader, formatDate } from '../components/ui.js';
import { AuditLogDocument } from '../generated/graphql.js';

export function AuditPage() {
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const variables = {
    first: 50,
    ...(actor.trim() ? { actor: actor.trim() } : {}),
    ...(action.trim() ? { action: action.trim() } : {}),
  };
  const { data, loading, error, fetchMore } = useQuery(AuditLogDocument, {
    variables,
    notifyOnNetworkStatusChange: true,
  });
  const from = since ? new Date(`${since}T00:00:00Z`) : null;
  const to = until ? new Date(`${until}T23:59:59Z`) : null;
  const entries = (data?.auditLog.edges.map((edge) => edge.node) ?? []).filter((entry) => {
    const at = new Date(entry.at);
    return (!from || at >= from) && (!to || at <= to);
  });
  return (
    <section>
      <PageHeader title="Audit log" />
      <form className="toolbar wrap" onSubmit={(event) => event.preventDefault()} aria-label="Audit filters">
        <label htmlFor="audit-actor">Actor key id</label>
        <input id="audit-actor" value={actor} onChange={(event) => setActor(event.target.value)} />
        <label htmlFor="audit-action">Action</label>
        <input
          id="audit-action"
          value={action}
          placeholder="e.g. createApiKey"
          onChange={(event) => setAction(event.target.value)}
        />
        <label htmlFor="audit-since">From</label>
        <input
          id="audit-since"
          type="date"
          value={since}
          onChange={(event) => setSince(event.target.value)}
        />
        <label htmlFor="audit-until">To</label>
        <input
          id="audit-until"
          type="date"
          value={until}
          onChange={(event) => setUntil(event.target.value)}
        />
      </form>
      <ErrorNote error={error} />
      {loading && !data ? <Loading /> : null}
      {data && entries.length === 0 ? (
        <Empty>No entries match: admin changes (keys, capabilities, budgets…) are recorded here.</Empty>
      ) : null}
      {entries.length > 0 ? (
        <div className="scroll">
          <table>
            <caption className="sr-only">Audit entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Actor</th>
                <th scope="col">Summary</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDate(entry.at)}</td>
                  <td>{entry.action}</td>
                  <td>{entry.target}</td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      onClick={() => setActor(entry.actorKeyId)}
                      title="Show this actor's entries"
                    >
                      {entry.actorKeyId}
                    </button>
                    {entry.actorTeam ? ` (${entry.actorTeam})` : ''}
                  </td>
                  <td>
                    <code className="small">{JSON.stringify(entry.summary)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data?.auditLog.pageInfo.hasNextPage ? (
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void fetchMore({
              variables: { after: data.auditLog.pageInfo.endCursor },
              updateQuery: (previous, { fetchMoreResult }) => ({
                auditLog: {
                  ...fetchMoreResult.auditLog,
                  edges: [...previous.auditLog.edges, ...fetchMoreResult.auditLog.edges],
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
