import { mergeSnapshot, readSnapshot, emptySnapshot } from '../../src/core/snapshot';
import { trackedItem, workItemLink } from '../../src/core/snapshotWorkItems';

const ID = '3b2a1f0e-0000-4000-8000-000000000010';

describe('tracked work items in the project snapshot', () => {
  it.each([
    ['a clean list', { trackedAt: '2026-11-28T12:00:00Z', byConnection: { [ID.toUpperCase()]: 123 } }, 123],
    ['a negative id', { trackedAt: '2026-11-28T12:00:00Z', byConnection: { [ID]: -1 } }, null],
    ['an id that is text', { trackedAt: '2026-11-28T12:00:00Z', byConnection: { [ID]: '123"><script>' } }, null],
    ['a fractional id', { trackedAt: '2026-11-28T12:00:00Z', byConnection: { [ID]: 1.5 } }, null],
    ['no trackedAt', { byConnection: { [ID]: 5 } }, null],
  ])('%s', (_n, workItems, expected) => {
    const doc = readSnapshot({ id: 'p', version: 1, apps: {}, workItems }, 'p', Date.parse('2026-11-28T12:00:00Z'));
    expect(trackedItem(doc.workItems, ID)).toBe(expected);
  });

  it('the newer run replaces the list whole (an item it closed is gone)', () => {
    const older = mergeSnapshot(
      emptySnapshot('p'),
      {},
      {
        workItems: { trackedAt: '2026-11-27T00:00:00Z', byConnection: { a: 1, b: 2 } },
      },
    );
    const newer = mergeSnapshot(
      older,
      {},
      { workItems: { trackedAt: '2026-11-28T00:00:00Z', byConnection: { a: 1 } } },
    );
    expect(newer.workItems?.byConnection).toEqual({ a: 1 });
    const stale = mergeSnapshot(
      newer,
      {},
      { workItems: { trackedAt: '2026-11-01T00:00:00Z', byConnection: { z: 9 } } },
    );
    expect(stale.workItems?.byConnection).toEqual({ a: 1 });
  });

  it('links to the item from the reader’s own organization URL', () => {
    expect(workItemLink('https://dev.azure.com/contoso/', 'Fabrikam Web', 123)).toBe(
      'https://dev.azure.com/contoso/Fabrikam%20Web/_workitems/edit/123',
    );
  });
});
