/**
 * The one worker pool of the project: at most `limit` workers take items in the order they were
 * added. Items may keep arriving while it runs (projects listed page by page) until `close()`;
 * `done` settles once the pool is closed and every item was handled, and rejects with the first
 * error a worker throws (a worker that must not stop the others catches its own errors).
 */
export interface WorkerPool<T> {
  add(items: T[]): void;
  close(): void;
  done: Promise<void>;
}

export function workerPool<T>(
  limit: number,
  worker: (item: T, index: number) => Promise<void>,
  first: T[] = [],
): WorkerPool<T> {
  const queue = [...first];
  const waiters: (() => void)[] = [];
  const wakeAll = () => waiters.splice(0).forEach((wake) => wake());
  let next = 0;
  let closed = false;
  async function run(): Promise<void> {
    for (;;) {
      if (next < queue.length) {
        const index = next++;
        await worker(queue[index], index);
      } else if (closed) {
        return;
      } else {
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    }
  }
  // Workers start at once: the first items' requests leave before the caller goes on.
  const done = Promise.all(Array.from({ length: Math.max(1, limit) }, run)).then(() => undefined);
  return {
    add(items) {
      if (closed) throw new Error('workerPool: add after close');
      queue.push(...items);
      wakeAll();
    },
    close() {
      closed = true;
      wakeAll();
    },
    done,
  };
}

/** Runs `worker` over `items` with at most `limit` at once, in order of start; results in item order. */
export async function mapWithConcurrency<T, R>(
  items: T[],
  limit: number,
  worker: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  const pool = workerPool(
    Math.min(limit, items.length),
    async (item: T, index) => {
      results[index] = await worker(item, index);
    },
    items,
  );
  pool.close();
  await pool.done;
  return results;
}
