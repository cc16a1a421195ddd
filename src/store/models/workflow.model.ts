/**
 * The MongoDB collections of workflows: definitions (one document per name, versioned, with a
 * snapshot per version), runs (one document per run, written at its start and once at its end) and
 * the marks of their steps (`workflowStepMarks`: a document per step start, attempt and end, and one
 * per run end). A step's end and a run's end are inserts refused by a unique `_id` when they were
 * already made, so they happen once whichever instance gets there first — on MongoDB and on FerretDB
 * alike, which applies concurrent updates of one document as read-modify-write and could lose one.
 * User JSON (schemas, mappings, inputs, outputs) is stored as strings (PORTABILITY.md).
 */
import { Schema, type Connection, type Model } from 'mongoose';

export interface WorkflowRecord {
  _id: string; // the workflow name
  version: number;
  description?: string;
  /** JSON of the `WorkflowDefinition` (inputSchema, steps, output). */
  definition: string;
  teams: string[];
  ownerTeamId?: string;
  status: 'active' | 'deprecated';
  builtin: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface WorkflowVersionRecord {
  _id: string; // name@version
  workflow: string;
  version: number;
  snapshot: string;
  actor?: string;
  createdAt: Date;
}

export interface WorkflowStepRecord {
  status: string;
  attempts: number;
  output?: string;
  errorCode?: string;
  errorMessage?: string;
  usage?: { inputTokens: number; outputTokens: number; costUsd: number; latencyMs: number };
  startedAt?: Date;
  endedAt?: Date;
  /** `host:pid` of the instance that last started it. */
  instance?: string;
}

export interface WorkflowRunRecord {
  _id: string; // the run id
  workflow: string;
  workflowVersion: number;
  definition: string;
  orgId: string;
  teamId: string;
  keyId: string;
  /** JSON of the principal that started it: steps run on its behalf on whichever instance. */
  principal: string;
  input?: string;
  maxCostUsd?: number;
  status: string;
  steps: Record<string, WorkflowStepRecord>;
  costUsd: number;
  output?: string;
  errorCode?: string;
  errorMessage?: string;
  createdAt: Date;
  endedAt?: Date;
}

const workflowSchema = new Schema<WorkflowRecord>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    description: { type: String },
    definition: { type: String, required: true },
    teams: { type: [String], default: [] },
    ownerTeamId: { type: String },
    status: { type: String, required: true },
    builtin: { type: Boolean, default: false },
  },
  { timestamps: true, versionKey: false },
);

const workflowVersionSchema = new Schema<WorkflowVersionRecord>(
  {
    _id: { type: String, required: true },
    workflow: { type: String, required: true },
    version: { type: Number, required: true },
    snapshot: { type: String, required: true },
    actor: { type: String },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

const workflowRunSchema = new Schema<WorkflowRunRecord>(
  {
    _id: { type: String, required: true },
    workflow: { type: String, required: true },
    workflowVersion: { type: Number, required: true },
    definition: { type: String, required: true },
    orgId: { type: String, required: true },
    teamId: { type: String, required: true },
    keyId: { type: String, required: true },
    principal: { type: String, required: true },
    input: { type: String },
    maxCostUsd: { type: Number },
    status: { type: String, required: true },
    steps: { type: Schema.Types.Mixed, default: {} },
    costUsd: { type: Number, default: 0 },
    output: { type: String },
    errorCode: { type: String },
    errorMessage: { type: String },
    createdAt: { type: Date, required: true },
    endedAt: { type: Date },
  },
  { versionKey: false, minimize: false },
);
workflowRunSchema.index({ orgId: 1, teamId: 1, createdAt: -1 });
workflowRunSchema.index({ createdAt: -1 });

/**
 * One mark of a run's progress. `_id`: `<runId>|<step>|start` (upserted by the instance running the
 * step), `<runId>|<step>|attempt|<uuid>` (one per invocation attempt), `<runId>|<step>|end` and
 * `<runId>|:run|end` (inserted once). Step names cannot contain `|` or `:`.
 */
export interface WorkflowStepMarkRecord {
  _id: string;
  runId: string;
  kind: 'start' | 'attempt' | 'end' | 'run-end';
  step?: string;
  /** end: the step's status; run-end: the run's. */
  status?: string;
  output?: string;
  errorCode?: string;
  errorMessage?: string;
  usage?: { inputTokens: number; outputTokens: number; costUsd: number; latencyMs: number };
  instance?: string;
  at: Date;
}

const workflowStepMarkSchema = new Schema<WorkflowStepMarkRecord>(
  {
    _id: { type: String, required: true },
    runId: { type: String, required: true },
    kind: { type: String, required: true },
    step: { type: String },
    status: { type: String },
    output: { type: String },
    errorCode: { type: String },
    errorMessage: { type: String },
    usage: { type: Schema.Types.Mixed },
    instance: { type: String },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
workflowStepMarkSchema.index({ runId: 1 });

export function workflowModels(connection: Connection): {
  workflows: Model<WorkflowRecord>;
  workflowVersions: Model<WorkflowVersionRecord>;
  workflowRuns: Model<WorkflowRunRecord>;
  workflowStepMarks: Model<WorkflowStepMarkRecord>;
} {
  return {
    workflows: connection.model<WorkflowRecord>('Workflow', workflowSchema, 'workflows'),
    workflowVersions: connection.model<WorkflowVersionRecord>(
      'WorkflowVersion',
      workflowVersionSchema,
      'workflowVersions',
    ),
    workflowRuns: connection.model<WorkflowRunRecord>('WorkflowRun', workflowRunSchema, 'workflowRuns'),
    workflowStepMarks: connection.model<WorkflowStepMarkRecord>(
      'WorkflowStepMark',
      workflowStepMarkSchema,
      'workflowStepMarks',
    ),
  };
}

export type WorkflowModels = ReturnType<typeof workflowModels>;
