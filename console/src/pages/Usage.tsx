/**
 * Usage: requests, errors, cost, tokens and p95 latency per day by capability, model or team (the
 * `usage` query grouped by DAY and the dimension), a range picker and CSV export; budgets as gauges,
 * with SOFT-budget alerts arriving live over `budgetAlerts`.
 */
import { useMutation, useQuery, useSubscription } from '@apollo/client';
import { useMemo, useState, type FormEvent } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useViewer } from '../App.js';
import { RemoveBudget } from '../components/RemoveBudget.js';
import { Empty, ErrorNote, Loading, PageHeader, formatDate, formatUsd } from '../components/ui.js';
import {
  BudgetAlertsDocument,
  BudgetsDocument,
  SetBudgetDocument,
  type BudgetMode,
  type BudgetPeriod,
  type BudgetScope,
  UsageDocument,
  type BudgetAlertsSubscription,
  type UsageDimension,
} from '../generated/graphql.js';
import { can } from '../lib/session.js';
import {
  METRICS,
  shapeUsage,
  usageCsv,
  usageTotals,
  type UsageDimensionKey,
  type UsageMetric,
} from '../lib/usage-series.js';

const COLORS = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#0891b2', '#64748b'];
const DIMENSIONS: { key: UsageDimensionKey; label: string; group: UsageDimension }[] = [
  { key: 'capability', label: 'Capability', group: 'CAPABILITY' },
  { key: 'model', label: 'Model', group: 'MODEL' },
  { key: 'team', label: 'Team', group: 'TEAM' },
];
const RANGES = [
  { days: 1, label: 'Today' },
  { days: 7, label: 'Last 7 days' },
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
];

function dayStart(daysAgo: number): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysAgo));
}

