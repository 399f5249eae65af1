import * as React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { DEFAULT_THRESHOLDS } from '../../src/core/thresholds';
import { OrgHubPage } from '../../src/ui/orgHub/OrgHubPage';
import { fakeTokens } from '../support/fakeHubDeps';
import { CLIENT_ID, fakeOrgDeps } from '../support/fakeOrgHubDeps';
import { PLATFORM, WEB, world } from '../support/orgWorld';
import { shortDate } from '../../src/core/days';
import { iso } from '../support/payloads';

/** The organization hub's Settings: the shared client ID with its recent changes, or the package's; thresholds per project. */

const PACKAGED = '11111111-2222-4333-8444-555555555555';
const OTHER = '99999999-8888-4777-8666-555555555555';

async function openSettings() {
  const button = () => document.querySelector('button[id$="sce-command-settings"]');
  await waitFor(() => expect(button()).not.toBeNull());
  fireEvent.click(button() as Element);
  await waitFor(() => expect(document.querySelector('[data-thresholds-per-project]')).not.toBeNull());
}

describe('OrgHubPage Settings', () => {
  it('shows who changed the client ID and when (newest first), names the app, and writes only a change', async () => {
    const history = [
      { clientId: CLIENT_ID, by: 'Mallory <script>', at: iso(-1) },
      { clientId: null, by: 'Adele Vance', at: iso(-20) },
      { clientId: OTHER, by: 'Adele Vance', at: iso(-30) },
    ];
    const saveClientId = jest.fn(async () => undefined);
    const thresholds = new Map([
      [WEB.id, { warningDays: 60, criticalDays: 14 }],
      [PLATFORM.id, DEFAULT_THRESHOLDS],
      ['deadbeef-0000-4000-8000-000000000000', { warningDays: 45, criticalDays: 10 }], // a project not listed
    ]);
    const { deps } = fakeOrgDeps(world({ thresholds }), {
      loadSettings: async () => ({ clientId: CLIENT_ID, clientIdHistory: history, thresholds: DEFAULT_THRESHOLDS }),
      saveClientId,
    });
    render(<OrgHubPage deps={deps} />);
    await waitFor(() => expect(document.querySelector('[data-entra-app="settings"]')).not.toBeNull());
    expect(document.querySelector('[data-entra-app]')?.textContent).toBe(
      `Microsoft Graph sign-in uses Entra app ${CLIENT_ID}, set to ${CLIENT_ID} by Mallory <script> on ${shortDate(iso(-1))} (yesterday).`,
    );
    await waitFor(() => expect(document.querySelector('.sce-header')?.textContent).toMatch(/2 projects/));
    await openSettings();
    const items = [...document.querySelectorAll('[data-client-id-history] li')].map((li) => li.textContent);
    expect(items).toEqual([
      `set to ${CLIENT_ID} by Mallory <script> on ${shortDate(iso(-1))} (yesterday)`,
      `cleared by Adele Vance on ${shortDate(iso(-20))} (20 days ago)`,
      `set to ${OTHER} by Adele Vance on ${shortDate(iso(-30))} (30 days ago)`,
    ]);
    expect(document.querySelector('script')).toBeNull();
    // Thresholds: where they are set, and the listed projects that set their own (Platform's are the defaults).
    expect(document.querySelector('[data-thresholds-per-project]')?.textContent).toMatch(
      /Project settings → Connection expiry → Settings.*Projects with their own thresholds: 1 of 2; the others use the defaults \(warning 30 days, critical 7\)/,
    );
    expect(screen.queryByLabelText('Warning threshold in days')).toBeNull();
    // Save without a change writes nothing; a new ID is written once.
    fireEvent.click(screen.getByText('Save'));
    await waitFor(() => expect(document.querySelector('[data-thresholds-per-project]')).toBeNull());
    expect(saveClientId).not.toHaveBeenCalled();
    await openSettings();
    fireEvent.change(screen.getByLabelText('Entra application (client) ID'), { target: { value: OTHER } });
    fireEvent.click(screen.getByText('Save'));
    await waitFor(() => expect(saveClientId).toHaveBeenCalledWith(OTHER));
    expect(saveClientId).toHaveBeenCalledTimes(1);
  }, 30_000); // Many steps (load, sign-in, two panels): under a loaded CI machine 5 s is not enough.

  it('a client ID fixed in the package is the one signed in with, shown read-only, never written', async () => {
    const createTokens = jest.fn(async () => fakeTokens());
    const saveClientId = jest.fn(async () => undefined);
    const { deps } = fakeOrgDeps(world(), {
      fixedClientId: PACKAGED,
      loadSettings: async () => ({
        clientId: OTHER,
        clientIdHistory: [{ clientId: OTHER, by: 'Adele Vance', at: iso(-3) }],
        thresholds: DEFAULT_THRESHOLDS,
      }),
      createTokens,
      saveClientId,
    });
    render(<OrgHubPage deps={deps} />);
    await waitFor(() => expect(document.querySelector('[data-entra-app="package"]')).not.toBeNull());
    expect(document.querySelector('[data-entra-app]')?.textContent).toContain(
      `${PACKAGED}, fixed in the extension package`,
    );
    await waitFor(() => expect(createTokens).toHaveBeenCalledWith(PACKAGED));
    expect(createTokens).not.toHaveBeenCalledWith(OTHER);
    await openSettings();
    expect(document.querySelector('[data-client-id-fixed]')?.textContent).toContain(PACKAGED);
    expect(screen.queryByLabelText('Entra application (client) ID')).toBeNull();
    fireEvent.click(screen.getByText('Save'));
    await waitFor(() => expect(document.querySelector('[data-thresholds-per-project]')).toBeNull());
    expect(saveClientId).not.toHaveBeenCalled();
  });

  it('settings that cannot be read are "could not read": no sign-in to a guessed app, Save refused', async () => {
    const createTokens = jest.fn(async () => fakeTokens());
    const saveClientId = jest.fn(async () => undefined);
    const { deps } = fakeOrgDeps(world(), {
      loadSettings: async () => {
        throw Object.assign(new Error('TF400813: not authorized'), { status: 401 });
      },
      createTokens,
      saveClientId,
    });
    render(<OrgHubPage deps={deps} />);
    await waitFor(() =>
      expect(screen.getAllByText(/Could not read the extension's settings \(TF400813/).length).toBeGreaterThan(0),
    );
    expect(createTokens).not.toHaveBeenCalled();
    await openSettings();
    expect(document.querySelector('[data-settings-error]')?.textContent).toMatch(/unknown, not unset/);
    const button = screen.getByText('Save').closest('button') as HTMLButtonElement;
    expect(button.disabled || button.getAttribute('aria-disabled') === 'true').toBe(true);
    expect(saveClientId).not.toHaveBeenCalled();
  });
});
