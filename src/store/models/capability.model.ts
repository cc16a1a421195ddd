import { Schema, type Connection, type Model } from 'mongoose';

export interface ImplementationRecord {
  model: string;
  priority: number;
  weight: number;
  promptTemplate?: string;
  /** JSON string of provider parameters. */
  params?: string;
}

export interface RoutingPolicyRecord {
  strategy: string;
  maxAttempts?: number;
  timeoutMs?: number;
  complexityThreshold?: number;
}

export interface CachePolicyRecord {
  enabled: boolean;
  ttlSeconds: number;
  /** Entries may be served across teams. */
  shareable: boolean;
}

export interface CapabilityRecord {
  _id: string; // the capability name
  version: number;
  kind: 'builtin' | 'custom';
  description?: string;
  inputSchema?: string;
  outputSchema?: string;
  promptTemplate?: string;
  implementations: ImplementationRecord[];
  routing: RoutingPolicyRecord;
  cache?: CachePolicyRecord;
  /** Whether run records keep inputs and outputs; absent = neither. */
  logging?: { inputs: boolean; outputs: boolean };
  /** JSON string of a masking policy. */
  maskingPolicy?: string;
  teams: string[];
  ownerTeamId?: string;
  status: 'active' | 'deprecated';
  createdAt: Date;
  updatedAt: Date;
}

const implementationSchema = new Schema<ImplementationRecord>(
  {
    model: { type: String, required: true },
    priority: { type: Number, required: true },
    weight: { type: Number, required: true },
    promptTemplate: { type: String },
    params: { type: String },
  },
  { _id: false },
);

const capabilitySchema = new Schema<CapabilityRecord>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    kind: { type: String, required: true },
    description: { type: String },
    inputSchema: { type: String },
    outputSchema: { type: String },
    promptTemplate: { type: String },
    implementations: { type: [implementationSchema], default: [] },
    routing: {
      strategy: { type: String, required: true, default: 'FALLBACK' },
      maxAttempts: { type: Number },
      timeoutMs: { type: Number },
      complexityThreshold: { type: Number },
    },
    cache: {
      type: new Schema<CachePolicyRecord>(
        { enabled: Boolean, ttlSeconds: Number, shareable: Boolean },
        { _id: false },
      ),
    },
    logging: {
      type: new Schema({ inputs: Boolean, outputs: Boolean }, { _id: false }),
    },
    maskingPolicy: { type: String },
    teams: { type: [String], default: [] },
    ownerTeamId: { type: String },
    status: { type: String, required: true, default: 'active' },
  },
  { timestamps: true, versionKey: false },
);

export function capabilityModel(connection: Connection): Model<CapabilityRecord> {
  return connection.model<CapabilityRecord>('Capability', capabilitySchema, 'capabilities');
}

/** Every version of every capability, as a JSON snapshot: earlier versions stay readable. */
export interface CapabilityVersionRecord {
  _id: string; // `${name}@${version}`
  capability: string;
  version: number;
  snapshot: string;
  actor?: string;
  createdAt: Date;
}

const capabilityVersionSchema = new Schema<CapabilityVersionRecord>(
  {
    _id: { type: String, required: true },
    capability: { type: String, required: true },
    version: { type: Number, required: true },
    snapshot: { type: String, required: true },
    actor: { type: String },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
capabilityVersionSchema.index({ capability: 1, version: -1 });

export function capabilityVersionModel(connection: Connection): Model<CapabilityVersionRecord> {
  return connection.model<CapabilityVersionRecord>(
    'CapabilityVersion',
    capabilityVersionSchema,
    'capabilityVersions',
  );
}
