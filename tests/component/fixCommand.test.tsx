import * as React from 'react';
import { fireEvent, render, waitFor } from '@testing-library/react';
import { HubPage } from '../../src/ui/hub/HubPage';
import { OrgHubPage } from '../../src/ui/orgHub/OrgHubPage';
import { fakeDeps, fakeGraphFetch } from '../support/fakeHubDeps';
import { fakeOrgDeps } from '../support/fakeOrgHubDeps';
import { WEB, WEB_ID, world } from '../support/orgWorld';
import { application, armEndpoint, iso, seedEndpoint } from '../support/payloads';

/** The details panel shows the exact `sc-expiry fix` command with Copy when the tool can fix a connection. */

const ID = '3b2a1f0e-0000-4000-8000-000000000010';

async function details(endpoint: Record<string, unknown>, secrets: { start: string; end: string }[]) {
  const deps = fakeDeps({ listEndpoints: async () => [endpoint], graphFetch: fakeGraphFetch([application(secrets)]) });
  render(<HubPage deps={deps} />);
  const id = endpoint.id as string;
  await waitFor(() =>
    expect(document.querySelector(`tr[data-connection-id="${id}"]`)?.getAttribute('data-pending')).not.toBe('true'),
  );
  fireEvent.click(document.querySelector(`tr[data-connection-id="${id}"]`) as HTMLElement);
  await waitFor(() => expect(document.querySelector(`[data-details-for="${id}"]`)).not.toBeNull());
  return document.querySelector(`[data-details-for="${id}"]`) as HTMLElement;
}

describe('details panel: fix with sc-expiry', () => {
  it.each([
    [
      'automatic, expiring',
      armEndpoint({ id: ID, modificationDate: iso(-60) }),
      [{ start: iso(-60, -1), end: iso(20) }],
      'convert',
      /→ Convert \(workload identity federation, revertible for seven days\)/,
    ],
    [
      'automatic, expired',
      armEndpoint({ id: ID, modificationDate: iso(-100) }),
      [{ start: iso(-100, -1), end: iso(-10) }],
      'convert',
      /→ Rotate secret \(renews for three months\), or Convert/,
    ],
    [
      'manual',
      armEndpoint({ id: ID, creationMode: 'Manual', modificationDate: iso(-60) }),
      [{ start: iso(-60, -1), end: iso(5) }],
      'rotate',
      /→ Edit, paste a new secret/,
    ],
  ])(
    '%s: the command with a Copy button, beside Azure DevOps’s own path',
    async (_name, endpoint, secrets, action, path) => {
      const panel = await details(endpoint, secrets);
      const section = panel.querySelector('[data-fix-action]') as HTMLElement;
      expect(section.getAttribute('data-fix-action')).toBe(action);
      expect(section.querySelector('[data-fix-command]')?.textContent).toBe(
        `sc-expiry fix --org https://dev.azure.com/contoso --project 'My DevOps project' --connection ${ID} --apply`,
      );
      expect(section.querySelector('button[aria-label="Copy the command"]')).not.toBeNull();
      expect(section.textContent).toMatch(path);
    },
  );

  it.each([
    ['a container registry connection', { ...seedEndpoint(), modificationDate: iso(-100) }],
    [
      'a shared connection',
      armEndpoint({
        id: ID,
        projects: [
          { id: 'p1', name: 'My DevOps project' },
          { id: 'p2', name: 'Other' },
        ],
      }),
    ],
    ['a certificate', armEndpoint({ id: ID, authenticationType: 'spnCertificate' })],
    ['a federated one', armEndpoint({ id: ID, scheme: 'WorkloadIdentityFederation' })],
  ])('no command for %s', async (_name, endpoint) => {
    const panel = await details(endpoint, [{ start: iso(-60, -1), end: iso(20) }]);
    expect(panel.querySelector('[data-fix-command]')).toBeNull();
  });

  it('the organization hub shows it too, for the connection’s own project', async () => {
    const { deps } = fakeOrgDeps(world());
    render(<OrgHubPage deps={deps} />);
    await waitFor(() =>
      expect(document.querySelector(`tr[data-connection-id="${WEB_ID}"]`)?.getAttribute('data-status')).toBe(
        'critical',
      ),
    );
    fireEvent.click(document.querySelector(`tr[data-connection-id="${WEB_ID}"]`) as HTMLElement);
    await waitFor(() =>
      expect(document.querySelector(`[data-details-for="${WEB_ID}"] [data-fix-command]`)).not.toBeNull(),
    );
    expect(document.querySelector(`[data-details-for="${WEB_ID}"] [data-fix-command]`)?.textContent).toBe(
      `sc-expiry fix --org https://dev.azure.com/contoso --project '${WEB.name}' --connection ${WEB_ID} --apply`,
    );
  });
});
