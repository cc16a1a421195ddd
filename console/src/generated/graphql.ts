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

/** What analyze looks for. */
export type AnalysisAspect =
  /** Named things with exact offsets. */
  | 'ENTITIES'
  /** Key phrases. */
  | 'KEYWORDS'
  /** The language of the text. */
  | 'LANGUAGE'
  /** Overall sentiment and its score. */
  | 'SENTIMENT'
  /** Characters, words, sentences, reading time. */
  | 'STATS';

/** A text to analyze and what to look for. */
export type AnalyzeInput = {
  /** Default: all aspects. At most 16 entries. */
  aspects?: InputMaybe<Array<AnalysisAspect>>;
  /** The text to analyze: at most 1000000 characters (BAD_USER_INPUT beyond). */
  text: Scalars['String']['input'];
};

/** What analyze found; only the requested aspects are set. */
export type AnalyzeResult = {
  /** With the ENTITIES aspect, in text order. */
  entities: Maybe<Array<Entity>>;
  /** With the KEYWORDS aspect, best first. */
  keywords: Maybe<Array<Keyword>>;
  /** ISO 639-1 code where one exists, else ISO 639-3; `und` when unsure. */
  language: Maybe<Scalars['String']['output']>;
  /** How the run was served. */
  meta: RunMeta;
  /** With the SENTIMENT aspect. */
  sentiment: Maybe<Sentiment>;
  /** With the STATS aspect. */
  stats: Maybe<TextStats>;
};

/** An API key as listings show it: never the key itself, nor its hash. */
export type ApiKey = Node & {
  /** When it was issued. */
  createdAt: Scalars['DateTime']['output'];
  /** Internal id of the key that created it. */
  createdBy: Maybe<Scalars['String']['output']>;
  /** After this the key is refused; set by expiry or by a rotation grace period. */
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  /** Global id. */
  id: Scalars['ID']['output'];
  /** Internal key id, as in `me.id`, KEY budget targets and audit `actorKeyId`. */
  internalId: Scalars['String']['output'];
  /** Name given at creation, for people. */
  name: Scalars['String']['output'];
  /** The first characters of the key, to tell keys apart. */
  prefix: Scalars['String']['output'];
  /** When it was revoked; null while valid. */
  revokedAt: Maybe<Scalars['DateTime']['output']>;
  /** What the key may do. */
  roles: Array<Role>;
  /** Internal id of the key this one replaced by rotation. */
  rotatedFrom: Maybe<Scalars['String']['output']>;
  /** Team name. */
  team: Scalars['String']['output'];
  /** Internal team id. */
  teamId: Scalars['String']['output'];
};

/** A page of ApiKey objects (Relay connection). */
export type ApiKeyConnection = {
  /** The items of this page, in list order, with cursors. */
  edges: Array<ApiKeyEdge>;
  /** Whether more items precede or follow this page. */
  pageInfo: PageInfo;
  /** How many items the whole list (all pages) holds; null where not cheap to count. */
  totalCount: Maybe<Scalars['Int']['output']>;
};

/** One ApiKey of a page, with its cursor. */
export type ApiKeyEdge = {
  /** Pass as `after` (or `before`) to page from this item. */
  cursor: Scalars['String']['output'];
  /** The ApiKey. */
  node: ApiKey;
};

/** One admin action. The summary never holds secrets. */
export type AuditEntry = Node & {
  /** The mutation, e.g. `createApiKey`. */
  action: Scalars['String']['output'];
  /** The API key id (or token subject) that acted. */
  actorKeyId: Scalars['String']['output'];
  /** The actor's team name. */
  actorTeam: Maybe<Scalars['String']['output']>;
  /** Internal id of the actor's team. */
  actorTeamId: Scalars['String']['output'];
  /** When it happened. */
  at: Scalars['DateTime']['output'];
  /** Global id. */
  id: Scalars['ID']['output'];
  /** The request that made the change (also in logs and traces). */
  requestId: Scalars['String']['output'];
  /** What changed, with secrets redacted. */
  summary: Scalars['JSON']['output'];
  /** What it acted on: a team, key id, capability, provider… */
  target: Scalars['String']['output'];
  /** Internal id of the team the action concerned, if any. */
  teamId: Maybe<Scalars['String']['output']>;
};

/** Audit entries, newest first (Relay connection). */
export type AuditEntryConnection = {
  /** The items of this page, in list order, with cursors. */
  edges: Array<AuditEntryEdge>;
  /** Whether more items precede or follow this page. */
  pageInfo: PageInfo;
  /** How many items the whole list (all pages) holds; null where not cheap to count. */
  totalCount: Maybe<Scalars['Int']['output']>;
};

/** One AuditEntry of a page, with its cursor. */
export type AuditEntryEdge = {
  /** Pass as `after` (or `before`) to page from this item. */
  cursor: Scalars['String']['output'];
  /** The AuditEntry. */
  node: AuditEntry;
};

/** A spending limit of one scope, target and period, with the current spend. */
export type Budget = Node & {
  /** Global id. */
  id: Scalars['ID']['output'];
  /** Limit in USD per period. */
  limitUsd: Scalars['Float']['output'];
  /** Refuse (HARD) or alert (SOFT) when over. */
  mode: BudgetMode;
  /** Per day or per month (UTC). */
  period: BudgetPeriod;
  /** The current period: `YYYY-MM-DD` or `YYYY-MM` (UTC). */
  periodKey: Scalars['String']['output'];
  /** limitUsd − spentUsd − reservedUsd, at least 0. */
  remainingUsd: Scalars['Float']['output'];
  /** Held by requests in flight. */
  reservedUsd: Scalars['Float']['output'];
  /** What it applies to. */
  scope: BudgetScope;
  /** Settled spend in the current period. */
  spentUsd: Scalars['Float']['output'];
  /** Org id, team name or API key id. */
  target: Scalars['String']['output'];
  /** Org id, team id or API key id. */
  targetId: Scalars['String']['output'];
  /** When it was last set. */
  updatedAt: Scalars['DateTime']['output'];
};

/** A SOFT budget went over its limit. */
export type BudgetAlert = {
  /** When it went over. */
  at: Scalars['DateTime']['output'];
  /** The capability of that run. */
  capability: Maybe<Scalars['String']['output']>;
  /** The key whose request went over. */
  keyId: Scalars['String']['output'];
  /** The limit in USD. */
  limitUsd: Scalars['Float']['output'];
  /** The budget period. */
  period: BudgetPeriod;
  /** The period: `YYYY-MM-DD` or `YYYY-MM` (UTC). */
  periodKey: Scalars['String']['output'];
  /** The run that went over. */
  runId: Maybe<Scalars['String']['output']>;
  /** What the budget applies to. */
  scope: BudgetScope;
  /** Spend in the period, in USD, when it went over. */
  spentUsd: Scalars['Float']['output'];
  /** Org id, team id or API key id. */
  target: Scalars['String']['output'];
  /** Internal id of the team concerned, if any. */
  teamId: Maybe<Scalars['String']['output']>;
};

/** A page of Budget objects (Relay connection). */
export type BudgetConnection = {
  /** The items of this page, in list order, with cursors. */
  edges: Array<BudgetEdge>;
  /** Whether more items precede or follow this page. */
  pageInfo: PageInfo;
  /** How many items the whole list (all pages) holds; null where not cheap to count. */
  totalCount: Maybe<Scalars['Int']['output']>;
};

/** One Budget of a page, with its cursor. */
export type BudgetEdge = {
  /** Pass as `after` (or `before`) to page from this item. */
  cursor: Scalars['String']['output'];
  /** The Budget. */
  node: Budget;
};

/** HARD rejects requests that would go over (BUDGET_EXCEEDED); SOFT lets them through and raises a budget alert. */
export type BudgetMode =
  /** Requests that would go over are refused with BUDGET_EXCEEDED. */
  | 'HARD'
  /** Requests go through; going over raises a budget alert. */
  | 'SOFT';

/** UTC calendar day or month. */
export type BudgetPeriod =
  /** A UTC calendar day. */
  | 'DAILY'
  /** A UTC calendar month. */
  | 'MONTHLY';

/** What a budget or rate limit applies to. Targets: ORG = org id, TEAM = team name (or id), KEY = API key id. */
export type BudgetScope =
  /** One API key. */
  | 'KEY'
  /** The whole organization. */
  | 'ORG'
  /** One team. */
  | 'TEAM';

/** A capability's exact-match response cache. */
export type CachePolicy = {
  /** Answers are cached and served from the cache. */
  enabled: Scalars['Boolean']['output'];
  /** Cached answers may be served to other teams. */
  shareable: Scalars['Boolean']['output'];
  /** How long an answer stays cached, in seconds. */
  ttlSeconds: Scalars['Int']['output'];
};

/** A capability's exact-match response cache. */
export type CachePolicyInput = {
  /** Turn the cache on or off. */
  enabled: Scalars['Boolean']['input'];
  /** Entries may be served to other teams. Default false. */
  shareable?: InputMaybe<Scalars['Boolean']['input']>;
  /** Seconds an answer stays cached. Default 300. */
  ttlSeconds?: InputMaybe<Scalars['Int']['input']>;
};

/** Which run to cancel. */
export type CancelWorkflowRunInput = {
  /** The global id of the run. */
  id: Scalars['ID']['input'];
};

/** The run, as it is after the cancellation. */
export type CancelWorkflowRunPayload = {
  /** The run after the cancellation. */
  run: WorkflowRun;
};

/** A capability as it is now. Its id stays the same across versions. */
export type Capability = CapabilityDefinition & Node & {
  /** Its response cache; null: none. */
  cache: Maybe<CachePolicy>;
  /** What it does, for people. */
  description: Maybe<Scalars['String']['output']>;
  /** Global id; the same for every version. */
  id: Scalars['ID']['output'];
  /** The models that can serve it. */
  implementations: Array<Implementation>;
  /** JSON Schema of the input (custom capabilities). */
  inputSchema: Maybe<Scalars['JSON']['output']>;
  /** Built-in or custom. */
  kind: CapabilityKind;
  /** What run records keep of its runs besides their meta (inputs, outputs: masked). */
  logging: LoggingPolicy;
  /** Its own PII masking policy; null: the org default applies. */
  maskingPolicy: Maybe<MaskingPolicy>;
  /** Unique name, the one to invoke it by. */
  name: Scalars['String']['output'];
  /** JSON Schema of the output (custom capabilities). */
  outputSchema: Maybe<Scalars['JSON']['output']>;
  /** How remote models are asked; `{{input.field}}` placeholders. */
  promptTemplate: Maybe<Scalars['String']['output']>;
  /** How it picks among its implementations. */
  routing: RoutingPolicy;
  /** Active or deprecated. */
  status: CapabilityStatus;
  /** Teams (by name) that may invoke it; empty: the whole org. */
  teams: Array<Scalars['String']['output']>;
  /** When this version was made. */
  updatedAt: Scalars['DateTime']['output'];
  /** Version number; every change makes a new one. */
  version: Scalars['Int']['output'];
};

/** A page of Capability objects (Relay connection). */
export type CapabilityConnection = {
  /** The items of this page, in list order, with cursors. */
  edges: Array<CapabilityEdge>;
  /** Whether more items precede or follow this page. */
  pageInfo: PageInfo;
  /** How many items the whole list (all pages) holds; null where not cheap to count. */
  totalCount: Maybe<Scalars['Int']['output']>;
};

/** What a capability and each of its versions share. */
export type CapabilityDefinition = {
  /** Its response cache; null: none. */
  cache: Maybe<CachePolicy>;
  /** What it does, for people. */
  description: Maybe<Scalars['String']['output']>;
  /** The models that can serve it. */
  implementations: Array<Implementation>;
  /** JSON Schema of the input (custom capabilities). */
  inputSchema: Maybe<Scalars['JSON']['output']>;
  /** Built-in or custom. */
  kind: CapabilityKind;
  /** What run records keep of its runs besides their meta (inputs, outputs: masked). */
  logging: LoggingPolicy;
  /** Its own PII masking policy; null: the org default applies. */
  maskingPolicy: Maybe<MaskingPolicy>;
  /** Unique name, the one to invoke it by. */
  name: Scalars['String']['output'];
  /** JSON Schema of the output (custom capabilities). */
  outputSchema: Maybe<Scalars['JSON']['output']>;
  /** How remote models are asked; `{{input.field}}` placeholders. */
  promptTemplate: Maybe<Scalars['String']['output']>;
  /** How it picks among its implementations. */
  routing: RoutingPolicy;
  /** Active or deprecated. */
  status: CapabilityStatus;
  /** Teams (by name) that may invoke it; empty: the whole org. */
  teams: Array<Scalars['String']['output']>;
  /** When this version was made. */
  updatedAt: Scalars['DateTime']['output'];
  /** Version number; every change makes a new one. */
  version: Scalars['Int']['output'];
};

/** One Capability of a page, with its cursor. */
export type CapabilityEdge = {
  /** Pass as `after` (or `before`) to page from this item. */
  cursor: Scalars['String']['output'];
  /** The Capability. */
  node: Capability;
};

/** Where a capability comes from. */
export type CapabilityKind =
  /** Shipped with Capgate, with a typed mutation (summarize, analyze…). */
  | 'BUILTIN'
  /** Registered by a team, invoked with `invoke` and JSON input. */
  | 'CUSTOM'
  /** A registered workflow (`workflow(name:)`): `invoke` runs its steps and returns its output. */
  | 'WORKFLOW';

