/**
 * The usage page's rate-limit hits: requests refused by rate limits over the range, per rule, team,
 * key or capability (`rateLimitHits`), as a time series (hours, or days for long ranges).
 */
import { useQuery } from '@apollo/client';
import { useMemo, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Empty, ErrorNote, Loading } from '../components/ui.js';
import { RateLimitHitsDocument, type RateLimitHitDimension } from '../generated/graphql.js';
import { intervalFor, shapeHits, type HitDimensionKey } from '../lib/rate-limit-series.js';

const COLORS = ['#b91c1c', '#2563eb', '#d97706', '#059669', '#7c3aed', '#64748b'];
const DIMENSIONS: { key: HitDimensionKey; label: string; group: RateLimitHitDimension }[] = [
  { key: 'rule', label: 'Rule', group: 'RULE' },
  { key: 'team', label: 'Team', group: 'TEAM' },
  { key: 'key', label: 'API key', group: 'KEY' },
  { key: 'capability', label: 'Capability', group: 'CAPABILITY' },
];

export function RateLimitHits({ from, to }: { from: Date; to: Date }) {
  const [dimension, setDimension] = useState<HitDimensionKey>('rule');
  const interval = intervalFor(from, to);
  const group = DIMENSIONS.find((item) => item.key === dimension)!.group;
  const { data, loading, error } = useQuery(RateLimitHitsDocument, {
    variables: { from: from.toISOString(), to: to.toISOString(), interval, groupBy: [group] },
    pollInterval: 30_000,
  });
  const rows = data?.rateLimitHits ?? [];
  const shaped = useMemo(
    () => shapeHits(rows, { dimension, interval, from, to }),
    [rows, dimension, interval, from, to],
  );
  return (
    <div className="panel" aria-labelledby="rate-limit-hits-title">
      <h2 id="rate-limit-hits-title">Rate-limit hits</h2>
      <div className="toolbar wrap">
        <label htmlFor="hits-dimension">By</label>
        <select
          id="hits-dimension"
          value={dimension}
          onChange={(event) => setDimension(event.target.value as HitDimensionKey)}
        >
          {DIMENSIONS.map((item) => (
            <option key={item.key} value={item.key}>
              {item.label}
            </option>
          ))}
        </select>
        <span>
          <span className="stat" data-testid="total-rate-limit-hits">
            {shaped.total}
          </span>{' '}
          requests refused ({interval === 'DAY' ? 'per day' : 'per hour'}, UTC)
        </span>
      </div>
      <ErrorNote error={error} />
      {loading && !data ? <Loading /> : null}
      {data && rows.length === 0 ? (
        <Empty>No request was refused by a rate limit in this range.</Empty>
      ) : null}
      {rows.length > 0 ? (
        <figure className="chart" aria-label={`Requests refused by rate limits by ${dimension}`}>
          <ResponsiveContainer width="100%" height={240}>
            <LineChart data={shaped.points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="at" minTickGap={24} />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              {shaped.series.map((series, index) => (
                <Line
                  key={series}
                  dataKey={series}
                  stroke={COLORS[index % COLORS.length]}
                  dot={false}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
          <figcaption>
            <table className="compact" data-testid="rate-limit-hits-table">
              <caption>Refused requests by {dimension}</caption>
              <thead>
                <tr>
                  <th scope="col">{dimension}</th>
                  <th scope="col">Refused</th>
                </tr>
              </thead>
              <tbody>
                {shaped.series.map((series) => (
                  <tr key={series}>
                    <th scope="row">{series}</th>
                    <td>{shaped.totals[series]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </figcaption>
        </figure>
      ) : null}
    </div>
  );
}
