import * as React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { HubPage } from '../../src/ui/hub/HubPage';
import type { Thresholds } from '../../src/core/types';
import { fakeDeps, fakeGraphFetch, fakeTokens } from '../support/fakeHubDeps';
import { shortDate } from '../../src/core/days';
import { application, armEndpoint, iso } from '../support/payloads';

/** Shared settings anyone with the extension can write: what the hub uses, shows and writes. */

const ORG_APP = '6a3c9f10-5b2e-4d7a-9c1e-0f4b8d2a7e55';
const PACKAGED = '11111111-2222-4333-8444-555555555555';
const OTHER = '99999999-8888-4777-8666-555555555555';
const DEFAULTS: Thresholds = { warningDays: 30, criticalDays: 7 };
const endpoints = async () => [armEndpoint()];
const graph = () => fakeGraphFetch([application([{ start: iso(-60), end: iso(80) }])]);

async function openSettings() {
  const button = () => document.querySelector('button[id$="sce-command-settings"]');
  await waitFor(() => expect(button()).not.toBeNull());
  fireEvent.click(button() as Element);
  await waitFor(() => expect(screen.getByText('Thresholds (this project)')).toBeTruthy());
}

const save = () => fireEvent.click(screen.getByText('Save'));

describe('shared settings', () => {
  it('a failed settings read is "could not read": Save is refused and nothing is written', async () => {
    const saveClientId = jest.fn(async () => undefined);
    const saveThresholds = jest.fn(async () => undefined);
    const deps = fakeDeps({
      listEndpoints: endpoints,
      loadSettings: async () => {
        throw Object.assign(new Error('TF400813: not authorized'), { status: 401 });
      },
      saveClientId,
      saveThresholds,
    });
    render(<HubPage deps={deps} />);
    await waitFor(() =>
      expect(screen.getAllByText(/Could not read the extension's settings \(TF400813/).length).toBeGreaterThan(0),
    );
    expect(screen.queryByText(/no Entra app is configured/)).toBeNull();
    await openSettings();
    expect(document.querySelector('[data-settings-error]')?.textContent).toMatch(/unknown, not unset/);
    const button = screen.getByText('Save').closest('button') as HTMLButtonElement;
    expect(button.disabled || button.getAttribute('aria-disabled') === 'true').toBe(true);
    save();
    await new Promise((r) => setTimeout(r, 20));
    expect(saveClientId).not.toHaveBeenCalled();
    expect(saveThresholds).not.toHaveBeenCalled();
  });

  it('stored thresholds that are not valid: the hub says so, and Save replaces them even unedited', async () => {
    const saveClientId = jest.fn(async () => undefined);
    const saveThresholds = jest.fn(async () => undefined);
    const deps = fakeDeps({
      listEndpoints: endpoints,
      graphFetch: graph(),
      loadSettings: async () => ({
        clientId: ORG_APP,
        thresholds: DEFAULTS,
        thresholdsInvalid: 'the stored thresholds are not valid (the warning must be at least the critical)',
      }),
      saveClientId,
      saveThresholds,
    });
    render(<HubPage deps={deps} />);
    await waitFor(() =>
      expect(document.body.textContent).toMatch(
        /This project's stored thresholds are not valid \(the warning must be at least the critical\): the statuses below use the defaults \(warning 30 days, critical 7\)\. Open Settings/,
      ),
    );
    await openSettings();
    expect(document.querySelector('[data-thresholds-invalid]')?.textContent).toMatch(
      /Save replaces the stored document/,
    );
    expect(document.querySelector('[data-settings-error]')).toBeNull();
    save();
    await waitFor(() => expect(screen.queryByText('Thresholds (this project)')).toBeNull());
    expect(saveThresholds).toHaveBeenCalledWith(DEFAULTS);
    expect(saveClientId).not.toHaveBeenCalled();
  });

  it.each<[string, (f: HTMLElement) => void, number, number]>([
    [
      'thresholds only',
      () => fireEvent.change(screen.getByLabelText('Warning threshold in days'), { target: { value: '45' } }),
      0,
      1,
    ],
    [
      'the client ID only',
      () => fireEvent.change(screen.getByLabelText('Entra application (client) ID'), { target: { value: OTHER } }),
      1,
      0,
    ],
    ['nothing', () => undefined, 0, 0],
  ])('saving writes only what changed: %s', async (_n, edit, clientWrites, thresholdWrites) => {
    const saveClientId = jest.fn(async () => undefined);
    const saveThresholds = jest.fn(async () => undefined);
    render(
      <HubPage deps={fakeDeps({ listEndpoints: endpoints, graphFetch: graph(), saveClientId, saveThresholds })} />,
    );
    await openSettings();
    edit(document.body);
    save();
    await waitFor(() => expect(screen.queryByText('Thresholds (this project)')).toBeNull());
    expect(saveClientId).toHaveBeenCalledTimes(clientWrites);
    expect(saveThresholds).toHaveBeenCalledTimes(thresholdWrites);
  });

  it('a client ID fixed in the package is used, named, and read-only in Settings', async () => {
    const createTokens = jest.fn(async () => fakeTokens());
    const saveClientId = jest.fn(async () => undefined);
    const deps = fakeDeps({
      listEndpoints: endpoints,
      graphFetch: graph(),
      fixedClientId: PACKAGED,
      loadSettings: async () => ({ clientId: OTHER, thresholds: DEFAULTS }),
      createTokens,
      saveClientId,
    });
    render(<HubPage deps={deps} />);
    await waitFor(() => expect(document.querySelector('[data-entra-app="package"]')).not.toBeNull());
    expect(document.querySelector('[data-entra-app]')?.textContent).toContain(
      `${PACKAGED}, fixed in the extension package`,
    );
    expect(createTokens).toHaveBeenCalledWith(PACKAGED);
    expect(createTokens).not.toHaveBeenCalledWith(OTHER);
    await openSettings();
    expect(document.querySelector('[data-client-id-fixed]')?.textContent).toContain(PACKAGED);
    expect(screen.queryByLabelText('Entra application (client) ID')).toBeNull();
    fireEvent.change(screen.getByLabelText('Critical threshold in days'), { target: { value: '10' } });
    save();
    await waitFor(() => expect(screen.queryByText('Thresholds (this project)')).toBeNull());
    expect(saveClientId).not.toHaveBeenCalled();
  });

  it('a shared client ID names the app and who set it; Settings shows the recent changes', async () => {
    const history = [
      { clientId: ORG_APP, by: 'Mallory <script>', at: iso(-1) },
      { clientId: OTHER, by: 'Adele Vance', at: iso(-30) },
    ];
    const deps = fakeDeps({
      listEndpoints: endpoints,
      graphFetch: graph(),
      loadSettings: async () => ({ clientId: ORG_APP, thresholds: DEFAULTS, clientIdHistory: history }),
    });
    render(<HubPage deps={deps} />);
    await waitFor(() => expect(document.querySelector('[data-entra-app="settings"]')).not.toBeNull());
    expect(document.querySelector('[data-entra-app]')?.textContent).toBe(
      `Microsoft Graph sign-in uses Entra app ${ORG_APP}, set to ${ORG_APP} by Mallory <script> on ${shortDate(iso(-1))} (yesterday).`,
    );
    await openSettings();
    const items = [...document.querySelectorAll('[data-client-id-history] li')].map((li) => li.textContent);
    expect(items).toEqual([
      `set to ${ORG_APP} by Mallory <script> on ${shortDate(iso(-1))} (yesterday)`,
      `set to ${OTHER} by Adele Vance on ${shortDate(iso(-30))} (30 days ago)`,
    ]);
    expect(document.querySelector('script')).toBeNull();
  });

  it.each([
    ['default thresholds say nothing', DEFAULTS, null],
    [
      'custom thresholds are named in the header',
      { warningDays: 60, criticalDays: 14 },
      /Project thresholds: warning 60 days, critical 14 \(defaults 30 and 7\)/,
    ],
  ])('%s', async (_n, thresholds, note) => {
    render(
      <HubPage
        deps={fakeDeps({
          listEndpoints: endpoints,
          graphFetch: graph(),
          loadSettings: async () => ({ clientId: ORG_APP, thresholds }),
        })}
      />,
    );
    await waitFor(() => expect(document.querySelector(`tr[data-connection-id]`)).not.toBeNull());
    const header = document.querySelector('.sce-header')?.textContent ?? '';
    if (note) expect(header).toMatch(note);
    else expect(header).not.toMatch(/Project thresholds/);
  });
});
