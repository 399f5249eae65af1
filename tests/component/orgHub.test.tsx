import * as React from 'react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { NaaUnavailableError } from '../../src/adapters/auth/naaGraphTokens';
import type { FetchLike } from '../../src/adapters/http';
import { OrgHubPage } from '../../src/ui/orgHub/OrgHubPage';
import { fakeOrgDeps, restError } from '../support/fakeOrgHubDeps';
import {
  PAYMENTS,
  PAYMENTS_ID,
  payments,
  PLATFORM,
  PLATFORM_APP,
  PLATFORM_ID,
  SHARED_APP,
  SHARED_ID,
  storedReadings,
  storedSnapshot,
  WEB,
  WEB_APP,
  WEB_ID,
  world,
} from '../support/orgWorld';
import { chooseProject } from '../support/projectFilter';

/** The organization hub over injected fakes: projects, lists, Graph, snapshots, Refresh. */

const rowFor = (id: string) => document.querySelector<HTMLElement>(`tr[data-connection-id="${id}"]`);
const rowIds = () =>
  [...document.querySelectorAll('tr[data-connection-id]')].map((r) => r.getAttribute('data-connection-id'));
const header = () => document.querySelector('.sce-header')?.textContent ?? '';

describe('OrgHubPage', () => {
  it('lists a connection shared by two projects once, with both, and reads Graph once for the organization', async () => {
    const { deps, graphFetch, listCalls } = fakeOrgDeps(world());
    render(<OrgHubPage deps={deps} />);
    await waitFor(() => expect(rowFor(SHARED_ID)?.getAttribute('data-status')).toBe('expired'));
    expect(rowIds().sort()).toEqual([SHARED_ID, WEB_ID, PLATFORM_ID].sort());
    expect(rowFor(SHARED_ID)?.textContent).toMatch(/Fabrikam Web\s*also Platform/);
    expect(rowFor(WEB_ID)?.getAttribute('data-status')).toBe('critical');
    expect(rowFor(PLATFORM_ID)?.getAttribute('data-status')).toBe('healthy');
    expect(listCalls).toEqual([WEB.name, PLATFORM.name]);
    // Three apps of one tenant: one $batch for the whole organization.
    expect(graphFetch.calls).toBe(1);
  });

  it("writes each project's snapshot once after a live read: its own apps, listing and usage", async () => {
    const { deps, snapshots } = fakeOrgDeps(world());
    render(<OrgHubPage deps={deps} />);
    await waitFor(() => expect(header()).toMatch(/Fresh readings saved for 2 projects/));
    expect(Object.fromEntries(snapshots.writes)).toEqual({ [WEB.id]: 1, [PLATFORM.id]: 1 });
    const appsOf = (id: string) => Object.values(snapshots.docs.get(id)?.apps ?? {}).map((a) => a.appId);
    expect(appsOf(WEB.id).sort()).toEqual([SHARED_APP, WEB_APP].sort());
    expect(appsOf(PLATFORM.id).sort()).toEqual([SHARED_APP, PLATFORM_APP].sort());
    const web = snapshots.docs.get(WEB.id);
    expect(web?.apps[Object.keys(web.apps)[0]].takenBy).toEqual({ kind: 'hub', name: 'Org Admin' });
    expect(Object.keys(web?.connections?.byId ?? {}).sort()).toEqual([SHARED_ID, WEB_ID].sort());
    expect(Object.keys(web?.usage ?? {}).sort()).toEqual([SHARED_ID, WEB_ID].sort());
    expect(JSON.stringify([...snapshots.docs.values()])).not.toMatch(/"hint"|secretText/);
  });

  it('reads the projects page by page: the second page’s project is listed too', async () => {
    const w = world({ projects: [WEB, PLATFORM, PAYMENTS], pageSize: 2 });
    w.endpoints[PAYMENTS.name] = [payments];
    const { deps, listCalls } = fakeOrgDeps(w);
    render(<OrgHubPage deps={deps} />);
    await waitFor(() => expect(header()).toMatch(/3 projects/));
    expect(rowFor(PAYMENTS_ID)).not.toBeNull();
    expect(listCalls).toContain(PAYMENTS.name);
    expect(document.querySelectorAll('[data-project-id]')).toHaveLength(3);
  });

  it('a project answering 403 is one line; the other projects are listed, judged and saved', async () => {
    const { deps, snapshots } = fakeOrgDeps(world({ endpoints: { ...world().endpoints, [PLATFORM.name]: 403 } }));
    render(<OrgHubPage deps={deps} />);
    await waitFor(() => expect(document.querySelector(`[data-project-problem="${PLATFORM.id}"]`)).not.toBeNull());
    const problem = document.querySelector(`[data-project-problem="${PLATFORM.id}"]`) as HTMLElement;
    expect(problem.getAttribute('data-problem')).toBe('refused');
    expect(problem.textContent).toBe('You do not have permission to see the service connections of Platform (403).');
    expect(document.querySelectorAll('[data-project-problem]')).toHaveLength(1);
    await waitFor(() => expect(rowFor(WEB_ID)?.getAttribute('data-status')).toBe('critical'));
    expect(rowFor(SHARED_ID)?.getAttribute('data-status')).toBe('expired');
    expect(rowFor(PLATFORM_ID)).toBeNull();
    await waitFor(() => expect(header()).toMatch(/saved for 1 project(?!s)/));
    expect([...snapshots.writes.keys()]).toEqual([WEB.id]);
  });

  it('a project list that fails shows the error with Retry, and Retry lists the organization', async () => {
    let fail = true;
    const { deps } = fakeOrgDeps(world());
    const listProjects = deps.listProjects;
    deps.listProjects = async (onPage) => {
      if (fail) throw restError(500, 'VS800075: The project list is temporarily unavailable.');
      return listProjects(onPage);
    };
    render(<OrgHubPage deps={deps} />);
    await waitFor(() => expect(screen.getByText(/did not list the organization's projects: VS800075/)).toBeTruthy());
    expect(rowIds()).toEqual([]);
    fail = false;
    fireEvent.click(screen.getByText('Retry'));
    await waitFor(() => expect(rowFor(SHARED_ID)).not.toBeNull());
    expect(screen.queryByText(/did not list the organization's projects/)).toBeNull();
  });

  it('without Nested App Authentication: snapshot verdicts where a project has one, else Azure DevOps only with the reason', async () => {
    const snapshots = [{ ...storedSnapshot(WEB.id, [], {}), apps: storedReadings([SHARED_APP, WEB_APP], 2) }];
    const { deps, graphFetch } = fakeOrgDeps(world({ snapshots }), {
      createTokens: async () => {
        throw new NaaUnavailableError('this Azure DevOps host does not offer Nested App Authentication yet');
      },
    });
    render(<OrgHubPage deps={deps} />);
    await waitFor(() => expect(rowFor(PLATFORM_ID)?.getAttribute('data-status')).toBe('unknown'));
    expect(rowFor(PLATFORM_ID)?.textContent).toMatch(/does not offer Nested App Authentication yet/);
    expect(rowFor(WEB_ID)?.getAttribute('data-status')).toBe('critical');
    expect(rowFor(SHARED_ID)?.getAttribute('data-status')).toBe('expired');
    expect(document.querySelector('.sce-snapshot-note')?.textContent).toMatch(
      /2 expiry dates come from the last shared reading.*2 days ago, by scheduled scan nightly/,
    );
    expect(graphFetch.calls).toBe(0);
  });

  it.each([
    ['a viewer Graph answers for: after every project is listed (the lists go first)', true, 0],
    ['a viewer without Graph: at once, its verdicts come from them', false, 1],
  ])("reads every project's snapshot, for %s", async (_name, withGraph, readsWhileListing) => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { deps } = fakeOrgDeps(world(), {
      ...(withGraph
        ? {}
        : {
            createTokens: async () => {
              throw new NaaUnavailableError('this Azure DevOps host does not offer Nested App Authentication yet');
            },
          }),
    });
    const listEndpoints = deps.listEndpoints;
    // Platform's list is held back until the test releases it.
    deps.listEndpoints = async (project) => {
      if (project === PLATFORM.name) await gate;
      return listEndpoints(project);
    };
    const readAllSnapshots = deps.readAllSnapshots;
    let reads = 0;
    deps.readAllSnapshots = (nowMs) => {
      reads += 1;
      return readAllSnapshots(nowMs);
    };
    render(<OrgHubPage deps={deps} />);
    await waitFor(() => expect(rowFor(WEB_ID)).not.toBeNull());
    await act(() => new Promise((r) => setTimeout(r, 20)));
    expect(reads).toBe(readsWhileListing);
    await act(async () => release());
    await waitFor(() => expect(rowFor(PLATFORM_ID)).not.toBeNull());
    await waitFor(() => expect(reads).toBe(1));
  });

  it('exports the rows on screen after a project filter, as CSV and as the scanner JSON', async () => {
    const w = world({ projects: [WEB, PLATFORM, PAYMENTS] });
    w.endpoints[PAYMENTS.name] = [payments];
    const { deps, downloads } = fakeOrgDeps(w);
    render(<OrgHubPage deps={deps} />);
    await waitFor(() => expect(header()).toMatch(/saved for 3 projects/));
    await chooseProject(PLATFORM.name);
    await waitFor(() => expect(rowIds()).toHaveLength(2));
    const visible = rowIds();
    expect([...visible].sort()).toEqual([SHARED_ID, PLATFORM_ID].sort());
    fireEvent.click(document.querySelector('button[id$="sce-command-export-json"]') as Element);
    fireEvent.click(document.querySelector('button[id$="sce-command-export-csv"]') as Element);
    expect(downloads.map((d) => [d.name, d.type])).toEqual([
      ['service-connections-contoso-2026-11-28.json', 'application/json'],
      ['service-connections-contoso-2026-11-28.csv', 'text/csv;charset=utf-8'],
    ]);
    const report = JSON.parse(downloads[0].text) as {
      connections: { id: string; name: string; status: string; projects: string[] }[];
      summary: Record<string, number>;
    };
    expect(report.connections.map((c) => c.id)).toEqual(visible);
    expect(report.connections.find((c) => c.id === SHARED_ID)).toMatchObject({
      status: 'expired',
      projects: [WEB.name, PLATFORM.name],
    });
    expect(report.summary).toMatchObject({ expired: 1, healthy: 1, warning: 0, critical: 0 });
    const lines = downloads[1].text.trim().split(/\r?\n/);
    expect(lines).toHaveLength(1 + visible.length);
    expect(lines.slice(1).map((l) => (l.includes('arm-shared') ? SHARED_ID : PLATFORM_ID))).toEqual(visible);
    expect(downloads[1].text).not.toMatch(/arm-payments|arm-web\b/);
  });

  it('Refresh aborts the Graph read in flight; only the new load’s answers are shown', async () => {
    const signals: AbortSignal[] = [];
    const { deps, graphFetch: answered } = fakeOrgDeps(world());
    const graphFetch: FetchLike = (url, init) => {
      signals.push(init?.signal as AbortSignal);
      return signals.length === 1 ? new Promise<Response>(() => undefined) : answered(url, init);
    };
    render(<OrgHubPage deps={{ ...deps, graphFetch }} />);
    await waitFor(() => expect(signals).toHaveLength(1));
    expect(rowFor(SHARED_ID)?.getAttribute('data-pending')).toBe('true');
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Refresh' })));
    await waitFor(() => expect(signals).toHaveLength(2));
    expect(signals[0].aborted).toBe(true);
    expect(signals[1].aborted).toBe(false);
    await waitFor(() => expect(rowFor(SHARED_ID)?.getAttribute('data-status')).toBe('expired'));
  });
});
