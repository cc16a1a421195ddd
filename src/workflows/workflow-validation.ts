/**
 * Validates a workflow definition whole, before anything is stored: every problem found is listed
 * (BAD_USER_INPUT with `extensions.problems`), not only the first. Checked: names and bounds, that
 * each step's capability exists and the registrant may see it, that references name existing steps,
 * that the steps form a DAG (and no workflow calls itself through others), that each mapping can
 * satisfy the step's input schema (required fields mapped, literal and workflow-input types agree),
 * and that the output mapping refers to existing steps.
 */
import { BadUserInputError } from '../errors/app-error.js';
import { assertValidSchema } from '../capabilities/json-schema.js';
import { conditionReference, parseReference, referencesOf, type Reference } from './workflow-expressions.js';
import type { WorkflowDefinition, WorkflowStep } from './workflow.types.js';

export const WORKFLOW_LIMITS = {
  steps: 50,
  descriptionCharacters: 2000,
  retries: 5,
  concurrency: 16,
} as const;

export const workflowNamePattern = /^[a-z][a-z0-9_-]{1,63}$/;
const stepNamePattern = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** What validation needs to know about a step's target. */
export interface StepTarget {
  kind: 'capability' | 'workflow';
  inputSchema?: Record<string, unknown>;
  deprecated: boolean;
  /** For a workflow: every workflow it calls, directly or through others. */
  calls?: string[];
}

export interface WorkflowDraft {
  name: string;
  description?: string | null;
  inputSchema: unknown;
  steps: unknown;
  output?: unknown;
  teams?: string[] | null;
}

/** Returns the definition when valid; throws BadUserInputError listing every problem otherwise. */
export function validateWorkflow(
  draft: WorkflowDraft,
  targetOf: (name: string) => StepTarget | undefined,
): WorkflowDefinition {
  const problems: string[] = [];
  if (!workflowNamePattern.test(draft.name))
    problems.push('name: lower-case letters, digits, "_" or "-", 2 to 64 characters, starting with a letter');
  if (draft.description && draft.description.length > WORKFLOW_LIMITS.descriptionCharacters)
    problems.push(`description: at most ${WORKFLOW_LIMITS.descriptionCharacters} characters`);
  if (draft.teams?.some((team) => !team.trim())) problems.push('teams: names must not be empty');
  let inputSchema: Record<string, unknown> | undefined;
  try {
    assertValidSchema(draft.inputSchema, 'inputSchema');
    inputSchema = draft.inputSchema;
  } catch (error) {
    problems.push((error as Error).message.replace(/\.$/, ''));
  }
  const steps = Array.isArray(draft.steps) ? (draft.steps as WorkflowStep[]) : [];
  if (!Array.isArray(draft.steps) || steps.length === 0) problems.push('steps: at least one step');
  if (steps.length > WORKFLOW_LIMITS.steps) problems.push(`steps: at most ${WORKFLOW_LIMITS.steps}`);
  const names = new Set<string>();
  steps.forEach((step, index) => {
    const at = `steps[${index}]`;
    if (!step || typeof step !== 'object') {
      problems.push(`${at}: must be an object`);
      return;
    }
    if (typeof step.name !== 'string' || !stepNamePattern.test(step.name))
      problems.push(`${at}.name: letters, digits and "_", starting with a letter`);
    else if (names.has(step.name)) problems.push(`${at}.name: "${step.name}" is used twice`);
    else names.add(step.name);
  });

  const edges = new Map<string, Set<string>>();
  steps.forEach((step, index) => {
    if (!step || typeof step !== 'object') return;
    const at = `steps[${index}] (${step.name})`;
    const dependencies = new Set<string>();
    edges.set(step.name, dependencies);
    const checkReferences = (references: Reference[], where: string) => {
      for (const reference of references) {
        if (reference.root !== 'steps') continue;
        if (!names.has(reference.step!))
          problems.push(`${at}.${where}: refers to unknown step "${reference.step}"`);
        else if (reference.step === step.name) problems.push(`${at}.${where}: refers to its own output`);
        else if (reference.path[0] !== 'output')
          problems.push(`${at}.${where}: write /steps/${reference.step}/output/…`);
        else dependencies.add(reference.step!);
      }
    };
    checkReferences(referencesOf(step.input), 'input');
    if (step.when !== undefined && step.when !== null) {
      const reference = typeof step.when === 'string' ? conditionReference(step.when) : undefined;
      if (!reference) problems.push(`${at}.when: a JSON Pointer or {{…}} reference, optionally with "!"`);
      else checkReferences([reference], 'when');
    }
    if (step.forEach !== undefined && step.forEach !== null) {
      const reference = typeof step.forEach === 'string' ? parseReference(step.forEach) : undefined;
      if (!reference) problems.push(`${at}.forEach: a JSON Pointer or {{…}} reference to an array`);
      else checkReferences([reference], 'forEach');
    }
    for (const dependency of step.dependsOn ?? []) {
      if (!names.has(dependency)) problems.push(`${at}.dependsOn: unknown step "${dependency}"`);
      else dependencies.add(dependency);
    }
    checkBounds(step, at, problems);
    checkTarget(step, at, draft.name, targetOf, inputSchema, problems);
  });

  const cycle = findCycle(edges);
  if (cycle) problems.push(`steps: the steps form a cycle (${cycle.join(' → ')})`);
  for (const reference of referencesOf(draft.output)) {
    if (reference.root === 'steps' && !names.has(reference.step!))
      problems.push(`output: refers to unknown step "${reference.step}"`);
    else if (reference.root === 'item' || reference.root === 'index' || reference.root === 'number') {
      // Only meaningful inside $join / $map, which bind them; referencesOf cannot tell, so allowed.
    }
  }
  if (problems.length > 0) throw workflowProblems(problems);
  return {
    inputSchema: inputSchema!,
    steps: steps.map(normalizeStep),
    ...(draft.output !== undefined && draft.output !== null ? { output: draft.output } : {}),
  };
}

