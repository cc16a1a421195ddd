/**
 * The durable usage path with Redis: each usage record is appended to a Redis stream (XADD) when the
 * run ends, before its answer is written, and any instance drains the stream into MongoDB
 * (`UsageStreamDrainer`). A crashed instance loses nothing it answered: its records are in Redis.
 */
import type { UsageEventRecord } from '../store/models/usage-event.model.js';

/**
 * The stream key and its consumer group. Per database: instances of different deployments (or test
 * databases) sharing one Redis never write each other's records.
 */
export function usageStreamKeys(
  prefix: string,
  database: string,
): { stream: string; group: string; epoch: string } {
  return {
    stream: `${prefix}{usage}:${database}:stream`,
    group: 'usage-writers',
    // A random token set once (SET NX): when it disappears or changes, Redis lost the stream.
    epoch: `${prefix}{usage}:${database}:epoch`,
  };
}

/** The one field of a stream entry: the record as JSON. */
export const USAGE_FIELD = 'e';

export function encodeUsageRecord(record: UsageEventRecord): string {
  return JSON.stringify(record);
}

/** Parses a stream entry back into a record; undefined when it is not one (logged and dropped). */
export function decodeUsageRecord(fields: readonly string[]): UsageEventRecord | undefined {
  const index = fields.indexOf(USAGE_FIELD);
  const raw = index >= 0 && index % 2 === 0 ? fields[index + 1] : undefined;
  if (raw === undefined) return undefined;
  try {
    const parsed = JSON.parse(raw) as UsageEventRecord & { at: string };
    if (typeof parsed._id !== 'string' || typeof parsed.runId !== 'string') return undefined;
    const at = new Date(parsed.at);
    if (Number.isNaN(at.getTime())) return undefined;
    return { ...parsed, at };
  } catch {
    return undefined;
  }
}
