/** The catalog (search by name, description, team or model) and one capability with its versions. */
import { useMutation, useQuery } from '@apollo/client';
import { useState } from 'react';
import { useViewer } from '../App.js';
import { MaskingPolicyForm } from '../components/MaskingPolicyForm.js';
import { Empty, ErrorNote, Json, Loading, PageHeader, formatDate } from '../components/ui.js';
import {
  CapabilitiesDocument,
  CapabilityDetailDocument,
  CapabilityVersionDetailDocument,
  DeprecateCapabilityDocument,
  ModelsDocument,
} from '../generated/graphql.js';
import { describePolicy } from '../lib/masking-form.js';
import { Link } from '../lib/router.js';
import { can } from '../lib/session.js';

export function CapabilitiesPage() {
  const viewer = useViewer();
  const [search, setSearch] = useState('');
  const { data, loading, error } = useQuery(CapabilitiesDocument, { variables: { first: 100 } });
  const all = data?.capabilities.edges.map((edge) => edge.node) ?? [];
  const needle = search.trim().toLowerCase();
  const shown = needle
    ? all.filter((capability) =>
        [
          capability.name,
          capability.description ?? '',
          ...capability.teams,
          ...capability.implementations.map((i) => i.model),
        ]
          .join(' ')
          .toLowerCase()
          .includes(needle),
      )
    : all;
  return (
    <section>
      <PageHeader title="Capabilities">
        {can.maintain(viewer) ? (
          <Link to="/capabilities/new" className="button">
            Register a capability
          </Link>
        ) : null}
      </PageHeader>
      <div className="toolbar">
        <label htmlFor="capability-search">Search</label>
        <input
          id="capability-search"
          type="search"
          placeholder="name, description, team or model"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <span className="muted" aria-live="polite">
          {data ? `${shown.length} of ${all.length}` : ''}
        </span>
      </div>
      <ErrorNote error={error} />
      {loading && !data ? <Loading /> : null}
      {data && shown.length === 0 ? (
        <Empty>
          {all.length === 0
            ? can.maintain(viewer)
              ? 'No capabilities yet: register one with the button above.'
              : 'No capabilities are visible to your key yet.'
            : `Nothing matches “${search}”: try a shorter search.`}
        </Empty>
      ) : null}
      <ul className="cards" aria-label="Capabilities">
        {shown.map((capability) => (
          <li key={capability.id} className="card">
            <h2>
              <Link to={`/capabilities/${encodeURIComponent(capability.name)}`}>{capability.name}</Link>
            </h2>
            <p className="badges">
              <span className="badge">{capability.kind.toLowerCase()}</span>
              <span className={`badge ${capability.status === 'DEPRECATED' ? 'warn' : 'ok'}`}>
                {capability.status.toLowerCase()}
              </span>
              <span className="badge">v{capability.version}</span>
            </p>
            <p>{capability.description ?? <span className="muted">No description</span>}</p>
            <p className="muted small">
              {capability.implementations.length > 0
                ? `Models: ${capability.implementations.map((implementation) => implementation.model).join(', ')}`
                : 'No implementations'}
              {capability.teams.length > 0 ? ` · Teams: ${capability.teams.join(', ')}` : ''}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function CapabilityPage({ name }: { name: string }) {
  const viewer = useViewer();
  const { data, loading, error } = useQuery(CapabilityDetailDocument, { variables: { name } });
  // Model health (breaker, p50, error rate) is live: re-read every 10 s while the page is open.
  const models = useQuery(ModelsDocument, { pollInterval: 10_000 });
  const [deprecate, deprecation] = useMutation(DeprecateCapabilityDocument);
  const [confirming, setConfirming] = useState(false);
  const [editingMasking, setEditingMasking] = useState(false);
  const [maskingSaved, setMaskingSaved] = useState(false);
  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorNote error={error} />;
  const capability = data?.capability;
  if (!capability)
    return (
      <section>
        <PageHeader title="Capability not found" />
        <p>
          No capability <code>{name}</code> is visible to your key.{' '}
          <Link to="/capabilities">Back to the catalog</Link>.
        </p>
      </section>
    );
  const health = new Map((models.data?.models.edges ?? []).map((edge) => [edge.node.name, edge.node]));
  const editable = can.editCapability(viewer, capability);
  return (
    <section>
      <PageHeader title={capability.name}>
        {can.invoke(viewer) && capability.status === 'ACTIVE' ? (
          <Link to={`/playground/${encodeURIComponent(capability.name)}`} className="button">
            Open in playground
          </Link>
        ) : null}
        {editable ? (
          <Link to={`/capabilities/${encodeURIComponent(capability.name)}/edit`} className="button secondary">
            Edit
          </Link>
        ) : null}
        {editable && capability.status === 'ACTIVE' ? (
          confirming ? (
            <span className="confirm" role="group" aria-label="Confirm deprecation">
              <button
                type="button"
                className="danger"
                onClick={() =>
                  void deprecate({ variables: { input: { name } } }).then(
                    () => setConfirming(false),
                    () => undefined,
                  )
                }
              >
                Deprecate {capability.name}
              </button>
              <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </span>
          ) : (
            <button type="button" className="secondary" onClick={() => setConfirming(true)}>
              Deprecate…
            </button>
          )
        ) : null}
      </PageHeader>
      <ErrorNote error={deprecation.error} />
      <p className="badges">
        <span className="badge">{capability.kind.toLowerCase()}</span>
        <span className={`badge ${capability.status === 'DEPRECATED' ? 'warn' : 'ok'}`}>
          {capability.status.toLowerCase()}
        </span>
        <span className="badge">version {capability.version}</span>
        <span className="muted small">updated {formatDate(capability.updatedAt)}</span>
      </p>
      {capability.description ? <p>{capability.description}</p> : null}
      <div className="grid2">
        <div className="panel">
          <h2>Implementations</h2>
          {capability.implementations.length === 0 ? (
            <Empty>No implementations{editable ? ': add one with Edit.' : '.'}</Empty>
          ) : (
            <table>
              <caption className="sr-only">Implementations by priority</caption>
              <thead>
                <tr>
                  <th scope="col">Priority</th>
                  <th scope="col">Model</th>
                  <th scope="col">Weight</th>
                  <th scope="col">Health</th>
                  <th scope="col">p50</th>
                  <th scope="col">Errors</th>
                </tr>
              </thead>
              <tbody>
                {[...capability.implementations]
                  .sort((a, b) => a.priority - b.priority)
                  .map((implementation) => {
                    const model = health.get(implementation.model);
                    return (
                      <tr key={implementation.model}>
                        <td>{implementation.priority}</td>
                        <td>{implementation.model}</td>
                        <td>{implementation.weight}</td>
                        <td>
                          {model ? (
                            model.healthy ? (
                              <span className="badge ok">healthy</span>
                            ) : (
                              <span className="badge warn">open breaker</span>
                            )
                          ) : (
                            '–'
                          )}
                        </td>
                        <td>{model?.latencyMsP50 != null ? `${Math.round(model.latencyMsP50)} ms` : '–'}</td>
                        <td>{model?.errorRate != null ? `${(model.errorRate * 100).toFixed(1)}%` : '–'}</td>
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          )}
        </div>
        <div className="panel">
          <h2>Policies</h2>
          <dl className="facts">
            <dt>Routing</dt>
            <dd>
              {capability.routing.strategy.toLowerCase()}
              {capability.routing.maxAttempts ? `, ${capability.routing.maxAttempts} attempts` : ''}
              {capability.routing.timeoutMs ? `, ${capability.routing.timeoutMs} ms timeout` : ''}
              {capability.routing.zeroCostFallback ? ', zero-cost fallback when a HARD budget refuses' : ''}
            </dd>
            <dt>Cache</dt>
            <dd>
              {capability.cache?.enabled
                ? `on, ${capability.cache.ttlSeconds} s${capability.cache.shareable ? ', shared across teams' : ''}`
                : 'off'}
            </dd>
            <dt>Masking</dt>
            <dd data-testid="masking-summary">
              {describePolicy(capability.maskingPolicy)}
              {editable && !editingMasking ? (
                <>
                  {' '}
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      setMaskingSaved(false);
                      setEditingMasking(true);
                    }}
                  >
                    Edit masking…
                  </button>
                </>
              ) : null}
              {maskingSaved ? (
                <span className="muted" role="status">
                  {' '}
                  Masking policy saved.
                </span>
              ) : null}
            </dd>
            <dt>Logging</dt>
            <dd>
              {capability.logging.inputs || capability.logging.outputs
                ? `keeps ${[capability.logging.inputs ? 'inputs' : '', capability.logging.outputs ? 'outputs' : ''].filter(Boolean).join(' and ')} (masked)`
                : 'meta only'}
            </dd>
            <dt>Teams</dt>
            <dd>{capability.teams.length > 0 ? capability.teams.join(', ') : 'whole organization'}</dd>
          </dl>
          {editable && editingMasking ? (
            <MaskingPolicyForm
              capability={capability.name}
              policy={capability.maskingPolicy}
              onDone={(saved) => {
                setEditingMasking(false);
                setMaskingSaved(saved);
              }}
            />
          ) : null}
        </div>
      </div>
      {capability.kind === 'CUSTOM' ? (
        <div className="grid2">
          <div className="panel">
            <h2>Input schema</h2>
            <Json value={capability.inputSchema} label="Input schema" />
          </div>
          <div className="panel">
            <h2>Output schema</h2>
            {capability.outputSchema ? (
              <Json value={capability.outputSchema} label="Output schema" />
            ) : (
              <p className="muted">None: answers with text.</p>
            )}
            <h2>Prompt template</h2>
            <pre className="json">{capability.promptTemplate ?? '–'}</pre>
          </div>
        </div>
      ) : null}
      <Versions name={capability.name} current={capability.version} />
    </section>
  );
}

function Versions({ name, current }: { name: string; current: number }) {
  const [version, setVersion] = useState<number | null>(current > 1 ? current - 1 : null);
  const now = useQuery(CapabilityVersionDetailDocument, { variables: { name, version: current } });
  const then = useQuery(CapabilityVersionDetailDocument, {
    variables: { name, version: version ?? 1 },
    skip: version === null,
  });
  if (current <= 1)
    return (
      <div className="panel">
        <h2>Versions</h2>
        <p className="muted">Only version 1 so far: every edit makes a new version, kept readable here.</p>
      </div>
    );
  const left = then.data?.capabilityVersion;
  const right = now.data?.capabilityVersion;
  const fields = [
    'description',
    'status',
    'teams',
    'implementations',
    'routing',
    'cache',
    'logging',
    'promptTemplate',
    'inputSchema',
    'outputSchema',
  ] as const;
  // Client cache bookkeeping is not part of a version.
  const show = (value: unknown) =>
    JSON.stringify(value, (key, item: unknown) => (key === '__typename' ? undefined : item), 1);
  return (
    <div className="panel">
      <h2>Versions</h2>
      <label htmlFor="version-pick">Compare version</label>{' '}
      <select
        id="version-pick"
        value={version ?? ''}
        onChange={(event) => setVersion(Number(event.target.value))}
      >
        {Array.from({ length: current - 1 }, (_, index) => current - 1 - index).map((number) => (
          <option key={number} value={number}>
            v{number}
          </option>
        ))}
      </select>{' '}
      <span className="muted">with the current v{current}</span>
      <ErrorNote error={then.error ?? now.error} />
      {left && right ? (
        <table className="diff">
          <caption className="sr-only">Differences between versions</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">v{left.version}</th>
              <th scope="col">v{right.version}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => {
              const a = show(left[field]);
              const b = show(right[field]);
              return (
                <tr key={field} className={a === b ? 'same' : 'changed'}>
                  <th scope="row">
                    {field}
                    {a === b ? '' : ' (changed)'}
                  </th>
                  <td>
                    <pre>{a ?? '–'}</pre>
                  </td>
                  <td>
                    <pre>{b ?? '–'}</pre>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <Loading />
      )}
    </div>
  );
}