export function workflowProblems(problems: string[]): BadUserInputError {
  return new BadUserInputError(`Invalid workflow: ${problems.join('; ')}.`, { extensions: { problems } });
}

function normalizeStep(step: WorkflowStep): WorkflowStep {
  return {
    name: step.name,
    capability: step.capability,
    input: step.input ?? {},
    ...(step.when != null ? { when: step.when } : {}),
    ...(step.forEach != null ? { forEach: step.forEach } : {}),
    ...(step.concurrency != null ? { concurrency: step.concurrency } : {}),
    ...(step.dependsOn?.length ? { dependsOn: step.dependsOn } : {}),
    ...(step.retries != null ? { retries: step.retries } : {}),
    ...(step.timeoutMs != null ? { timeoutMs: step.timeoutMs } : {}),
    ...(step.options ? { options: withoutNulls(step.options) } : {}),
  };
}

function withoutNulls<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value != null)) as T;
}

function checkBounds(step: WorkflowStep, at: string, problems: string[]): void {
  const integerIn = (value: unknown, min: number, max: number) =>
    value === undefined ||
    value === null ||
    (Number.isInteger(value) && (value as number) >= min && (value as number) <= max);
  if (!integerIn(step.retries, 0, WORKFLOW_LIMITS.retries))
    problems.push(`${at}.retries: an integer from 0 to ${WORKFLOW_LIMITS.retries}`);
  if (!integerIn(step.timeoutMs, 100, 600_000))
    problems.push(`${at}.timeoutMs: an integer from 100 to 600000`);
  if (!integerIn(step.concurrency, 1, WORKFLOW_LIMITS.concurrency))
    problems.push(`${at}.concurrency: an integer from 1 to ${WORKFLOW_LIMITS.concurrency}`);
  if (step.concurrency != null && step.forEach == null) problems.push(`${at}.concurrency: only with forEach`);
  const options = step.options;
  if (options?.timeoutMs != null && !integerIn(options.timeoutMs, 100, 600_000))
    problems.push(`${at}.options.timeoutMs: an integer from 100 to 600000`);
  if (options?.maxCostUsd != null && !(Number.isFinite(options.maxCostUsd) && options.maxCostUsd >= 0))
    problems.push(`${at}.options.maxCostUsd: a number ≥ 0`);
}

