import { readUsage, type HistoryPage } from '../../src/adapters/usage/readUsage';
import { parseEndpoint } from '../../src/core/endpoint';
import type { ProjectRef } from '../../src/core/types';
import { mergeUsage, readUsageMap, type ConnectionUsage, type ProjectReading } from '../../src/core/usage';
import { planHistoryRead, settleUsage, type UsagePolicy } from '../../src/core/usagePlan';
import { readWhole, unreadProjects, unusedFinding } from '../../src/core/usageRule';
import { armEndpoint, iso, NOW } from '../support/payloads';

/**
 * Issue 17 item 7 in the core: what a scan reads of one project's execution history given the usage the
 * published snapshots hold (reuse while fresh, since the newest known record, whole, nothing), when such a
 * read is whole for the 90-day window, and what the scan then says. Pure: the clock is passed in.
 */

const A: ProjectRef = { id: 'a0000000-0000-4000-8000-000000000001', name: 'Alpha' };
const B: ProjectRef = { id: 'b0000000-0000-4000-8000-000000000002', name: 'Beta' };
const AUTO: UsagePolicy = { mode: 'auto', maxAgeDays: 7 };

const readingOf = (project: ProjectRef, days: number, o: Partial<ProjectReading> = {}): ProjectReading => ({
  project,
  readAt: iso(days),
  complete: true,
  newestRecordId: 4200,
  ...o,
});
/** A stored usage as a scan published it: one pipeline of Alpha last used `lastUse` days from NOW. */
const known = (lastUse: number | null, readIn: ProjectReading[]): ConnectionUsage => ({
  pipelines:
    lastUse === null
      ? []
      : [
          {
            project: A,
            definitionId: 12,
            definitionName: 'web-deploy',
            planType: 'build',
            lastUsedAt: iso(lastUse),
            result: 'succeeded',
            runId: 907,
            runName: '20261120.1',
          },
        ],
  readAt: readIn.reduce((min, r) => (r.readAt < min ? r.readAt : min), iso(0)),
  complete: readIn.every((r) => r.complete),
  readIn,
});

describe('which read a scan makes of one project history (planHistoryRead)', () => {
  it.each<[string, ConnectionUsage | undefined, UsagePolicy, ReturnType<typeof planHistoryRead>]>([
    ['nothing known: whole', undefined, AUTO, { kind: 'whole' }],
    ['read 1 day ago, used 3 days ago: reuse', known(-3, [readingOf(A, -1)]), AUTO, { kind: 'reuse' }],
    [
      'read 6 days 23 hours ago: still fresh',
      known(-10, [readingOf(A, -7, { readAt: iso(-7, 1) })]),
      AUTO,
      { kind: 'reuse' },
    ],
    [
      'read 7 days 1 hour ago: stale, read since record 4200',
      known(-10, [readingOf(A, -7, { readAt: iso(-7, -1) })]),
      AUTO,
      { kind: 'since', stopAt: 4200, knownWhole: true },
    ],
    [
      '--usage-max-age 1: a 2-day-old reading is stale',
      known(-3, [readingOf(A, -2)]),
      { mode: 'auto', maxAgeDays: 1 },
      { kind: 'since', stopAt: 4200, knownWhole: true },
    ],
    [
      '--usage-max-age 0: every reading is read on',
      known(-3, [readingOf(A, 0, { readAt: iso(0, -1) })]),
      { mode: 'auto', maxAgeDays: 0 },
      { kind: 'since', stopAt: 4200, knownWhole: true },
    ],
    [
      'fresh but no use in the window: read since (unused only on what this scan read)',
      known(-120, [readingOf(A, -1)]),
      AUTO,
      { kind: 'since', stopAt: 4200, knownWhole: true },
    ],
    [
      'fresh, never used: read since',
      known(null, [readingOf(A, -1)]),
      AUTO,
      { kind: 'since', stopAt: 4200, knownWhole: true },
    ],
    [
      'stale reading cut by the page cap: since, not whole',
      known(-10, [readingOf(A, -9, { complete: false })]),
      AUTO,
      { kind: 'since', stopAt: 4200, knownWhole: false },
    ],
    [
      'stale reading without a record id (an empty history, or an older writer): whole',
      known(-10, [readingOf(A, -9, { newestRecordId: undefined })]),
      AUTO,
      { kind: 'whole' },
    ],
    [
      'read "tomorrow" (a clock ahead or a forgery): stale',
      known(-3, [readingOf(A, 1)]),
      AUTO,
      { kind: 'since', stopAt: 4200, knownWhole: true },
    ],
    ['known only in Beta: Alpha is read whole', known(-3, [readingOf(B, -1)]), AUTO, { kind: 'whole' }],
    [
      'a reading without readIn (written before readIn existed): whole',
      { ...known(-3, []), readIn: undefined },
      AUTO,
      { kind: 'whole' },
    ],
    [
      '--usage always: whole, whatever is known',
      known(-3, [readingOf(A, -1)]),
      { ...AUTO, mode: 'always' },
      { kind: 'whole' },
    ],
    ['--usage never: nothing', known(-3, [readingOf(A, -1)]), { ...AUTO, mode: 'never' }, { kind: 'none' }],
    ['--usage never, nothing known: nothing', undefined, { ...AUTO, mode: 'never' }, { kind: 'none' }],
  ])('%s', (_name, usage, policy, expected) => {
    expect(planHistoryRead(usage, A, policy, NOW)).toEqual(expected);
  });
});