/** Whether a capability is offered to new callers. */
export type CapabilityStatus =
  /** Invocable. */
  | 'ACTIVE'
  /** Still invocable, but on its way out: callers should move away from it. */
  | 'DEPRECATED';

/** One immutable version of a capability. */
export type CapabilityVersion = CapabilityDefinition & Node & {
  /** Its response cache; null: none. */
  cache: Maybe<CachePolicy>;
  /** What it does, for people. */
  description: Maybe<Scalars['String']['output']>;
  /** Global id of this version (distinct per version). */
  id: Scalars['ID']['output'];
  /** The models that can serve it. */
  implementations: Array<Implementation>;
  /** JSON Schema of the input (custom capabilities). */
  inputSchema: Maybe<Scalars['JSON']['output']>;
  /** Built-in or custom. */
  kind: CapabilityKind;
  /** What run records keep of its runs besides their meta (inputs, outputs: masked). */
  logging: LoggingPolicy;
  /** Its own PII masking policy; null: the org default applies. */
  maskingPolicy: Maybe<MaskingPolicy>;
  /** Unique name, the one to invoke it by. */
  name: Scalars['String']['output'];
  /** JSON Schema of the output (custom capabilities). */
  outputSchema: Maybe<Scalars['JSON']['output']>;
  /** How remote models are asked; `{{input.field}}` placeholders. */
  promptTemplate: Maybe<Scalars['String']['output']>;
  /** How it picks among its implementations. */
  routing: RoutingPolicy;
  /** Active or deprecated. */
  status: CapabilityStatus;
  /** Teams (by name) that may invoke it; empty: the whole org. */
  teams: Array<Scalars['String']['output']>;
  /** When this version was made. */
  updatedAt: Scalars['DateTime']['output'];
  /** Version number; every change makes a new one. */
  version: Scalars['Int']['output'];
};

/** A text to classify and the labels to choose from. */
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

/** The best label, every label over the threshold, and all scores. */
export type ClassifyResult = {
  /** The best label. */
  label: Scalars['String']['output'];
  /** Every label chosen: the best one, or all above the threshold with multiLabel. */
  labels: Array<Scalars['String']['output']>;
  /** How the run was served. */
  meta: RunMeta;
  /** Sum to 1 unless multiLabel. */
  scores: Array<LabelScore>;
};

/** Context kept across runs: pass its `id` as `InvokeOptions.conversationId` (or the `capgate-conversation-id` header on /v1). Belongs to its team, and to the key that created it unless `shared`. Holds at most 500 turns and 2000000 stored bytes by default (CAPGATE_CONVERSATION_MAX_TURNS, CAPGATE_CONVERSATION_MAX_BYTES; BAD_USER_INPUT beyond); deleted CAPGATE_CONVERSATION_RETENTION_DAYS after its last turn. */
export type Conversation = Node & {
  /** The capability this conversation is meant for (informative: any capability may use it). */
  capability: Maybe<Scalars['String']['output']>;
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Global id. */
  id: Scalars['ID']['output'];
  /** The internal conversation id (`conv_…`). */
  internalId: Scalars['String']['output'];
  /** Global id of the last turn, for `ifLastTurn`. */
  lastTurnId: Maybe<Scalars['ID']['output']>;
  /** Your own data about the conversation. */
  metadata: Maybe<Scalars['JSON']['output']>;
  /** Visible to every key of the team; otherwise to the creating key (and org admins) only. */
  shared: Scalars['Boolean']['output'];
  /** Bytes its turns take in storage (bounded per conversation). */
  storedBytes: Scalars['Int']['output'];
  /** Internal id of the owning team. */
  teamId: Scalars['String']['output'];
  /** A title for people. */
  title: Maybe<Scalars['String']['output']>;
  /** Turns appended so far. */
  turnCount: Scalars['Int']['output'];
  /** Its turns, oldest first. */
  turns: ConversationTurnConnection;
  /** When the last turn was appended (or creation). */
  updatedAt: Scalars['DateTime']['output'];
};


/** Context kept across runs: pass its `id` as `InvokeOptions.conversationId` (or the `capgate-conversation-id` header on /v1). Belongs to its team, and to the key that created it unless `shared`. Holds at most 500 turns and 2000000 stored bytes by default (CAPGATE_CONVERSATION_MAX_TURNS, CAPGATE_CONVERSATION_MAX_BYTES; BAD_USER_INPUT beyond); deleted CAPGATE_CONVERSATION_RETENTION_DAYS after its last turn. */
export type ConversationTurnsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Conversations, most recently active first (Relay connection). */
export type ConversationConnection = {
  /** The items of this page, in list order, with cursors. */
  edges: Array<ConversationEdge>;
  /** Whether more items precede or follow this page. */
  pageInfo: PageInfo;
  /** How many items the whole list (all pages) holds; null where not cheap to count. */
  totalCount: Maybe<Scalars['Int']['output']>;
};

/** One Conversation of a page, with its cursor. */
export type ConversationEdge = {
  /** Pass as `after` (or `before`) to page from this item. */
  cursor: Scalars['String']['output'];
  /** The Conversation. */
  node: Conversation;
};

/** Narrows `conversations`. */
export type ConversationFilter = {
  /** Only those created for this capability. */
  capability?: InputMaybe<Scalars['String']['input']>;
  /** Team name; another team than yours requires the ADMIN role. */
  team?: InputMaybe<Scalars['String']['input']>;
};

/** One completed run of a conversation: its input, its output and who served it. Stored masked per the capability masking policy: tokenized values appear as placeholders here, and were restored only in the answer the caller received. */
export type ConversationTurn = Node & {
  /** The capability the run invoked. */
  capability: Scalars['String']['output'];
  /** When the turn was appended (its run completed). */
  createdAt: Scalars['DateTime']['output'];
  /** Global id; pass it as `InvokeOptions.ifLastTurn`. */
  id: Scalars['ID']['output'];
  /** Position in the conversation, from 1. */
  index: Scalars['Int']['output'];
  /** The capability input, masked. */
  input: Scalars['JSON']['output'];
  /** The internal turn id (`turn_…`). */
  internalId: Scalars['String']['output'];
  /** The registered model that served the turn. */
  model: Scalars['String']['output'];
  /** The capability output, masked. */
  output: Scalars['JSON']['output'];
  /** The provider of that model. */
  provider: Scalars['String']['output'];
  /** The run that made this turn (see `run(id)`). */
  runId: Scalars['ID']['output'];
  /** Tokens, cost and latency of the run. */
  usage: Usage;
};

/** Turns of a conversation, oldest first (Relay connection). */
export type ConversationTurnConnection = {
  /** The items of this page, in list order, with cursors. */
  edges: Array<ConversationTurnEdge>;
  /** Whether more items precede or follow this page. */
  pageInfo: PageInfo;
  /** How many items the whole list (all pages) holds; null where not cheap to count. */
  totalCount: Maybe<Scalars['Int']['output']>;
};

/** One ConversationTurn of a page, with its cursor. */
export type ConversationTurnEdge = {
  /** Pass as `after` (or `before`) to page from this item. */
  cursor: Scalars['String']['output'];
  /** The ConversationTurn. */
  node: ConversationTurn;
};

/** A new API key. */
export type CreateApiKeyInput = {
  /** Refused after this; null: never expires. */
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** A name for people, 1 to 100 characters. */
  name: Scalars['String']['input'];
  /** What the key may do; none above the caller’s own. */
  roles: Array<Role>;
  /** Team name (or internal id). */
  team: Scalars['String']['input'];
};

/** A new key: the secret is shown this once. */
export type CreateApiKeyPayload = {
  /** The key as listings show it. */
  apiKey: ApiKey;
  /** The key. Shown this once: only its HMAC is stored. */
  key: Scalars['String']['output'];
};

/** A new, empty conversation. */
export type CreateConversationInput = {
  /** The capability it is meant for (informative). */
  capability?: InputMaybe<Scalars['String']['input']>;
  /** Your own data; at most 10000 characters as JSON. */
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  /** Visible to every key of your team (default false: your key only). */
  shared?: InputMaybe<Scalars['Boolean']['input']>;
  /** A title for people; at most 200 characters. */
  title?: InputMaybe<Scalars['String']['input']>;
};

/** The conversation created. */
export type CreateConversationPayload = {
  /** The new conversation, with no turns. */
  conversation: Conversation;
};

/** A new knowledge base, owned by the caller’s team. */
export type CreateKnowledgeBaseInput = {
  /** What it holds, for people. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** A registered model with embeddings, for hybrid retrieval. */
  embeddingModel?: InputMaybe<Scalars['String']['input']>;
  /** Unique name: letters, digits, `_`, `.` or `-`, at most 64. */
  name: Scalars['String']['input'];
};

/** The new knowledge base. */
export type CreateKnowledgeBasePayload = {
  /** The new knowledge base. */
  knowledgeBase: KnowledgeBase;
};

/** A new team. */
export type CreateTeamInput = {
  /** 1 to 63 letters, digits, spaces, `.`, `_` or `-`. */
  name: Scalars['String']['input'];
};

/** The new team. */
export type CreateTeamPayload = {
  /** The new team. */
  team: Team;
};

/** Which conversation to delete. */
export type DeleteConversationInput = {
  /** The `id` of the conversation. */
  id: Scalars['ID']['input'];
};

/** What was deleted. */
export type DeleteConversationPayload = {
  /** Global id of the deleted conversation (its turns went with it). */
  deletedConversationId: Scalars['ID']['output'];
};

/** Documents to delete from a knowledge base. */
export type DeleteDocumentsInput = {
  /** Document ids (as given at ingest), 1 to 1000. */
  documentIds: Array<Scalars['String']['input']>;
  /** Knowledge base name. */
  knowledgeBase: Scalars['String']['input'];
};

/** What deleteDocuments deleted. */
export type DeleteDocumentsPayload = {
  /** Global ids of the deleted documents: evict them from client caches. */
  deletedDocumentIds: Array<Scalars['ID']['output']>;
  /** The knowledge base with its new counts. */
  knowledgeBase: KnowledgeBase;
};

/** A knowledge base to delete, with all its documents. */
export type DeleteKnowledgeBaseInput = {
  /** Knowledge base name. */
  name: Scalars['String']['input'];
};

/** What deleteKnowledgeBase deleted. */
export type DeleteKnowledgeBasePayload = {
  /** How many documents went with it. */
  deletedDocumentCount: Scalars['Int']['output'];
  /** Global id of the deleted knowledge base: evict it from client caches. */
  deletedKnowledgeBaseId: Scalars['ID']['output'];
};

/** A team to delete. */
export type DeleteTeamInput = {
  /** Team name (or internal id). */
  team: Scalars['String']['input'];
};

/** What deleteTeam deleted. */
export type DeleteTeamPayload = {
  /** Global id of the deleted team: evict it from client caches. */
  deletedTeamId: Scalars['ID']['output'];
};

/** Names the capability a mutation acts on. */
export type DeprecateCapabilityInput = {
  /** Capability name. */
  name: Scalars['String']['input'];
};

/** The deprecated capability. */
export type DeprecateCapabilityPayload = {
  /** The capability as it is now. */
  capability: Capability;
};

/** Which workflow to deprecate. */
export type DeprecateWorkflowInput = {
  /** The workflow name. */
  name: Scalars['String']['input'];
};

/** The workflow, deprecated. */
export type DeprecateWorkflowPayload = {
  /** The deprecated workflow. */
  workflow: Workflow;
};

/** A document of a knowledge base. */
export type Document = Node & {
  /** Length of its text in characters. */
  characters: Scalars['Int']['output'];
  /** How many chunks it was split into. */
  chunkCount: Scalars['Int']['output'];
  /** When it was first ingested. */
  createdAt: Scalars['DateTime']['output'];
  /** Its id inside the knowledge base (as given at ingest). */
  externalId: Scalars['String']['output'];
  /** Global id. */
  id: Scalars['ID']['output'];
  /** Name of its knowledge base. */
  knowledgeBase: Scalars['String']['output'];
  /** Metadata as given at ingest. */
  metadata: Maybe<Scalars['JSON']['output']>;
  /** Title, if one was given. */
  title: Maybe<Scalars['String']['output']>;
};

/** A page of Document objects (Relay connection). */
export type DocumentConnection = {
  /** The items of this page, in list order, with cursors. */
  edges: Array<DocumentEdge>;
  /** Whether more items precede or follow this page. */
  pageInfo: PageInfo;
  /** How many items the whole list (all pages) holds; null where not cheap to count. */
  totalCount: Maybe<Scalars['Int']['output']>;
};

/** One Document of a page, with its cursor. */
export type DocumentEdge = {
  /** Pass as `after` (or `before`) to page from this item. */
  cursor: Scalars['String']['output'];
  /** The Document. */
  node: Document;
};

/** A document to add or replace. */
export type DocumentInput = {
  /** Stable id: ingesting the same id again replaces the document. Default: generated. */
  id?: InputMaybe<Scalars['String']['input']>;
  /** Metadata object, returned with retrieved chunks and usable in `filter`; at most 10000 characters of JSON and 32 levels deep. */
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  /** The text; it is chunked and indexed. At most 2000000 characters. */
  text: Scalars['String']['input'];
  /** Title; at most 500 characters. */
  title?: InputMaybe<Scalars['String']['input']>;
};

