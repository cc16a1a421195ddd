/**
 * Conversations: the list the key may see (filter by capability, and by team for admins), and one
 * conversation with its turns as stored (masked by the capability's policy when it has one), with
 * delete behind a confirmation (the `deleteConversation` mutation is audited).
 */
import { useMutation, useQuery } from '@apollo/client';
import { useState } from 'react';
import { useViewer } from '../App.js';
import { Empty, ErrorNote, Json, Loading, PageHeader, formatDate, formatUsd } from '../components/ui.js';
import {
  ConversationDetailDocument,
  ConversationsDocument,
  DeleteConversationDocument,
} from '../generated/graphql.js';
import { Link, navigate } from '../lib/router.js';
import { can } from '../lib/session.js';
import './console-pages.css';

export function ConversationsPage() {
  const viewer = useViewer();
  const [capability, setCapability] = useState('');
  const [team, setTeam] = useState('');
  const filter = {
    ...(capability.trim() ? { capability: capability.trim() } : {}),
    ...(team.trim() ? { team: team.trim() } : {}),
  };
  const { data, loading, error, fetchMore, refetch } = useQuery(ConversationsDocument, {
    variables: { first: 25, filter },
    notifyOnNetworkStatusChange: true,
  });
  const conversations = data?.conversations.edges.map((edge) => edge.node) ?? [];
  return (
    <section>
      <PageHeader title="Conversations">
        <button type="button" className="secondary" onClick={() => void refetch()}>
          Refresh
        </button>
      </PageHeader>
      <p className="muted">
        {can.admin(viewer)
          ? 'Every conversation of the organization, most recently active first.'
          : "Your key's conversations and your team's shared ones, most recently active first."}
      </p>
      <form
        className="toolbar wrap"
        onSubmit={(event) => event.preventDefault()}
        aria-label="Conversation filters"
      >
        <label htmlFor="conversations-capability">Capability</label>
        <input
          id="conversations-capability"
          value={capability}
          onChange={(event) => setCapability(event.target.value)}
          placeholder="any"
        />
        {can.admin(viewer) ? (
          <>
            <label htmlFor="conversations-team">Team</label>
            <input
              id="conversations-team"
              value={team}
              onChange={(event) => setTeam(event.target.value)}
              placeholder="any"
            />
          </>
        ) : null}
        <span className="muted">
          {data?.conversations.totalCount != null ? `${data.conversations.totalCount} conversations` : ''}
        </span>
      </form>
      <ErrorNote error={error} />
      {loading && !data ? <Loading /> : null}
      {data && conversations.length === 0 ? (
        <Empty>
          No conversations match. A conversation is created with <code>createConversation</code> and grows a
          turn each time a capability is invoked with its <code>conversationId</code> (or through{' '}
          <code>/v1/responses</code>).
        </Empty>
      ) : null}
      {conversations.length > 0 ? (
        <div className="scroll">
          <table data-testid="conversations-table">
            <caption className="sr-only">Conversations, most recently active first</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Capability</th>
                <th scope="col">Turns</th>
                <th scope="col">Shared</th>
                <th scope="col">Last active</th>
              </tr>
            </thead>
            <tbody>
              {conversations.map((conversation) => (
                <tr key={conversation.id}>
                  <td>
                    <Link to={`/conversations/${encodeURIComponent(conversation.id)}`}>
                      {conversation.title || conversation.internalId}
                    </Link>
                  </td>
                  <td>{conversation.capability ?? 'any'}</td>
                  <td>{conversation.turnCount}</td>
                  <td>{conversation.shared ? 'team' : 'key only'}</td>
                  <td>{formatDate(conversation.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data?.conversations.pageInfo.hasNextPage ? (
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void fetchMore({
              variables: { after: data.conversations.pageInfo.endCursor },
              updateQuery: (previous, { fetchMoreResult }) => ({
                conversations: {
                  ...fetchMoreResult.conversations,
                  edges: [...previous.conversations.edges, ...fetchMoreResult.conversations.edges],
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

export function ConversationPage({ id }: { id: string }) {
  const viewer = useViewer();
  const { data, loading, error, fetchMore } = useQuery(ConversationDetailDocument, {
    variables: { id, first: 50 },
    notifyOnNetworkStatusChange: true,
  });
  const [confirming, setConfirming] = useState(false);
  const [remove, removal] = useMutation(DeleteConversationDocument, {
    update: (cache, result) => {
      const deleted = result.data?.deleteConversation.deletedConversationId;
      if (deleted) {
        cache.evict({ id: cache.identify({ __typename: 'Conversation', id: deleted }) });
        cache.evict({ fieldName: 'conversations' });
        cache.gc();
      }
    },
  });
  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorNote error={error} />;
  const conversation = data?.conversation;
  if (!conversation)
    return (
      <section>
        <PageHeader title="Conversation not found" />
        <Empty>
          It does not exist (any more), or your key may not see it.{' '}
          <Link to="/conversations">Back to the conversations</Link>.
        </Empty>
      </section>
    );
  const turns = conversation.turns.edges.map((edge) => edge.node);
  const doDelete = async () => {
    try {
      await remove({ variables: { input: { id: conversation.id } } });
      navigate('/conversations', { replace: true });
    } catch {
      // shown by ErrorNote
    }
  };
  return (
    <section>
      <PageHeader title={conversation.title || 'Conversation'}>
        {can.invoke(viewer) && !confirming ? (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            Delete…
          </button>
        ) : null}
      </PageHeader>
      <p className="muted small">{conversation.internalId}</p>
      {confirming ? (
        <div className="panel confirm" role="alertdialog" aria-labelledby="confirm-delete-title">
          <p id="confirm-delete-title">
            <strong>Delete this conversation and its {conversation.turnCount} turns?</strong> This cannot be
            undone; the deletion is recorded in the audit log.
          </p>
          <ErrorNote error={removal.error} />
          <div className="actions">
            <button
              type="button"
              className="danger"
              disabled={removal.loading}
              onClick={() => void doDelete()}
            >
              {removal.loading ? 'Deleting…' : 'Delete conversation'}
            </button>
            <button type="button" className="secondary" autoFocus onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      <div className="panel">
        <dl className="facts">
          <dt>Capability</dt>
          <dd>{conversation.capability ?? 'any'}</dd>
          <dt>Shared</dt>
          <dd>{conversation.shared ? "with the owner's team" : 'with its key only'}</dd>
          <dt>Turns</dt>
          <dd>{conversation.turnCount}</dd>
          <dt>Stored</dt>
          <dd>{conversation.storedBytes} bytes</dd>
          <dt>Created / last active</dt>
          <dd>
            {formatDate(conversation.createdAt)} / {formatDate(conversation.updatedAt)}
          </dd>
        </dl>
        {conversation.metadata != null ? <Json value={conversation.metadata} label="Metadata" /> : null}
      </div>
      <h2>Turns</h2>
      <p className="muted">
        As stored: personal data is masked where the capability's masking policy says so.
      </p>
      {turns.length === 0 ? <Empty>No turns yet.</Empty> : null}
      <ol className="turns" data-testid="conversation-turns">
        {turns.map((turn) => (
          <li key={turn.id} className="panel">
            <h3>
              Turn {turn.index} · {turn.capability}
            </h3>
            <p className="muted small">
              {formatDate(turn.createdAt)} · {turn.model} ({turn.provider}) · {turn.usage.inputTokens} in ·{' '}
              {turn.usage.outputTokens} out · {formatUsd(turn.usage.costUsd)} · {turn.usage.latencyMs} ms ·
              run <code>{turn.runId}</code>
            </p>
            <div className="grid2">
              <div>
                <h4>Input</h4>
                <Json value={turn.input} label={`Input of turn ${turn.index}`} />
              </div>
              <div>
                <h4>Output</h4>
                <Json value={turn.output} label={`Output of turn ${turn.index}`} />
              </div>
            </div>
          </li>
        ))}
      </ol>
      {conversation.turns.pageInfo.hasNextPage ? (
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void fetchMore({
              variables: { after: conversation.turns.pageInfo.endCursor },
              updateQuery: (previous, { fetchMoreResult }) =>
                previous.conversation && fetchMoreResult.conversation
                  ? {
                      conversation: {
                        ...fetchMoreResult.conversation,
                        turns: {
                          ...fetchMoreResult.conversation.turns,
                          edges: [
                            ...previous.conversation.turns.edges,
                            ...fetchMoreResult.conversation.turns.edges,
                          ],
                        },
                      },
                    }
                  : previous,
            })
          }
        >
          Load more turns
        </button>
      ) : null}
    </section>
  );
}