describe('a read is whole for the window only when known plus read covers it (readWhole)', () => {
  const reach = (ended: boolean, pastWindow: boolean, reachedKnown: boolean, knownWhole: boolean) => ({
    ended,
    pastWindow,
    reachedKnown,
    knownWhole,
  });
  it.each([
    ['to the end of the history', true, reach(true, false, false, false)],
    ['past the window start', true, reach(false, true, false, false)],
    ['down to the record of a whole reading', true, reach(false, false, true, true)],
    ['down to the record of a cut reading', false, reach(false, false, true, false)],
    ['a whole earlier reading, its record not found', false, reach(false, false, false, true)],
    ['stopped by the page cap', false, reach(false, false, false, false)],
  ])('%s: %p', (_name, whole, r) => {
    expect(readWhole(r)).toBe(whole);
  });
});

describe('what the scan says after reading (settleUsage)', () => {
  const readNow = (project: ProjectRef, lastUse: number | null): ConnectionUsage => ({
    ...known(lastUse, [readingOf(project, 0, { newestRecordId: 4300 })]),
    pipelines: known(lastUse, []).pipelines.map((p) => ({ ...p, project })),
  });
  it.each<[string, ConnectionUsage | undefined, ConnectionUsage | undefined, ProjectRef[], ProjectReading[] | null]>([
    ['nothing known: what was read', undefined, readNow(A, -1), [], [readingOf(A, 0, { newestRecordId: 4300 })]],
    ['reused: what was known', known(-3, [readingOf(A, -2)]), undefined, [], [readingOf(A, -2)]],
    [
      'read since: the newer reading replaces the known one there',
      known(-30, [readingOf(A, -9)]),
      readNow(A, -1),
      [],
      [readingOf(A, 0, { newestRecordId: 4300 })],
    ],
    [
      'Beta reused, Alpha read: both',
      known(-3, [readingOf(A, -9), readingOf(B, -2)]),
      readNow(A, -1),
      [],
      [readingOf(A, 0, { newestRecordId: 4300 }), readingOf(B, -2)],
    ],
    [
      "Beta's read failed: its earlier reading is no longer evidence",
      known(-3, [readingOf(A, -9), readingOf(B, -9)]),
      readNow(A, -1),
      [B],
      [readingOf(A, 0, { newestRecordId: 4300 })],
    ],
    ['the only read failed: no project read', known(-120, [readingOf(A, -9)]), undefined, [A], []],
  ])('%s', (_name, before, read, failed, readIn) => {
    expect(settleUsage(before, read, failed)?.readIn ?? null).toEqual(readIn);
  });

  it('a failed read leaves the connection unknown there, never unused', () => {
    const shared = parseEndpoint(armEndpoint({ creationDate: iso(-400), projects: [A, B] } as never));
    const before = known(-120, [readingOf(A, -9), readingOf(B, -9)]);
    expect(unusedFinding(shared, before, NOW)?.code).toBe('unused'); // what the stale snapshot alone would say
    const settled = settleUsage(before, readNow(A, -120), [B]);
    expect(unreadProjects(shared, settled)).toEqual([B]);
    expect(unusedFinding(shared, settled, NOW)).toBeNull();
  });
});