/** A named thing found in a text, with exact offsets. */
export type Entity = {
  /** Character offset after the last character. */
  end: Scalars['Int']['output'];
  /** The label as the model gave it (the same as `type` unless `type` is OTHER). */
  label: Scalars['String']['output'];
  /** Character offset of the first character (UTF-16). */
  start: Scalars['Int']['output'];
  /** The entity as it appears in the text. */
  text: Scalars['String']['output'];
  /** What kind of entity. */
  type: EntityType;
};

/** What kind of thing an entity is. */
export type EntityType =
  /** A date. */
  | 'DATE'
  /** A length of time. */
  | 'DURATION'
  /** An e-mail address. */
  | 'EMAIL'
  /** An emoji. */
  | 'EMOJI'
  /** An emoticon. */
  | 'EMOTICON'
  /** A hashtag. */
  | 'HASHTAG'
  /** A place. */
  | 'LOCATION'
  /** An @mention. */
  | 'MENTION'
  /** An amount of money. */
  | 'MONEY'
  /** A number. */
  | 'NUMBER'
  /** An ordinal (first, 2nd). */
  | 'ORDINAL'
  /** An organization. */
  | 'ORG'
  /** Another kind; `label` says which. */
  | 'OTHER'
  /** A percentage. */
  | 'PERCENT'
  /** A person. */
  | 'PERSON'
  /** A phone number. */
  | 'PHONE'
  /** A time of day. */
  | 'TIME'
  /** A web address. */
  | 'URL';

/** One model that can serve a capability. */
export type Implementation = {
  /** Registered model name. */
  model: Scalars['String']['output'];
  /** Lower runs first under FALLBACK. */
  priority: Scalars['Int']['output'];
  /** Share of traffic under WEIGHTED. */
  weight: Scalars['Float']['output'];
};

