import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: string; output: string; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). At most 32 levels deep. */
  JSON: { input: unknown; output: unknown; }
};

export type AnalysisAspect =
  | 'ENTITIES'
  | 'KEYWORDS'
  | 'LANGUAGE'
  | 'SENTIMENT'
  | 'STATS';

export type AnalyzeInput = {
  /** Default: all aspects. At most 16 entries. */
  aspects?: InputMaybe<Array<AnalysisAspect>>;
  /** The text to analyze: at most 1000000 characters (BAD_USER_INPUT beyond). */
  text: Scalars['String']['input'];
};

export type AnalyzeResult = {
  entities: Maybe<Array<Entity>>;
  keywords: Maybe<Array<Keyword>>;
  /** ISO 639-1 code where one exists, else ISO 639-3; `und` when unsure. */
  language: Maybe<Scalars['String']['output']>;
  meta: RunMeta;
  sentiment: Maybe<Sentiment>;
  stats: Maybe<TextStats>;
};

/** An API key as listings show it: never the key itself, nor its hash. */
export type ApiKey = {
  createdAt: Scalars['DateTime']['output'];
  /** Id of the key that created it. */
  createdBy: Maybe<Scalars['String']['output']>;
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** The first characters of the key, to tell keys apart. */
  prefix: Scalars['String']['output'];
  revokedAt: Maybe<Scalars['DateTime']['output']>;
  roles: Array<Role>;
  /** Team name. */
  team: Scalars['String']['output'];
  teamId: Scalars['String']['output'];
};

/** Audit entries, newest first. */
export type AuditConnection = {
  edges: Array<AuditEdge>;
  pageInfo: PageInfo;
};

export type AuditEdge = {
  cursor: Scalars['String']['output'];
  node: AuditEntry;
};

/** One admin action. The summary never holds secrets. */
export type AuditEntry = {
  /** The mutation, e.g. `createApiKey`. */
  action: Scalars['String']['output'];
  /** The API key id (or token subject) that acted. */
  actorKeyId: Scalars['String']['output'];
  /** The actor's team name. */
  actorTeam: Maybe<Scalars['String']['output']>;
  actorTeamId: Scalars['String']['output'];
  at: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  requestId: Scalars['String']['output'];
  /** What changed, with secrets redacted. */
  summary: Scalars['JSON']['output'];
  /** What it acted on: a team, key id, capability, provider… */
  target: Scalars['String']['output'];
  /** The team the action concerned, if any. */
  teamId: Maybe<Scalars['String']['output']>;
};

