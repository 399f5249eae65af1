import { historyPage, newestFirst, type HistoryRecord } from '../../src/devhost/fakeHistory';
import { iso } from '../support/payloads';

/**
 * The fakes page execution history as the service does (REST reference "Endpoints - Get Service Endpoint
 * Execution Records"): newest first, `top` 50 by default and at most 1000, the continuation token the last
 * record's id, sent only when the page is full.
 */

const records = (n: number): HistoryRecord[] =>
  newestFirst(
    Array.from({ length: n }, (_, i) => ({
      data: { id: 7000 + i, planType: 'Build', startTime: iso(-n + i), finishTime: iso(-n + i) },
    })),
  );
const ids = (page: HistoryRecord[]) => page.map((r) => r.data?.id);

describe('fake execution history paging', () => {
  it.each<[string, number, Record<string, string>, number[], string | null]>([
    ['newest first, 50 by default, the last id as token', 60, {}, [7059, 7010], '7010'],
    ['a page not full: no token', 3, { top: '5' }, [7002, 7000], null],
    ['exactly top records: full, so a token', 3, { top: '3' }, [7002, 7000], '7000'],
    ['after that token: empty, no token', 3, { top: '3', continuationToken: '7000' }, [], null],
    [
      'the token is the last id seen: the next records are older',
      10,
      { top: '4', continuationToken: '7006' },
      [7005, 7002],
      '7002',
    ],
    ['top above 1000 is 1000', 1200, { top: '5000' }, [7199 + 1000, 7200], '7200'],
    ['an empty history', 0, {}, [], null],
  ])('%s', (_name, n, query, [first, last] = [], token) => {
    const paged = historyPage(records(n), new URLSearchParams(query));
    expect(paged).not.toBeNull();
    const page = ids(paged!.page);
    if (first === undefined) expect(page).toEqual([]);
    else expect([page[0], page[page.length - 1]]).toEqual([first, last]);
    expect(paged!.continuationToken).toBe(token);
  });

  it('refuses a token that is not a record id', () => {
    expect(historyPage(records(3), new URLSearchParams({ continuationToken: 'page-2' }))).toBeNull();
  });

  it('numbers fixture records without an id after the others, in the order their runs started', () => {
    const list = newestFirst([
      { data: { startTime: iso(-1) } },
      { data: { id: 40, startTime: iso(-9) } },
      { data: { startTime: iso(-5) } },
    ]);
    expect(list.map((r) => [r.data?.id, r.data?.startTime])).toEqual([
      [42, iso(-1)],
      [41, iso(-5)],
      [40, iso(-9)],
    ]);
  });
});
