/**
 * Workflows: the catalog (name, version, status, steps), one workflow with its DAG and a run form
 * generated from its input schema, the run list, and one run with its DAG whose step statuses follow
 * `workflowEvents` live (replayed from the start, then as they happen).
 */
import { useMutation, useQuery, useSubscription } from '@apollo/client';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useViewer } from '../App.js';
import { SchemaForm } from '../components/SchemaForm.js';
import { Empty, ErrorNote, Json, Loading, PageHeader, formatDate, formatUsd } from '../components/ui.js';
import { WorkflowDag } from '../components/WorkflowDag.js';
import {
  RunWorkflowDocument,
  WorkflowDetailDocument,
  WorkflowEventsDocument,
  WorkflowRunDetailDocument,
  WorkflowRunsDocument,
  WorkflowsDocument,
  type WorkflowEventsSubscription,
  type WorkflowRunStatus,
} from '../generated/graphql.js';
import { Link, navigate, useRoute } from '../lib/router.js';
import { buildInput, formFromSchema, initialValues, type FormValues } from '../lib/schema-form.js';
import { can } from '../lib/session.js';
import { foldStepStatuses, type StepStatus } from '../lib/workflow-graph.js';
import './console-pages.css';

const RUN_STATUSES: WorkflowRunStatus[] = ['RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'];

function statusBadge(status: string) {
  const tone = status === 'COMPLETED' ? 'ok' : status === 'FAILED' || status === 'CANCELLED' ? 'warn' : '';
  return <span className={`badge ${tone}`}>{status.toLowerCase()}</span>;
}

