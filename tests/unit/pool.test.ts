import { mapWithConcurrency, workerPool } from '../../src/adapters/pool';

/** The one worker pool (adapters/pool.ts): the scanner's requests and the organization hub's project lists. */

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
const tick = () => new Promise<void>((r) => setImmediate(r));

describe('mapWithConcurrency', () => {
  it('keeps at most `limit` at once, starts in item order and returns the results in item order', async () => {
    const gates = [deferred(), deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    let inFlight = 0;
    let most = 0;
    const running = mapWithConcurrency(['a', 'b', 'c', 'd', 'e'], 2, async (item, i) => {
      started.push(i);
      most = Math.max(most, ++inFlight);
      await gates[i].promise;
      inFlight -= 1;
      return item.toUpperCase();
    });
    // The first two start before mapWithConcurrency returns: their requests leave at once.
    expect(started).toEqual([0, 1]);
    gates[1].resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.resolve();
    expect(await running).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it.each([
    [[], 4, []],
    [[1, 2, 3], 64, [2, 4, 6]],
    [[1, 2, 3], 0, [2, 4, 6]],
  ])('%j with limit %i → %j', async (items, limit, expected) => {
    expect(await mapWithConcurrency(items, limit, async (n) => n * 2)).toEqual(expected);
  });

  it('rejects with the error a worker throws', async () => {
    await expect(
      mapWithConcurrency([1, 2, 3], 2, async (n) => {
        if (n === 2) throw new Error('project 2 failed');
        return n;
      }),
    ).rejects.toThrow('project 2 failed');
  });
});

describe('workerPool', () => {
  it('takes items added while it runs, in order, with at most `limit` at once, and settles only once closed', async () => {
    const handled: string[] = [];
    const gates = new Map<string, ReturnType<typeof deferred>>();
    let inFlight = 0;
    let most = 0;
    const pool = workerPool(2, async (item: string) => {
      most = Math.max(most, ++inFlight);
      const gate = deferred();
      gates.set(item, gate);
      await gate.promise;
      handled.push(item);
      inFlight -= 1;
    });
    let settled = false;
    void pool.done.then(() => (settled = true));
    pool.add(['p1', 'p2', 'p3']);
    await tick();
    expect([...gates.keys()]).toEqual(['p1', 'p2']);
    gates.get('p1')?.resolve();
    await tick();
    expect([...gates.keys()]).toEqual(['p1', 'p2', 'p3']);
    pool.add(['p4']); // a second page of projects
    for (const item of ['p2', 'p3']) gates.get(item)?.resolve();
    await tick();
    gates.get('p4')?.resolve();
    await tick();
    expect(handled).toEqual(['p1', 'p2', 'p3', 'p4']);
    // Every item is handled, but more may come: the pool is still open.
    expect(settled).toBe(false);
    pool.close();
    await pool.done;
    expect(most).toBe(2);
    expect(() => pool.add(['late'])).toThrow(/after close/);
  });

  it('closed without items, it settles at once', async () => {
    const pool = workerPool(6, async () => undefined);
    pool.close();
    await expect(pool.done).resolves.toBeUndefined();
  });
});
