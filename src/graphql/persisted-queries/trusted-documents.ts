/**
 * Trusted documents (`CAPGATE_TRUSTED_DOCUMENTS`): the operations a client may run come from
 * manifests built with the client (GraphQL Code Generator's `persisted-documents.json`, a map of
 * hash → document, or Apollo's persisted query manifest): files loaded at start, and manifests an
 * admin registers at run time (`registerTrustedDocuments`, stored in MongoDB and applied on every
 * instance without a restart: `trusted-document-registry.ts`). A request names its
 * document by `documentId` (GraphQL over HTTP), by Apollo's `extensions.persistedQuery.sha256Hash`,
 * or sends the document's exact text. In `allow-listed` mode nothing else runs (admin keys may be
 * exempt, for GraphiQL and schema tools) and APQ registers nothing; in `log` mode every document
 * runs and the unknown ones are counted, to see what a switch to `allow-listed` would refuse.
 *
 * One decision for every transport: Apollo's HTTP pipeline (`trustedDocumentsPlugin`) and the
 * operation preparer of graphql-ws, SSE and multipart subscriptions.
 */
import { readFileSync } from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, parse, type DocumentNode } from 'graphql';
import { BadUserInputError, ForbiddenError, type AppError } from '../../errors/app-error.js';
import { hasRole, type Principal } from '../../governance/auth/principal.js';
import type { GraphQLContext } from '../context.js';

export const trustedDocumentsModes = ['off', 'allow-listed', 'log'] as const;
export type TrustedDocumentsMode = (typeof trustedDocumentsModes)[number];

/** The reason (`extensions.reason`) of the FORBIDDEN answer to a document outside the manifests. */
export const PERSISTED_QUERY_NOT_ALLOWED = 'PERSISTED_QUERY_NOT_ALLOWED';

/**
 * Reads manifests into one map id → document text. Returns the problems (file and id named) instead
 * of throwing, so the configuration reports them with every other one.
 */
export function readTrustedDocumentManifests(paths: readonly string[]): {
  documents: Map<string, string>;
  problems: string[];
} {
  const documents = new Map<string, string>();
  const problems: string[] = [];
  for (const file of paths) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      problems.push(`${file}: cannot read the manifest (${(error as Error).message})`);
      continue;
    }
    const manifest = parseTrustedDocumentManifest(parsed, {
      existing: documents,
      conflict: (id) => `id "${id}" names another document in an earlier manifest`,
    });
    problems.push(...manifest.problems.map((problem) => `${file}: ${problem}`));
    for (const [key, body] of manifest.documents) documents.set(key, body);
  }
  return { documents, problems };
}

/**
 * One manifest (a parsed JSON value) as id → document text, ids normalized, each document parsed
 * once to check it; the problems name each entry. Shared by the files read at start and the
 * manifests an admin registers at run time (`registerTrustedDocuments`).
 */
export function parseTrustedDocumentManifest(
  parsed: unknown,
  against?: {
    /** Documents already trusted: an id of one of them may only name the same text. */
    existing: ReadonlyMap<string, string>;
    conflict: (id: string) => string;
  },
): {
  documents: Map<string, string>;
  problems: string[];
} {
  const documents = new Map<string, string>();
  const problems: string[] = [];
  const entries = manifestEntries(parsed);
  if (!entries) {
    problems.push(
      'not a trusted documents manifest (expected a JSON object of id → document, or ' +
        `Apollo's { "format": "apollo-persisted-query-manifest", "operations": [...] })`,
    );
    return { documents, problems };
  }
  for (const [id, body] of entries) {
    if (id === '' || typeof body !== 'string' || body.trim() === '') {
      problems.push(`entry "${id}" has no document text`);
      continue;
    }
    try {
      parse(body);
    } catch (error) {
      problems.push(`document "${id}" does not parse (${(error as Error).message})`);
      continue;
    }
    const key = normalizeTrustedDocumentId(id);
    const earlier = against?.existing.get(key);
    if (earlier !== undefined && earlier !== body) {
      problems.push(against!.conflict(id));
      continue;
    }
    const existing = documents.get(key);
    if (existing !== undefined && existing !== body) {
      problems.push(`id "${id}" names two different documents`);
      continue;
    }
    documents.set(key, body);
  }
  return { documents, problems };
}

