import * as React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { HubPage } from '../../src/ui/hub/HubPage';
import { emptySnapshot } from '../../src/core/snapshot';
import { fakeDeps, fakeGraphFetch } from '../support/fakeHubDeps';
import { memorySnapshots } from '../support/memorySnapshots';
import { application, iso, seedEndpoint } from '../support/payloads';

/** Owners and the tracked renewal in the project hub: details panel and the optional Owners column. */

const SEED_ID = '5e4d3c2b-0000-4000-8000-000000000005';
const seed = { ...seedEndpoint(), modificationDate: iso(-5) };
const owners = [
  // As Graph answers a caller with Application.Read.All only: a user owner with its type and id, names null.
  { '@odata.type': '#microsoft.graph.user', id: 'u-1', displayName: null, userPrincipalName: null, mail: null },
  { '@odata.type': '#microsoft.graph.servicePrincipal', id: 'sp-1', displayName: 'deploy-bot <b>x</b>' },
];
const app = { ...application([{ start: iso(-6), end: iso(5) }]), owners };

function rowFor(id: string): HTMLElement | null {
  return document.querySelector(`tr[data-connection-id="${id}"]`);
}

describe('owners and tracked renewals in the hub', () => {
  it('the details say who owns and created it, what names Graph withheld, and link the tracking work item', async () => {
    const snapshot = {
      ...emptySnapshot('p1'),
      workItems: { trackedAt: iso(0), byConnection: { [SEED_ID]: 123 } },
    };
    const deps = fakeDeps({
      listEndpoints: async () => [seed],
      graphFetch: fakeGraphFetch([app]),
      snapshots: memorySnapshots(snapshot),
    });
    render(<HubPage deps={deps} />);
    await waitFor(() => expect(rowFor(SEED_ID)?.getAttribute('data-status')).toBe('critical'), { timeout: 10_000 });
    fireEvent.click(rowFor(SEED_ID) as HTMLElement);
    await waitFor(() => expect(document.querySelector(`[data-details-for="${SEED_ID}"]`)).not.toBeNull(), {
      timeout: 10_000,
    });
    const panel = document.querySelector(`[data-details-for="${SEED_ID}"]`) as HTMLElement;
    expect(panel.textContent).toContain(
      'Owners: user u-1 (name not readable), deploy-bot <b>x</b>, created by John Doe (user@email.com)',
    );
    expect(panel.textContent).toMatch(/User\.ReadBasic\.All/);
    expect(panel.querySelector('b')).toBeNull();
    const link = [...panel.querySelectorAll('a')].find((a) => a.textContent === 'Tracked in #123') as HTMLAnchorElement;
    expect(link).toBeTruthy();
    expect(link.getAttribute('href')).toBe('https://dev.azure.com/contoso/My%20DevOps%20project/_workitems/edit/123');
  });

  it('the Owners column is there only when the viewer chose it', async () => {
    const hidden = fakeDeps({ listEndpoints: async () => [seed], graphFetch: fakeGraphFetch([app]) });
    const { unmount } = render(<HubPage deps={hidden} />);
    await waitFor(() => expect(rowFor(SEED_ID)?.getAttribute('data-status')).toBe('critical'), { timeout: 10_000 });
    expect(screen.queryByText('Owners')).toBeNull();
    unmount();
    const chosen = fakeDeps({
      listEndpoints: async () => [seed],
      graphFetch: fakeGraphFetch([app]),
      columnChoices: { read: async () => ({ owners: true }), write: async () => undefined },
    });
    render(<HubPage deps={chosen} />);
    await waitFor(() => expect(screen.getByText('Owners')).toBeTruthy(), { timeout: 10_000 });
    await waitFor(() => expect(rowFor(SEED_ID)?.textContent).toContain('user u-1 (name not readable) +1'), {
      timeout: 10_000,
    });
    expect(rowFor(SEED_ID)?.textContent).toContain('created by John Doe (user@email.com)');
  });
});