export function UsagePage() {
  const viewer = useViewer();
  const [days, setDays] = useState(7);
  const [custom, setCustom] = useState<{ from: string; to: string } | null>(null);
  const [dimension, setDimension] = useState<UsageDimensionKey>('capability');
  const [metric, setMetric] = useState<UsageMetric>('requests');
  const range = useMemo(() => {
    if (custom) return { from: new Date(`${custom.from}T00:00:00Z`), to: new Date(`${custom.to}T23:59:59Z`) };
    return { from: dayStart(days - 1), to: new Date() };
  }, [days, custom]);
  const rangeProblem = custom && !(range.from <= range.to) ? 'The start must be on or before the end.' : null;
  const group = DIMENSIONS.find((item) => item.key === dimension)!.group;
  const { data, loading, error, refetch } = useQuery(UsageDocument, {
    variables: { from: range.from.toISOString(), to: range.to.toISOString(), groupBy: ['DAY', group] },
    skip: Boolean(rangeProblem),
    pollInterval: 30_000,
    notifyOnNetworkStatusChange: true,
  });
  const rows = data?.usage ?? [];
  const shaped = useMemo(
    () => shapeUsage(rows, { dimension, metric, from: range.from, to: range.to }),
    [rows, dimension, metric, range],
  );
  const totals = usageTotals(rows);
  const exportCsv = () => {
    const blob = new Blob([usageCsv(rows, ['day', dimension])], { type: 'text/csv' });
    const url = URL.createObjectURL(blob);
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = `capgate-usage-${range.from.toISOString().slice(0, 10)}-${range.to.toISOString().slice(0, 10)}-by-${dimension}.csv`;
    anchor.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const Chart = METRICS[metric].stack ? BarChart : LineChart;
  return (
    <section>
      <PageHeader title="Usage">
        <button type="button" className="secondary" onClick={() => void refetch()}>
          Refresh
        </button>
        <button type="button" className="secondary" onClick={exportCsv} disabled={rows.length === 0}>
          Export CSV
        </button>
      </PageHeader>
      {!can.admin(viewer) ? <p className="muted">Your team's usage ({viewer.team}).</p> : null}
      <form className="toolbar wrap" onSubmit={(event) => event.preventDefault()} aria-label="Usage filters">
        <label htmlFor="usage-range">Range</label>
        <select
          id="usage-range"
          value={custom ? 'custom' : String(days)}
          onChange={(event) => {
            if (event.target.value === 'custom') {
              const today = new Date().toISOString().slice(0, 10);
              setCustom({
                from: dayStart(days - 1)
                  .toISOString()
                  .slice(0, 10),
                to: today,
              });
            } else {
              setCustom(null);
              setDays(Number(event.target.value));
            }
          }}
        >
          {RANGES.map((item) => (
            <option key={item.days} value={item.days}>
              {item.label}
            </option>
          ))}
          <option value="custom">Custom…</option>
        </select>
        {custom ? (
          <>
            <label htmlFor="usage-from">From</label>
            <input
              id="usage-from"
              type="date"
              value={custom.from}
              onChange={(event) => setCustom({ ...custom, from: event.target.value })}
            />
            <label htmlFor="usage-to">To</label>
            <input
              id="usage-to"
              type="date"
              value={custom.to}
              onChange={(event) => setCustom({ ...custom, to: event.target.value })}
            />
          </>
        ) : null}
        <label htmlFor="usage-dimension">By</label>
        <select
          id="usage-dimension"
          value={dimension}
          onChange={(event) => setDimension(event.target.value as UsageDimensionKey)}
        >
          {DIMENSIONS.map((item) => (
            <option key={item.key} value={item.key}>
              {item.label}
            </option>
          ))}
        </select>
        <label htmlFor="usage-metric">Show</label>
        <select
          id="usage-metric"
          value={metric}
          onChange={(event) => setMetric(event.target.value as UsageMetric)}
        >
          {(Object.keys(METRICS) as UsageMetric[]).map((key) => (
            <option key={key} value={key}>
              {METRICS[key].label}
            </option>
          ))}
        </select>
      </form>
      {rangeProblem ? <p className="error">{rangeProblem}</p> : null}
      <ErrorNote error={error} />
      <ul className="stats" aria-label="Totals">
        <li>
          <span className="stat" data-testid="total-requests">
            {totals.requests}
          </span>{' '}
          requests
        </li>
        <li>
          <span className="stat">{totals.errors}</span> errors
        </li>
        <li>
          <span className="stat" data-testid="total-cost">
            {formatUsd(totals.costUsd)}
          </span>{' '}
          cost
        </li>
        <li>
          <span className="stat">{totals.tokens}</span> tokens
        </li>
        <li>
          <span className="stat">{Math.round(totals.latencyMsP95)} ms</span> p95 (largest group)
        </li>
      </ul>
      {loading && !data ? <Loading /> : null}
      {data && rows.length === 0 ? (
        <Empty>Nothing ran in this range: run a capability in the playground and it shows here.</Empty>
      ) : null}
      {rows.length > 0 ? (
        <figure className="chart" aria-label={`${METRICS[metric].label} per day by ${dimension}`}>
          <ResponsiveContainer width="100%" height={320}>
            <Chart data={shaped.points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" />
              <YAxis allowDecimals={metric === 'costUsd'} />
              <Tooltip />
              <Legend />
              {shaped.series.map((series, index) =>
                METRICS[metric].stack ? (
                  <Bar
                    key={series}
                    dataKey={series}
                    stackId="a"
                    fill={COLORS[index % COLORS.length]}
                    isAnimationActive={false}
                  />
                ) : (
                  <Line
                    key={series}
                    dataKey={series}
                    stroke={COLORS[index % COLORS.length]}
                    isAnimationActive={false}
                  />
                ),
              )}
            </Chart>
          </ResponsiveContainer>
          <figcaption>
            <table className="compact" data-testid="usage-table">
              <caption>
                {METRICS[metric].label} by {dimension}, {formatDate(range.from.toISOString()).slice(0, 10)} to{' '}
                {formatDate(range.to.toISOString()).slice(0, 10)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{dimension}</th>
                  <th scope="col">{METRICS[metric].label}</th>
                </tr>
              </thead>
              <tbody>
                {shaped.series.map((series) => (
                  <tr key={series}>
                    <th scope="row">{series}</th>
                    <td>
                      {metric === 'costUsd'
                        ? formatUsd(shaped.totals[series])
                        : Math.round((shaped.totals[series] ?? 0) * 100) / 100}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </figcaption>
        </figure>
      ) : null}
      <Budgets />
    </section>
  );
}

function Gauge({ fraction, label }: { fraction: number; label: string }) {
  const clamped = Math.max(0, Math.min(1, fraction));
  const angle = Math.PI * (1 - clamped);
  const x = 50 + 40 * Math.cos(angle);
  const y = 50 - 40 * Math.sin(angle);
  const tone = fraction >= 1 ? 'over' : fraction >= 0.8 ? 'near' : 'fine';
  return (
    <svg viewBox="0 0 100 56" className={`gauge ${tone}`} role="img" aria-label={label}>
      <path d="M10 50 A40 40 0 0 1 90 50" className="track" />
      {clamped > 0 ? (
        <path d={`M10 50 A40 40 0 0 1 ${x.toFixed(2)} ${y.toFixed(2)}`} className="fill" />
      ) : null}
      <text x="50" y="48" textAnchor="middle">
        {Math.round(fraction * 100)}%
      </text>
    </svg>
  );
}

type Alert = BudgetAlertsSubscription['budgetAlerts'];

function Budgets() {
  const viewer = useViewer();
  const { data, loading, error, refetch } = useQuery(BudgetsDocument, { pollInterval: 60_000 });
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const live = useSubscription(BudgetAlertsDocument, {
    onData: ({ data: message }) => {
      const alert = message.data?.budgetAlerts;
      if (alert) {
        setAlerts((current) => [alert, ...current].slice(0, 20));
        void refetch();
      }
    },
  });
  const budgets = data?.budgets.edges.map((edge) => edge.node) ?? [];
  // Alerts name their target by id; the budget list knows its name.
  const targetName = (alert: Alert) =>
    budgets.find((budget) => budget.scope === alert.scope && budget.targetId === alert.target)?.target ??
    alert.target;
  return (
    <div className="panel">
      <h2>Budgets</h2>
      <ErrorNote error={error} />
      {loading && !data ? <Loading /> : null}
      {data && budgets.length === 0 ? (
        <Empty>
          No budgets are set.{' '}
          {can.admin(viewer) ? 'Set one with the form below.' : 'An admin of your organization sets them.'}
        </Empty>
      ) : null}
      <ul className="gauges">
        {budgets.map((budget) => (
          <li key={budget.id}>
            <Gauge
              fraction={budget.limitUsd > 0 ? budget.spentUsd / budget.limitUsd : 1}
              label={`${budget.scope} ${budget.target}: ${formatUsd(budget.spentUsd)} of ${formatUsd(budget.limitUsd)}`}
            />
            <p>
              <strong>
                {budget.scope.toLowerCase()} {budget.target}
              </strong>
              <br />
              {formatUsd(budget.spentUsd)} of {formatUsd(budget.limitUsd)} · {budget.period.toLowerCase()} (
              {budget.periodKey}) · {budget.mode.toLowerCase()}
            </p>
            {can.admin(viewer) ? <RemoveBudget budget={budget} /> : null}
          </li>
        ))}
      </ul>
      {can.admin(viewer) ? <BudgetForm defaultTarget={viewer.team} /> : null}
      <h3>Live alerts</h3>
      <ErrorNote error={live.error} />
      <div aria-live="polite">
        {alerts.length === 0 ? (
          <p className="muted">Listening: SOFT budgets that go over their limit show here as they happen.</p>
        ) : (
          <ul className="alerts">
            {alerts.map((alert, index) => (
              <li key={index} className="alert">
                {formatDate(alert.at)}: {alert.scope.toLowerCase()} {targetName(alert)} spent{' '}
                {formatUsd(alert.spentUsd)} of {formatUsd(alert.limitUsd)}
                {alert.capability ? ` (${alert.capability})` : ''}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function BudgetForm({ defaultTarget }: { defaultTarget: string }) {
  const [scope, setScope] = useState<BudgetScope>('TEAM');
  const [target, setTarget] = useState(defaultTarget);
  const [period, setPeriod] = useState<BudgetPeriod>('DAILY');
  const [mode, setMode] = useState<BudgetMode>('SOFT');
  const [limit, setLimit] = useState('10');
  const [limitProblem, setLimitProblem] = useState<string | null>(null);
  const [setBudget, { loading, error, data }] = useMutation(SetBudgetDocument, {
    refetchQueries: [BudgetsDocument],
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const limitUsd = Number(limit);
    if (limit.trim() === '' || !Number.isFinite(limitUsd) || limitUsd < 0) {
      setLimitProblem('A limit in USD, 0 or more.');
      return;
    }
    setLimitProblem(null);
    void setBudget({ variables: { input: { scope, target: target.trim(), period, mode, limitUsd } } }).catch(
      () => undefined,
    );
  };
  return (
    <form className="form subform" onSubmit={submit} noValidate aria-labelledby="budget-form-title">
      <h3 id="budget-form-title">Set a budget</h3>
      <div className="row">
        <div className="field">
          <label htmlFor="budget-scope">Scope</label>
          <select
            id="budget-scope"
            value={scope}
            onChange={(event) => setScope(event.target.value as BudgetScope)}
          >
            <option value="ORG">organization</option>
            <option value="TEAM">team</option>
            <option value="KEY">key</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="budget-target">Target</label>
          <input
            id="budget-target"
            value={target}
            aria-describedby="budget-target-hint"
            onChange={(event) => setTarget(event.target.value)}
          />
          <p className="hint" id="budget-target-hint">
            Team name, key id or org id.
          </p>
        </div>
        <div className="field">
          <label htmlFor="budget-period">Period</label>
          <select
            id="budget-period"
            value={period}
            onChange={(event) => setPeriod(event.target.value as BudgetPeriod)}
          >
            <option value="DAILY">daily</option>
            <option value="MONTHLY">monthly</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="budget-mode">Mode</label>
          <select
            id="budget-mode"
            value={mode}
            onChange={(event) => setMode(event.target.value as BudgetMode)}
          >
            <option value="SOFT">soft (alert)</option>
            <option value="HARD">hard (refuse)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="budget-limit">Limit (USD)</label>
          <input
            id="budget-limit"
            type="number"
            min="0"
            step="any"
            value={limit}
            aria-invalid={limitProblem ? true : undefined}
            aria-describedby={limitProblem ? 'budget-limit-error' : undefined}
            onChange={(event) => setLimit(event.target.value)}
          />
          {limitProblem ? (
            <p className="error" id="budget-limit-error">
              {limitProblem}
            </p>
          ) : null}
        </div>
      </div>
      <ErrorNote error={error} />
      {data ? (
        <p className="ok-note" role="status">
          Budget saved.
        </p>
      ) : null}
      <button type="submit" disabled={loading || !target.trim()}>
        Save budget
      </button>
    </form>
  );
}
