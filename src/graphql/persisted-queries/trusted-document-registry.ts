/**
 * Trusted documents registered at run time: an admin registers a client's manifest
 * (`registerTrustedDocuments`) or removes documents (`removeTrustedDocuments`); both are audited,
 * stored in MongoDB, and applied on every instance without a restart — the writer reloads and
 * publishes `Topic.trustedDocumentsChanged`, every instance reloads on it (and every 30 s, in case a
 * message was lost). The manifest files read at start keep working beside them; an id may name one
 * text only, across files and registrations. A registration is validated whole: any problem is
 * BAD_USER_INPUT listing each (`extensions.problems`), and nothing is stored.
 */
import { BadUserInputError, ForbiddenError } from '../../errors/app-error.js';
import { hasRole, type Principal } from '../../governance/auth/principal.js';
import type { Logger } from '../../infra/logger.js';
import { listen, type AppPubSub } from '../../infra/pubsub.js';
import { Topic } from '../../infra/topics.js';
import type { TrustedDocumentRecord } from '../../store/models/trusted-document.model.js';
import type { TrustedDocumentRepository } from '../../store/repos/trusted-document.repo.js';
import type { AuditLog } from '../../usage/usage.types.js';
import { normalizeTrustedDocumentId, parseTrustedDocumentManifest } from './trusted-documents.js';

/** Documents one registration may carry, and documents registered in all. */
export const TRUSTED_DOCUMENT_LIMITS = { perRegistration: 5_000, total: 50_000, manifestName: 200 } as const;

export interface TrustedDocumentInfo {
  /** The normalized document id (what `documentId` names). */
  id: string;
  query: string;
  source: 'FILE' | 'REGISTERED';
  manifest?: string;
  createdAt?: Date;
}

export interface TrustedDocumentRegistryOptions {
  repository: TrustedDocumentRepository;
  pubSub: AppPubSub;
  /** The documents of the manifest files read at start. */
  fileDocuments: ReadonlyMap<string, string>;
  audit?: AuditLog;
  logger: Logger;
  refreshIntervalMs?: number;
}

