/** Worker-thread entry: runs one local task per message (see `local-work.tasks.ts`). */
import { parentPort } from 'node:worker_threads';
import type { WorkerReply, WorkerTaskMessage } from '../../infra/worker-pool.js';
import { runLocalTask, type LocalTask } from './local-work.tasks.js';

parentPort?.on('message', (message: WorkerTaskMessage) => {
  runLocalTask(message.task as LocalTask).then(
    (result) => parentPort?.postMessage({ id: message.id, ok: true, result } satisfies WorkerReply),
    (error: unknown) =>
      parentPort?.postMessage({
        id: message.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      } satisfies WorkerReply),
  );
});