/** One model that can serve a capability. */
export type ImplementationInput = {
  /** Registered model name. */
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

/** Documents to add to (or replace in) a knowledge base. */
export type IngestDocumentsInput = {
  /** 1 to 1000 documents. */
  documents: Array<DocumentInput>;
  /** Knowledge base name. */
  knowledgeBase: Scalars['String']['input'];
};

/** What ingestDocuments wrote. */
export type IngestDocumentsPayload = {
  /** How many chunks the documents were split into. */
  chunkCount: Scalars['Int']['output'];
  /** The documents as written. */
  documents: Array<Document>;
  /** The knowledge base with its new counts. */
  knowledgeBase: KnowledgeBase;
};

/** Per-call overrides of the capability routing policy. */
export type InvokeOptions = {
  /** Use the response cache (default: the capability's cache policy). */
  cache?: InputMaybe<Scalars['Boolean']['input']>;
  /** Conversation whose context is kept (the `id` of a Conversation): remote models receive its earlier turns (older ones condensed to fit their context window), and this run appends its turn once it completes. Runs on one conversation are ordered: this one waits for the one before it. NOT_FOUND when you may not see the conversation. */
  conversationId?: InputMaybe<Scalars['ID']['input']>;
  /** With `conversationId`: the `id` of the last turn you saw. CONFLICT (with `extensions.lastTurnId`) when the conversation has moved on since, so you never answer a question that is no longer the latest. */
  ifLastTurn?: InputMaybe<Scalars['ID']['input']>;
  /** Skip candidates whose estimated cost (USD) is above this. */
  maxCostUsd?: InputMaybe<Scalars['Float']['input']>;
  /** Pin one registered model by name. */
  model?: InputMaybe<Scalars['String']['input']>;
  /** Override the capability routing strategy for this call. */
  strategy?: InputMaybe<RoutingStrategy>;
  /** Per-attempt timeout in milliseconds. */
  timeoutMs?: InputMaybe<Scalars['Int']['input']>;
};

/** The output of a capability invoked by name. */
export type InvokeResult = {
  /** How the run was served. */
  meta: RunMeta;
  /** The output, valid against the capability outputSchema. */
  output: Scalars['JSON']['output'];
};

/** A key phrase of a text. */
export type Keyword = {
  /** Relevance, higher is more central (0–1). */
  score: Scalars['Float']['output'];
  /** The phrase. */
  text: Scalars['String']['output'];
};

/** Documents indexed for `retrieve`, owned by a team. */
export type KnowledgeBase = Node & {
  /** How many chunks its documents were split into. */
  chunkCount: Scalars['Int']['output'];
  /** What it holds, for people. */
  description: Maybe<Scalars['String']['output']>;
  /** How many documents it holds. */
  documentCount: Scalars['Int']['output'];
  /** Its documents, by document id. */
  documents: DocumentConnection;
  /** Embedding model for hybrid retrieval, if any. */
  embeddingModel: Maybe<Scalars['String']['output']>;
  /** Global id. */
  id: Scalars['ID']['output'];
  /** Unique name, the one `retrieve` takes. */
  name: Scalars['String']['output'];
};


/** Documents indexed for `retrieve`, owned by a team. */
export type KnowledgeBaseDocumentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of KnowledgeBase objects (Relay connection). */
export type KnowledgeBaseConnection = {
  /** The items of this page, in list order, with cursors. */
  edges: Array<KnowledgeBaseEdge>;
  /** Whether more items precede or follow this page. */
  pageInfo: PageInfo;
  /** How many items the whole list (all pages) holds; null where not cheap to count. */
  totalCount: Maybe<Scalars['Int']['output']>;
};

/** One KnowledgeBase of a page, with its cursor. */
export type KnowledgeBaseEdge = {
  /** Pass as `after` (or `before`) to page from this item. */
  cursor: Scalars['String']['output'];
  /** The KnowledgeBase. */
  node: KnowledgeBase;
};

/** How well a label fits. */
export type LabelScore = {
  /** The label. */
  label: Scalars['String']['output'];
  /** Its score (0–1). */
  score: Scalars['Float']['output'];
};

/** A few-shot example: a text and its label. */
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

/** What a PII finding becomes before text leaves Capgate. */
export type MaskingMode =
  /** A typed placeholder (`[EMAIL]`); nothing can be restored. */
  | 'REDACT'
  /** A numbered placeholder (`[EMAIL_1]`), the same for the same value in one request; values are put back into the output. */
  | 'TOKENIZE';

/** A detector defined by its own regular expression. */
export type MaskingPattern = {
  /** Regular expression flags among `i`, `m`, `s`, `u`. */
  flags: Maybe<Scalars['String']['output']>;
  /** Placeholder type, e.g. `EMPLOYEE_ID` gives `[EMPLOYEE_ID]`. */
  name: Scalars['String']['output'];
  /** The regular expression. */
  pattern: Scalars['String']['output'];
};

/** A detector defined by its own regular expression. */
export type MaskingPatternInput = {
  /** Flags among `i`, `m`, `s`, `u`. */
  flags?: InputMaybe<Scalars['String']['input']>;
  /** Placeholder type: upper-case letters, digits and `_`, e.g. `EMPLOYEE_ID`. */
  name: Scalars['String']['input'];
  /** The regular expression (at most 500 characters). */
  pattern: Scalars['String']['input'];
};

/** PII masking applied before remote providers, the response cache and logs. */
export type MaskingPolicy = {
  /** Detectors of the policy’s own. */
  customPatterns: Array<MaskingPattern>;
  /** Built-in detectors that run. */
  detectors: Array<PiiDetector>;
  /** What a finding becomes. */
  mode: MaskingMode;
};

/** Which request field carries the cap on output tokens (OpenAI-compatible providers). */
export type MaxTokensParam =
  /** `max_completion_tokens`, always: reasoning models (o-series, gpt-5 class) refuse `max_tokens`. */
  | 'MAX_COMPLETION_TOKENS'
  /** `max_tokens` (the default; a caller that names `max_completion_tokens` keeps it). */
  | 'MAX_TOKENS';

/** A model of a provider, as routing sees it. */
export type Model = Node & {
  /** Context window in tokens. */
  contextWindow: Maybe<Scalars['Int']['output']>;
  /** Share of recent calls that failed (0–1). */
  errorRate: Maybe<Scalars['Float']['output']>;
  /** False while its circuit breaker is open. */
  healthy: Scalars['Boolean']['output'];
  /** Global id. */
  id: Scalars['ID']['output'];
  /** Median latency of recent calls, in milliseconds. */
  latencyMsP50: Maybe<Scalars['Float']['output']>;
  /** The request field of its output-token cap; null: `max_tokens` (the default). */
  maxTokensParam: Maybe<MaxTokensParam>;
  /** Unique name, e.g. `local/bm25`. */
  name: Scalars['String']['output'];
  /** Prices. */
  pricing: Pricing;
  /** Name of its provider. */
  provider: Scalars['String']['output'];
  /** 1 (basic) to 10 (most capable). */
  qualityTier: Maybe<Scalars['Int']['output']>;
  /** Free tags, e.g. `embeddings`. */
  tags: Array<Scalars['String']['output']>;
  /** The provider's own model id. */
  upstreamModel: Scalars['String']['output'];
};

/** A page of Model objects (Relay connection). */
export type ModelConnection = {
  /** The items of this page, in list order, with cursors. */
  edges: Array<ModelEdge>;
  /** Whether more items precede or follow this page. */
  pageInfo: PageInfo;
  /** How many items the whole list (all pages) holds; null where not cheap to count. */
  totalCount: Maybe<Scalars['Int']['output']>;
};

/** One Model of a page, with its cursor. */
export type ModelEdge = {
  /** Pass as `after` (or `before`) to page from this item. */
  cursor: Scalars['String']['output'];
  /** The Model. */
  node: Model;
};

/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type Mutation = {
  /** Analyze a text: sentiment, entities, keywords, language, statistics. Null, with an error for this field alone, when it fails: the other fields of the operation still answer. */
  analyze: Maybe<AnalyzeResult>;
  /** Cancels a run: its stream ends FAILED with errorCode CANCELLED, steps in flight are aborted. */
  cancelWorkflowRun: CancelWorkflowRunPayload;
  /** Classify a text into given labels (zero-shot or few-shot). Null, with an error for this field alone, when it fails: the other fields of the operation still answer. */
  classify: Maybe<ClassifyResult>;
  /** Issues a key; the key is in the answer this once. Org ADMINs: any team; MAINTAINERs: their own team. Nobody grants a role above their own. */
  createApiKey: CreateApiKeyPayload;
  /** Creates an empty conversation owned by your team (and your key unless `shared`). MEMBER role. */
  createConversation: CreateConversationPayload;
  /** Creates a knowledge base owned by the caller's team. */
  createKnowledgeBase: CreateKnowledgeBasePayload;
  /** Creates a team. Org ADMIN only. */
  createTeam: CreateTeamPayload;
  /** Deletes a conversation you may see, with its turns (audited). NOT_FOUND when you may not see it; CONFLICT while a run is in progress on it. */
  deleteConversation: DeleteConversationPayload;
  /** Deletes documents of a knowledge base. NOT_FOUND naming unknown ids, and then nothing is deleted. */
  deleteDocuments: DeleteDocumentsPayload;
  /** Deletes a knowledge base with all its documents. Owning team MAINTAINERs and org ADMINs. */
  deleteKnowledgeBase: DeleteKnowledgeBasePayload;
  /** Deletes a team. Org ADMIN only. CONFLICT, naming them, while it has live keys, capabilities, knowledge bases, budgets or rate limits. */
  deleteTeam: DeleteTeamPayload;
  /** Marks a capability DEPRECATED; it stays invocable. Idempotent. */
  deprecateCapability: DeprecateCapabilityPayload;
  /** Deprecates a workflow: it can no longer be run (ADMIN, or a MAINTAINER of the owning team). */
  deprecateWorkflow: DeprecateWorkflowPayload;
  /** Adds or replaces documents; they are chunked and indexed. */
  ingestDocuments: IngestDocumentsPayload;
  /** Invoke any capability by name with JSON input. Null, with an error for this field alone, when it fails: the other fields of the operation still answer. */
  invoke: Maybe<InvokeResult>;
  /** Registers a custom capability, owned by the caller's team. */
  registerCapability: RegisterCapabilityPayload;
  /** Registers (or replaces) a model of a provider. */
  registerModel: RegisterModelPayload;
  /** Registers (or replaces) a provider. The API key is write-only. */
  registerProvider: RegisterProviderPayload;
  /** Registers a workflow (MAINTAINER; your team owns it). Validated whole: BAD_USER_INPUT lists every problem in `extensions.problems`, and nothing is stored. */
  registerWorkflow: RegisterWorkflowPayload;
  /** Removes a budget; `removedBudgetId` is null when there was none. Same rights as setBudget. */
  removeBudget: RemoveBudgetPayload;
  /** Removes a model. CONFLICT, naming them, while capabilities or knowledge bases still use it. */
  removeModel: RemoveModelPayload;
  /** Removes a provider. CONFLICT, naming them, while it still has models. */
  removeProvider: RemoveProviderPayload;
  /** Removes the limits of (scope, target); `removedRateLimitId` is null when there were none. Same rights as setRateLimit. */
  removeRateLimit: RemoveRateLimitPayload;
  /** Renames a team; capabilities that name it follow. Org ADMIN only. CONFLICT when the name is taken. */
  renameTeam: RenameTeamPayload;
  /** Retrieve the passages of a knowledge base that best match a query. Null, with an error for this field alone, when it fails: the other fields of the operation still answer. */
  retrieve: Maybe<RetrieveResult>;
  /** Revokes a key on every instance at once. Idempotent. */
  revokeApiKey: RevokeApiKeyPayload;
  /** Replaces a key by a new secret (shown this once) with the same team, name and roles; the old secret keeps working for the grace period (at most 24 h), then is refused. CONFLICT for a revoked or expired key. */
  rotateApiKey: RotateApiKeyPayload;
  /** Starts a workflow run and returns at once; follow it with `workflowEvents(runId: run.id)`. Each step is governed, admitted, budgeted and metered like an invocation. */
  runWorkflow: RunWorkflowPayload;
  /** Creates or replaces the budget of (scope, target, period). ORG and TEAM: org ADMIN; KEY: also a MAINTAINER of the key's team. */
  setBudget: SetBudgetPayload;
  /** Opt-in exact-match response cache for a capability. */
  setCachePolicy: SetCachePolicyPayload;
  /** The org-wide default masking policy, for capabilities without their own. No detectors and no custom patterns remove it. */
  setDefaultMaskingPolicy: SetDefaultMaskingPolicyPayload;
  /** Swaps the models behind a capability, live. */
  setImplementations: SetImplementationsPayload;
  /** Whether run records keep the inputs and outputs of its runs (masked per its masking policy; deleted after the run retention). */
  setLoggingPolicy: SetLoggingPolicyPayload;
  /** PII masking of a capability, before remote providers, the cache and logs. */
  setMaskingPolicy: SetMaskingPolicyPayload;
  /** Sets the per-minute limits of (scope, target); both null removes them. ORG and TEAM: org ADMIN; KEY: also a MAINTAINER of the key's team. */
  setRateLimit: SetRateLimitPayload;
  /** Sets how a capability picks its models. */
  setRoutingPolicy: SetRoutingPolicyPayload;
  /** Starts a run and returns at once; follow it with runEvents(runId). */
  startRun: Run;
  /** Summarize a text. Null, with an error for this field alone, when it fails: the other fields of the operation still answer. */
  summarize: Maybe<SummarizeResult>;
  /** Changes a capability; bumps its version (earlier versions stay readable). */
  updateCapability: UpdateCapabilityPayload;
  /** Replaces a workflow definition (ADMIN, or a MAINTAINER of the owning team); bumps its version. Runs in flight keep their version. */
  updateWorkflow: UpdateWorkflowPayload;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationAnalyzeArgs = {
  input: AnalyzeInput;
  options?: InputMaybe<InvokeOptions>;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationCancelWorkflowRunArgs = {
  input: CancelWorkflowRunInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationClassifyArgs = {
  input: ClassifyInput;
  options?: InputMaybe<InvokeOptions>;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationCreateApiKeyArgs = {
  input: CreateApiKeyInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationCreateConversationArgs = {
  input: CreateConversationInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationCreateKnowledgeBaseArgs = {
  input: CreateKnowledgeBaseInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationCreateTeamArgs = {
  input: CreateTeamInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationDeleteConversationArgs = {
  input: DeleteConversationInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationDeleteDocumentsArgs = {
  input: DeleteDocumentsInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationDeleteKnowledgeBaseArgs = {
  input: DeleteKnowledgeBaseInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationDeleteTeamArgs = {
  input: DeleteTeamInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationDeprecateCapabilityArgs = {
  input: DeprecateCapabilityInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationDeprecateWorkflowArgs = {
  input: DeprecateWorkflowInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationIngestDocumentsArgs = {
  input: IngestDocumentsInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationInvokeArgs = {
  capability: Scalars['String']['input'];
  input: Scalars['JSON']['input'];
  options?: InputMaybe<InvokeOptions>;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationRegisterCapabilityArgs = {
  input: RegisterCapabilityInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationRegisterModelArgs = {
  input: RegisterModelInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationRegisterProviderArgs = {
  input: RegisterProviderInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationRegisterWorkflowArgs = {
  input: RegisterWorkflowInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationRemoveBudgetArgs = {
  input: RemoveBudgetInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationRemoveModelArgs = {
  input: RemoveModelInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationRemoveProviderArgs = {
  input: RemoveProviderInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationRemoveRateLimitArgs = {
  input: RemoveRateLimitInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationRenameTeamArgs = {
  input: RenameTeamInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationRetrieveArgs = {
  input: RetrieveInput;
  options?: InputMaybe<InvokeOptions>;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationRevokeApiKeyArgs = {
  input: RevokeApiKeyInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationRotateApiKeyArgs = {
  input: RotateApiKeyInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationRunWorkflowArgs = {
  input: RunWorkflowInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationSetBudgetArgs = {
  input: SetBudgetInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationSetCachePolicyArgs = {
  input: SetCachePolicyInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationSetDefaultMaskingPolicyArgs = {
  input: SetDefaultMaskingPolicyInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationSetImplementationsArgs = {
  input: SetImplementationsInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationSetLoggingPolicyArgs = {
  input: SetLoggingPolicyInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationSetMaskingPolicyArgs = {
  input: SetMaskingPolicyInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationSetRateLimitArgs = {
  input: SetRateLimitInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationSetRoutingPolicyArgs = {
  input: SetRoutingPolicyInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationStartRunArgs = {
  capability: Scalars['String']['input'];
  input: Scalars['JSON']['input'];
  options?: InputMaybe<InvokeOptions>;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationSummarizeArgs = {
  input: SummarizeInput;
  options?: InputMaybe<InvokeOptions>;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationUpdateCapabilityArgs = {
  input: UpdateCapabilityInput;
};


/** Capability invocations (`summarize`, `invoke`…) and admin changes; each admin mutation takes one `input` and returns a payload. */
export type MutationUpdateWorkflowArgs = {
  input: UpdateWorkflowInput;
};

/** An object with a global id: refetch it with `node(id:)`; caches normalize by it. */
export type Node = {
  /** Globally unique, opaque, stable id of this object. */
  id: Scalars['ID']['output'];
};

/** Where a page of a Relay connection sits in the whole list. */
export type PageInfo = {
  /** Cursor of the last item of this page (pass as `after`); null on an empty page. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** More items follow the last one of this page. */
  hasNextPage: Scalars['Boolean']['output'];
  /** More items precede the first one of this page. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first item of this page (pass as `before`); null on an empty page. */
  startCursor: Maybe<Scalars['String']['output']>;
};

/** A built-in PII detector. */
export type PiiDetector =
  /** Payment card numbers (Luhn-checked). */
  | 'CREDIT_CARD'
  /** E-mail addresses. */
  | 'EMAIL'
  /** International bank account numbers (checksum-checked). */
  | 'IBAN'
  /** IPv4 and IPv6 addresses. */
  | 'IP'
  /** Phone numbers. */
  | 'PHONE'
  /** US social security numbers. */
  | 'SSN';

/** Model prices in USD. */
export type Pricing = {
  /** USD per million input tokens. */
  inputPer1M: Scalars['Float']['output'];
  /** USD per million output tokens. */
  outputPer1M: Scalars['Float']['output'];
};

/** Model prices. */
export type PricingInput = {
  /** USD per million input tokens. */
  inputPer1M: Scalars['Float']['input'];
  /** USD per million output tokens. */
  outputPer1M: Scalars['Float']['input'];
};

/** The caller, as authenticated for this request. */
export type Principal = {
  /** When its key or token expires. */
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  /** API key id, or the token subject. */
  id: Scalars['ID']['output'];
  /** API key or token. */
  kind: PrincipalKind;
  /** Key name, or the token subject. */
  name: Scalars['String']['output'];
  /** Organization id. */
  orgId: Scalars['String']['output'];
  /** What it may do. */
  roles: Array<Role>;
  /** Its team name. */
  team: Scalars['String']['output'];
  /** Internal id of its team. */
  teamId: Scalars['String']['output'];
};

/** How the caller authenticated. */
export type PrincipalKind =
  /** A Capgate API key. */
  | 'API_KEY'
  /** An OIDC token from the configured issuer. */
  | 'JWT';

/** An upstream that serves models. Its API key is write-only. */
export type Provider = Node & {
  /** API root; null: the kind’s default. */
  baseUrl: Maybe<Scalars['String']['output']>;
  /** An API key is stored (never shown). */
  hasApiKey: Scalars['Boolean']['output'];
  /** False while any of its models has an open circuit. */
  healthy: Scalars['Boolean']['output'];
  /** Global id. */
  id: Scalars['ID']['output'];
  /** Which wire protocol it speaks. */
  kind: ProviderKind;
  /** Unique name. */
  name: Scalars['String']['output'];
};

/** A page of Provider objects (Relay connection). */
export type ProviderConnection = {
  /** The items of this page, in list order, with cursors. */
  edges: Array<ProviderEdge>;
  /** Whether more items precede or follow this page. */
  pageInfo: PageInfo;
  /** How many items the whole list (all pages) holds; null where not cheap to count. */
  totalCount: Maybe<Scalars['Int']['output']>;
};

/** One Provider of a page, with its cursor. */
export type ProviderEdge = {
  /** Pass as `after` (or `before`) to page from this item. */
  cursor: Scalars['String']['output'];
  /** The Provider. */
  node: Provider;
};

/** The wire protocol a provider speaks. */
export type ProviderKind =
  /** The Anthropic Messages API. */
  | 'ANTHROPIC'
  /** The Google Gemini API. */
  | 'GEMINI'
  /** Built-in implementations that run in process; seeded, never registered. */
  | 'LOCAL'
  /** Any API speaking the OpenAI chat-completions protocol (OpenAI, Azure, vLLM, Ollama…). */
  | 'OPENAI_COMPATIBLE';

/** Reads: the catalog, governance settings, usage and the audit log; any entity by id with `node`. */
export type Query = {
  /** Keys of a team, newest first. MAINTAINERs: their own team; org ADMINs: any team, or all without `team`. */
  apiKeys: ApiKeyConnection;
  /** Admin actions, newest first. Org ADMINs: the whole org; MAINTAINERs: their team's. */
  auditLog: AuditEntryConnection;
  /** Budgets with the current period's spend. Org ADMINs: every budget; others: their team's and its keys'. */
  budgets: BudgetConnection;
  /** The capabilities the caller may invoke, by name. */
  capabilities: CapabilityConnection;
  /** One capability as it is now; null when unknown or not visible to the caller. */
  capability: Maybe<Capability>;
  /** One version of a capability, current or earlier; null when there is none. */
  capabilityVersion: Maybe<CapabilityVersion>;
  /** One conversation by id, with its turns. Null when it does not exist or you may not see it (another team, or another key when not shared). */
  conversation: Maybe<Conversation>;
  /** Conversations you may see, most recently active first: your key’s own and your team’s shared ones (org admins: the whole org). */
  conversations: ConversationConnection;
  /** The knowledge bases the caller may see, by name. */
  knowledgeBases: KnowledgeBaseConnection;
  /** Who the caller is. */
  me: Principal;
  /** Registered models, by name. */
  models: ModelConnection;
  /** Any object by its global id; null when it does not exist (any more) or the caller may not see it. A malformed id is BAD_USER_INPUT. */
  node: Maybe<Node>;
  /** Registered providers, by name. */
  providers: ProviderConnection;
  /** Org ADMINs: every limit; others: their team's and its keys'. */
  rateLimits: RateLimitConnection;
  /** One run by id, with its status, meta and error. NOT_FOUND unless your team started it (or you are an org admin). */
  run: Run;
  /** Runs, newest first. Non-admins see their own team's runs only. */
  runs: RunConnection;
  /** Org ADMINs: every team of the org; others: their own team. By name. */
  teams: TeamConnection;
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


/** Reads: the catalog, governance settings, usage and the audit log; any entity by id with `node`. */
export type QueryApiKeysArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  team?: InputMaybe<Scalars['String']['input']>;
};


/** Reads: the catalog, governance settings, usage and the audit log; any entity by id with `node`. */
export type QueryAuditLogArgs = {
  action?: InputMaybe<Scalars['String']['input']>;
  actor?: InputMaybe<Scalars['String']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reads: the catalog, governance settings, usage and the audit log; any entity by id with `node`. */
export type QueryBudgetsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reads: the catalog, governance settings, usage and the audit log; any entity by id with `node`. */
export type QueryCapabilitiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reads: the catalog, governance settings, usage and the audit log; any entity by id with `node`. */
export type QueryCapabilityArgs = {
  name: Scalars['String']['input'];
};


/** Reads: the catalog, governance settings, usage and the audit log; any entity by id with `node`. */
export type QueryCapabilityVersionArgs = {
  name: Scalars['String']['input'];
  version: Scalars['Int']['input'];
};


/** Reads: the catalog, governance settings, usage and the audit log; any entity by id with `node`. */
export type QueryConversationArgs = {
  id: Scalars['ID']['input'];
};


/** Reads: the catalog, governance settings, usage and the audit log; any entity by id with `node`. */
export type QueryConversationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ConversationFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Reads: the catalog, governance settings, usage and the audit log; any entity by id with `node`. */
export type QueryKnowledgeBasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reads: the catalog, governance settings, usage and the audit log; any entity by id with `node`. */
export type QueryModelsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reads: the catalog, governance settings, usage and the audit log; any entity by id with `node`. */
export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


/** Reads: the catalog, governance settings, usage and the audit log; any entity by id with `node`. */
export type QueryProvidersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reads: the catalog, governance settings, usage and the audit log; any entity by id with `node`. */
export type QueryRateLimitsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reads: the catalog, governance settings, usage and the audit log; any entity by id with `node`. */
export type QueryRunArgs = {
  id: Scalars['ID']['input'];
};


/** Reads: the catalog, governance settings, usage and the audit log; any entity by id with `node`. */
export type QueryRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<RunFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Reads: the catalog, governance settings, usage and the audit log; any entity by id with `node`. */
export type QueryTeamsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reads: the catalog, governance settings, usage and the audit log; any entity by id with `node`. */
export type QueryUsageArgs = {
  capability?: InputMaybe<Scalars['String']['input']>;
  from: Scalars['DateTime']['input'];
  groupBy: Array<UsageDimension>;
  team?: InputMaybe<Scalars['String']['input']>;
  to: Scalars['DateTime']['input'];
};


/** Reads: the catalog, governance settings, usage and the audit log; any entity by id with `node`. */
export type QueryWorkflowArgs = {
  name: Scalars['String']['input'];
};


/** Reads: the catalog, governance settings, usage and the audit log; any entity by id with `node`. */
export type QueryWorkflowRunArgs = {
  id: Scalars['ID']['input'];
};


/** Reads: the catalog, governance settings, usage and the audit log; any entity by id with `node`. */
export type QueryWorkflowRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<WorkflowRunFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Reads: the catalog, governance settings, usage and the audit log; any entity by id with `node`. */
export type QueryWorkflowsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Per-minute limits of one scope and target. Null: no limit; 0 blocks everything. */
export type RateLimit = Node & {
  /** Global id. */
  id: Scalars['ID']['output'];
  /** Requests per minute. */
  requestsPerMinute: Maybe<Scalars['Int']['output']>;
  /** What it applies to. */
  scope: BudgetScope;
  /** Org id, team name or API key id. */
  target: Scalars['String']['output'];
  /** Org id, internal team id or API key id. */
  targetId: Scalars['String']['output'];
  /** Model tokens (input + output) per minute. */
  tokensPerMinute: Maybe<Scalars['Int']['output']>;
  /** When it was last set. */
  updatedAt: Scalars['DateTime']['output'];
};

/** A page of RateLimit objects (Relay connection). */
export type RateLimitConnection = {
  /** The items of this page, in list order, with cursors. */
  edges: Array<RateLimitEdge>;
  /** Whether more items precede or follow this page. */
  pageInfo: PageInfo;
  /** How many items the whole list (all pages) holds; null where not cheap to count. */
  totalCount: Maybe<Scalars['Int']['output']>;
};

/** One RateLimit of a page, with its cursor. */
export type RateLimitEdge = {
  /** Pass as `after` (or `before`) to page from this item. */
  cursor: Scalars['String']['output'];
  /** The RateLimit. */
  node: RateLimit;
};

/** A capability definition. */
export type RegisterCapabilityInput = {
  /** Default: no cache. */
  cache?: InputMaybe<CachePolicyInput>;
  /** What it does, for people. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The models that can serve it. */
  implementations?: InputMaybe<Array<ImplementationInput>>;
  /** JSON Schema; required for custom capabilities. At most 65536 bytes, 256 properties in all and 32 levels of nesting; `pattern` uses RE2 syntax (no lookaround or backreferences); `$id`s are local to this schema. Beyond these: BAD_USER_INPUT. */
  inputSchema?: InputMaybe<Scalars['JSON']['input']>;
  /** Whether run records keep inputs and outputs; default neither. */
  logging?: InputMaybe<LoggingPolicyInput>;
  /** Unique name: lower-case letters, digits, `_`, `-`. */
  name: Scalars['String']['input'];
  /** JSON Schema of the structured output; optional: without it a custom capability answers with text. At most 65536 bytes, 256 properties in all and 32 levels of nesting; `pattern` uses RE2 syntax (no lookaround or backreferences); `$id`s are local to this schema. Beyond these: BAD_USER_INPUT. */
  outputSchema?: InputMaybe<Scalars['JSON']['input']>;
  /** How remote models are asked; {{input.field}} placeholders. */
  promptTemplate?: InputMaybe<Scalars['String']['input']>;
  /** Default: FALLBACK. */
  routing?: InputMaybe<RoutingPolicyInput>;
  /** Teams (by name) that may invoke it; empty = whole organization. */
  teams?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** The registered capability. */
export type RegisterCapabilityPayload = {
  /** The capability as it is now. */
  capability: Capability;
};

/** Creates or replaces a model of a provider. */
export type RegisterModelInput = {
  /** Context window in tokens. */
  contextWindow?: InputMaybe<Scalars['Int']['input']>;
  /** The request field of the output-token cap: MAX_COMPLETION_TOKENS for reasoning models, which refuse `max_tokens`; default MAX_TOKENS. */
  maxTokensParam?: InputMaybe<MaxTokensParam>;
  /** Unique name, e.g. `openai/gpt-4o-mini`. */
  name: Scalars['String']['input'];
  /** Prices; default 0. */
  pricing?: InputMaybe<PricingInput>;
  /** Name of a registered provider. */
  provider: Scalars['String']['input'];
  /** 1 (basic) to 10 (most capable); used by COMPLEXITY routing. */
  qualityTier?: InputMaybe<Scalars['Int']['input']>;
  /** e.g. "embeddings" for models that offer embeddings. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The provider's own model id. */
  upstreamModel: Scalars['String']['input'];
};

/** The model as registered. */
export type RegisterModelPayload = {
  /** The model as registered. */
  model: Model;
};

/** Creates or replaces a provider. */
export type RegisterProviderInput = {
  /** Write-only; encrypted at rest. Omit to keep the stored key, "" to remove it. */
  apiKey?: InputMaybe<Scalars['String']['input']>;
  /** API root, e.g. https://api.openai.com/v1 (the kind's default when unset). */
  baseUrl?: InputMaybe<Scalars['String']['input']>;
  /** Extra headers sent upstream, name → value (encrypted at rest; write-only). */
  headers?: InputMaybe<Scalars['JSON']['input']>;
  /** Which wire protocol it speaks. */
  kind: ProviderKind;
  /** Unique name, e.g. `openai`. */
  name: Scalars['String']['input'];
};

/** The provider as registered. */
export type RegisterProviderPayload = {
  /** The provider as registered. */
  provider: Provider;
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
  /** The registered workflow. */
  workflow: Workflow;
};

/** The budget to remove. */
export type RemoveBudgetInput = {
  /** Its period. */
  period: BudgetPeriod;
  /** What the budget applies to. */
  scope: BudgetScope;
  /** ORG: org id; TEAM: team name (or id); KEY: API key id. */
  target: Scalars['String']['input'];
};

/** What removeBudget removed. */
export type RemoveBudgetPayload = {
  /** Global id of the removed budget; null when there was none. */
  removedBudgetId: Maybe<Scalars['ID']['output']>;
};

/** Removes a model that no capability uses. */
export type RemoveModelInput = {
  /** Model name. */
  name: Scalars['String']['input'];
};

/** What removeModel removed. */
export type RemoveModelPayload = {
  /** Global id of the removed model: evict it from client caches. */
  removedModelId: Scalars['ID']['output'];
};

/** Removes a provider that no model uses. */
export type RemoveProviderInput = {
  /** Provider name. */
  name: Scalars['String']['input'];
};

/** What removeProvider removed. */
export type RemoveProviderPayload = {
  /** Global id of the removed provider: evict it from client caches. */
  removedProviderId: Scalars['ID']['output'];
};

/** The rate limit to remove. */
export type RemoveRateLimitInput = {
  /** What the limit applies to. */
  scope: BudgetScope;
  /** ORG: org id; TEAM: team name (or id); KEY: API key id. */
  target: Scalars['String']['input'];
};

/** What removeRateLimit removed. */
export type RemoveRateLimitPayload = {
  /** Global id of the removed rate limit; null when there was none. */
  removedRateLimitId: Maybe<Scalars['ID']['output']>;
};

/** A new name for a team. */
export type RenameTeamInput = {
  /** The new name; unique in the organization. */
  name: Scalars['String']['input'];
  /** Current team name (or internal id). */
  team: Scalars['String']['input'];
};

/** The renamed team. */
export type RenameTeamPayload = {
  /** The team under its new name. */
  team: Team;
};

/** A query against a knowledge base. */
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

/** The best-matching passages, best first. */
export type RetrieveResult = {
  /** Best first. */
  chunks: Array<RetrievedChunk>;
  /** How the run was served. */
  meta: RunMeta;
};

/** A passage of a document that matches the query. */
export type RetrievedChunk = {
  /** Id of the passage. */
  chunkId: Scalars['ID']['output'];
  /** Id of its document (as given at ingest). */
  documentId: Scalars['ID']['output'];
  /** Metadata of its document. */
  metadata: Maybe<Scalars['JSON']['output']>;
  /** Relevance, higher is better (BM25, or fused rank with embeddings). */
  score: Scalars['Float']['output'];
  /** The passage. */
  text: Scalars['String']['output'];
};

/** A key to revoke. */
export type RevokeApiKeyInput = {
  /** Global id of the ApiKey (its `internalId` is accepted too). */
  id: Scalars['ID']['input'];
};

/** The revoked key. */
export type RevokeApiKeyPayload = {
  /** The key, with `revokedAt` set. */
  apiKey: ApiKey;
};

/** ADMIN: everything in the org; MAINTAINER: registry writes for own team capabilities; MEMBER: invoke; VIEWER: read usage and catalog. Each role includes the ones below it. */
export type Role =
  /** Everything in the organization. */
  | 'ADMIN'
  /** Registry writes and keys of its own team. */
  | 'MAINTAINER'
  /** Invoke capabilities. */
  | 'MEMBER'
  /** Read the catalog and usage. */
  | 'VIEWER';

/** A key to replace by a new secret. */
export type RotateApiKeyInput = {
  /** Seconds the old secret keeps working, 0 to 86400 (24 h). 0 refuses it at once. */
  gracePeriodSeconds: Scalars['Int']['input'];
  /** Global id of the ApiKey (its `internalId` is accepted too). */
  id: Scalars['ID']['input'];
};

/** A rotated key: the new secret is shown this once. */
export type RotateApiKeyPayload = {
  /** The new key as listings show it. */
  apiKey: ApiKey;
  /** The new key. Shown this once: only its HMAC is stored. */
  key: Scalars['String']['output'];
  /** The old key, with `expiresAt` at the end of the grace period (or `revokedAt`). */
  previousApiKey: ApiKey;
};

/** One model tried for a run. */
export type RouteAttempt = {
  /** Why it failed (an error code of API.md); null when ok. */
  errorCode: Maybe<Scalars['String']['output']>;
  /** How long the attempt took, in milliseconds. */
  latencyMs: Scalars['Int']['output'];
  /** Model name. */
  model: Scalars['String']['output'];
  /** Whether this attempt answered. */
  ok: Scalars['Boolean']['output'];
  /** Provider name. */
  provider: Scalars['String']['output'];
};

/** How a capability picks among its implementations. */
export type RoutingPolicy = {
  /** COMPLEXITY: inputs scoring above this (0–1) go to higher quality tiers. */
  complexityThreshold: Maybe<Scalars['Float']['output']>;
  /** At most this many models tried per call. */
  maxAttempts: Maybe<Scalars['Int']['output']>;
  /** How candidates are ordered. */
  strategy: RoutingStrategy;
  /** Per-attempt timeout in milliseconds. */
  timeoutMs: Maybe<Scalars['Int']['output']>;
  /** When a HARD budget refuses the paid models, a zero-cost local implementation of the same capability serves instead. */
  zeroCostFallback: Scalars['Boolean']['output'];
};

/** How a capability picks among its implementations. */
export type RoutingPolicyInput = {
  /** COMPLEXITY: scores above this go to higher tiers (0–1). */
  complexityThreshold?: InputMaybe<Scalars['Float']['input']>;
  /** At most this many models tried per call. */
  maxAttempts?: InputMaybe<Scalars['Int']['input']>;
  /** How candidates are ordered. */
  strategy: RoutingStrategy;
  /** Per-attempt timeout in milliseconds. */
  timeoutMs?: InputMaybe<Scalars['Int']['input']>;
  /** When a HARD budget refuses the paid models, serve with a zero-cost local implementation of the same capability instead (RunMeta.reason says so). Default false. */
  zeroCostFallback?: InputMaybe<Scalars['Boolean']['input']>;
};

/** How a capability orders the models that can serve it. */
export type RoutingStrategy =
  /** Lowest estimated cost first. */
  | 'CHEAPEST'
  /** Simple inputs to cheap tiers, hard ones to higher tiers. */
  | 'COMPLEXITY'
  /** Priority order; the next one when a model fails. */
  | 'FALLBACK'
  /** Lowest observed latency first. */
  | 'FASTEST'
  /** Random by weight among healthy candidates. */
  | 'WEIGHTED';

/** One invocation of a capability, whatever its front door. Visible to the team that started it and to org admins. */
export type Run = Node & {
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
  /** Global id (`node(id:)`). `run(id:)` and `runEvents(runId:)` take it as well as `internalId`. */
  id: Scalars['ID']['output'];
  /** The input, masked; only when the capability's logging policy keeps inputs. */
  input: Maybe<Scalars['JSON']['output']>;
  /** The run’s own id (`run_…`), as in `RunMeta.runId`, `RunEvent.runId`, usage records and logs. */
  internalId: Scalars['String']['output'];
  /** The model that served it (or the last one tried). */
  model: Maybe<Scalars['String']['output']>;
  /** The output, masked; only when the capability's logging policy keeps outputs. */
  output: Maybe<Scalars['JSON']['output']>;
  /** Provider of that model. */
  provider: Maybe<Scalars['String']['output']>;
  /** Where the run is. */
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
  /** The runs of this page, with cursors. */
  edges: Array<RunEdge>;
  /** Whether more runs follow. */
  pageInfo: PageInfo;
  /** How many runs match the filter, on all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One run in a page of runs. */
export type RunEdge = {
  /** This run's position: pass it as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  /** The run. */
  node: Run;
};

/** One event of a run. */
export type RunEvent = {
  /** When it happened. */
  at: Scalars['DateTime']['output'];
  /** DELTA: the next piece of text output. */
  delta: Maybe<Scalars['String']['output']>;
  /** ATTEMPT_FAILED, FAILED. */
  errorCode: Maybe<Scalars['String']['output']>;
  /** ATTEMPT_FAILED, FAILED: what went wrong, for people. */
  message: Maybe<Scalars['String']['output']>;
  /** COMPLETED. */
  meta: Maybe<RunMeta>;
  /** ROUTED, ATTEMPT_FAILED. */
  model: Maybe<Scalars['String']['output']>;
  /** COMPLETED: the whole structured output. */
  output: Maybe<Scalars['JSON']['output']>;
  /** DELTA of a custom capability with an outputSchema: the JSON value parsed from the text so far (not yet validated). */
  partialOutput: Maybe<Scalars['JSON']['output']>;
  /** Id of the run. */
  runId: Scalars['ID']['output'];
  /** What happened. */
  type: RunEventType;
};

/** A stream always ends with exactly one COMPLETED or FAILED. */
export type RunEventType =
  /** A model failed; the next candidate is tried (`model`, `errorCode`). */
  | 'ATTEMPT_FAILED'
  /** The run succeeded (`output`, `meta`). Terminal. */
  | 'COMPLETED'
  /** The next piece of text output (`delta`). */
  | 'DELTA'
  /** The run failed (`errorCode`, `message`). Terminal. */
  | 'FAILED'
  /** A model was chosen (`model`). */
  | 'ROUTED'
  /** The run began. */
  | 'STARTED';

/** Which runs to list; every field narrows the list. */
export type RunFilter = {
  /** Only runs of this capability. */
  capability?: InputMaybe<Scalars['String']['input']>;
  /** Started at or after this instant. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only runs in this status. */
  status?: InputMaybe<RunStatus>;
  /** Team name (or id). Org admins only, for other teams than their own. */
  team?: InputMaybe<Scalars['String']['input']>;
  /** Started before this instant. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How a run was served. */
export type RunMeta = {
  /** Every model tried, in order. */
  attempts: Array<RouteAttempt>;
  /** Served from the response cache (no model call, no cost). */
  cached: Scalars['Boolean']['output'];
  /** Capability name. */
  capability: Scalars['String']['output'];
  /** The model that answered. */
  model: Scalars['String']['output'];
  /** Its provider. */
  provider: Scalars['String']['output'];
  /** Why this model served the request. */
  reason: Scalars['String']['output'];
  /** Id of the run (as in runEvents and usage). */
  runId: Scalars['ID']['output'];
  /** Tokens, cost and latency. */
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
  /** Cost cap of the run. */
  options?: InputMaybe<WorkflowRunOptionsInput>;
};

/** The run, just started: follow it with `workflowEvents(runId: run.id)`. */
export type RunWorkflowPayload = {
  /** The started run. */
  run: WorkflowRun;
};

/** The overall sentiment of a text. */
export type Sentiment = {
  /** Positive, negative, neutral or mixed. */
  label: SentimentLabel;
  /** In [-1, 1]. */
  score: Scalars['Float']['output'];
};

/** The overall tone of a text. */
export type SentimentLabel =
  /** Strongly positive and negative parts. */
  | 'MIXED'
  /** Mostly negative. */
  | 'NEGATIVE'
  /** Neither. */
  | 'NEUTRAL'
  /** Mostly positive. */
  | 'POSITIVE';

/** The budget of one scope, target and period. */
export type SetBudgetInput = {
  /** Limit in USD per period. */
  limitUsd: Scalars['Float']['input'];
  /** Refuse (HARD) or alert (SOFT) when over. */
  mode: BudgetMode;
  /** Per day or per month (UTC). */
  period: BudgetPeriod;
  /** What the budget applies to. */
  scope: BudgetScope;
  /** ORG: org id; TEAM: team name (or id); KEY: API key id. */
  target: Scalars['String']['input'];
};

/** The budget as set. */
export type SetBudgetPayload = {
  /** The budget with its current spend. */
  budget: Budget;
};

/** The response cache of a capability. */
export type SetCachePolicyInput = {
  /** Capability name. */
  capability: Scalars['String']['input'];
  /** The new policy. */
  policy: CachePolicyInput;
};

/** The capability with its new cache policy. */
export type SetCachePolicyPayload = {
  /** The capability as it is now. */
  capability: Capability;
};

/** The org-wide default masking policy. No detectors and no custom patterns remove it. */
export type SetDefaultMaskingPolicyInput = {
  /** Detectors of the policy’s own: at most 20 patterns of at most 500 characters, flags from i, m, s, u. Patterns run on a linear-time engine (RE2 syntax: no lookaround, no backreferences); one it cannot run is refused with BAD_USER_INPUT. */
  customPatterns?: InputMaybe<Array<MaskingPatternInput>>;
  /** Built-in detectors to run. */
  detectors: Array<PiiDetector>;
  /** What a finding becomes. */
  mode: MaskingMode;
};

/** The org-wide default masking policy now in force. */
export type SetDefaultMaskingPolicyPayload = {
  /** The policy; null when it was removed. */
  maskingPolicy: Maybe<MaskingPolicy>;
};

/** The models behind a capability. */
export type SetImplementationsInput = {
  /** Capability name. */
  capability: Scalars['String']['input'];
  /** The new list; replaces the old one. */
  implementations: Array<ImplementationInput>;
};

/** The capability with its new implementations. */
export type SetImplementationsPayload = {
  /** The capability as it is now. */
  capability: Capability;
};

/** The logging policy of a capability. */
export type SetLoggingPolicyInput = {
  /** Capability name. */
  capability: Scalars['String']['input'];
  /** The new policy. */
  policy: LoggingPolicyInput;
};

/** The capability with its new logging policy. */
export type SetLoggingPolicyPayload = {
  /** The capability as it is now. */
  capability: Capability;
};

/** The PII masking policy of a capability. */
export type SetMaskingPolicyInput = {
  /** Capability name. */
  capability: Scalars['String']['input'];
  /** Detectors of the policy’s own: at most 20 patterns of at most 500 characters, flags from i, m, s, u. Patterns run on a linear-time engine (RE2 syntax: no lookaround, no backreferences); one it cannot run is refused with BAD_USER_INPUT. */
  customPatterns?: InputMaybe<Array<MaskingPatternInput>>;
  /** Built-in detectors to run. */
  detectors: Array<PiiDetector>;
  /** What a finding becomes. */
  mode: MaskingMode;
};

/** The capability with its new masking policy. */
export type SetMaskingPolicyPayload = {
  /** The capability as it is now. */
  capability: Capability;
};

/** The per-minute limits of one scope and target. */
export type SetRateLimitInput = {
  /** Requests per minute; null: no limit; 0 blocks all. */
  requestsPerMinute?: InputMaybe<Scalars['Int']['input']>;
  /** What the limit applies to. */
  scope: BudgetScope;
  /** ORG: org id; TEAM: team name (or id); KEY: API key id. */
  target: Scalars['String']['input'];
  /** Model tokens (input + output) per minute; null: no limit; 0 blocks all. */
  tokensPerMinute?: InputMaybe<Scalars['Int']['input']>;
};

/** The rate limit as set. */
export type SetRateLimitPayload = {
  /** The rate limit; null when both limits were null (which removes it). */
  rateLimit: Maybe<RateLimit>;
};

/** The routing policy of a capability. */
export type SetRoutingPolicyInput = {
  /** Capability name. */
  capability: Scalars['String']['input'];
  /** The new policy. */
  policy: RoutingPolicyInput;
};

/** The capability with its new routing policy. */
export type SetRoutingPolicyPayload = {
  /** The capability as it is now. */
  capability: Capability;
};

/** Streams over WebSocket: run events and budget alerts. */
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


/** Streams over WebSocket: run events and budget alerts. */
export type SubscriptionInvokeStreamArgs = {
  capability: Scalars['String']['input'];
  input: Scalars['JSON']['input'];
  options?: InputMaybe<InvokeOptions>;
};


/** Streams over WebSocket: run events and budget alerts. */
export type SubscriptionRunEventsArgs = {
  runId: Scalars['ID']['input'];
};


/** Streams over WebSocket: run events and budget alerts. */
export type SubscriptionWorkflowEventsArgs = {
  runId: Scalars['ID']['input'];
};

/** A text to summarize and the shape of the summary. */
export type SummarizeInput = {
  /** Language of the summary (remote models); at most 35 characters. */
  language?: InputMaybe<Scalars['String']['input']>;
  /** At most this many sentences (extractive) or about this many (abstractive); 1 to 100. */
  maxSentences?: InputMaybe<Scalars['Int']['input']>;
  /** Never more than this many words; 1 to 5000. */
  maxWords?: InputMaybe<Scalars['Int']['input']>;
  /** Paragraph (default) or bullets. */
  style?: InputMaybe<SummaryStyle>;
  /** The text to summarize: at most 1000000 characters (BAD_USER_INPUT beyond). */
  text: Scalars['String']['input'];
};

/** A summary. */
export type SummarizeResult = {
  /** How the run was served. */
  meta: RunMeta;
  /** The summary. */
  summary: Scalars['String']['output'];
};

/** The shape of a summary. */
export type SummaryStyle =
  /** One bullet per point. */
  | 'BULLETS'
  /** Running text. */
  | 'PARAGRAPH';

/** A team of the organization: it owns keys, capabilities and knowledge bases. */
export type Team = Node & {
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Global id. */
  id: Scalars['ID']['output'];
  /** Internal team id, as in `teamId` fields, budget targets and audit entries. */
  internalId: Scalars['String']['output'];
  /** Unique name in the organization. */
  name: Scalars['String']['output'];
};

/** A page of Team objects (Relay connection). */
export type TeamConnection = {
  /** The items of this page, in list order, with cursors. */
  edges: Array<TeamEdge>;
  /** Whether more items precede or follow this page. */
  pageInfo: PageInfo;
  /** How many items the whole list (all pages) holds; null where not cheap to count. */
  totalCount: Maybe<Scalars['Int']['output']>;
};

/** One Team of a page, with its cursor. */
export type TeamEdge = {
  /** Pass as `after` (or `before`) to page from this item. */
  cursor: Scalars['String']['output'];
  /** The Team. */
  node: Team;
};

/** Counts of a text. */
export type TextStats = {
  /** Characters (UTF-16 code units). */
  characters: Scalars['Int']['output'];
  /** Reading time at about 230 words per minute, in seconds. */
  readingTimeSeconds: Scalars['Int']['output'];
  /** Sentences. */
  sentences: Scalars['Int']['output'];
  /** Words. */
  words: Scalars['Int']['output'];
};

/** A new version of a capability: omitted fields keep their current value. */
export type UpdateCapabilityInput = {
  /** Default: no cache. */
  cache?: InputMaybe<CachePolicyInput>;
  /** What it does, for people. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The models that can serve it. */
  implementations?: InputMaybe<Array<ImplementationInput>>;
  /** JSON Schema; required for custom capabilities. At most 65536 bytes, 256 properties in all and 32 levels of nesting; `pattern` uses RE2 syntax (no lookaround or backreferences); `$id`s are local to this schema. Beyond these: BAD_USER_INPUT. */
  inputSchema?: InputMaybe<Scalars['JSON']['input']>;
  /** Whether run records keep inputs and outputs; default neither. */
  logging?: InputMaybe<LoggingPolicyInput>;
  /** Unique name: lower-case letters, digits, `_`, `-`. */
  name: Scalars['String']['input'];
  /** JSON Schema of the structured output; optional: without it a custom capability answers with text. At most 65536 bytes, 256 properties in all and 32 levels of nesting; `pattern` uses RE2 syntax (no lookaround or backreferences); `$id`s are local to this schema. Beyond these: BAD_USER_INPUT. */
  outputSchema?: InputMaybe<Scalars['JSON']['input']>;
  /** How remote models are asked; {{input.field}} placeholders. */
  promptTemplate?: InputMaybe<Scalars['String']['input']>;
  /** Default: FALLBACK. */
  routing?: InputMaybe<RoutingPolicyInput>;
  /** Teams (by name) that may invoke it; empty = whole organization. */
  teams?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** The capability, at its new version. */
export type UpdateCapabilityPayload = {
  /** The capability as it is now. */
  capability: Capability;
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
  /** The workflow at its new version. */
  workflow: Workflow;
};

/** Tokens, cost and latency of a run. */
export type Usage = {
  /** USD, from model pricing. */
  costUsd: Scalars['Float']['output'];
  /** Input tokens sent to the model. */
  inputTokens: Scalars['Int']['output'];
  /** Wall-clock time of the run, in milliseconds. */
  latencyMs: Scalars['Int']['output'];
  /** Output tokens the model produced. */
  outputTokens: Scalars['Int']['output'];
};

/** Group usage by these. The row key names them in lower case; TEAM shows the team name, KEY the key id, DAY `YYYY-MM-DD` (UTC). */
export type UsageDimension =
  /** Per capability name. */
  | 'CAPABILITY'
  /** Per UTC day. */
  | 'DAY'
  /** Per API key id. */
  | 'KEY'
  /** Per model name. */
  | 'MODEL'
  /** Per team name. */
  | 'TEAM';

/** Usage totals of one group over the requested days. */
export type UsageRow = {
  /** Requests answered from the response cache. */
  cachedRequests: Scalars['Int']['output'];
  /** Cost in USD. */
  costUsd: Scalars['Float']['output'];
  /** Runs that failed. */
  errors: Scalars['Int']['output'];
  /** Input tokens. */
  inputTokens: Scalars['Int']['output'];
  /** The group, e.g. `{ "capability": "summarize", "day": "2026-11-22" }`. */
  key: Scalars['JSON']['output'];
  /** Mean latency in milliseconds. */
  latencyMsAvg: Scalars['Float']['output'];
  /** Estimated from a fixed-bucket histogram, interpolated within the bucket. */
  latencyMsP95: Scalars['Float']['output'];
  /** Output tokens. */
  outputTokens: Scalars['Int']['output'];
  /** Runs in the group. */
  requests: Scalars['Int']['output'];
};

/** A registered workflow: a DAG of steps invoking capabilities. Visible to its teams (all when `teams` is empty) and to org admins. */
export type Workflow = Node & {
  /** Seeded by Capgate (e.g. `answer-with-citations`). */
  builtin: Scalars['Boolean']['output'];
  /** When it was first registered. */
  createdAt: Scalars['DateTime']['output'];
  /** What it does, as registered. */
  description: Maybe<Scalars['String']['output']>;
  /** Global id (stable across versions). */
  id: Scalars['ID']['output'];
  /** JSON Schema of the workflow's input. */
  inputSchema: Scalars['JSON']['output'];
  /** Unique among capabilities and workflows. */
  name: Scalars['String']['output'];
  /** The output mapping; null: the last step's output. */
  output: Maybe<Scalars['JSON']['output']>;
  /** Whether it can be run. */
  status: WorkflowStatus;
  /** The steps, as registered. */
  steps: Array<WorkflowStep>;
  /** Teams that may see and run it; empty = the whole organization. */
  teams: Array<Scalars['String']['output']>;
  /** When its current version was registered. */
  updatedAt: Scalars['DateTime']['output'];
  /** Bumped by every change. */
  version: Scalars['Int']['output'];
};

/** Workflows, by name (Relay connection). */
export type WorkflowConnection = {
  /** The items of this page, in list order, with cursors. */
  edges: Array<WorkflowEdge>;
  /** Whether more items precede or follow this page. */
  pageInfo: PageInfo;
  /** How many items the whole list (all pages) holds; null where not cheap to count. */
  totalCount: Maybe<Scalars['Int']['output']>;
};

/** One Workflow of a page, with its cursor. */
export type WorkflowEdge = {
  /** Pass as `after` (or `before`) to page from this item. */
  cursor: Scalars['String']['output'];
  /** The Workflow. */
  node: Workflow;
};

/** One event of a workflow run. */
export type WorkflowEvent = {
  /** When it happened. */
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
  /** What happened. */
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
export type WorkflowRun = Node & {
  /** When the run was started. */
  createdAt: Scalars['DateTime']['output'];
  /** When the run ended; null while RUNNING. */
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
  /** Where the run is. */
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
  /** The items of this page, in list order, with cursors. */
  edges: Array<WorkflowRunEdge>;
  /** Whether more items precede or follow this page. */
  pageInfo: PageInfo;
  /** How many items the whole list (all pages) holds; null where not cheap to count. */
  totalCount: Maybe<Scalars['Int']['output']>;
};

/** One WorkflowRun of a page, with its cursor. */
export type WorkflowRunEdge = {
  /** Pass as `after` (or `before`) to page from this item. */
  cursor: Scalars['String']['output'];
  /** The WorkflowRun. */
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
  /** When it ended; null until then. */
  endedAt: Maybe<Scalars['DateTime']['output']>;
  /** FAILED: the error code (API.md). */
  errorCode: Maybe<Scalars['String']['output']>;
  /** FAILED: what went wrong. */
  errorMessage: Maybe<Scalars['String']['output']>;
  /** The step name. */
  name: Scalars['String']['output'];
  /** COMPLETED: the output (an array for forEach). */
  output: Maybe<Scalars['JSON']['output']>;
  /** When it last started; null while PENDING. */
  startedAt: Maybe<Scalars['DateTime']['output']>;
  /** Where the step is. */
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

export type CapabilitiesQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type CapabilitiesQuery = { capabilities: { totalCount: number | null, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, name: string, description: string | null, kind: CapabilityKind, status: CapabilityStatus, version: number, teams: Array<string>, updatedAt: string, implementations: Array<{ model: string, priority: number, weight: number }> } }> } };

export type CapabilityDetailQueryVariables = Exact<{
  name: Scalars['String']['input'];
}>;


export type CapabilityDetailQuery = { capability: { id: string, name: string, description: string | null, kind: CapabilityKind, status: CapabilityStatus, version: number, teams: Array<string>, updatedAt: string, inputSchema: unknown | null, outputSchema: unknown | null, promptTemplate: string | null, implementations: Array<{ model: string, priority: number, weight: number }>, routing: { strategy: RoutingStrategy, maxAttempts: number | null, timeoutMs: number | null, complexityThreshold: number | null, zeroCostFallback: boolean }, cache: { enabled: boolean, shareable: boolean, ttlSeconds: number } | null, maskingPolicy: { mode: MaskingMode, detectors: Array<PiiDetector>, customPatterns: Array<{ name: string, pattern: string, flags: string | null }> } | null, logging: { inputs: boolean, outputs: boolean } } | null };

export type CapabilityVersionDetailQueryVariables = Exact<{
  name: Scalars['String']['input'];
  version: Scalars['Int']['input'];
}>;


export type CapabilityVersionDetailQuery = { capabilityVersion: { id: string, name: string, version: number, description: string | null, status: CapabilityStatus, updatedAt: string, inputSchema: unknown | null, outputSchema: unknown | null, promptTemplate: string | null, teams: Array<string>, implementations: Array<{ model: string, priority: number, weight: number }>, routing: { strategy: RoutingStrategy, maxAttempts: number | null, timeoutMs: number | null, zeroCostFallback: boolean }, cache: { enabled: boolean, shareable: boolean, ttlSeconds: number } | null, logging: { inputs: boolean, outputs: boolean } } | null };

export type RegisterCapabilityMutationVariables = Exact<{
  input: RegisterCapabilityInput;
}>;


export type RegisterCapabilityMutation = { registerCapability: { capability: { id: string, name: string, version: number, status: CapabilityStatus } } };

export type UpdateCapabilityMutationVariables = Exact<{
  input: UpdateCapabilityInput;
}>;


export type UpdateCapabilityMutation = { updateCapability: { capability: { id: string, name: string, version: number, status: CapabilityStatus } } };

export type DeprecateCapabilityMutationVariables = Exact<{
  input: DeprecateCapabilityInput;
}>;


export type DeprecateCapabilityMutation = { deprecateCapability: { capability: { id: string, name: string, status: CapabilityStatus } } };

export type TeamsQueryVariables = Exact<{ [key: string]: never; }>;


export type TeamsQuery = { teams: { edges: Array<{ node: { id: string, internalId: string, name: string, createdAt: string } }> } };

export type CreateTeamMutationVariables = Exact<{
  input: CreateTeamInput;
}>;


export type CreateTeamMutation = { createTeam: { team: { id: string, internalId: string, name: string, createdAt: string } } };

export type ApiKeysQueryVariables = Exact<{
  team?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ApiKeysQuery = { apiKeys: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, internalId: string, name: string, prefix: string, team: string, roles: Array<Role>, createdAt: string, expiresAt: string | null, revokedAt: string | null } }> } };

export type CreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type CreateApiKeyMutation = { createApiKey: { key: string, apiKey: { id: string, internalId: string, name: string, prefix: string, team: string, roles: Array<Role>, createdAt: string, expiresAt: string | null, revokedAt: string | null } } };

export type RotateApiKeyMutationVariables = Exact<{
  input: RotateApiKeyInput;
}>;


export type RotateApiKeyMutation = { rotateApiKey: { key: string, apiKey: { id: string, internalId: string, name: string, prefix: string, team: string, roles: Array<Role>, createdAt: string, expiresAt: string | null, revokedAt: string | null }, previousApiKey: { id: string, expiresAt: string | null, revokedAt: string | null } } };

export type RevokeApiKeyMutationVariables = Exact<{
  input: RevokeApiKeyInput;
}>;


export type RevokeApiKeyMutation = { revokeApiKey: { apiKey: { id: string, revokedAt: string | null } } };

export type AuditLogQueryVariables = Exact<{
  actor?: InputMaybe<Scalars['String']['input']>;
  action?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type AuditLogQuery = { auditLog: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, at: string, action: string, actorKeyId: string, actorTeam: string | null, target: string, summary: unknown, requestId: string } }> } };

export type InvokeStreamSubscriptionVariables = Exact<{
  capability: Scalars['String']['input'];
  input: Scalars['JSON']['input'];
  options?: InputMaybe<InvokeOptions>;
}>;


export type InvokeStreamSubscription = { invokeStream: { type: RunEventType, runId: string, at: string, delta: string | null, partialOutput: unknown | null, output: unknown | null, model: string | null, errorCode: string | null, message: string | null, meta: { runId: string, capability: string, model: string, provider: string, reason: string, cached: boolean, attempts: Array<{ model: string, provider: string, ok: boolean, errorCode: string | null, latencyMs: number }>, usage: { inputTokens: number, outputTokens: number, costUsd: number, latencyMs: number } } | null } };

export type SetMaskingPolicyMutationVariables = Exact<{
  input: SetMaskingPolicyInput;
}>;


export type SetMaskingPolicyMutation = { setMaskingPolicy: { capability: { id: string, version: number, updatedAt: string, maskingPolicy: { mode: MaskingMode, detectors: Array<PiiDetector>, customPatterns: Array<{ name: string, pattern: string, flags: string | null }> } | null } } };

export type RenameTeamMutationVariables = Exact<{
  input: RenameTeamInput;
}>;


export type RenameTeamMutation = { renameTeam: { team: { id: string, internalId: string, name: string, createdAt: string } } };

export type DeleteTeamMutationVariables = Exact<{
  input: DeleteTeamInput;
}>;


export type DeleteTeamMutation = { deleteTeam: { deletedTeamId: string } };

export type RemoveBudgetMutationVariables = Exact<{
  input: RemoveBudgetInput;
}>;


export type RemoveBudgetMutation = { removeBudget: { removedBudgetId: string | null } };

export type ProvidersQueryVariables = Exact<{ [key: string]: never; }>;


export type ProvidersQuery = { providers: { edges: Array<{ node: { id: string, name: string, kind: ProviderKind, baseUrl: string | null, hasApiKey: boolean, healthy: boolean } }> } };

export type ModelsQueryVariables = Exact<{ [key: string]: never; }>;


export type ModelsQuery = { models: { edges: Array<{ node: { id: string, name: string, provider: string, upstreamModel: string, healthy: boolean, latencyMsP50: number | null, errorRate: number | null, contextWindow: number | null, qualityTier: number | null, tags: Array<string>, pricing: { inputPer1M: number, outputPer1M: number } } }> } };

export type RegisterProviderMutationVariables = Exact<{
  input: RegisterProviderInput;
}>;


export type RegisterProviderMutation = { registerProvider: { provider: { id: string, name: string, kind: ProviderKind, baseUrl: string | null, hasApiKey: boolean, healthy: boolean } } };

export type RegisterModelMutationVariables = Exact<{
  input: RegisterModelInput;
}>;


export type RegisterModelMutation = { registerModel: { model: { id: string, name: string, provider: string, upstreamModel: string, healthy: boolean, pricing: { inputPer1M: number, outputPer1M: number } } } };

export type RunsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<RunFilter>;
}>;


export type RunsQuery = { runs: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, capability: string, capabilityVersion: number | null, status: RunStatus, model: string | null, provider: string | null, team: string | null, frontDoor: string | null, cached: boolean | null, createdAt: string, endedAt: string | null, errorCode: string | null, usage: { costUsd: number, latencyMs: number, inputTokens: number, outputTokens: number } | null } }> } };

export type RunDetailQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RunDetailQuery = { run: { id: string, internalId: string, capability: string, capabilityVersion: number | null, status: RunStatus, model: string | null, provider: string | null, team: string | null, frontDoor: string | null, cached: boolean | null, createdAt: string, endedAt: string | null, errorCode: string | null, errorMessage: string | null, input: unknown | null, output: unknown | null, attempts: Array<{ model: string, provider: string, ok: boolean, errorCode: string | null, latencyMs: number }> | null, usage: { costUsd: number, latencyMs: number, inputTokens: number, outputTokens: number } | null } };

export type RunEventsSubscriptionVariables = Exact<{
  runId: Scalars['ID']['input'];
}>;


export type RunEventsSubscription = { runEvents: { type: RunEventType, at: string, delta: string | null, model: string | null, errorCode: string | null, message: string | null } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, kind: PrincipalKind, name: string, orgId: string, roles: Array<Role>, team: string, teamId: string, expiresAt: string | null } };

export type UsageQueryVariables = Exact<{
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
  groupBy: Array<UsageDimension> | UsageDimension;
  capability?: InputMaybe<Scalars['String']['input']>;
  team?: InputMaybe<Scalars['String']['input']>;
}>;


export type UsageQuery = { usage: Array<{ key: unknown, requests: number, errors: number, cachedRequests: number, inputTokens: number, outputTokens: number, costUsd: number, latencyMsAvg: number, latencyMsP95: number }> };

export type BudgetsQueryVariables = Exact<{ [key: string]: never; }>;


export type BudgetsQuery = { budgets: { edges: Array<{ node: { id: string, scope: BudgetScope, target: string, targetId: string, period: BudgetPeriod, periodKey: string, mode: BudgetMode, limitUsd: number, spentUsd: number, reservedUsd: number, remainingUsd: number, updatedAt: string } }> } };

export type BudgetAlertsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type BudgetAlertsSubscription = { budgetAlerts: { at: string, scope: BudgetScope, target: string, period: BudgetPeriod, periodKey: string, limitUsd: number, spentUsd: number, capability: string | null, runId: string | null, keyId: string } };

export type SetBudgetMutationVariables = Exact<{
  input: SetBudgetInput;
}>;


export type SetBudgetMutation = { setBudget: { budget: { id: string, scope: BudgetScope, target: string, period: BudgetPeriod, periodKey: string, mode: BudgetMode, limitUsd: number, spentUsd: number, reservedUsd: number, remainingUsd: number, updatedAt: string } } };


export const CapabilitiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Capabilities"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"capabilities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"teams"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"implementations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CapabilitiesQuery, CapabilitiesQueryVariables>;
export const CapabilityDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CapabilityDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"capability"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"teams"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"inputSchema"}},{"kind":"Field","name":{"kind":"Name","value":"outputSchema"}},{"kind":"Field","name":{"kind":"Name","value":"promptTemplate"}},{"kind":"Field","name":{"kind":"Name","value":"implementations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}}]}},{"kind":"Field","name":{"kind":"Name","value":"routing"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"strategy"}},{"kind":"Field","name":{"kind":"Name","value":"maxAttempts"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutMs"}},{"kind":"Field","name":{"kind":"Name","value":"complexityThreshold"}},{"kind":"Field","name":{"kind":"Name","value":"zeroCostFallback"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cache"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"shareable"}},{"kind":"Field","name":{"kind":"Name","value":"ttlSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"maskingPolicy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"detectors"}},{"kind":"Field","name":{"kind":"Name","value":"customPatterns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"pattern"}},{"kind":"Field","name":{"kind":"Name","value":"flags"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"logging"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inputs"}},{"kind":"Field","name":{"kind":"Name","value":"outputs"}}]}}]}}]}}]} as unknown as DocumentNode<CapabilityDetailQuery, CapabilityDetailQueryVariables>;
export const CapabilityVersionDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CapabilityVersionDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"capabilityVersion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"inputSchema"}},{"kind":"Field","name":{"kind":"Name","value":"outputSchema"}},{"kind":"Field","name":{"kind":"Name","value":"promptTemplate"}},{"kind":"Field","name":{"kind":"Name","value":"teams"}},{"kind":"Field","name":{"kind":"Name","value":"implementations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}}]}},{"kind":"Field","name":{"kind":"Name","value":"routing"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"strategy"}},{"kind":"Field","name":{"kind":"Name","value":"maxAttempts"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutMs"}},{"kind":"Field","name":{"kind":"Name","value":"zeroCostFallback"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cache"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"shareable"}},{"kind":"Field","name":{"kind":"Name","value":"ttlSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"logging"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inputs"}},{"kind":"Field","name":{"kind":"Name","value":"outputs"}}]}}]}}]}}]} as unknown as DocumentNode<CapabilityVersionDetailQuery, CapabilityVersionDetailQueryVariables>;
export const RegisterCapabilityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterCapability"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterCapabilityInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerCapability"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"capability"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<RegisterCapabilityMutation, RegisterCapabilityMutationVariables>;
export const UpdateCapabilityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateCapability"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateCapabilityInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCapability"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"capability"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateCapabilityMutation, UpdateCapabilityMutationVariables>;
export const DeprecateCapabilityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeprecateCapability"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeprecateCapabilityInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deprecateCapability"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"capability"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<DeprecateCapabilityMutation, DeprecateCapabilityMutationVariables>;
export const TeamsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Teams"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"teams"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"internalId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TeamsQuery, TeamsQueryVariables>;
export const CreateTeamDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateTeam"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateTeamInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createTeam"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"team"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"internalId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]} as unknown as DocumentNode<CreateTeamMutation, CreateTeamMutationVariables>;
export const ApiKeysDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ApiKeys"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"team"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKeys"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"team"},"value":{"kind":"Variable","name":{"kind":"Name","value":"team"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"internalId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}},{"kind":"Field","name":{"kind":"Name","value":"team"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ApiKeysQuery, ApiKeysQueryVariables>;
export const CreateApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateApiKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"internalId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}},{"kind":"Field","name":{"kind":"Name","value":"team"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]}}]} as unknown as DocumentNode<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const RotateApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RotateApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RotateApiKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rotateApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"internalId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}},{"kind":"Field","name":{"kind":"Name","value":"team"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"previousApiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]}}]} as unknown as DocumentNode<RotateApiKeyMutation, RotateApiKeyMutationVariables>;
export const RevokeApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RevokeApiKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]}}]} as unknown as DocumentNode<RevokeApiKeyMutation, RevokeApiKeyMutationVariables>;
export const AuditLogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditLog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"actor"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"action"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditLog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"actor"},"value":{"kind":"Variable","name":{"kind":"Name","value":"actor"}}},{"kind":"Argument","name":{"kind":"Name","value":"action"},"value":{"kind":"Variable","name":{"kind":"Name","value":"action"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"actorKeyId"}},{"kind":"Field","name":{"kind":"Name","value":"actorTeam"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AuditLogQuery, AuditLogQueryVariables>;
export const InvokeStreamDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"InvokeStream"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"capability"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"JSON"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"options"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"InvokeOptions"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invokeStream"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"capability"},"value":{"kind":"Variable","name":{"kind":"Name","value":"capability"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"options"},"value":{"kind":"Variable","name":{"kind":"Name","value":"options"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"delta"}},{"kind":"Field","name":{"kind":"Name","value":"partialOutput"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"meta"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"capability"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"cached"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"outputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}}]}}]}}]}}]}}]} as unknown as DocumentNode<InvokeStreamSubscription, InvokeStreamSubscriptionVariables>;
export const SetMaskingPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetMaskingPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetMaskingPolicyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setMaskingPolicy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"capability"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"maskingPolicy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"detectors"}},{"kind":"Field","name":{"kind":"Name","value":"customPatterns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"pattern"}},{"kind":"Field","name":{"kind":"Name","value":"flags"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SetMaskingPolicyMutation, SetMaskingPolicyMutationVariables>;
export const RenameTeamDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RenameTeam"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RenameTeamInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"renameTeam"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"team"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"internalId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]} as unknown as DocumentNode<RenameTeamMutation, RenameTeamMutationVariables>;
export const DeleteTeamDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteTeam"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeleteTeamInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteTeam"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedTeamId"}}]}}]}}]} as unknown as DocumentNode<DeleteTeamMutation, DeleteTeamMutationVariables>;
export const RemoveBudgetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveBudget"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveBudgetInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeBudget"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removedBudgetId"}}]}}]}}]} as unknown as DocumentNode<RemoveBudgetMutation, RemoveBudgetMutationVariables>;
export const ProvidersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Providers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"providers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"baseUrl"}},{"kind":"Field","name":{"kind":"Name","value":"hasApiKey"}},{"kind":"Field","name":{"kind":"Name","value":"healthy"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProvidersQuery, ProvidersQueryVariables>;
export const ModelsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Models"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"models"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamModel"}},{"kind":"Field","name":{"kind":"Name","value":"healthy"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMsP50"}},{"kind":"Field","name":{"kind":"Name","value":"errorRate"}},{"kind":"Field","name":{"kind":"Name","value":"contextWindow"}},{"kind":"Field","name":{"kind":"Name","value":"qualityTier"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"pricing"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inputPer1M"}},{"kind":"Field","name":{"kind":"Name","value":"outputPer1M"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ModelsQuery, ModelsQueryVariables>;
export const RegisterProviderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterProvider"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterProviderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerProvider"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"baseUrl"}},{"kind":"Field","name":{"kind":"Name","value":"hasApiKey"}},{"kind":"Field","name":{"kind":"Name","value":"healthy"}}]}}]}}]}}]} as unknown as DocumentNode<RegisterProviderMutation, RegisterProviderMutationVariables>;
export const RegisterModelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterModel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterModelInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamModel"}},{"kind":"Field","name":{"kind":"Name","value":"healthy"}},{"kind":"Field","name":{"kind":"Name","value":"pricing"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inputPer1M"}},{"kind":"Field","name":{"kind":"Name","value":"outputPer1M"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RegisterModelMutation, RegisterModelMutationVariables>;
export const RunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Runs"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RunFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"capability"}},{"kind":"Field","name":{"kind":"Name","value":"capabilityVersion"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"team"}},{"kind":"Field","name":{"kind":"Name","value":"frontDoor"}},{"kind":"Field","name":{"kind":"Name","value":"cached"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"inputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"outputTokens"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<RunsQuery, RunsQueryVariables>;
export const RunDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RunDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"internalId"}},{"kind":"Field","name":{"kind":"Name","value":"capability"}},{"kind":"Field","name":{"kind":"Name","value":"capabilityVersion"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"team"}},{"kind":"Field","name":{"kind":"Name","value":"frontDoor"}},{"kind":"Field","name":{"kind":"Name","value":"cached"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"input"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"inputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"outputTokens"}}]}}]}}]}}]} as unknown as DocumentNode<RunDetailQuery, RunDetailQueryVariables>;
export const RunEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"RunEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"delta"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<RunEventsSubscription, RunEventsSubscriptionVariables>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"orgId"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"team"}},{"kind":"Field","name":{"kind":"Name","value":"teamId"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const UsageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Usage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"groupBy"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UsageDimension"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"capability"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"team"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"groupBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"capability"},"value":{"kind":"Variable","name":{"kind":"Name","value":"capability"}}},{"kind":"Argument","name":{"kind":"Name","value":"team"},"value":{"kind":"Variable","name":{"kind":"Name","value":"team"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"requests"}},{"kind":"Field","name":{"kind":"Name","value":"errors"}},{"kind":"Field","name":{"kind":"Name","value":"cachedRequests"}},{"kind":"Field","name":{"kind":"Name","value":"inputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"outputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMsAvg"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMsP95"}}]}}]}}]} as unknown as DocumentNode<UsageQuery, UsageQueryVariables>;
export const BudgetsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Budgets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"budgets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"periodKey"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"limitUsd"}},{"kind":"Field","name":{"kind":"Name","value":"spentUsd"}},{"kind":"Field","name":{"kind":"Name","value":"reservedUsd"}},{"kind":"Field","name":{"kind":"Name","value":"remainingUsd"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BudgetsQuery, BudgetsQueryVariables>;
export const BudgetAlertsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"BudgetAlerts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"budgetAlerts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"periodKey"}},{"kind":"Field","name":{"kind":"Name","value":"limitUsd"}},{"kind":"Field","name":{"kind":"Name","value":"spentUsd"}},{"kind":"Field","name":{"kind":"Name","value":"capability"}},{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"keyId"}}]}}]}}]} as unknown as DocumentNode<BudgetAlertsSubscription, BudgetAlertsSubscriptionVariables>;
export const SetBudgetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetBudget"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetBudgetInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setBudget"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"budget"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"periodKey"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"limitUsd"}},{"kind":"Field","name":{"kind":"Name","value":"spentUsd"}},{"kind":"Field","name":{"kind":"Name","value":"reservedUsd"}},{"kind":"Field","name":{"kind":"Name","value":"remainingUsd"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]}}]} as unknown as DocumentNode<SetBudgetMutation, SetBudgetMutationVariables>;