export class TrustedDocumentRegistry {
  private readonly repository: TrustedDocumentRepository;
  private registered = new Map<string, TrustedDocumentRecord>();
  private readonly listeners = new Set<(documents: ReadonlyMap<string, string>) => void>();
  private reloading: Promise<void> | undefined;
  private stopListening: (() => void) | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: TrustedDocumentRegistryOptions) {
    this.repository = options.repository;
  }

  async start(): Promise<void> {
    await this.reload();
    this.stopListening = listen(
      this.options.pubSub,
      Topic.trustedDocumentsChanged,
      () => this.reload(),
      (error) => this.options.logger.error({ err: error }, 'trusted documents reload failed'),
    );
    this.refreshTimer = setInterval(() => {
      this.reload().catch((error: unknown) =>
        this.options.logger.error({ err: error }, 'trusted documents refresh failed'),
      );
    }, this.options.refreshIntervalMs ?? 30_000);
    this.refreshTimer.unref();
  }

  stop(): void {
    this.stopListening?.();
    clearInterval(this.refreshTimer);
  }

  /** Calls `listener` with the registered documents (id → text) now and after every change. */
  onChange(listener: (documents: ReadonlyMap<string, string>) => void): () => void {
    this.listeners.add(listener);
    listener(this.documents());
    return () => this.listeners.delete(listener);
  }

  /** The registered documents, id → text. */
  documents(): Map<string, string> {
    return new Map([...this.registered].map(([id, record]) => [id, record.query]));
  }

  /** Every trusted document (files first, then registered ones), by id. */
  list(principal: Principal): TrustedDocumentInfo[] {
    assertAdmin(principal, 'Listing trusted documents');
    const files = [...this.options.fileDocuments].map(([id, query]): TrustedDocumentInfo => ({
      id,
      query,
      source: 'FILE',
    }));
    const registered = [...this.registered.values()]
      .filter((record) => !this.options.fileDocuments.has(record._id))
      .map(infoOf);
    return [...files, ...registered];
  }

  get(principal: Principal, id: string): TrustedDocumentInfo | undefined {
    if (!hasRole(principal, 'ADMIN')) return undefined;
    const key = normalizeTrustedDocumentId(id);
    const file = this.options.fileDocuments.get(key);
    if (file !== undefined) return { id: key, query: file, source: 'FILE' };
    const record = this.registered.get(key);
    return record ? infoOf(record) : undefined;
  }

  /**
   * Registers the documents of a manifest (the formats of the files: id → document, or Apollo's
   * persisted query manifest). Ids already trusted with the same text are kept as they are.
   */
  async register(
    principal: Principal,
    input: { manifest: unknown; name?: string },
    requestId: string,
  ): Promise<TrustedDocumentInfo[]> {
    assertAdmin(principal, 'Registering trusted documents');
    const name = input.name?.trim() || undefined;
    const problems: string[] = [];
    if (name !== undefined && name.length > TRUSTED_DOCUMENT_LIMITS.manifestName)
      problems.push(`name: at most ${TRUSTED_DOCUMENT_LIMITS.manifestName} characters`);
    await this.reload(); // judge against what every instance has registered, not a stale copy
    const trusted = new Map<string, string>([...this.documents(), ...this.options.fileDocuments]);
    const parsed = parseTrustedDocumentManifest(input.manifest, {
      existing: trusted,
      conflict: (id) => `id "${id}" names another document that is already trusted`,
    });
    problems.push(...parsed.problems);
    if (parsed.problems.length === 0 && parsed.documents.size === 0)
      problems.push('the manifest has no document');
    if (parsed.documents.size > TRUSTED_DOCUMENT_LIMITS.perRegistration)
      problems.push(`at most ${TRUSTED_DOCUMENT_LIMITS.perRegistration} documents per registration`);
    const fresh = [...parsed.documents].filter(([id]) => !trusted.has(id));
    if (this.registered.size + fresh.length > TRUSTED_DOCUMENT_LIMITS.total)
      problems.push(
        `at most ${TRUSTED_DOCUMENT_LIMITS.total} registered documents in all: remove unused ones first`,
      );
    if (problems.length > 0)
      throw new BadUserInputError(`Invalid trusted documents manifest: ${problems.join('; ')}.`, {
        extensions: { problems },
      });
    const now = new Date();
    // Ids registered meanwhile by another request are skipped (the same texts, checked above).
    await this.repository.insertNew(
      fresh.map(([id, query]) => ({
        _id: id,
        query,
        ...(name ? { manifest: name } : {}),
        orgId: principal.orgId,
        createdBy: principal.id,
        createdAt: now,
      })),
    );
    await this.options.audit?.append({
      orgId: principal.orgId,
      actorKeyId: principal.id,
      actorTeamId: principal.teamId,
      action: 'registerTrustedDocuments',
      target: name ?? `${parsed.documents.size} documents`,
      summary: {
        documents: parsed.documents.size,
        added: fresh.length,
        ids: [...parsed.documents.keys()].slice(0, 50),
        ...(name ? { manifest: name } : {}),
      },
      requestId,
    });
    await this.changed();
    return [...parsed.documents.keys()].map(
      (id) =>
        (this.options.fileDocuments.has(id)
          ? { id, query: this.options.fileDocuments.get(id)!, source: 'FILE' }
          : infoOf(this.registered.get(id)!)) as TrustedDocumentInfo,
    );
  }

  /**
   * Removes registered documents, by id and/or by manifest name; returns the ids removed. A
   * manifest file's document cannot be removed here (BAD_USER_INPUT: change the file).
   */
  async remove(
    principal: Principal,
    input: { ids?: readonly string[]; manifest?: string },
    requestId: string,
  ): Promise<string[]> {
    assertAdmin(principal, 'Removing trusted documents');
    const ids = (input.ids ?? []).map(normalizeTrustedDocumentId);
    const manifest = input.manifest?.trim() || undefined;
    if (ids.length === 0 && manifest === undefined)
      throw new BadUserInputError('Name the documents to remove: `documentIds`, `manifest`, or both.');
    const fromFiles = ids.filter((id) => this.options.fileDocuments.has(id));
    if (fromFiles.length > 0)
      throw new BadUserInputError(
        `These documents come from a manifest file read at start; remove them from the file: ${fromFiles.join(', ')}.`,
        { extensions: { documentIds: fromFiles } },
      );
    const doomed = await this.repository.remove({ ids, ...(manifest !== undefined ? { manifest } : {}) });
    await this.options.audit?.append({
      orgId: principal.orgId,
      actorKeyId: principal.id,
      actorTeamId: principal.teamId,
      action: 'removeTrustedDocuments',
      target: manifest ?? `${doomed.length} documents`,
      summary: { removed: doomed.length, ids: doomed.slice(0, 50), ...(manifest ? { manifest } : {}) },
      requestId,
    });
    await this.changed();
    return doomed;
  }

  /** After a write: reload here and tell the other instances. */
  private async changed(): Promise<void> {
    await this.reload();
    this.options.pubSub.publish(Topic.trustedDocumentsChanged, Date.now());
  }

  /** Loads every registered document; bursts coalesce, and a load always follows the last call. */
  async reload(): Promise<void> {
    const previous = this.reloading;
    const next = (async () => {
      await previous?.catch(() => undefined);
      const records = await this.repository.all();
      const loaded = new Map(records.map((record) => [record._id, record]));
      const changed =
        loaded.size !== this.registered.size ||
        [...loaded].some(([id, record]) => this.registered.get(id)?.query !== record.query);
      this.registered = loaded;
      if (!changed) return;
      const documents = this.documents();
      for (const listener of this.listeners) listener(documents);
    })();
    this.reloading = next;
    try {
      await next;
    } finally {
      if (this.reloading === next) this.reloading = undefined;
    }
  }
}

function infoOf(record: TrustedDocumentRecord): TrustedDocumentInfo {
  return {
    id: record._id,
    query: record.query,
    source: 'REGISTERED',
    ...(record.manifest ? { manifest: record.manifest } : {}),
    createdAt: record.createdAt,
  };
}

function assertAdmin(principal: Principal, what: string): void {
  if (!hasRole(principal, 'ADMIN')) throw new ForbiddenError(`${what} requires the ADMIN role.`);
}

/** insertMany({ ordered: false }) reports its duplicate keys together. */
