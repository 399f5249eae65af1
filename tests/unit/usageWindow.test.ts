import { recentPipelines, usageRisks } from '../../src/core/fix/risks';
import { DAY_MS } from '../../src/core/days';
import type { ConnectionUsage, PipelineUse } from '../../src/core/usage';
import { planHistoryRead } from '../../src/core/usagePlan';
import { pipelinesInWindow, windowStart } from '../../src/core/usageRule';
import { iso, NOW } from '../support/payloads';

/**
 * The usage window is checked in one place (core/usageRule pipelinesInWindow): the fix plan's "Used by"
 * risk, the scanner's and hubs' reuse of a fresh reading (planHistoryRead) and "unused" agree on its edge.
 */

const A = { id: 'a0000000-0000-4000-8000-000000000001', name: 'Alpha' };
const use = (lastUsedAt: string, definitionId = 12): PipelineUse => ({
  project: A,
  definitionId,
  definitionName: `pipeline-${definitionId}`,
  planType: 'build',
  lastUsedAt,
  result: 'succeeded',
  runId: 907,
  runName: '20261120.1',
});
const usage = (...lastUsed: string[]): ConnectionUsage => ({
  pipelines: lastUsed.map((t, i) => use(t, 12 + i)),
  readAt: iso(-1),
  complete: true,
  readIn: [{ project: A, readAt: iso(-1), complete: true, newestRecordId: 4200 }],
});

describe('the usage window (core/usageRule)', () => {
  it('starts 90 days before now, or the days given', () => {
    expect(windowStart(NOW)).toBe(NOW - 90 * DAY_MS);
    expect(windowStart(NOW, 30)).toBe(NOW - 30 * DAY_MS);
  });

  it.each<[string, ConnectionUsage, number]>([
    ['used 89 days ago: in', usage(iso(-89)), 1],
    ['used exactly at the window start: in', usage(new Date(NOW - 90 * DAY_MS).toISOString()), 1],
    ['used 90 days and a minute ago: out', usage(new Date(NOW - 90 * DAY_MS - 60_000).toISOString()), 0],
    ['an unreadable date is no use in the window', usage('not a date'), 0],
    ['one in, one out', usage(iso(-3), iso(-200)), 1],
    ['no pipelines', usage(), 0],
  ])('%s', (_label, u, inWindow) => {
    expect(pipelinesInWindow(u, NOW)).toHaveLength(inWindow);
    // The fix plan's risk and the reuse of a fresh reading read the same window.
    expect(recentPipelines(u, NOW)).toEqual(pipelinesInWindow(u, NOW));
    expect(planHistoryRead(u, A, { mode: 'auto', maxAgeDays: 7 }, NOW).kind).toBe(inWindow > 0 ? 'reuse' : 'since');
    expect(usageRisks(u, NOW)[0].message).toMatch(inWindow > 0 ? /^Used by 1 pipeline/ : /^No pipeline used it/);
  });
});
