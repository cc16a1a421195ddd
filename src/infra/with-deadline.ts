/** Settles like `promise`, or rejects with a `DeadlineExceededError` after `ms` (the promise runs on). */
export class DeadlineExceededError extends Error {
  override name = 'DeadlineExceededError';
}

export function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceededError(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
