import * as React from 'react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { NaaUnavailableError } from '../../src/adapters/auth/naaGraphTokens';
import { HubPage } from '../../src/ui/hub/HubPage';
import { fakeDeps, fakeGraphFetch } from '../support/fakeHubDeps';
import { APP, application, armEndpoint, iso, OTHER_TENANT, seedEndpoint, TENANT } from '../support/payloads';

const SEED_ID = '5e4d3c2b-0000-4000-8000-000000000005';
const OTHER_APP = '2d04274f-8f5f-4fab-8b41-6f040a8361b9';
const seed = { ...seedEndpoint(), modificationDate: iso(-100) };
const seedApp = application([
  { start: iso(-100), end: iso(-10), keyId: 'ado-made' },
  { start: iso(-5), end: iso(725), keyId: 'hand-made' },
]);
const github = { id: 'gh-1', name: 'github-conn', type: 'github', authorization: { scheme: 'OAuth' } };

function rowFor(id: string): HTMLElement | null {
  return document.querySelector(`tr[data-connection-id="${id}"]`);
}

describe('HubPage', () => {
  it('lists connections from Azure DevOps before Graph answers, then shows each verdict', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const deps = fakeDeps({ listEndpoints: async () => [seed, github], graphFetch: fakeGraphFetch([seedApp], gate) });
    render(<HubPage deps={deps} />);
    await waitFor(() => expect(rowFor(SEED_ID)).not.toBeNull());
    expect(rowFor(SEED_ID)?.getAttribute('data-pending')).toBe('true');
    expect(screen.getAllByText('Checking…').length).toBeGreaterThan(0);
    expect(rowFor('gh-1')?.getAttribute('data-status')).toBe('not-applicable');
    await act(async () => open());
    await waitFor(() => expect(rowFor(SEED_ID)?.getAttribute('data-status')).toBe('expired'));
    expect(rowFor(SEED_ID)?.textContent).toMatch(/expired 10 days ago/);
  });

  it('says each status once: the badge reads "Expired", not the icon\'s words again', async () => {
    render(
      <HubPage deps={fakeDeps({ listEndpoints: async () => [seed, github], graphFetch: fakeGraphFetch([seedApp]) })} />,
    );
    await waitFor(() => expect(rowFor(SEED_ID)?.getAttribute('data-status')).toBe('expired'));
    expect(rowFor(SEED_ID)?.querySelector('.sce-badge')?.textContent).toBe('Expired');
    expect(rowFor('gh-1')?.querySelector('.sce-badge')?.textContent).toBe('Not applicable');
    expect(document.body.textContent).not.toMatch(/(Expired|Critical|Warning|Healthy|Unknown)\1/);
  });

  it('names a tenant by the publisher domain Graph gives for its apps (the details say its id too), else by its short id', async () => {
    const other = { ...armEndpoint({ id: 'arm-other', tenantId: OTHER_TENANT, appId: OTHER_APP }), name: 'arm-other' };
    const apps = [{ ...seedApp, publisherDomain: 'contoso.onmicrosoft.com' }, application([], [], OTHER_APP)];
    render(<HubPage deps={fakeDeps({ listEndpoints: async () => [seed, other], graphFetch: fakeGraphFetch(apps) })} />);
    await waitFor(() => expect(rowFor(SEED_ID)?.getAttribute('data-status')).toBe('expired'));
    // Its initial domain is unique, so the cell says the tenant's name alone; the whole domain and id on hover.
    await waitFor(() => expect(rowFor(SEED_ID)?.querySelector('[data-full-text^="Tenant "]')).not.toBeNull());
    const tenantCell = rowFor(SEED_ID)?.querySelector('[data-full-text^="Tenant "]');
    expect(tenantCell?.textContent).toBe('contoso');
    expect(tenantCell?.getAttribute('data-full-text')).toBe(`Tenant contoso.onmicrosoft.com (${TENANT})`);
    expect(rowFor('arm-other')?.textContent).toContain(`${OTHER_TENANT.slice(0, 8)}…`);
    expect(rowFor('arm-other')?.textContent).not.toContain('onmicrosoft');
    // The keyword filter finds it by its domain.
    fireEvent.change(screen.getByLabelText('Filter connections by keyword'), {
      target: { value: 'contoso.onmicrosoft' },
    });
    await waitFor(() => expect(rowFor('arm-other')).toBeNull());
    expect(rowFor(SEED_ID)).not.toBeNull();
    fireEvent.click(rowFor(SEED_ID) as HTMLElement);
    await waitFor(() => expect(document.querySelector(`[data-details-for="${SEED_ID}"]`)).not.toBeNull());
    expect(document.querySelector('.bolt-panel')?.textContent).toContain(`contoso.onmicrosoft.com (${TENANT})`);
  });

  it('without an Entra client ID says so and still lists everything', async () => {
    const deps = fakeDeps({
      listEndpoints: async () => [seed, github],
      loadSettings: async () => ({ clientId: null, thresholds: { warningDays: 30, criticalDays: 7 } }),
    });
    render(<HubPage deps={deps} />);
    await waitFor(() => expect(screen.getByText(/no Entra app is configured for this organization yet/)).toBeTruthy());
    expect(rowFor(SEED_ID)?.getAttribute('data-status')).toBe('unknown');
    expect(rowFor(SEED_ID)?.textContent).toMatch(/no Entra app is configured/);
  });

  it('on a host without Nested App Authentication shows the guidance and the Azure DevOps data', async () => {
    const deps = fakeDeps({
      listEndpoints: async () => [seed, github],
      createTokens: async () => {
        throw new NaaUnavailableError('not enabled');
      },
    });
    render(<HubPage deps={deps} />);
    await waitFor(() => expect(screen.getByText(/cannot sign in to Microsoft\s+Graph/)).toBeTruthy());
    expect(rowFor(SEED_ID)?.getAttribute('data-status')).toBe('unknown');
    expect(rowFor('gh-1')?.getAttribute('data-status')).toBe('not-applicable');
  });

  it('shows a clear error with Retry when Azure DevOps cannot list the connections', async () => {
    let fail = true;
    const deps = fakeDeps({
      listEndpoints: async () => {
        if (fail) throw new Error('HTTP 500');
        return [github];
      },
    });
    render(<HubPage deps={deps} />);
    await waitFor(() => expect(screen.getByText(/did not list the service connections: HTTP 500/)).toBeTruthy());
    fail = false;
    fireEvent.click(screen.getByText('Retry'));
    await waitFor(() => expect(rowFor('gh-1')).not.toBeNull());
  });

  it('opens the details panel from a row and records it in the URL', async () => {
    const deps = fakeDeps({ listEndpoints: async () => [seed], graphFetch: fakeGraphFetch([seedApp]) });
    render(<HubPage deps={deps} />);
    await waitFor(() => expect(rowFor(SEED_ID)?.getAttribute('data-status')).toBe('expired'));
    fireEvent.click(rowFor(SEED_ID) as HTMLElement);
    await waitFor(() => expect(document.querySelector(`[data-details-for="${SEED_ID}"]`)).not.toBeNull());
    expect(deps.written).toEqual([SEED_ID]);
    const panel = document.querySelector(`[data-details-for="${SEED_ID}"]`) as HTMLElement;
    expect(panel.querySelector('tr[data-key-id="ado-made"]')?.textContent).toMatch(/In use/);
    expect(panel.querySelector('tr[data-key-id="hand-made"]')?.textContent).toMatch(/Not used/);
    expect(panel.textContent).toMatch(/change something/);
    expect(panel.querySelector(`a[href*="adminservices?resourceId=${SEED_ID}"]`)).not.toBeNull();
    expect(panel.querySelector(`a[href*="Credentials/appId/${APP}"]`)).not.toBeNull();
  });

  it('opens the panel straight from ?connection=<id>', async () => {
    const deps = fakeDeps({
      listEndpoints: async () => [seed, github],
      graphFetch: fakeGraphFetch([seedApp]),
      connectionParam: { read: async () => 'gh-1', write: async () => undefined },
    });
    render(<HubPage deps={deps} />);
    await waitFor(() => expect(document.querySelector('[data-details-for="gh-1"]')).not.toBeNull());
  });

  it('renders a hostile connection name as text', async () => {
    const evil = armEndpoint({ id: 'evil', name: '<img src=x onerror=alert(1)>' });
    const deps = fakeDeps({
      listEndpoints: async () => [evil],
      graphFetch: fakeGraphFetch([application([{ start: iso(-1), end: iso(80) }])]),
    });
    render(<HubPage deps={deps} />);
    await waitFor(() => expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy());
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });

  it('filters by keyword and by status', async () => {
    const deps = fakeDeps({ listEndpoints: async () => [seed, github], graphFetch: fakeGraphFetch([seedApp]) });
    render(<HubPage deps={deps} />);
    await waitFor(() => expect(rowFor(SEED_ID)?.getAttribute('data-status')).toBe('expired'));
    fireEvent.change(screen.getByLabelText('Filter connections by keyword'), { target: { value: 'github' } });
    await waitFor(() => expect(rowFor(SEED_ID)).toBeNull());
    expect(rowFor('gh-1')).not.toBeNull();
    fireEvent.change(screen.getByLabelText('Filter connections by keyword'), { target: { value: '' } });
    fireEvent.click(document.querySelector('[data-summary-status="expired"]') as HTMLElement);
    await waitFor(() => expect(rowFor('gh-1')).toBeNull());
    expect(rowFor(SEED_ID)).not.toBeNull();
  });
});

describe('HubPage deep link to a missing connection', () => {
  it('says the linked connection is not in this project', async () => {
    const deps = fakeDeps({
      listEndpoints: async () => [github],
      connectionParam: { read: async () => 'no-such-id', write: async () => undefined },
    });
    render(<HubPage deps={deps} />);
    await waitFor(() =>
      expect(screen.getByText(/The linked connection no-such-id is not in this project/)).toBeTruthy(),
    );
  });
});
