import * as React from 'react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { OrgHubPage } from '../../src/ui/orgHub/OrgHubPage';
import { fakeOrgDeps } from '../support/fakeOrgHubDeps';
import {
  PLATFORM,
  PLATFORM_ID,
  platform,
  SHARED_ID,
  shared,
  storedSnapshot,
  storedUse,
  WEB,
  WEB_ID,
  web,
  world,
} from '../support/orgWorld';

/** "Used by" in the organization hub: the snapshots' usage first, execution history only where it is stale. */

const rowFor = (id: string) => document.querySelector<HTMLElement>(`tr[data-connection-id="${id}"]`);
const savedHeader = () => document.querySelector('.sce-header')?.textContent ?? '';

describe('OrgHubPage "Used by"', () => {
  it('shows the usage every project snapshot holds without reading any history when it is fresh', async () => {
    const snapshots = [
      storedSnapshot(WEB.id, [shared, web], {
        [SHARED_ID]: storedUse('web-ci', 12, 1),
        [WEB_ID]: storedUse('web-nightly', 14, 3),
      }),
      storedSnapshot(PLATFORM.id, [shared, platform], {
        [SHARED_ID]: storedUse('platform-deploy', 31, 8),
        [PLATFORM_ID]: storedUse('platform-infra', 40, 2),
      }),
    ];
    const { deps, historyCalls } = fakeOrgDeps(world({ snapshots }));
    render(<OrgHubPage deps={deps} />);
    await waitFor(() => expect(rowFor(PLATFORM_ID)?.textContent).toMatch(/1 pipeline\s*last 11\/26\/2026/));
    // The shared connection's uses from both projects' snapshots, once.
    expect(rowFor(SHARED_ID)?.textContent).toMatch(/2 pipelines\s*last 11\/27\/2026/);
    expect(rowFor(WEB_ID)?.textContent).toMatch(/1 pipeline\s*last 11\/25\/2026/);
    await waitFor(() => expect(savedHeader()).toMatch(/saved for 2 projects/));
    expect(historyCalls).toEqual([]);
  });

  it('reads stale or missing usage in every project that references the connection; a failure costs one cell', async () => {
    const snapshots = [
      // Platform's reading of its own connection is two days old: stale. Web's snapshot holds nothing.
      storedSnapshot(PLATFORM.id, [shared, platform], { [PLATFORM_ID]: storedUse('platform-infra', 40, 2, 48) }),
    ];
    const {
      deps,
      historyCalls,
      snapshots: store,
    } = fakeOrgDeps(
      world({ snapshots, history: { [SHARED_ID]: world().history![SHARED_ID], [WEB_ID]: 500, [PLATFORM_ID]: [] } }),
    );
    render(<OrgHubPage deps={deps} />);
    await waitFor(() => expect(rowFor(SHARED_ID)?.textContent).toMatch(/2 pipelines\s*last 11\/27\/2026/));
    await waitFor(() => expect(rowFor(PLATFORM_ID)?.textContent).toMatch(/No pipeline/));
    // Azure DevOps refused arm-web's history: its cell says it was not read (unknown, never "unused"), its
    // verdict and the page are intact, and its details say why.
    await waitFor(() => expect(rowFor(WEB_ID)?.textContent).toMatch(/Not read\s*history refused or failed/));
    expect(rowFor(SHARED_ID)?.textContent).not.toMatch(/Not read/);
    expect(rowFor(WEB_ID)?.getAttribute('data-status')).toBe('critical');
    fireEvent.click(rowFor(WEB_ID) as HTMLElement);
    await waitFor(() => expect(document.querySelector(`[data-details-for="${WEB_ID}"]`)).not.toBeNull());
    const panel = document.querySelector(`[data-details-for="${WEB_ID}"]`) as HTMLElement;
    expect(panel.querySelector('[data-usage-error]')?.textContent).toMatch(
      /did not give this connection's usage history.*unknown \(not unused\): VS402392: history unavailable \(500\)/,
    );
    expect(historyCalls.map((c) => `${c.project}/${c.endpointId}`).sort()).toEqual(
      [
        `${WEB.name}/${SHARED_ID}`,
        `${PLATFORM.name}/${SHARED_ID}`,
        `${WEB.name}/${WEB_ID}`,
        `${PLATFORM.name}/${PLATFORM_ID}`,
      ].sort(),
    );
    // Each project's snapshot: written once, with this view's Graph readings, its listing and its usage.
    await waitFor(() => expect(savedHeader()).toMatch(/saved for 2 projects/));
    expect(Object.fromEntries(store.writes)).toEqual({ [PLATFORM.id]: 1, [WEB.id]: 1 });
    const webDoc = store.docs.get(WEB.id)!;
    expect(Object.keys(webDoc.connections?.byId ?? {}).sort()).toEqual([SHARED_ID, WEB_ID].sort());
    expect(Object.keys(webDoc.usage ?? {})).toEqual([SHARED_ID]);
    expect(Object.keys(webDoc.apps).length).toBe(2);
    const platformDoc = store.docs.get(PLATFORM.id)!;
    expect(platformDoc.usage?.[PLATFORM_ID]?.readAt).toBe(new Date(deps.now()).toISOString());
    // One "Used by" list, each pipeline with its project.
    expect(platformDoc.usage?.[SHARED_ID]?.pipelines.map((p) => [p.project?.name, p.definitionName])).toEqual([
      [WEB.name, 'web-ci'],
      [PLATFORM.name, 'platform-deploy'],
    ]);
    expect(platformDoc.usage?.[SHARED_ID]?.readIn?.map((r) => r.project.name).sort()).toEqual(
      [WEB.name, PLATFORM.name].sort(),
    );
  });

  it('Refresh stops the previous load: its late history answers neither show nor get written', async () => {
    const { deps, snapshots: store } = fakeOrgDeps(world());
    const readUsage = deps.readUsage!;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let hold = true;
    const calls: string[] = [];
    deps.readUsage = async (project, ids) => {
      calls.push(project.name);
      if (hold) await held;
      return readUsage(project, ids);
    };
    render(<OrgHubPage deps={deps} />);
    await waitFor(() => expect(calls.length).toBeGreaterThan(0));
    expect(savedHeader()).toMatch(/Reading usage history: 0 of 2 projects/);
    hold = false;
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Refresh' })));
    await waitFor(() => expect(savedHeader()).toMatch(/saved for 2 projects/));
    expect(Object.fromEntries(store.writes)).toEqual({ [PLATFORM.id]: 1, [WEB.id]: 1 });
    await act(async () => {
      release();
      await new Promise((r) => setTimeout(r, 50));
    });
    expect(Object.fromEntries(store.writes)).toEqual({ [PLATFORM.id]: 1, [WEB.id]: 1 });
    expect(rowFor(SHARED_ID)?.textContent).toMatch(/2 pipelines/);
  });
});