export function WorkflowsPage() {
  const { data, loading, error, refetch } = useQuery(WorkflowsDocument, { variables: { first: 100 } });
  const workflows = data?.workflows.edges.map((edge) => edge.node) ?? [];
  return (
    <section>
      <PageHeader title="Workflows">
        <Link to="/workflow-runs" className="button secondary">
          Workflow runs
        </Link>
        <button type="button" className="secondary" onClick={() => void refetch()}>
          Refresh
        </button>
      </PageHeader>
      <ErrorNote error={error} />
      {loading && !data ? <Loading /> : null}
      {data && workflows.length === 0 ? (
        <Empty>
          No workflows are visible to your key. A MAINTAINER registers one with <code>registerWorkflow</code>.
        </Empty>
      ) : null}
      {workflows.length > 0 ? (
        <div className="scroll">
          <table data-testid="workflows-table">
            <caption className="sr-only">Workflows, by name</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
                <th scope="col">Steps</th>
                <th scope="col">Teams</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {workflows.map((workflow) => (
                <tr key={workflow.id}>
                  <td>
                    <Link to={`/workflows/${encodeURIComponent(workflow.name)}`}>{workflow.name}</Link>
                    {workflow.builtin ? <span className="badge">built-in</span> : null}
                    {workflow.description ? <p className="muted small">{workflow.description}</p> : null}
                  </td>
                  <td>v{workflow.version}</td>
                  <td>{statusBadge(workflow.status)}</td>
                  <td>{workflow.steps.map((step) => step.name).join(' → ')}</td>
                  <td>{workflow.teams.length > 0 ? workflow.teams.join(', ') : 'all'}</td>
                  <td>{formatDate(workflow.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export function WorkflowPage({ name }: { name: string }) {
  const viewer = useViewer();
  const { data, loading, error } = useQuery(WorkflowDetailDocument, { variables: { name } });
  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorNote error={error} />;
  const workflow = data?.workflow;
  if (!workflow)
    return (
      <section>
        <PageHeader title="Workflow not found" />
        <Empty>
          No workflow {name} is visible to your key. <Link to="/workflows">Back to the workflows</Link>.
        </Empty>
      </section>
    );
  return (
    <section>
      <PageHeader title={workflow.name}>
        <Link
          to={`/workflow-runs?workflow=${encodeURIComponent(workflow.name)}`}
          className="button secondary"
        >
          Its runs
        </Link>
      </PageHeader>
      <p className="muted">
        Version {workflow.version} · {workflow.status.toLowerCase()}
        {workflow.builtin ? ' · built-in' : ''} · updated {formatDate(workflow.updatedAt)}
      </p>
      {workflow.description ? <p>{workflow.description}</p> : null}
      <div className="grid2">
        <div className="panel">
          <h2>Steps</h2>
          <WorkflowDag
            steps={workflow.steps}
            label={`The steps of ${workflow.name} and what each waits for`}
          />
        </div>
        {can.invoke(viewer) && workflow.status === 'ACTIVE' ? (
          <RunForm name={workflow.name} schema={workflow.inputSchema} />
        ) : (
          <div className="panel">
            <h2>Run</h2>
            <p className="muted">
              {workflow.status !== 'ACTIVE'
                ? 'Deprecated: it takes no new runs.'
                : 'Running workflows needs a MEMBER key or above.'}
            </p>
          </div>
        )}
      </div>
      <details className="panel">
        <summary>Step mappings and output</summary>
        <Json value={workflow.steps} label="Steps" />
        <Json value={workflow.output} label="Output mapping" />
      </details>
    </section>
  );
}

function RunForm({ name, schema }: { name: string; schema: unknown }) {
  const fields = useMemo(() => formFromSchema(schema), [schema]);
  const [values, setValues] = useState<FormValues>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [maxCost, setMaxCost] = useState('');
  const [start, started] = useMutation(RunWorkflowDocument);
  useEffect(() => setValues(initialValues(fields)), [fields]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const built = buildInput(fields, values);
    setErrors(built.errors);
    if (Object.keys(built.errors).length > 0) {
      const first = Object.keys(built.errors)[0]!;
      document.getElementById(`wf-${first.replace(/\./g, '-') || 'root'}`)?.focus();
      return;
    }
    const maxCostUsd = maxCost.trim() === '' ? undefined : Number(maxCost);
    if (maxCostUsd !== undefined && !(Number.isFinite(maxCostUsd) && maxCostUsd >= 0)) {
      setErrors({ ...built.errors, maxCostUsd: 'A cost in USD, 0 or more.' });
      return;
    }
    try {
      const result = await start({
        variables: {
          input: {
            name,
            input: built.input,
            ...(maxCostUsd !== undefined ? { options: { maxCostUsd } } : {}),
          },
        },
      });
      const run = result.data?.runWorkflow.run;
      if (run) navigate(`/workflow-runs/${encodeURIComponent(run.id)}`);
    } catch {
      // shown by ErrorNote
    }
  };
  return (
    <form
      className="panel form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={`Run ${name}`}
    >
      <h2>Run</h2>
      <SchemaForm
        fields={fields}
        values={values}
        errors={errors}
        idPrefix="wf"
        onChange={(path, value) => setValues((current) => ({ ...current, [path]: value }))}
      />
      <div className="field">
        <label htmlFor="wf-max-cost">Most it may cost (USD, optional)</label>
        <input
          id="wf-max-cost"
          type="number"
          min="0"
          step="any"
          value={maxCost}
          aria-invalid={errors.maxCostUsd ? true : undefined}
          aria-describedby={errors.maxCostUsd ? 'wf-max-cost-error' : undefined}
          onChange={(event) => setMaxCost(event.target.value)}
        />
        {errors.maxCostUsd ? (
          <p className="error" id="wf-max-cost-error">
            {errors.maxCostUsd}
          </p>
        ) : null}
      </div>
      <ErrorNote error={started.error} />
      <button type="submit" disabled={started.loading}>
        {started.loading ? 'Starting…' : 'Start run'}
      </button>
    </form>
  );
}

export function WorkflowRunsPage() {
  const initial = useRoute().search.get('workflow') ?? '';
  const [workflow, setWorkflow] = useState(initial);
  const [status, setStatus] = useState<WorkflowRunStatus | ''>('');
  const filter = {
    ...(workflow.trim() ? { workflow: workflow.trim() } : {}),
    ...(status ? { status } : {}),
  };
  const { data, loading, error, fetchMore, refetch } = useQuery(WorkflowRunsDocument, {
    variables: { first: 25, filter },
    notifyOnNetworkStatusChange: true,
  });
  const runs = data?.workflowRuns.edges.map((edge) => edge.node) ?? [];
  return (
    <section>
      <PageHeader title="Workflow runs">
        <button type="button" className="secondary" onClick={() => void refetch()}>
          Refresh
        </button>
      </PageHeader>
      <form className="toolbar wrap" onSubmit={(event) => event.preventDefault()} aria-label="Run filters">
        <label htmlFor="wf-runs-workflow">Workflow</label>
        <input
          id="wf-runs-workflow"
          value={workflow}
          placeholder="any"
          onChange={(event) => setWorkflow(event.target.value)}
        />
        <label htmlFor="wf-runs-status">Status</label>
        <select
          id="wf-runs-status"
          value={status}
          onChange={(event) => setStatus(event.target.value as WorkflowRunStatus | '')}
        >
          <option value="">any</option>
          {RUN_STATUSES.map((item) => (
            <option key={item} value={item}>
              {item.toLowerCase()}
            </option>
          ))}
        </select>
        <span className="muted">
          {data?.workflowRuns.totalCount != null ? `${data.workflowRuns.totalCount} runs` : ''}
        </span>
      </form>
      <ErrorNote error={error} />
      {loading && !data ? <Loading /> : null}
      {data && runs.length === 0 ? (
        <Empty>
          No workflow runs match. Start one from a workflow's page (<Link to="/workflows">Workflows</Link>).
        </Empty>
      ) : null}
      {runs.length > 0 ? (
        <div className="scroll">
          <table data-testid="workflow-runs-table">
            <caption className="sr-only">Workflow runs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Workflow</th>
                <th scope="col">Status</th>
                <th scope="col">Cost</th>
                <th scope="col">Ended</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id}>
                  <td>
                    <Link to={`/workflow-runs/${encodeURIComponent(run.id)}`}>
                      {formatDate(run.createdAt)}
                    </Link>
                  </td>
                  <td>
                    {run.workflow} v{run.workflowVersion}
                  </td>
                  <td>
                    {statusBadge(run.status)}
                    {run.errorCode ? ` ${run.errorCode}` : ''}
                  </td>
                  <td>{formatUsd(run.usage.costUsd)}</td>
                  <td>{formatDate(run.endedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data?.workflowRuns.pageInfo.hasNextPage ? (
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void fetchMore({
              variables: { after: data.workflowRuns.pageInfo.endCursor },
              updateQuery: (previous, { fetchMoreResult }) => ({
                workflowRuns: {
                  ...fetchMoreResult.workflowRuns,
                  edges: [...previous.workflowRuns.edges, ...fetchMoreResult.workflowRuns.edges],
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

type WorkflowEvent = WorkflowEventsSubscription['workflowEvents'];

export function WorkflowRunPage({ id }: { id: string }) {
  const viewer = useViewer();
  const live = can.invoke(viewer);
  const { data, loading, error, refetch } = useQuery(WorkflowRunDetailDocument, {
    variables: { id },
    // Without the live events (a VIEWER may not follow them), the page polls while the run runs.
    pollInterval: live ? 0 : 2_000,
  });
  const run = data?.workflowRun;
  const definition = useQuery(WorkflowDetailDocument, {
    variables: { name: run?.workflow ?? '' },
    skip: !run,
  });
  const [events, setEvents] = useState<WorkflowEvent[]>([]);
  const subscription = useSubscription(WorkflowEventsDocument, {
    variables: { runId: id },
    skip: !live,
    onData: ({ data: message }) => {
      const event = message.data?.workflowEvents;
      if (!event || event.type === 'DELTA') return;
      setEvents((current) =>
        current.some((item) => item.seq === event.seq) ? current : [...current, event],
      );
      if (event.type === 'COMPLETED' || event.type === 'FAILED') void refetch();
    },
  });
  const statuses = useMemo(() => {
    const initial: Record<string, StepStatus> = {};
    for (const step of run?.steps ?? []) initial[step.name] = step.status;
    return foldStepStatuses(initial, events);
  }, [run, events]);
  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorNote error={error} />;
  if (!run)
    return (
      <section>
        <PageHeader title="Workflow run not found" />
        <Empty>
          <Link to="/workflow-runs">Back to the runs</Link>.
        </Empty>
      </section>
    );
  const ended = events.find((event) => event.type === 'COMPLETED' || event.type === 'FAILED');
  const status = ended ? (ended.type === 'COMPLETED' ? 'COMPLETED' : 'FAILED') : run.status;
  const steps = definition.data?.workflow?.steps;
  return (
    <section>
      <PageHeader title={`Run of ${run.workflow}`} />
      <p className="muted small">{run.internalId}</p>
      <p aria-live="polite" data-testid="workflow-run-status">
        {statusBadge(status)} {run.errorCode ? `${run.errorCode}: ${run.errorMessage ?? ''}` : ''}
        {ended?.type === 'FAILED' && !run.errorCode ? `${ended.errorCode ?? ''}: ${ended.message ?? ''}` : ''}
      </p>
      <ErrorNote error={subscription.error} />
      <div className="grid2">
        <div className="panel" aria-live="polite">
          <h2>Steps</h2>
          {definition.data && definition.data.workflow?.version !== run.workflowVersion ? (
            <p className="muted small">
              Drawn from version {definition.data.workflow?.version}; this run used version{' '}
              {run.workflowVersion}.
            </p>
          ) : null}
          <ErrorNote error={definition.error} />
          {steps ? (
            <WorkflowDag steps={steps} statuses={statuses} label={`Steps of this run of ${run.workflow}`} />
          ) : (
            <Loading />
          )}
        </div>
        <div className="panel">
          <dl className="facts">
            <dt>Workflow</dt>
            <dd>
              <Link to={`/workflows/${encodeURIComponent(run.workflow)}`}>{run.workflow}</Link> v
              {run.workflowVersion}
            </dd>
            <dt>Started / ended</dt>
            <dd>
              {formatDate(run.createdAt)} / {formatDate(run.endedAt)}
            </dd>
            <dt>Tokens</dt>
            <dd>
              {run.usage.inputTokens} in · {run.usage.outputTokens} out
            </dd>
            <dt>Cost</dt>
            <dd>
              {formatUsd(run.usage.costUsd)}
              {run.maxCostUsd != null ? ` (at most ${formatUsd(run.maxCostUsd)})` : ''}
            </dd>
          </dl>
          <table className="compact">
            <caption>Step runs</caption>
            <thead>
              <tr>
                <th scope="col">Step</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Cost</th>
              </tr>
            </thead>
            <tbody>
              {run.steps.map((step) => (
                <tr key={step.name}>
                  <th scope="row">{step.name}</th>
                  <td>
                    {statusBadge(statuses[step.name] ?? step.status)}
                    {step.errorCode ? ` ${step.errorCode}: ${step.errorMessage ?? ''}` : ''}
                  </td>
                  <td>{step.attempts}</td>
                  <td>{formatUsd(step.usage?.costUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div className="panel">
        <h2>Output</h2>
        {run.output == null ? (
          <p className="muted">{status === 'RUNNING' ? 'Not yet: the run is in progress.' : 'None.'}</p>
        ) : (
          <Json value={run.output} label="Output" />
        )}
      </div>
    </section>
  );
}
