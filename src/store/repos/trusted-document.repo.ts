/**
 * Trusted documents registered at run time (`registerTrustedDocuments`): the server-wide allow list
 * beside the manifest files. Plain records in and out.
 */
import type { Model } from 'mongoose';
import { isDuplicateKey } from './duplicate-key.js';
import type { TrustedDocumentRecord } from '../models/trusted-document.model.js';

export class TrustedDocumentRepository {
  constructor(private readonly model: Model<TrustedDocumentRecord>) {}

  /** Inserts the documents; ids another request registered meanwhile are skipped, not an error. */
  async insertNew(records: readonly TrustedDocumentRecord[]): Promise<void> {
    if (records.length === 0) return;
    try {
      await this.model.insertMany(records, { ordered: false });
    } catch (error) {
      if (!isDuplicateKey(error) && !isBulkOfDuplicates(error)) throw error;
    }
  }

  /** Removes the documents with one of these ids or of this manifest; returns the ids removed. */
  async remove(selector: { ids?: readonly string[]; manifest?: string }): Promise<string[]> {
    const conditions: Array<Record<string, unknown>> = [];
    if (selector.ids !== undefined && selector.ids.length > 0)
      conditions.push({ _id: { $in: selector.ids } });
    if (selector.manifest !== undefined) conditions.push({ manifest: selector.manifest });
    if (conditions.length === 0) return [];
    const filter = conditions.length === 1 ? conditions[0]! : { $or: conditions };
    const doomed = (await this.model.find(filter, { _id: 1 }).lean()).map((record) => record._id);
    if (doomed.length > 0) await this.model.deleteMany({ _id: { $in: doomed } });
    return doomed;
  }

  async all(): Promise<TrustedDocumentRecord[]> {
    return this.model.find({}).lean<TrustedDocumentRecord[]>();
  }
}

/** An unordered insertMany whose every failure is a duplicate id. */
function isBulkOfDuplicates(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: Array<{ code?: number; err?: { code?: number } }> })
    ?.writeErrors;
  return (
    Array.isArray(writeErrors) &&
    writeErrors.length > 0 &&
    writeErrors.every((entry) => (entry.code ?? entry.err?.code) === 11000)
  );
}
