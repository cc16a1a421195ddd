/**
 * A workflow's DAG for drawing: its steps as nodes and, as edges, what each step waits for — its
 * `dependsOn` and the steps its mappings refer to (`/steps/<name>/…` pointers and `{{steps.<name>…}}`
 * placeholders in `input`, `forEach` and `when`), as the server's validation derives them — laid
 * out top to bottom by dagre. Plus each step's status folded from `workflowEvents`.
 */
import dagre from '@dagrejs/dagre';

export interface StepLike {
  name: string;
  capability: string;
  dependsOn: readonly string[];
  input?: unknown;
  forEach?: string | null;
  when?: string | null;
}

export interface GraphEdge {
  from: string;
  to: string;
}

const POINTER_STEP = /^\/steps\/([^/]+)(?:\/|$)/;
const PLACEHOLDER_STEP = /\{\{\s*steps\.([\w$-]+)/g;

function unescapePointer(part: string): string {
  return part.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The step names a mapping refers to. */
export function referencedSteps(mapping: unknown): Set<string> {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      const trimmed = value.trim().replace(/^!\s*/, '');
      const pointer = POINTER_STEP.exec(trimmed);
      if (pointer) found.add(unescapePointer(pointer[1]!));
      for (const match of value.matchAll(PLACEHOLDER_STEP)) found.add(match[1]!);
      return;
    }
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(mapping);
  return found;
}

/** Every edge `from → to` where step `to` waits for step `from`; unknown names are ignored. */
export function workflowEdges(steps: readonly StepLike[]): GraphEdge[] {
  const names = new Set(steps.map((step) => step.name));
  const edges: GraphEdge[] = [];
  for (const step of steps) {
    const waits = new Set(step.dependsOn);
    for (const mapping of [step.input, step.forEach, step.when]) {
      for (const name of referencedSteps(mapping ?? null)) waits.add(name);
    }
    waits.delete(step.name);
    for (const name of [...waits].sort()) if (names.has(name)) edges.push({ from: name, to: step.name });
  }
  return edges;
}

export interface LaidOutNode {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Layout {
  nodes: LaidOutNode[];
  edges: (GraphEdge & { points: { x: number; y: number }[] })[];
  width: number;
  height: number;
}

export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 56;

/** Positions (node centres) and edge routes, top to bottom. */
export function layoutWorkflow(steps: readonly StepLike[]): Layout {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'TB', nodesep: 32, ranksep: 48, marginx: 16, marginy: 16 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const step of steps) graph.setNode(step.name, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const edges = workflowEdges(steps);
  for (const edge of edges) graph.setEdge(edge.from, edge.to);
  dagre.layout(graph);
  const nodes = steps.map((step) => {
    const node = graph.node(step.name);
    return { name: step.name, x: node.x, y: node.y, width: NODE_WIDTH, height: NODE_HEIGHT };
  });
  const size = graph.graph();
  return {
    nodes,
    edges: edges.map((edge) => ({ ...edge, points: graph.edge(edge.from, edge.to)?.points ?? [] })),
    width: Math.max(size.width ?? 0, NODE_WIDTH + 32),
    height: Math.max(size.height ?? 0, NODE_HEIGHT + 32),
  };
}

export type StepStatus = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'SKIPPED';

export interface StepEventLike {
  type: string;
  step?: string | null;
}

/**
 * Step statuses after the events so far, starting from `initial` (the run's stored step states):
 * STEP_STARTED → running, STEP_COMPLETED / STEP_FAILED / STEP_SKIPPED → that. A run that FAILED or
 * was cancelled leaves its running steps as they were told last.
 */
export function foldStepStatuses(
  initial: Record<string, StepStatus>,
  events: readonly StepEventLike[],
): Record<string, StepStatus> {
  const statuses = { ...initial };
  for (const event of events) {
    if (!event.step) continue;
    if (event.type === 'STEP_STARTED') statuses[event.step] = 'RUNNING';
    else if (event.type === 'STEP_COMPLETED') statuses[event.step] = 'COMPLETED';
    else if (event.type === 'STEP_FAILED') statuses[event.step] = 'FAILED';
    else if (event.type === 'STEP_SKIPPED') statuses[event.step] = 'SKIPPED';
  }
  return statuses;
}
