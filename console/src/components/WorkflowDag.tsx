/**
 * A workflow's DAG in SVG: one box per step (name, capability, status when a run is shown), one
 * arrow per dependency, laid out by dagre (lib/workflow-graph.ts). The same steps and statuses are
 * listed beside it for screen readers and keyboard users.
 */
import { useMemo } from 'react';
import { layoutWorkflow, type StepLike, type StepStatus } from '../lib/workflow-graph.js';

const STATUS_LABEL: Record<StepStatus, string> = {
  PENDING: 'pending',
  RUNNING: 'running',
  COMPLETED: 'completed',
  FAILED: 'failed',
  SKIPPED: 'skipped',
};

export function WorkflowDag({
  steps,
  statuses,
  label,
}: {
  steps: readonly StepLike[];
  statuses?: Record<string, StepStatus>;
  label: string;
}) {
  const layout = useMemo(() => layoutWorkflow(steps), [steps]);
  const byName = useMemo(() => new Map(steps.map((step) => [step.name, step])), [steps]);
  return (
    <figure className="dag">
      <svg
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width={layout.width}
        height={layout.height}
        role="img"
        aria-label={label}
        data-testid="workflow-dag"
      >
        <defs>
          <marker
            id="dag-arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="8"
            markerHeight="8"
            orient="auto-start-reverse"
          >
            <path d="M0 0 L10 5 L0 10 z" className="dag-arrow" />
          </marker>
        </defs>
        {layout.edges.map((edge) => (
          <path
            key={`${edge.from}->${edge.to}`}
            className="dag-edge"
            data-edge={`${edge.from}->${edge.to}`}
            d={edge.points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x} ${point.y}`).join(' ')}
            markerEnd="url(#dag-arrow)"
          />
        ))}
        {layout.nodes.map((node) => {
          const step = byName.get(node.name)!;
          const status = statuses?.[node.name];
          return (
            <g
              key={node.name}
              className={`dag-node ${status ? `status-${status.toLowerCase()}` : ''}`}
              data-step={node.name}
              data-status={status ?? ''}
              transform={`translate(${node.x - node.width / 2} ${node.y - node.height / 2})`}
            >
              <rect width={node.width} height={node.height} rx="8" />
              <text x={node.width / 2} y="22" textAnchor="middle" className="dag-name">
                {node.name}
                {step.forEach ? ' ×n' : ''}
              </text>
              <text x={node.width / 2} y="42" textAnchor="middle" className="dag-detail">
                {status ? STATUS_LABEL[status] : step.capability}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ol className="dag-steps" aria-label="Steps">
          {steps.map((step) => {
            const status = statuses?.[step.name];
            return (
              <li key={step.name} data-testid={`step-${step.name}`} data-status={status ?? ''}>
                <strong>{step.name}</strong> · <code>{step.capability}</code>
                {step.forEach ? ` · for each of ${step.forEach}` : ''}
                {step.when ? ` · when ${step.when}` : ''}
                {status ? (
                  <>
                    {' '}
                    · <span className={`badge status-${status.toLowerCase()}`}>{STATUS_LABEL[status]}</span>
                  </>
                ) : null}
              </li>
            );
          })}
        </ol>
      </figcaption>
    </figure>
  );
}
