import * as React from 'react';
import { fireEvent, render, waitFor } from '@testing-library/react';
import { HubPage } from '../../src/ui/hub/HubPage';
import { OrgHubPage } from '../../src/ui/orgHub/OrgHubPage';
import { fakeDeps, fakeGraphFetch } from '../support/fakeHubDeps';
import { fakeOrgDeps, restError } from '../support/fakeOrgHubDeps';
import { application, iso, seedEndpoint } from '../support/payloads';
import { PLATFORM, WEB, WEB_ID, world, web, shared, platform } from '../support/orgWorld';
import { openProjectFilter } from '../support/projectFilter';

/** Issue 21 in both hubs: names others wrote isolated from the page's text, and a snapshot that cannot be read said. */

const BIDI = 'acr-\u202Egnp.exe-push';
const SHOWN = 'acr-<U+202E>gnp.exe-push';
const SEED_ID = '5e4d3c2b-0000-4000-8000-000000000005';
const rowFor = (id: string) => document.querySelector<HTMLElement>(`tr[data-connection-id="${id}"]`);
const bdiTexts = (root: Element | null) => [...(root?.querySelectorAll('bdi') ?? [])].map((b) => b.textContent);

describe('project hub', () => {
  const seed = { ...seedEndpoint(), name: BIDI, modificationDate: iso(-100) };
  const app = { ...application([{ start: iso(-100), end: iso(20) }]), displayName: `app-\u202E${BIDI}` };

  it('isolates the connection and app names in their cells, and shows the escape in the panel title and fix', async () => {
    const deps = fakeDeps({ listEndpoints: async () => [seed], graphFetch: fakeGraphFetch([app]) });
    render(<HubPage deps={deps} />);
    await waitFor(() => expect(rowFor(SEED_ID)?.getAttribute('data-status')).toBe('warning'));
    expect(bdiTexts(rowFor(SEED_ID))).toEqual(expect.arrayContaining([BIDI, `app-\u202E${BIDI}`]));
    fireEvent.click(rowFor(SEED_ID) as HTMLElement);
    await waitFor(() => expect(document.querySelector(`[data-details-for="${SEED_ID}"]`)).not.toBeNull());
    const panel = document.querySelector('.bolt-panel') as HTMLElement;
    expect(panel.textContent).toContain(SHOWN);
    // The fix sentence names it with the escape: the steps after the name cannot be reversed.
    expect(panel.textContent).toContain(`Service connections → "${SHOWN}"`);
    expect(bdiTexts(panel)).toContain(`app-\u202E${BIDI}`);
  });

  it('says that the shared snapshot could not be read, and why (too large)', async () => {
    const deps = fakeDeps({ listEndpoints: async () => [seed] });
    deps.snapshots = {
      ...deps.snapshots,
      read: async () => {
        throw restError(413, 'The request body is over 5000000 bytes.', 'RequestContentTooLargeException');
      },
    };
    render(<HubPage deps={deps} />);
    await waitFor(() => expect(document.querySelector('.sce-snapshot-note')).not.toBeNull());
    expect(document.querySelector('.sce-snapshot-note')?.textContent).toMatch(
      /No expiry date comes from the last shared reading: the shared snapshot is too large to read \(The request body is over 5000000 bytes\.\)/,
    );
  });
});

describe('organization hub', () => {
  it('isolates connection and project names (cells, tiles) and escapes them in the project filter', async () => {
    const bidiWeb = { ...web, name: BIDI };
    const w = world({
      projects: [{ ...WEB, name: `web-\u202E${'x'}` }, PLATFORM],
      endpoints: { [`web-\u202Ex`]: [shared, bidiWeb], [PLATFORM.name]: [shared, platform] },
    });
    const { deps } = fakeOrgDeps(w);
    render(<OrgHubPage deps={deps} />);
    await waitFor(() => expect(rowFor(WEB_ID)).not.toBeNull());
    expect(bdiTexts(rowFor(WEB_ID))).toContain(BIDI);
    await waitFor(() =>
      expect(bdiTexts(document.querySelector('.sce-project-name')?.parentElement ?? null).length).toBeGreaterThan(0),
    );
    expect(bdiTexts(document.body)).toContain('web-\u202Ex');
    expect(await openProjectFilter()).toContain('web-<U+202E>x');
  });

  it('says that the projects’ snapshots could not be read, and why (too large), instead of silent unknown rows', async () => {
    const { deps } = fakeOrgDeps(world(), {
      readAllSnapshots: async () => {
        throw restError(413, 'Request Entity Too Large', 'RequestContentTooLargeException');
      },
    });
    render(<OrgHubPage deps={deps} />);
    await waitFor(() => expect(document.querySelector('.sce-snapshot-note')).not.toBeNull());
    expect(document.querySelector('.sce-snapshot-note')?.textContent).toMatch(
      /the shared snapshot is too large to read \(Request Entity Too Large\)/,
    );
  });
});
