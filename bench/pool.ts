/**
 * A bounded worker pool that models the engine's step executor: at most `concurrency` steps in
 * flight (`pulumi up --parallel N`), and a step may release follow-up steps when it finishes
 * (an access-list entry is registered only once its key's id is known, docs/PULUMI-ENGINE.md).
 */

/** One step; resolves with the steps it makes ready (none by default). */
export type Job = () => Promise<readonly Job[] | void>;

/** Runs `jobs` (and every job they release) with at most `concurrency` in flight, FIFO. */
export function runJobs(concurrency: number, jobs: readonly Job[]): Promise<void> {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(`runJobs: concurrency must be a positive integer, got ${concurrency}`);
  }
  const queue = [...jobs];
  let active = 0;
  let failed = false;
  return new Promise((resolve, reject) => {
    const pump = (): void => {
      if (failed) return;
      if (queue.length === 0 && active === 0) return resolve();
      while (active < concurrency && queue.length > 0) {
        const job = queue.shift()!;
        active += 1;
        job().then(
          (next) => {
            active -= 1;
            if (next) queue.push(...next);
            pump();
          },
          (error: unknown) => {
            failed = true;
            reject(error);
          },
        );
      }
    };
    pump();
  });
}

/** Maps `items` through `fn` with at most `concurrency` calls in flight; results keep item order. */
export async function mapPool<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  await runJobs(
    concurrency,
    items.map((item, i) => async () => void (results[i] = await fn(item, i))),
  );
  return results;
}
