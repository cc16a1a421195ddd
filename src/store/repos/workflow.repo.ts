/**
 * Workflow definitions (collection `workflows`, one document per name) and their version snapshots
 * (`workflowVersions`). Changes are conditional on the version read, so a concurrent change is
 * detected rather than overwritten.
 */
import type { WorkflowModels, WorkflowRecord } from '../models/workflow.model.js';
import { isDuplicateKey } from './duplicate-key.js';

/** A new definition (timestamps are set by the store). */
export type NewWorkflowRecord = Omit<WorkflowRecord, 'createdAt' | 'updatedAt' | 'ownerTeamId'> & {
  ownerTeamId?: string;
};

/** What a versioned change sets. */
export type WorkflowChange = Partial<
  Pick<WorkflowRecord, 'version' | 'definition' | 'description' | 'teams' | 'status' | 'updatedAt'>
>;

export class WorkflowRepository {
  constructor(private readonly models: Pick<WorkflowModels, 'workflows' | 'workflowVersions'>) {}

  all(): Promise<WorkflowRecord[]> {
    return this.models.workflows.find().lean<WorkflowRecord[]>();
  }

  async find(name: string): Promise<WorkflowRecord | undefined> {
    return (await this.models.workflows.findById(name).lean<WorkflowRecord>()) ?? undefined;
  }

  /** Inserts the definition; false when the name is taken. */
  async insert(record: NewWorkflowRecord): Promise<boolean> {
    try {
      await this.models.workflows.create(record);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** Applies the change if the workflow is still at `version`; false when it was changed meanwhile. */
  async changeIfVersion(name: string, version: number, change: WorkflowChange): Promise<boolean> {
    const result = await this.models.workflows.updateOne({ _id: name, version }, { $set: change });
    return result.matchedCount > 0;
  }

  /** Keeps the snapshot of `name@version` (the first one written wins). */
  async saveVersion(name: string, version: number, snapshot: string, actor: string): Promise<void> {
    await this.models.workflowVersions.updateOne(
      { _id: `${name}@${version}` },
      { $setOnInsert: { workflow: name, version, snapshot, actor } },
      { upsert: true },
    );
  }
}