function checkTarget(
  step: WorkflowStep,
  at: string,
  workflowName: string,
  targetOf: (name: string) => StepTarget | undefined,
  workflowInputSchema: Record<string, unknown> | undefined,
  problems: string[],
): void {
  if (typeof step.capability !== 'string' || !step.capability) {
    problems.push(`${at}.capability: required`);
    return;
  }
  if (step.capability === workflowName) {
    problems.push(`${at}.capability: a workflow cannot call itself`);
    return;
  }
  const target = targetOf(step.capability);
  if (!target) {
    problems.push(`${at}.capability: unknown capability "${step.capability}"`);
    return;
  }
  if (target.deprecated) problems.push(`${at}.capability: "${step.capability}" is deprecated`);
  if (target.calls?.includes(workflowName))
    problems.push(`${at}.capability: "${step.capability}" calls "${workflowName}" (a cycle of workflows)`);
  if (target.inputSchema) checkMapping(step, at, target.inputSchema, workflowInputSchema, problems);
}

/** Required fields mapped, and the types a registrant can see before any run (literals, workflow input). */
function checkMapping(
  step: WorkflowStep,
  at: string,
  schema: Record<string, unknown>,
  workflowInputSchema: Record<string, unknown> | undefined,
  problems: string[],
): void {
  const mapping = step.input;
  if (schema.type !== 'object') return;
  if (typeof mapping === 'string' && (parseReference(mapping) || mapping.includes('{{'))) return;
  if (!mapping || typeof mapping !== 'object' || Array.isArray(mapping)) {
    problems.push(`${at}.input: "${step.capability}" takes an object`);
    return;
  }
  const keys = Object.keys(mapping);
  if (keys.length === 1 && (keys[0] === '$map' || keys[0] === '$join')) return;
  const properties = (schema.properties ?? {}) as Record<string, { type?: unknown }>;
  for (const required of (schema.required as string[] | undefined) ?? []) {
    if (!(required in mapping))
      problems.push(`${at}.input.${required}: required by "${step.capability}" and not mapped`);
  }
  for (const [key, value] of Object.entries(mapping as Record<string, unknown>)) {
    const property = properties[key];
    if (!property) {
      if (schema.additionalProperties === false)
        problems.push(`${at}.input.${key}: "${step.capability}" has no such field`);
      continue;
    }
    const expected = property.type;
    if (typeof expected !== 'string') continue;
    const actual = staticTypeOf(value, workflowInputSchema);
    if (actual && !typeFits(actual, expected))
      problems.push(
        `${at}.input.${key}: "${step.capability}" expects ${expected}, the mapping gives ${actual}`,
      );
  }
}

/** The JSON type a mapping value certainly has, when it can be known before a run. */
function staticTypeOf(
  value: unknown,
  workflowInputSchema: Record<string, unknown> | undefined,
): string | undefined {
  if (typeof value === 'string') {
    const reference = parseReference(value);
    if (!reference) return 'string';
    if (reference.root === 'index' || reference.root === 'number') return 'integer';
    if (reference.root !== 'input' || !workflowInputSchema) return undefined;
    let schema: Record<string, unknown> | undefined = workflowInputSchema;
    for (const segment of reference.path) {
      const properties = schema?.properties as Record<string, Record<string, unknown>> | undefined;
      schema = properties?.[segment];
    }
    return typeof schema?.type === 'string' ? schema.type : undefined;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$join') return 'string';
    if (keys.length === 1 && keys[0] === '$map') return 'array';
    return 'object';
  }
  return undefined;
}

function typeFits(actual: string, expected: string): boolean {
  return actual === expected || (actual === 'integer' && expected === 'number');
}

/** A cycle among the steps, as the names along it, or undefined. */
function findCycle(edges: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'visiting') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'visiting');
    path.push(node);
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

/** The steps each step waits for (references and `dependsOn`). */
export function dependenciesOf(step: WorkflowStep): string[] {
  const references = [
    ...referencesOf(step.input),
    ...(step.when ? [conditionReference(step.when)] : []),
    ...(step.forEach ? [parseReference(step.forEach)] : []),
  ];
  const names = new Set(step.dependsOn ?? []);
  for (const reference of references)
    if (reference?.root === 'steps' && reference.step) names.add(reference.step);
  names.delete(step.name);
  return [...names];
}
