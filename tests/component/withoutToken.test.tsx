import * as React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { appKey } from '../../src/core/graphQueries';
import type { Snapshot } from '../../src/core/snapshot';
import { HubPage } from '../../src/ui/hub/HubPage';
import { fakeDeps, fakeGraphFetch } from '../support/fakeHubDeps';
import { memorySnapshots } from '../support/memorySnapshots';
import { APP, TENANT, application, armEndpoint, iso } from '../support/payloads';
import { fakeJwt } from '../support/tokens';

const ARM_ID = '3b2a1f0e-0000-4000-8000-000000000010';
const noClientId = async () => ({ clientId: null, thresholds: { warningDays: 30, criticalDays: 7 } });
const rowFor = (id: string) => document.querySelector<HTMLElement>(`tr[data-connection-id="${id}"]`);

function snapshotOf(takenDaysAgo: number, endDays: number): Snapshot {
  return {
    id: 'p1',
    version: 1,
    __etag: 3,
    apps: {
      [appKey(TENANT, APP)]: {
        appId: APP,
        tenantId: TENANT,
        displayName: 'contoso-arm',
        credentials: [
          { keyId: 'k1', kind: 'secret', displayName: null, startDateTime: iso(-60), endDateTime: iso(endDays) },
        ],
        takenAt: iso(-takenDaysAgo),
        takenBy: { kind: 'scanner', name: 'nightly' },
      },
    },
  };
}

describe('HubPage without a Graph token', () => {
  it("shows the snapshot's verdict recomputed for today, with its age", async () => {
    // Read 2 days ago with 25 days left: today that is 25 days, a warning.
    const deps = fakeDeps({
      listEndpoints: async () => [armEndpoint()],
      loadSettings: noClientId,
      snapshots: memorySnapshots(snapshotOf(2, 25)),
    });
    render(<HubPage deps={deps} />);
    await waitFor(() => expect(rowFor(ARM_ID)?.getAttribute('data-status')).toBe('warning'));
    expect(rowFor(ARM_ID)?.textContent).toMatch(/As of .* \(scheduled scan nightly\)/);
    expect(document.querySelector('.sce-snapshot-note')?.textContent).toMatch(/2 days ago/);
    expect(document.querySelector('.sce-snapshot-note')?.textContent).not.toMatch(/more than 7 days/);
  });

  it('warns when the snapshot is older than 7 days', async () => {
    const deps = fakeDeps({
      listEndpoints: async () => [armEndpoint()],
      loadSettings: noClientId,
      snapshots: memorySnapshots(snapshotOf(12, 90)),
    });
    render(<HubPage deps={deps} />);
    await waitFor(() =>
      expect(document.querySelector('.sce-snapshot-note')?.textContent).toMatch(/more than 7 days old/),
    );
  });

  it('saves a snapshot after reading Graph, without secret hints', async () => {
    const snapshots = memorySnapshots();
    const deps = fakeDeps({
      listEndpoints: async () => [armEndpoint()],
      graphFetch: fakeGraphFetch([application([{ start: iso(-60), end: iso(40) }])]),
      snapshots,
    });
    render(<HubPage deps={deps} />);
    await waitFor(() => expect(snapshots.writes).toBe(1));
    const saved = snapshots.current();
    expect(Object.keys(saved?.apps ?? {})).toEqual([appKey(TENANT, APP)]);
    expect(saved?.apps[appKey(TENANT, APP)].takenBy).toEqual({ kind: 'hub', name: 'Admin' });
    expect(JSON.stringify(saved)).not.toContain('Ab1');
  });

  it('"Check now" turns a row expired when Entra refuses the secret', async () => {
    const checks: string[] = [];
    const deps = fakeDeps({
      listEndpoints: async () => [armEndpoint()],
      loadSettings: noClientId,
      checkEndpoint: async (id) => {
        checks.push(id);
        return { ok: false, message: "AADSTS7000222: The provided client secret keys for app '…' are expired." };
      },
    });
    render(<HubPage deps={deps} />);
    await waitFor(() => expect(rowFor(ARM_ID)?.getAttribute('data-status')).toBe('expired'));
    expect(checks).toEqual([ARM_ID]);
    fireEvent.click(rowFor(ARM_ID) as HTMLElement);
    await waitFor(() => expect(document.querySelector('[data-finding="broken-now"]')).not.toBeNull());
    expect(document.querySelector('[data-health]')?.getAttribute('data-health')).toBe('broken');
  });

  it('checks at most five connections on its own', async () => {
    const endpoints = Array.from({ length: 8 }, (_, i) =>
      armEndpoint({ id: `id-${i}`, name: `arm-${i}`, appId: `00000000-0000-4000-8000-00000000000${i}` }),
    );
    let calls = 0;
    const deps = fakeDeps({
      listEndpoints: async () => endpoints,
      loadSettings: noClientId,
      checkEndpoint: async () => (calls++, { ok: true, message: '' }),
    });
    render(<HubPage deps={deps} />);
    await waitFor(() => expect(calls).toBe(5));
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toBe(5);
  });

  it('refuses a pasted token that is not for Graph, then uses a Graph one', async () => {
    const deps = fakeDeps({
      listEndpoints: async () => [armEndpoint()],
      loadSettings: noClientId,
      graphFetch: fakeGraphFetch([application([{ start: iso(-60), end: iso(3) }])]),
    });
    render(<HubPage deps={deps} />);
    await waitFor(() => expect(rowFor(ARM_ID)?.getAttribute('data-status')).toBe('unknown'));
    fireEvent.click(screen.getAllByText('Use a Graph token')[0]);
    const field = await screen.findByLabelText('Microsoft Graph access token');
    const exp = Math.floor(Date.now() / 1000) + 3600;
    fireEvent.change(field, { target: { value: fakeJwt({ aud: '499b84ac-1321-427f-aa17-267ca6975798', exp }) } });
    fireEvent.click(screen.getByText('Use token'));
    await waitFor(() => expect(screen.getByText(/not Microsoft Graph/)).toBeTruthy());
    fireEvent.change(field, { target: { value: fakeJwt({ aud: 'https://graph.microsoft.com', tid: TENANT, exp }) } });
    fireEvent.click(screen.getByText('Use token'));
    await waitFor(() => expect(rowFor(ARM_ID)?.getAttribute('data-status')).toBe('critical'));
    expect(screen.getByText(/Using a pasted Graph token until/)).toBeTruthy();
  });
});
