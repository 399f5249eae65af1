import { startEarly } from '../../src/adapters/startEarly';

/** The organization hub asks for the project list before its first render; Refresh reads afresh. */
function pagedRead(pages: string[][], fail?: Error) {
  let reads = 0;
  const release: (() => void)[] = [];
  const read = async (onPage: (page: string[]) => void) => {
    reads += 1;
    const all: string[] = [];
    for (const page of pages) {
      await new Promise<void>((r) => release.push(r));
      onPage(page);
      all.push(...page);
    }
    if (fail) throw fail;
    return all;
  };
  return { read, reads: () => reads, next: () => release.shift()?.() };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('startEarly', () => {
  it('starts at once and gives the first caller the pages that arrived before it, then the rest', async () => {
    const source = pagedRead([['a', 'b'], ['c']]);
    const list = startEarly(source.read);
    expect(source.reads()).toBe(1);
    source.next();
    await tick();
    const seen: string[][] = [];
    const done = list((page) => seen.push(page));
    expect(seen).toEqual([['a', 'b']]);
    await tick();
    source.next();
    await expect(done).resolves.toEqual(['a', 'b', 'c']);
    expect(seen).toEqual([['a', 'b'], ['c']]);
    expect(source.reads()).toBe(1);
  });

  it('reads afresh for every later caller (Refresh)', async () => {
    const source = pagedRead([['a']]);
    const list = startEarly(source.read);
    const first = list(() => undefined);
    await tick();
    source.next();
    await first;
    const second = list(() => undefined);
    await tick();
    source.next();
    await expect(second).resolves.toEqual(['a']);
    expect(source.reads()).toBe(2);
  });

  it('hands a failure of the early read to its first caller only', async () => {
    const source = pagedRead([], new Error('TF400813: not authorized'));
    const list = startEarly(source.read);
    await tick();
    await expect(list(() => undefined)).rejects.toThrow('TF400813');
  });
});