/** One project's history, newest first, paged as the service pages it (tests/unit/fakeHistory.test.ts). */
function history(ids: number[], days: (id: number) => number, top = 2) {
  const records = [...ids]
    .sort((a, b) => b - a)
    .map((id) => ({
      data: {
        id,
        planType: 'Build',
        definition: { id: id % 3, name: `p${id % 3}` },
        owner: { id, name: `r${id}` },
        startTime: iso(days(id)),
        finishTime: iso(days(id)),
      },
    }));
  const asked: (string | null)[] = [];
  const fetchPage = async (_id: string, size: number, token: string | null): Promise<HistoryPage> => {
    asked.push(token);
    const before = token === null ? Infinity : Number(token);
    const page = records.filter((r) => r.data.id < before).slice(0, Math.min(size, top));
    const full = page.length === Math.min(size, top);
    return { records: page, continuationToken: full ? String(page[page.length - 1].data.id) : null };
  };
  return { fetchPage, asked };
}

describe('reading since the newest known record (readUsage with since)', () => {
  const old = parseEndpoint(armEndpoint({ creationDate: iso(-400), projects: [A] } as never));
  const run = (ids: number[], days: (id: number) => number, stopAt: number, knownWhole: boolean) => {
    const h = history(ids, days);
    return readUsage(['c'], h.fetchPage, {
      nowMs: NOW,
      project: A,
      admin: true,
      pageSize: 2,
      since: { c: { stopAt, knownWhole } },
    }).then((r) => ({ ...r, asked: h.asked, usage: r.usage.c }));
  };

  it.each([
    // ids, day of each run, stopAt, known whole → pages asked, whole, newest id kept
    ['stops on the page that holds the known record', [1, 2, 3, 4, 5, 6], -1, 5, true, [null], true, 6],
    ['reads on to the page that holds it', [1, 2, 3, 4, 5, 6], -1, 3, true, [null, '5'], true, 6],
    ['nothing new: the known record itself, one page', [1, 2, 3], -1, 3, true, [null], true, 3],
    ['a cut earlier reading stays cut', [1, 2, 3, 4], -1, 3, false, [null], false, 4],
    [
      'a marker that matches no record reads on like a whole read',
      [1, 2, 3, 4],
      -1,
      99,
      true,
      [null, '3', '1'],
      true,
      4,
    ],
  ])('%s', async (_name, ids, day, stopAt, knownWhole, asked, whole, newest) => {
    const r = await run(ids, () => day, stopAt, knownWhole);
    expect(r.asked).toEqual(asked);
    expect(r.usage.complete).toBe(whole);
    expect(r.usage.readIn?.[0].newestRecordId).toBe(newest);
  });

  it('a forged snapshot cannot hide a use in the window: the known record is counted itself', async () => {
    // The snapshot says "read whole, no pipeline" down to record 3, which really is a run 20 days ago.
    const forged = readUsageMap({
      c: { readAt: iso(-9), complete: true, pipelines: [], readIn: [{ ...readingOf(A, -9), newestRecordId: 3 }] },
    }).c;
    const r = await run([1, 2, 3], (id) => (id === 3 ? -20 : -200), 3, true);
    const settled = settleUsage(forged, r.usage, []);
    expect(settled?.pipelines.map((p) => p.lastUsedAt)).toEqual([iso(-20)]);
    expect(unusedFinding(old, settled, NOW)).toBeNull();
  });

  it('unused only when what was read reaches past the window or the end', async () => {
    const r = await run([1, 2, 3, 4], () => -150, 2, true);
    const settled = settleUsage(known(null, [readingOf(A, -30, { newestRecordId: 2 })]), r.usage, []);
    expect(settled?.complete).toBe(true);
    expect(unusedFinding(old, settled, NOW)?.code).toBe('unused');
    expect(mergeUsage({}, { c: r.usage }).c.readIn?.[0].newestRecordId).toBe(4);
  });
});
