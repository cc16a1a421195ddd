/** Organizations (collection `organizations`) and the small named facts of the service (`settings`). */
import type { Model } from 'mongoose';
import type { OrganizationRecord } from '../models/organization.model.js';
import type { SettingRecord } from '../models/setting.model.js';

export class OrganizationRepository {
  constructor(
    private readonly models: { organizations: Model<OrganizationRecord>; settings: Model<SettingRecord> },
  ) {}

  /** Creates the organization unless it exists. */
  async ensure(id: string, name: string): Promise<void> {
    await this.models.organizations.updateOne(
      { _id: id },
      { $setOnInsert: { _id: id, name } },
      { upsert: true },
    );
  }

  /** Whether organization `id` is named `name`. */
  async isNamed(id: string, name: string): Promise<boolean> {
    return (await this.models.organizations.findOne({ _id: id, name }).lean()) !== null;
  }

  /** Sets (a JSON string) or, with undefined, removes the org-wide default masking policy. */
  async setMaskingPolicy(id: string, policy: string | undefined): Promise<void> {
    await this.models.organizations.updateOne(
      { _id: id },
      policy !== undefined ? { $set: { maskingPolicy: policy } } : { $unset: { maskingPolicy: 1 } },
    );
  }

  /** The organizations that have a default masking policy. */
  withMaskingPolicy(): Promise<OrganizationRecord[]> {
    return this.models.organizations.find({ maskingPolicy: { $exists: true } }).lean<OrganizationRecord[]>();
  }

  /**
   * Records the fact `name` (with `value`) unless it was recorded before: true for the one caller
   * that recorded it, false for every later one (atomic across instances).
   */
  async claimSetting(name: string, value: string): Promise<boolean> {
    const previous = await this.models.settings
      .findOneAndUpdate({ _id: name }, { $setOnInsert: { value } }, { upsert: true, new: false })
      .lean();
    return previous === null;
  }
}