function manifestEntries(parsed: unknown): Array<[string, unknown]> | undefined {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const record = parsed as Record<string, unknown>;
  if (record.format === 'apollo-persisted-query-manifest') {
    if (!Array.isArray(record.operations)) return undefined;
    return record.operations.map((operation: unknown) => {
      const { id, body } = (operation ?? {}) as { id?: unknown; body?: unknown };
      return [typeof id === 'string' ? id : '', body];
    });
  }
  return Object.entries(record);
}

/** `sha256:<hex>` (GraphQL over HTTP's document id form) and `<hex>` name the same document. */
export function normalizeTrustedDocumentId(id: string): string {
  const bare = id.startsWith('sha256:') ? id.slice('sha256:'.length) : id;
  return /^[0-9a-f]+$/i.test(bare) ? bare.toLowerCase() : bare;
}

/** A request as every transport sees it, with the GraphQL-over-HTTP `documentId`. */
export interface TrustedDocumentRequest {
  query?: string | null;
  documentId?: unknown;
  extensions?: Record<string, unknown> | null;
}

export type TrustedDocumentDecision =
  /** Run this manifest document (parsed once, at start). */
  | { kind: 'trusted'; id: string; query: string; document: DocumentNode }
  /** Not from a manifest, but allowed (exempt admin key, or `log` mode). `apq`: may use/register APQ. */
  | { kind: 'untrusted'; apq: boolean };

export interface TrustedDocumentsOptions {
  mode: Exclude<TrustedDocumentsMode, 'off'>;
  /** The documents of the manifest files read at start. */
  documents: ReadonlyMap<string, string>;
  /** Admin keys run any document in `allow-listed` mode (GraphiQL, schema tools). */
  exemptAdmins: boolean;
  /** Called for every document outside the manifests that runs (`log` mode, exempt admins). */
  onUntrusted?: (info: { operationName: string | undefined; exempt: boolean }) => void;
}

export class TrustedDocuments {
  private byId = new Map<string, { query: string; document: DocumentNode }>();
  private idByText = new Map<string, string>();
  /** Parsed documents by text, so that a reload parses only what is new. */
  private parsed = new Map<string, DocumentNode>();

  constructor(private readonly options: TrustedDocumentsOptions) {
    this.setRegistered(new Map());
  }

  /**
   * Replaces the documents registered at run time (`registerTrustedDocuments`, kept in MongoDB):
   * the manifest files' documents and these are what runs. A file's document wins an id conflict
   * (registration refuses one, so this happens only with a file changed between starts).
   */
  setRegistered(registered: ReadonlyMap<string, string>): void {
    const byId = new Map<string, { query: string; document: DocumentNode }>();
    const idByText = new Map<string, string>();
    const parsed = new Map<string, DocumentNode>();
    const add = (id: string, query: string) => {
      if (byId.has(id)) return;
      let document = this.parsed.get(query) ?? parsed.get(query);
      if (!document) {
        try {
          document = parse(query);
        } catch {
          return; // checked when registered; a document that no longer parses is not run
        }
      }
      parsed.set(query, document);
      byId.set(id, { query, document });
      if (!idByText.has(query)) idByText.set(query, id);
    };
    for (const [id, query] of this.options.documents) add(id, query);
    for (const [id, query] of registered) add(id, query);
    this.byId = byId;
    this.idByText = idByText;
    this.parsed = parsed;
  }

  /** The text of the manifest file document with this (normalized) id, if any. */
  fileDocument(id: string): string | undefined {
    return this.options.documents.get(id);
  }

  get mode(): TrustedDocumentsOptions['mode'] {
    return this.options.mode;
  }

  get size(): number {
    return this.byId.size;
  }