export type Budget = {
  id: Scalars['ID']['output'];
  limitUsd: Scalars['Float']['output'];
  mode: BudgetMode;
  period: BudgetPeriod;
  /** The current period: `YYYY-MM-DD` or `YYYY-MM` (UTC). */
  periodKey: Scalars['String']['output'];
  /** limitUsd − spentUsd − reservedUsd, at least 0. */
  remainingUsd: Scalars['Float']['output'];
  /** Held by requests in flight. */
  reservedUsd: Scalars['Float']['output'];
  scope: BudgetScope;
  /** Settled spend in the current period. */
  spentUsd: Scalars['Float']['output'];
  /** Org id, team name or API key id. */
  target: Scalars['String']['output'];
  /** Org id, team id or API key id. */
  targetId: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

/** A SOFT budget went over its limit. */
export type BudgetAlert = {
  at: Scalars['DateTime']['output'];
  capability: Maybe<Scalars['String']['output']>;
  /** The key whose request went over. */
  keyId: Scalars['String']['output'];
  limitUsd: Scalars['Float']['output'];
  period: BudgetPeriod;
  periodKey: Scalars['String']['output'];
  runId: Maybe<Scalars['String']['output']>;
  scope: BudgetScope;
  spentUsd: Scalars['Float']['output'];
  /** Org id, team id or API key id. */
  target: Scalars['String']['output'];
  teamId: Maybe<Scalars['String']['output']>;
};

/** HARD rejects requests that would go over (BUDGET_EXCEEDED); SOFT lets them through and raises a budget alert. */
export type BudgetMode =
  | 'HARD'
  | 'SOFT';

/** UTC calendar day or month. */
export type BudgetPeriod =
  | 'DAILY'
  | 'MONTHLY';

/** What a budget or rate limit applies to. Targets: ORG = org id, TEAM = team name (or id), KEY = API key id. */
export type BudgetScope =
  | 'KEY'
  | 'ORG'
  | 'TEAM';

export type CachePolicyInput = {
  enabled: Scalars['Boolean']['input'];
  /** Entries may be served to other teams. Default false. */
  shareable?: InputMaybe<Scalars['Boolean']['input']>;
  /** Default 300. */
  ttlSeconds?: InputMaybe<Scalars['Int']['input']>;
};

/** Which run to cancel. */
export type CancelWorkflowRunInput = {
  /** The global id of the run. */
  id: Scalars['ID']['input'];
};

/** The run, as it is after the cancellation. */
export type CancelWorkflowRunPayload = {
  run: WorkflowRun;
};

export type Capability = {
  cache: Maybe<Scalars['JSON']['output']>;
  description: Maybe<Scalars['String']['output']>;
  implementations: Array<Implementation>;
  inputSchema: Maybe<Scalars['JSON']['output']>;
  /** `builtin` or `custom`. */
  kind: Scalars['String']['output'];
  /** What run records keep of its runs besides their meta (inputs, outputs: masked). */
  logging: LoggingPolicy;
  maskingPolicy: Maybe<Scalars['JSON']['output']>;
  name: Scalars['String']['output'];
  outputSchema: Maybe<Scalars['JSON']['output']>;
  promptTemplate: Maybe<Scalars['String']['output']>;
  routing: Scalars['JSON']['output'];
  /** `active` or `deprecated`. */
  status: Scalars['String']['output'];
  teams: Array<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  version: Scalars['Int']['output'];
};

export type CapabilityInput = {
  cache?: InputMaybe<CachePolicyInput>;
  description?: InputMaybe<Scalars['String']['input']>;
  implementations?: InputMaybe<Array<ImplementationInput>>;
  /** JSON Schema; required for custom capabilities. At most 65536 bytes, 256 properties in all and 32 levels of nesting; `pattern` uses RE2 syntax (no lookaround or backreferences); `$id`s are local to this schema. Beyond these: BAD_USER_INPUT. */
  inputSchema?: InputMaybe<Scalars['JSON']['input']>;
  /** Whether run records keep inputs and outputs; default neither. */
  logging?: InputMaybe<LoggingPolicyInput>;
  name: Scalars['String']['input'];
  /** JSON Schema of the structured output; optional: without it a custom capability answers with text. At most 65536 bytes, 256 properties in all and 32 levels of nesting; `pattern` uses RE2 syntax (no lookaround or backreferences); `$id`s are local to this schema. Beyond these: BAD_USER_INPUT. */
  outputSchema?: InputMaybe<Scalars['JSON']['input']>;
  /** How remote models are asked; {{input.field}} placeholders. */
  promptTemplate?: InputMaybe<Scalars['String']['input']>;
  routing?: InputMaybe<RoutingPolicyInput>;
  /** Teams (by name) that may invoke it; empty = whole organization. */
  teams?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type ClassifyInput = {
  /** Few-shot examples: at most 200. */
  examples?: InputMaybe<Array<LabeledExample>>;
  /** Optional label → description, to sharpen zero-shot labels: keys are labels, descriptions at most 1000 characters. */
  labelDescriptions?: InputMaybe<Scalars['JSON']['input']>;
  /** 2 to 100 labels of at most 200 characters each. */
  labels: Array<Scalars['String']['input']>;
  /** Independent scores; every label above the threshold is returned. */
  multiLabel?: InputMaybe<Scalars['Boolean']['input']>;
  /** The text to classify: at most 1000000 characters (BAD_USER_INPUT beyond). */
  text: Scalars['String']['input'];
  /** multiLabel cut-off, default 0.5. */
  threshold?: InputMaybe<Scalars['Float']['input']>;
};

export type ClassifyResult = {
  label: Scalars['String']['output'];
  labels: Array<Scalars['String']['output']>;
  meta: RunMeta;
  /** Sum to 1 unless multiLabel. */
  scores: Array<LabelScore>;
};

export type CreatedApiKey = {
  apiKey: ApiKey;
  /** The key. Shown this once: only its HMAC is stored. */
  key: Scalars['String']['output'];
};

/** Which workflow to deprecate. */
export type DeprecateWorkflowInput = {
  /** The workflow name. */
  name: Scalars['String']['input'];
};

/** The workflow, deprecated. */
export type DeprecateWorkflowPayload = {
  workflow: Workflow;
};

export type DocumentInput = {
  /** Stable id: ingesting the same id again replaces the document. */
  id?: InputMaybe<Scalars['String']['input']>;
  /** An object; at most 10000 characters of JSON and 32 levels deep. */
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  /** At most 2000000 characters. */
  text: Scalars['String']['input'];
  /** At most 500 characters. */
  title?: InputMaybe<Scalars['String']['input']>;
};

export type Entity = {
  /** Character offset after the last character. */
  end: Scalars['Int']['output'];
  /** Character offset of the first character (UTF-16). */
  start: Scalars['Int']['output'];
  text: Scalars['String']['output'];
  type: Scalars['String']['output'];
};

export type Implementation = {
  model: Scalars['String']['output'];
  priority: Scalars['Int']['output'];
  weight: Scalars['Float']['output'];
};

export type ImplementationInput = {
  model: Scalars['String']['input'];
  /** Provider parameters passed through (e.g. temperature). */
  params?: InputMaybe<Scalars['JSON']['input']>;
  /** Lower runs first (FALLBACK). Default: list order. */
  priority?: InputMaybe<Scalars['Int']['input']>;
  /** Overrides the capability prompt template for this model. */
  promptTemplate?: InputMaybe<Scalars['String']['input']>;
  /** Share of traffic under WEIGHTED. Default 1. */
  weight?: InputMaybe<Scalars['Float']['input']>;
};

export type IngestResult = {
  chunks: Scalars['Int']['output'];
  documents: Scalars['Int']['output'];
};

/** Per-call overrides of the capability routing policy. */
export type InvokeOptions = {
  /** Use the response cache (default: the capability's cache policy). */
  cache?: InputMaybe<Scalars['Boolean']['input']>;
  /** Conversation whose context is kept. */
  conversationId?: InputMaybe<Scalars['ID']['input']>;
  /** Skip candidates whose estimated cost (USD) is above this. */
  maxCostUsd?: InputMaybe<Scalars['Float']['input']>;
  /** Pin one registered model by name. */
  model?: InputMaybe<Scalars['String']['input']>;
  strategy?: InputMaybe<RoutingStrategy>;
  /** Per-attempt timeout in milliseconds. */
  timeoutMs?: InputMaybe<Scalars['Int']['input']>;
};

export type InvokeResult = {
  meta: RunMeta;
  output: Scalars['JSON']['output'];
};

export type Keyword = {
  score: Scalars['Float']['output'];
  text: Scalars['String']['output'];
};

export type KnowledgeBase = {
  chunks: Scalars['Int']['output'];
  description: Maybe<Scalars['String']['output']>;
  documents: Scalars['Int']['output'];
  /** Embedding model for hybrid retrieval, if any. */
  embeddingModel: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
};

export type LabelScore = {
  label: Scalars['String']['output'];
  score: Scalars['Float']['output'];
};

export type LabeledExample = {
  /** One of the labels. */
  label: Scalars['String']['input'];
  /** At most 2000 characters; all examples together at most 100000. */
  text: Scalars['String']['input'];
};

/** What run records keep of each run of a capability, besides its meta. */
export type LoggingPolicy = {
  /** Run records keep the run's input (masked). */
  inputs: Scalars['Boolean']['output'];
  /** Run records keep the run's output (masked). */
  outputs: Scalars['Boolean']['output'];
};

/** What run records keep of each run of a capability. Both default to false. */
export type LoggingPolicyInput = {
  /** Keep each run's input, masked per the masking policy. Default false. */
  inputs?: InputMaybe<Scalars['Boolean']['input']>;
  /** Keep each run's output, masked per the masking policy. Default false. */
  outputs?: InputMaybe<Scalars['Boolean']['input']>;
};

export type Model = {
  contextWindow: Maybe<Scalars['Int']['output']>;
  errorRate: Maybe<Scalars['Float']['output']>;
  healthy: Scalars['Boolean']['output'];
  latencyMsP50: Maybe<Scalars['Float']['output']>;
  name: Scalars['String']['output'];
  pricing: Pricing;
  provider: Scalars['String']['output'];
  qualityTier: Maybe<Scalars['Int']['output']>;
  tags: Array<Scalars['String']['output']>;
  upstreamModel: Scalars['String']['output'];
};

export type ModelInput = {
  contextWindow?: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
  pricing?: InputMaybe<PricingInput>;
  provider: Scalars['String']['input'];
  /** 1 (basic) to 10 (most capable); used by COMPLEXITY routing. */
  qualityTier?: InputMaybe<Scalars['Int']['input']>;
  /** e.g. "embeddings" for models that offer embeddings. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The provider's own model id. */
  upstreamModel: Scalars['String']['input'];
};

export type Mutation = {
  /** Analyze a text: sentiment, entities, keywords, language, statistics. Null, with an error for this field alone, when it fails: the other fields of the operation still answer. */
  analyze: Maybe<AnalyzeResult>;
  /** Cancels a run: its stream ends FAILED with errorCode CANCELLED, steps in flight are aborted. */
  cancelWorkflowRun: CancelWorkflowRunPayload;
  /** Classify a text into given labels (zero-shot or few-shot). Null, with an error for this field alone, when it fails: the other fields of the operation still answer. */
  classify: Maybe<ClassifyResult>;
  /** Issues a key; the key is in the answer this once. Org ADMINs: any team; MAINTAINERs: their own team. Nobody grants a role above their own. */
  createApiKey: CreatedApiKey;
  createKnowledgeBase: KnowledgeBase;
  /** Org ADMIN only. */
  createTeam: Team;
  deprecateCapability: Capability;
  /** Deprecates a workflow: it can no longer be run (ADMIN, or a MAINTAINER of the owning team). */
  deprecateWorkflow: DeprecateWorkflowPayload;
  /** Add or replace documents; they are chunked and indexed. */
  ingestDocuments: IngestResult;
  /** Invoke any capability by name with JSON input. Null, with an error for this field alone, when it fails: the other fields of the operation still answer. */
  invoke: Maybe<InvokeResult>;
  /** Registers a custom capability, owned by the caller's team. */
  registerCapability: Capability;
  /** Registers (or replaces) a model of a provider. */
  registerModel: Model;
  /** Registers (or replaces) a provider. The API key is write-only. */
  registerProvider: Provider;
  /** Registers a workflow (MAINTAINER; your team owns it). Validated whole: BAD_USER_INPUT lists every problem in `extensions.problems`, and nothing is stored. */
  registerWorkflow: RegisterWorkflowPayload;
  /** Removes a budget; false when there was none. Same rights as setBudget. */
  removeBudget: Scalars['Boolean']['output'];
  /** Retrieve the passages of a knowledge base that best match a query. Null, with an error for this field alone, when it fails: the other fields of the operation still answer. */
  retrieve: Maybe<RetrieveResult>;
  /** Revokes a key on every instance at once. Idempotent. */
  revokeApiKey: ApiKey;
  /** Starts a workflow run and returns at once; follow it with `workflowEvents(runId: run.id)`. Each step is governed, admitted, budgeted and metered like an invocation. */
  runWorkflow: RunWorkflowPayload;
  /** Creates or replaces the budget of (scope, target, period). ORG and TEAM: org ADMIN; KEY: also a MAINTAINER of the key's team. */
  setBudget: Budget;
  /** Opt-in exact-match response cache for a capability. */
  setCachePolicy: Capability;
  /** The org-wide default masking policy, for capabilities without their own. Empty detectors remove it. */
  setDefaultMaskingPolicy: Scalars['Boolean']['output'];
  /** Swaps the models behind a capability, live. */
  setImplementations: Capability;
  /** Whether run records keep the inputs and outputs of its runs (masked per its masking policy; deleted after the run retention). */
  setLoggingPolicy: Capability;
  /** PII masking before remote providers, the cache and logs. mode: REDACT | TOKENIZE. */
  setMaskingPolicy: Capability;
  /** Sets the per-minute limits of (scope, target); both null removes them. ORG and TEAM: org ADMIN; KEY: also a MAINTAINER of the key's team. */
  setRateLimit: RateLimit;
  setRoutingPolicy: Capability;
  /** Starts a run and returns at once; follow it with runEvents(runId). */
  startRun: Run;
  /** Summarize a text. Null, with an error for this field alone, when it fails: the other fields of the operation still answer. */
  summarize: Maybe<SummarizeResult>;
  /** Changes a capability; bumps its version (earlier versions stay readable). */
  updateCapability: Capability;
  /** Replaces a workflow definition (ADMIN, or a MAINTAINER of the owning team); bumps its version. Runs in flight keep their version. */
  updateWorkflow: UpdateWorkflowPayload;
};


export type MutationAnalyzeArgs = {
  input: AnalyzeInput;
  options?: InputMaybe<InvokeOptions>;
};


export type MutationCancelWorkflowRunArgs = {
  input: CancelWorkflowRunInput;
};


export type MutationClassifyArgs = {
  input: ClassifyInput;
  options?: InputMaybe<InvokeOptions>;
};


export type MutationCreateApiKeyArgs = {
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  name: Scalars['String']['input'];
  roles: Array<Role>;
  team: Scalars['String']['input'];
};


export type MutationCreateKnowledgeBaseArgs = {
  description?: InputMaybe<Scalars['String']['input']>;
  embeddingModel?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
};


export type MutationCreateTeamArgs = {
  name: Scalars['String']['input'];
};


export type MutationDeprecateCapabilityArgs = {
  name: Scalars['String']['input'];
};


export type MutationDeprecateWorkflowArgs = {
  input: DeprecateWorkflowInput;
};


export type MutationIngestDocumentsArgs = {
  documents: Array<DocumentInput>;
  knowledgeBase: Scalars['String']['input'];
};


export type MutationInvokeArgs = {
  capability: Scalars['String']['input'];
  input: Scalars['JSON']['input'];
  options?: InputMaybe<InvokeOptions>;
};


export type MutationRegisterCapabilityArgs = {
  input: CapabilityInput;
};


export type MutationRegisterModelArgs = {
  input: ModelInput;
};


export type MutationRegisterProviderArgs = {
  input: ProviderInput;
};


export type MutationRegisterWorkflowArgs = {
  input: RegisterWorkflowInput;
};


export type MutationRemoveBudgetArgs = {
  period: BudgetPeriod;
  scope: BudgetScope;
  target: Scalars['String']['input'];
};


export type MutationRetrieveArgs = {
  input: RetrieveInput;
  options?: InputMaybe<InvokeOptions>;
};


export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRunWorkflowArgs = {
  input: RunWorkflowInput;
};


export type MutationSetBudgetArgs = {
  limitUsd: Scalars['Float']['input'];
  mode: BudgetMode;
  period: BudgetPeriod;
  scope: BudgetScope;
  target: Scalars['String']['input'];
};


export type MutationSetCachePolicyArgs = {
  capability: Scalars['String']['input'];
  policy: CachePolicyInput;
};


export type MutationSetDefaultMaskingPolicyArgs = {
  customPatterns?: InputMaybe<Scalars['JSON']['input']>;
  detectors: Array<Scalars['String']['input']>;
  mode: Scalars['String']['input'];
};


export type MutationSetImplementationsArgs = {
  capability: Scalars['String']['input'];
  implementations: Array<ImplementationInput>;
};


export type MutationSetLoggingPolicyArgs = {
  capability: Scalars['String']['input'];
  policy: LoggingPolicyInput;
};


export type MutationSetMaskingPolicyArgs = {
  capability: Scalars['String']['input'];
  customPatterns?: InputMaybe<Scalars['JSON']['input']>;
  detectors: Array<Scalars['String']['input']>;
  mode: Scalars['String']['input'];
};


export type MutationSetRateLimitArgs = {
  requestsPerMinute?: InputMaybe<Scalars['Int']['input']>;
  scope: BudgetScope;
  target: Scalars['String']['input'];
  tokensPerMinute?: InputMaybe<Scalars['Int']['input']>;
};


export type MutationSetRoutingPolicyArgs = {
  capability: Scalars['String']['input'];
  policy: RoutingPolicyInput;
};


export type MutationStartRunArgs = {
  capability: Scalars['String']['input'];
  input: Scalars['JSON']['input'];
  options?: InputMaybe<InvokeOptions>;
};


export type MutationSummarizeArgs = {
  input: SummarizeInput;
  options?: InputMaybe<InvokeOptions>;
};


export type MutationUpdateCapabilityArgs = {
  input: CapabilityInput;
  name: Scalars['String']['input'];
};


export type MutationUpdateWorkflowArgs = {
  input: UpdateWorkflowInput;
};

/** Relay-style pagination state. */
export type PageInfo = {
  /** Pass as `after` to get the next page. */
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Pricing = {
  inputPer1M: Scalars['Float']['output'];
  outputPer1M: Scalars['Float']['output'];
};

export type PricingInput = {
  /** USD per million input tokens. */
  inputPer1M: Scalars['Float']['input'];
  /** USD per million output tokens. */
  outputPer1M: Scalars['Float']['input'];
};

/** The caller, as authenticated for this request. */
export type Principal = {
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  /** API key id, or the token subject. */
  id: Scalars['ID']['output'];
  /** `apiKey` or `jwt`. */
  kind: Scalars['String']['output'];
  name: Scalars['String']['output'];
  orgId: Scalars['String']['output'];
  roles: Array<Role>;
  team: Scalars['String']['output'];
  teamId: Scalars['String']['output'];
};

export type Provider = {
  baseUrl: Maybe<Scalars['String']['output']>;
  hasApiKey: Scalars['Boolean']['output'];
  /** False while any of its models has an open circuit. */
  healthy: Scalars['Boolean']['output'];
  kind: ProviderKind;
  name: Scalars['String']['output'];
};

export type ProviderInput = {
  /** Write-only; encrypted at rest. Omit to keep the stored key, "" to remove it. */
  apiKey?: InputMaybe<Scalars['String']['input']>;
  /** API root, e.g. https://api.openai.com/v1 (the kind's default when unset). */
  baseUrl?: InputMaybe<Scalars['String']['input']>;
  /** Extra headers sent upstream (encrypted at rest; write-only). */
  headers?: InputMaybe<Scalars['JSON']['input']>;
  kind: ProviderKind;
  name: Scalars['String']['input'];
};

export type ProviderKind =
  /** The Anthropic Messages API. */
  | 'ANTHROPIC'
  /** The Google Gemini API. */
  | 'GEMINI'
  /** Built-in implementations that run in process; seeded, never registered. */
  | 'LOCAL'
  /** Any API speaking the OpenAI chat-completions protocol (OpenAI, Azure, vLLM, Ollama…). */
  | 'OPENAI_COMPATIBLE';

export type Query = {
  /** Keys of a team, newest first. MAINTAINERs: their own team; org ADMINs: any team, or all without `team`. */
  apiKeys: Array<ApiKey>;
  /** Admin actions, newest first. Org ADMINs: the whole org; MAINTAINERs: their team's. */
  auditLog: AuditConnection;
  /** With the current period's spend. Org ADMINs: every budget; others: their team's and its keys'. */
  budgets: Array<Budget>;
  /** The capabilities the caller may invoke. */
  capabilities: Array<Capability>;
  /** One capability; with `version`, that earlier version. */
  capability: Maybe<Capability>;
  knowledgeBases: Array<KnowledgeBase>;
  /** Who the caller is. */
  me: Principal;
  models: Array<Model>;
  providers: Array<Provider>;
  /** Org ADMINs: every limit; others: their team's and its keys'. */
  rateLimits: Array<RateLimit>;
  /** One run by id, with its status, meta and error. NOT_FOUND unless your team started it (or you are an org admin). */
  run: Run;
  /** Runs, newest first. Non-admins see their own team's runs only. */
  runs: RunConnection;
  /** Org ADMINs: every team of the org; others: their own team. */
  teams: Array<Team>;
  /** Usage between two dates (whole UTC days). Non-admins see their own team's usage only. */
  usage: Array<UsageRow>;
  /** A workflow by name; null when unknown or not visible to you. */
  workflow: Maybe<Workflow>;
  /** A workflow run with the status of each step; NOT_FOUND when unknown or not visible to you. */
  workflowRun: WorkflowRun;
  /** Workflow runs, newest first: your team's (an org admin's: every team's). */
  workflowRuns: WorkflowRunConnection;
  /** The workflows you may see, by name. */
  workflows: WorkflowConnection;
};


export type QueryApiKeysArgs = {
  team?: InputMaybe<Scalars['String']['input']>;
};


export type QueryAuditLogArgs = {
  action?: InputMaybe<Scalars['String']['input']>;
  actor?: InputMaybe<Scalars['String']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCapabilityArgs = {
  name: Scalars['String']['input'];
  version?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<RunFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryUsageArgs = {
  capability?: InputMaybe<Scalars['String']['input']>;
  from: Scalars['DateTime']['input'];
  groupBy: Array<UsageDimension>;
  team?: InputMaybe<Scalars['String']['input']>;
  to: Scalars['DateTime']['input'];
};


export type QueryWorkflowArgs = {
  name: Scalars['String']['input'];
};


export type QueryWorkflowRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryWorkflowRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<WorkflowRunFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryWorkflowsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Per-minute limits. Null: no limit; 0 blocks everything. */
export type RateLimit = {
  id: Scalars['ID']['output'];
  requestsPerMinute: Maybe<Scalars['Int']['output']>;
  scope: BudgetScope;
  /** Org id, team name or API key id. */
  target: Scalars['String']['output'];
  targetId: Scalars['String']['output'];
  /** Model tokens (input + output) per minute. */
  tokensPerMinute: Maybe<Scalars['Int']['output']>;
  updatedAt: Scalars['DateTime']['output'];
};

/** A new workflow, validated whole (every problem listed in `extensions.problems`). */
export type RegisterWorkflowInput = {
  /** At most 2000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** JSON Schema of the workflow input (checked before a run starts). */
  inputSchema: Scalars['JSON']['input'];
  /** Lower-case letters, digits, "_" or "-"; not the name of a capability or workflow. */
  name: Scalars['String']['input'];
  /** The output mapping; absent: the last step's output. */
  output?: InputMaybe<Scalars['JSON']['input']>;
  /** 1 to 50 steps forming a DAG. */
  steps: Array<WorkflowStepInput>;
  /** Teams that may see and run it; empty = the whole organization (ADMIN only for other teams). */
  teams?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** The workflow registered. */
export type RegisterWorkflowPayload = {
  workflow: Workflow;
};

export type RetrieveInput = {
  /** Metadata equality filter; a list value means "one of". At most 20 fields (names up to 100 characters), 100 values per field, string values up to 1000 characters; values are scalars. */
  filter?: InputMaybe<Scalars['JSON']['input']>;
  /** At most 64 characters. */
  knowledgeBase: Scalars['String']['input'];
  /** At most 10000 characters. */
  query: Scalars['String']['input'];
  /** 1 to 100. */
  topK?: InputMaybe<Scalars['Int']['input']>;
};

export type RetrieveResult = {
  chunks: Array<RetrievedChunk>;
  meta: RunMeta;
};

export type RetrievedChunk = {
  chunkId: Scalars['ID']['output'];
  documentId: Scalars['ID']['output'];
  metadata: Maybe<Scalars['JSON']['output']>;
  score: Scalars['Float']['output'];
  text: Scalars['String']['output'];
};

/** ADMIN: everything in the org; MAINTAINER: registry writes for own team capabilities; MEMBER: invoke; VIEWER: read usage and catalog. Each role includes the ones below it. */
export type Role =
  | 'ADMIN'
  | 'MAINTAINER'
  | 'MEMBER'
  | 'VIEWER';

export type RouteAttempt = {
  errorCode: Maybe<Scalars['String']['output']>;
  latencyMs: Scalars['Int']['output'];
  model: Scalars['String']['output'];
  ok: Scalars['Boolean']['output'];
  provider: Scalars['String']['output'];
};

export type RoutingPolicyInput = {
  /** COMPLEXITY: scores above this go to higher tiers (0–1). */
  complexityThreshold?: InputMaybe<Scalars['Float']['input']>;
  maxAttempts?: InputMaybe<Scalars['Int']['input']>;
  strategy: RoutingStrategy;
  timeoutMs?: InputMaybe<Scalars['Int']['input']>;
  /** When a HARD budget refuses the paid models, serve with a zero-cost local implementation of the same capability instead (RunMeta.reason says so). Default false. */
  zeroCostFallback?: InputMaybe<Scalars['Boolean']['input']>;
};

/** FALLBACK: priority order. WEIGHTED: random by weight among healthy candidates. CHEAPEST: lowest estimated cost. FASTEST: lowest observed latency. COMPLEXITY: simple inputs to cheap tiers, hard ones to higher tiers. */
export type RoutingStrategy =
  | 'CHEAPEST'
  | 'COMPLEXITY'
  | 'FALLBACK'
  | 'FASTEST'
  | 'WEIGHTED';

/** One invocation of a capability, whatever its front door. Visible to the team that started it and to org admins. */
export type Run = {
  /** Every model call, in order. */
  attempts: Maybe<Array<RouteAttempt>>;
  /** Served from the response cache. */
  cached: Maybe<Scalars['Boolean']['output']>;
  /** The capability name. */
  capability: Scalars['String']['output'];
  /** The capability version that served it. */
  capabilityVersion: Maybe<Scalars['Int']['output']>;
  /** When it started. */
  createdAt: Scalars['DateTime']['output'];
  /** When it ended (COMPLETED or FAILED). */
  endedAt: Maybe<Scalars['DateTime']['output']>;
  /** FAILED: the error code (see API.md; or INSTANCE_LOST). */
  errorCode: Maybe<Scalars['String']['output']>;
  /** FAILED: the message the caller got. */
  errorMessage: Maybe<Scalars['String']['output']>;
  /** `graphql` or `v1`. */
  frontDoor: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** The input, masked; only when the capability's logging policy keeps inputs. */
  input: Maybe<Scalars['JSON']['output']>;
  /** The model that served it (or the last one tried). */
  model: Maybe<Scalars['String']['output']>;
  /** The output, masked; only when the capability's logging policy keeps outputs. */
  output: Maybe<Scalars['JSON']['output']>;
  provider: Maybe<Scalars['String']['output']>;
  status: RunStatus;
  /** The name of the team that started it. */
  team: Maybe<Scalars['String']['output']>;
  /** The id of the team that started it. */
  teamId: Maybe<Scalars['ID']['output']>;
  /** Tokens, cost and latency, once ended. */
  usage: Maybe<Usage>;
};

/** Runs, newest first (Relay connection). */
export type RunConnection = {
  edges: Array<RunEdge>;
  pageInfo: PageInfo;
  /** How many runs match the filter, on all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One run in a page of runs. */
export type RunEdge = {
  /** This run's position: pass it as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  node: Run;
};

export type RunEvent = {
  at: Scalars['DateTime']['output'];
  /** DELTA: the next piece of text output. */
  delta: Maybe<Scalars['String']['output']>;
  /** ATTEMPT_FAILED, FAILED. */
  errorCode: Maybe<Scalars['String']['output']>;
  message: Maybe<Scalars['String']['output']>;
  /** COMPLETED. */
  meta: Maybe<RunMeta>;
  /** ROUTED, ATTEMPT_FAILED. */
  model: Maybe<Scalars['String']['output']>;
  /** COMPLETED: the whole structured output. */
  output: Maybe<Scalars['JSON']['output']>;
  /** DELTA of a custom capability with an outputSchema: the JSON value parsed from the text so far (not yet validated). */
  partialOutput: Maybe<Scalars['JSON']['output']>;
  runId: Scalars['ID']['output'];
  type: RunEventType;
};

/** A stream always ends with exactly one COMPLETED or FAILED. */
export type RunEventType =
  | 'ATTEMPT_FAILED'
  | 'COMPLETED'
  | 'DELTA'
  | 'FAILED'
  | 'ROUTED'
  | 'STARTED';

/** Which runs to list; every field narrows the list. */
export type RunFilter = {
  /** Only runs of this capability. */
  capability?: InputMaybe<Scalars['String']['input']>;
  /** Started at or after this instant. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  status?: InputMaybe<RunStatus>;
  /** Team name (or id). Org admins only, for other teams than their own. */
  team?: InputMaybe<Scalars['String']['input']>;
  /** Started before this instant. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How a run was served. */
export type RunMeta = {
  attempts: Array<RouteAttempt>;
  cached: Scalars['Boolean']['output'];
  capability: Scalars['String']['output'];
  model: Scalars['String']['output'];
  provider: Scalars['String']['output'];
  /** Why this model served the request. */
  reason: Scalars['String']['output'];
  runId: Scalars['ID']['output'];
  usage: Usage;
};

/** Where a run is: STARTED until it ends COMPLETED or FAILED. */
export type RunStatus =
  /** Ended with an output. */
  | 'COMPLETED'
  /** Ended with an error (`errorCode`; INSTANCE_LOST when the instance running it died). */
  | 'FAILED'
  /** Running (or refused and not yet recorded). */
  | 'STARTED';

/** Which workflow to run, with what. */
export type RunWorkflowInput = {
  /** The workflow input, validated against its inputSchema. */
  input: Scalars['JSON']['input'];
  /** The workflow name. */
  name: Scalars['String']['input'];
  options?: InputMaybe<WorkflowRunOptionsInput>;
};

/** The run, just started: follow it with `workflowEvents(runId: run.id)`. */
export type RunWorkflowPayload = {
  run: WorkflowRun;
};

export type Sentiment = {
  label: SentimentLabel;
  /** In [-1, 1]. */
  score: Scalars['Float']['output'];
};

export type SentimentLabel =
  | 'MIXED'
  | 'NEGATIVE'
  | 'NEUTRAL'
  | 'POSITIVE';

export type Subscription = {
  /** SOFT budget overruns, from any instance. Org ADMINs: the whole org; others: their own team's. */
  budgetAlerts: BudgetAlert;
  /** Runs a capability and streams its events; ends with exactly one COMPLETED or FAILED. */
  invokeStream: RunEvent;
  /** Replays what already happened in a run, then follows it live, from any instance. */
  runEvents: RunEvent;
  /** Replays a workflow run's events, then follows it live, from any instance: STARTED, STEP_STARTED, DELTA, STEP_COMPLETED / STEP_SKIPPED / STEP_FAILED, and exactly one COMPLETED or FAILED. */
  workflowEvents: WorkflowEvent;
};


export type SubscriptionInvokeStreamArgs = {
  capability: Scalars['String']['input'];
  input: Scalars['JSON']['input'];
  options?: InputMaybe<InvokeOptions>;
};


export type SubscriptionRunEventsArgs = {
  runId: Scalars['ID']['input'];
};


export type SubscriptionWorkflowEventsArgs = {
  runId: Scalars['ID']['input'];
};

export type SummarizeInput = {
  /** Language of the summary (remote models); at most 35 characters. */
  language?: InputMaybe<Scalars['String']['input']>;
  /** At most this many sentences (extractive) or about this many (abstractive); 1 to 100. */
  maxSentences?: InputMaybe<Scalars['Int']['input']>;
  /** Never more than this many words; 1 to 5000. */
  maxWords?: InputMaybe<Scalars['Int']['input']>;
  style?: InputMaybe<SummaryStyle>;
  /** The text to summarize: at most 1000000 characters (BAD_USER_INPUT beyond). */
  text: Scalars['String']['input'];
};

export type SummarizeResult = {
  meta: RunMeta;
  summary: Scalars['String']['output'];
};

export type SummaryStyle =
  | 'BULLETS'
  | 'PARAGRAPH';

export type Team = {
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
};

export type TextStats = {
  characters: Scalars['Int']['output'];
  readingTimeSeconds: Scalars['Int']['output'];
  sentences: Scalars['Int']['output'];
  words: Scalars['Int']['output'];
};

/** A new version of a workflow: the whole definition again. */
export type UpdateWorkflowInput = {
  /** At most 2000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** JSON Schema of the workflow input (checked before a run starts). */
  inputSchema: Scalars['JSON']['input'];
  /** Lower-case letters, digits, "_" or "-"; not the name of a capability or workflow. */
  name: Scalars['String']['input'];
  /** The output mapping; absent: the last step's output. */
  output?: InputMaybe<Scalars['JSON']['input']>;
  /** 1 to 50 steps forming a DAG. */
  steps: Array<WorkflowStepInput>;
  /** Teams that may see and run it; empty = the whole organization (ADMIN only for other teams). */
  teams?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** The workflow, at its new version. */
export type UpdateWorkflowPayload = {
  workflow: Workflow;
};

export type Usage = {
  /** USD, from model pricing. */
  costUsd: Scalars['Float']['output'];
  inputTokens: Scalars['Int']['output'];
  latencyMs: Scalars['Int']['output'];
  outputTokens: Scalars['Int']['output'];
};

/** Group usage by these. The row key names them in lower case; TEAM shows the team name, KEY the key id, DAY `YYYY-MM-DD` (UTC). */
export type UsageDimension =
  | 'CAPABILITY'
  | 'DAY'
  | 'KEY'
  | 'MODEL'
  | 'TEAM';

/** Usage totals of one group over the requested days. */
export type UsageRow = {
  /** Requests answered from the response cache. */
  cachedRequests: Scalars['Int']['output'];
  costUsd: Scalars['Float']['output'];
  errors: Scalars['Int']['output'];
  inputTokens: Scalars['Int']['output'];
  /** The group, e.g. `{ "capability": "summarize", "day": "2026-11-22" }`. */
  key: Scalars['JSON']['output'];
  latencyMsAvg: Scalars['Float']['output'];
  /** Estimated from a fixed-bucket histogram, interpolated within the bucket. */
  latencyMsP95: Scalars['Float']['output'];
  outputTokens: Scalars['Int']['output'];
  requests: Scalars['Int']['output'];
};

/** A registered workflow: a DAG of steps invoking capabilities. Visible to its teams (all when `teams` is empty) and to org admins. */
export type Workflow = {
  /** Seeded by Capgate (e.g. `answer-with-citations`). */
  builtin: Scalars['Boolean']['output'];
  createdAt: Scalars['DateTime']['output'];
  description: Maybe<Scalars['String']['output']>;
  /** Global id (stable across versions). */
  id: Scalars['ID']['output'];
  /** JSON Schema of the workflow's input. */
  inputSchema: Scalars['JSON']['output'];
  /** Unique among capabilities and workflows. */
  name: Scalars['String']['output'];
  /** The output mapping; null: the last step's output. */
  output: Maybe<Scalars['JSON']['output']>;
  status: WorkflowStatus;
  /** The steps, as registered. */
  steps: Array<WorkflowStep>;
  /** Teams that may see and run it; empty = the whole organization. */
  teams: Array<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  /** Bumped by every change. */
  version: Scalars['Int']['output'];
};

/** Workflows, by name (Relay connection). */
export type WorkflowConnection = {
  edges: Array<WorkflowEdge>;
  pageInfo: PageInfo;
  /** How many workflows the caller may see. */
  totalCount: Scalars['Int']['output'];
};

/** One workflow in a page. */
export type WorkflowEdge = {
  /** Its position: pass as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  node: Workflow;
};

/** One event of a workflow run. */
export type WorkflowEvent = {
  at: Scalars['DateTime']['output'];
  /** DELTA: the next piece of text output. */
  delta: Maybe<Scalars['String']['output']>;
  /** STEP_FAILED, FAILED: the error code (CANCELLED for a cancelled run). */
  errorCode: Maybe<Scalars['String']['output']>;
  /** DELTA of a forEach step: the item index. */
  item: Maybe<Scalars['Int']['output']>;
  /** STEP_FAILED, FAILED: what went wrong. */
  message: Maybe<Scalars['String']['output']>;
  /** STEP_COMPLETED: the step output; COMPLETED: the run output. */
  output: Maybe<Scalars['JSON']['output']>;
  /** The global id of the run. */
  runId: Scalars['ID']['output'];
  /** 1, 2, 3… per run. */
  seq: Scalars['Int']['output'];
  /** STEP_* and DELTA: the step. */
  step: Maybe<Scalars['String']['output']>;
  type: WorkflowEventType;
  /** STEP_COMPLETED: the step; COMPLETED / FAILED: the run. */
  usage: Maybe<Usage>;
};

/** What happened in a workflow run; a stream ends with exactly one COMPLETED or FAILED. */
export type WorkflowEventType =
  /** The run ended with its `output`; the last event. */
  | 'COMPLETED'
  /** A piece of a step's streamed text output (`step`, `item` for forEach). */
  | 'DELTA'
  /** The run ended with an error (CANCELLED when cancelled); the last event. */
  | 'FAILED'
  /** The run was accepted. */
  | 'STARTED'
  /** A step ended with its `output` and `usage`. */
  | 'STEP_COMPLETED'
  /** A step failed after its retries (`errorCode`, `message`). */
  | 'STEP_FAILED'
  /** A step's `when` condition was false. */
  | 'STEP_SKIPPED'
  /** A step started (again, when it is resumed on another instance). */
  | 'STEP_STARTED';

/** One run of a workflow. Visible to the team that started it and to org admins. */
export type WorkflowRun = {
  createdAt: Scalars['DateTime']['output'];
  endedAt: Maybe<Scalars['DateTime']['output']>;
  /** FAILED / CANCELLED: the error code. */
  errorCode: Maybe<Scalars['String']['output']>;
  /** FAILED / CANCELLED: what went wrong. */
  errorMessage: Maybe<Scalars['String']['output']>;
  /** Global id; pass it to `workflowRun`, `workflowEvents`, `cancelWorkflowRun`. */
  id: Scalars['ID']['output'];
  /** The run id as usage records name it (`workflowRunId`). */
  internalId: Scalars['String']['output'];
  /** The cost cap of this run, in USD. */
  maxCostUsd: Maybe<Scalars['Float']['output']>;
  /** COMPLETED: the output. */
  output: Maybe<Scalars['JSON']['output']>;
  status: WorkflowRunStatus;
  /** Every step, in definition order. */
  steps: Array<WorkflowStepRun>;
  /** The steps' usage added up (latency: the whole run, once ended). */
  usage: Usage;
  /** The workflow name. */
  workflow: Scalars['String']['output'];
  /** The workflow version that runs. */
  workflowVersion: Scalars['Int']['output'];
};

/** Workflow runs, newest first (Relay connection). */
export type WorkflowRunConnection = {
  edges: Array<WorkflowRunEdge>;
  pageInfo: PageInfo;
  /** How many runs match the filter, on all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One run in a page. */
export type WorkflowRunEdge = {
  /** Its position: pass as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  node: WorkflowRun;
};

/** Which runs to list; every field narrows the list. */
export type WorkflowRunFilter = {
  /** Only runs in this status. */
  status?: InputMaybe<WorkflowRunStatus>;
  /** Only runs of this workflow. */
  workflow?: InputMaybe<Scalars['String']['input']>;
};

/** Options of one workflow run. */
export type WorkflowRunOptionsInput = {
  /** The run fails BUDGET_EXCEEDED before a step once its steps cost this much (USD). */
  maxCostUsd?: InputMaybe<Scalars['Float']['input']>;
};

/** Where a workflow run is. */
export type WorkflowRunStatus =
  /** Cancelled by `cancelWorkflowRun`. */
  | 'CANCELLED'
  /** Every step completed or was skipped; `output` is set. */
  | 'COMPLETED'
  /** A step failed (or the output mapping did); `errorCode` says why. */
  | 'FAILED'
  /** Steps are running or queued. */
  | 'RUNNING';

/** Whether a workflow can be run. */
export type WorkflowStatus =
  /** Can be run. */
  | 'ACTIVE'
  /** Kept for reading; running it is BAD_USER_INPUT. */
  | 'DEPRECATED';

/** One step of a workflow definition. */
export type WorkflowStep = {
  /** The capability (or workflow) the step invokes. */
  capability: Scalars['String']['output'];
  /** forEach items in flight at once (default 4). */
  concurrency: Maybe<Scalars['Int']['output']>;
  /** Steps it waits for, besides those its mappings refer to. */
  dependsOn: Array<Scalars['String']['output']>;
  /** A reference to an array: the step runs once per item. */
  forEach: Maybe<Scalars['String']['output']>;
  /** The input mapping (JSON with references). */
  input: Scalars['JSON']['output'];
  /** Unique in the workflow; mappings refer to `/steps/<name>/output`. */
  name: Scalars['String']['output'];
  /** Further attempts after a retryable failure. */
  retries: Scalars['Int']['output'];
  /** Per-attempt timeout in ms. */
  timeoutMs: Maybe<Scalars['Int']['output']>;
  /** The step runs only when this reference is truthy. */
  when: Maybe<Scalars['String']['output']>;
};

/** One step: see the README, "Workflows", for the mapping language. */
export type WorkflowStepInput = {
  /** The capability (or workflow) to invoke; must exist and be visible to you. */
  capability: Scalars['String']['input'];
  /** forEach items in flight at once: 1 to 16, default 4. */
  concurrency?: InputMaybe<Scalars['Int']['input']>;
  /** Steps to wait for besides those the mappings refer to. */
  dependsOn?: InputMaybe<Array<Scalars['String']['input']>>;
  /** A reference to an array: run once per item (at most 1000). */
  forEach?: InputMaybe<Scalars['String']['input']>;
  /** The capability input: JSON where "/input/…", "/steps/<name>/output/…", "/item/…" JSON Pointers and {{…}} templates are replaced by values; {"$join"}/{"$map"} walk arrays. */
  input?: InputMaybe<Scalars['JSON']['input']>;
  /** Letters, digits and "_", starting with a letter; unique in the workflow. */
  name: Scalars['String']['input'];
  /** Routing options of each invocation. */
  options?: InputMaybe<InvokeOptions>;
  /** Further attempts after TIMEOUT, PROVIDER_ERROR, RATE_LIMITED or NO_ROUTE: 0 to 5, default 0. */
  retries?: InputMaybe<Scalars['Int']['input']>;
  /** Per-attempt timeout in ms: 100 to 600000. */
  timeoutMs?: InputMaybe<Scalars['Int']['input']>;
  /** A reference; the step runs only when it is truthy ("!" negates). */
  when?: InputMaybe<Scalars['String']['input']>;
};

/** One step of a workflow run. */
export type WorkflowStepRun = {
  /** Invocation attempts (retries, forEach items and resumptions included). */
  attempts: Scalars['Int']['output'];
  /** The capability it invokes. */
  capability: Scalars['String']['output'];
  endedAt: Maybe<Scalars['DateTime']['output']>;
  /** FAILED: the error code (API.md). */
  errorCode: Maybe<Scalars['String']['output']>;
  /** FAILED: what went wrong. */
  errorMessage: Maybe<Scalars['String']['output']>;
  /** The step name. */
  name: Scalars['String']['output'];
  /** COMPLETED: the output (an array for forEach). */
  output: Maybe<Scalars['JSON']['output']>;
  startedAt: Maybe<Scalars['DateTime']['output']>;
  status: WorkflowStepStatus;
  /** COMPLETED: tokens and cost of its invocations. */
  usage: Maybe<Usage>;
};

/** Where one step of a run is. */
export type WorkflowStepStatus =
  /** Ended with an output. */
  | 'COMPLETED'
  /** Ended with an error after its retries. */
  | 'FAILED'
  /** Waiting for the steps it depends on. */
  | 'PENDING'
  /** Invoking its capability (or queued to resume on another instance). */
  | 'RUNNING'
  /** Its `when` condition was false; its output is null. */
  | 'SKIPPED';

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, kind: string, name: string, orgId: string, teamId: string, team: string, roles: Array<Role>, expiresAt: string | null } };

export type MyRolesQueryVariables = Exact<{ [key: string]: never; }>;


export type MyRolesQuery = { me: { roles: Array<Role> } };


export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"orgId"}},{"kind":"Field","name":{"kind":"Name","value":"teamId"}},{"kind":"Field","name":{"kind":"Name","value":"team"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const MyRolesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyRoles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]}}]} as unknown as DocumentNode<MyRolesQuery, MyRolesQueryVariables>;