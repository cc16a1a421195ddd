/**
 * Run ids in the API: `Run.id` is a global id (`Node`), while `RunMeta.runId`, `RunEvent.runId`,
 * usage records and logs use the run's own `run_…` id. Arguments that name a run (`run(id:)`,
 * `runEvents(runId:)`) accept either form.
 */
import { keyOfGlobalId, toGlobalId } from '../graphql/relay/global-id.js';

export function runGlobalId(runId: string): string {
  return toGlobalId('Run', runId);
}

/**
 * The `run_…` id named by a raw or a global run id (a global id is base64url and never starts with
 * `run_`); an id of another type, or garbage, is BAD_USER_INPUT.
 */
export function runIdOf(id: string): string {
  return id.startsWith('run_') ? id : keyOfGlobalId(id, 'Run');
}