  /**
   * Decides which document a request runs. Throws an AppError when it may not run: FORBIDDEN
   * (`reason: PERSISTED_QUERY_NOT_ALLOWED`) for a document outside the manifests, BAD_USER_INPUT for
   * an unknown id or a text that does not match its id.
   */
  decide(
    request: TrustedDocumentRequest,
    principal: Principal,
    operationName?: string | null,
  ): TrustedDocumentDecision {
    const allowListed = this.options.mode === 'allow-listed';
    const query = typeof request.query === 'string' && request.query !== '' ? request.query : undefined;
    const persisted = request.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
    const documentId =
      typeof request.documentId === 'string'
        ? request.documentId
        : typeof persisted?.sha256Hash === 'string'
          ? persisted.sha256Hash
          : undefined;

    if (documentId !== undefined) {
      const key = normalizeTrustedDocumentId(documentId);
      const entry = this.byId.get(key);
      if (entry) {
        if (query !== undefined && query !== entry.query) {
          throw new BadUserInputError(
            `The document sent does not match the trusted document "${documentId}": send the id alone.`,
          );
        }
        return { kind: 'trusted', id: key, ...entry };
      }
      if (query === undefined) {
        // Apollo's persisted query link retries with the full text on this message.
        if (typeof request.documentId !== 'string' && !allowListed) return { kind: 'untrusted', apq: true };
        throw new BadUserInputError(
          typeof request.documentId === 'string'
            ? `Unknown document id "${documentId}": it is in no trusted documents manifest of this server.`
            : 'PersistedQueryNotFound',
          { extensions: { reason: 'PERSISTED_QUERY_NOT_FOUND' } },
        );
      }
    }

    if (query !== undefined) {
      const id = this.idByText.get(query);
      if (id !== undefined)
        return { kind: 'trusted', id, ...(this.byId.get(id) as { query: string; document: DocumentNode }) };
    } else {
      // No document at all: the transport answers its own "no query" error.
      return { kind: 'untrusted', apq: !allowListed };
    }

    const exempt = allowListed && this.options.exemptAdmins && hasRole(principal, 'ADMIN');
    if (allowListed && !exempt) {
      throw new ForbiddenError(
        'This server runs only trusted documents: send the id of an operation from its manifest ' +
          '(`documentId`, or `extensions.persistedQuery.sha256Hash`).',
        { extensions: { reason: PERSISTED_QUERY_NOT_ALLOWED } },
      );
    }
    this.options.onUntrusted?.({ operationName: operationName ?? undefined, exempt });
    // In allow-listed mode even an exempt key registers nothing in the APQ cache.
    return { kind: 'untrusted', apq: !allowListed };
  }
}

/** The request parameters of an HTTP request to Apollo: the JSON body (POST) or the query string (GET). */
export function trustedDocumentRequestOf(
  method: string,
  body: unknown,
  search: Record<string, unknown>,
): TrustedDocumentRequest & { operationName?: string } {
  if (method === 'GET') {
    let extensions: Record<string, unknown> | undefined;
    if (typeof search.extensions === 'string') {
      try {
        const value: unknown = JSON.parse(search.extensions);
        if (typeof value === 'object' && value !== null) extensions = value as Record<string, unknown>;
      } catch {
        // Apollo answers the malformed parameter itself.
      }
    }
    return {
      ...(typeof search.query === 'string' ? { query: search.query } : {}),
      ...(typeof search.operationName === 'string' ? { operationName: search.operationName } : {}),
      documentId: search.documentId,
      ...(extensions ? { extensions } : {}),
    };
  }
  if (typeof body !== 'object' || body === null) return {};
  return body as TrustedDocumentRequest & { operationName?: string };
}

const decisionKey = Symbol('trustedDocumentDecision');

/** Remembers the decision made while building the HTTP context, for {@link trustedDocumentsPlugin}. */
export function withTrustedDocumentDecision<T extends object>(
  context: T,
  decision: TrustedDocumentDecision | undefined,
): T {
  if (decision) Object.defineProperty(context, decisionKey, { value: decision, enumerable: true });
  return context;
}

/**
 * Applies the decision to Apollo's request before its APQ step: a manifest document replaces the
 * request's text, and `extensions.persistedQuery` goes wherever APQ may not look or register.
 */
export function trustedDocumentsPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      const decision = (contextValue as unknown as Record<symbol, TrustedDocumentDecision | undefined>)[
        decisionKey
      ];
      if (!decision) return;
      if (decision.kind === 'trusted') request.query = decision.query;
      if ((decision.kind === 'trusted' || !decision.apq) && request.extensions?.persistedQuery) {
        const { persistedQuery: _ignored, ...rest } = request.extensions;
        request.extensions = rest;
      }
    },
  };
}

/** For transports that raise GraphQLErrors: the AppError of a refusal, with its HTTP status. */
export function asGraphQLError(error: AppError): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { ...error.extensions, code: error.code, http: { status: error.httpStatus } },
  });
}
