import * as React from 'react';
import { render, waitFor } from '@testing-library/react';
import type { SurfaceData } from '../../src/adapters/sdk/surfaceData';
import { parseEndpoint } from '../../src/core/endpoint';
import { parseApplication } from '../../src/core/graph';
import { appKey } from '../../src/core/graphQueries';
import { emptySnapshot, mergeSnapshot, snapshotEntries } from '../../src/core/snapshot';
import { toSnapshotConnections } from '../../src/core/snapshotConnections';
import type { AppLookup, Thresholds } from '../../src/core/types';
import { usageOf } from '../../src/core/usage';
import { createPillProvider } from '../../src/ui/pill/pillProvider';
import { RunSection } from '../../src/ui/runSection/RunSection';
import { ExpiryWidget } from '../../src/ui/widget/ExpiryWidget';
import { DEFAULT_WIDGET_STATUSES } from '../../src/ui/widget/widgetSettings';
import { OrgHubPage } from '../../src/ui/orgHub/OrgHubPage';
import { fakeOrgDeps } from '../support/fakeOrgHubDeps';
import { fakeDeps, fakeGraphFetch } from '../support/fakeHubDeps';
import { HubPage } from '../../src/ui/hub/HubPage';
import { PLATFORM, WEB, world } from '../support/orgWorld';
import { application, armEndpoint, iso, NOW, TENANT } from '../support/payloads';

/**
 * Issue 17 item 2: thresholds are never silently defaulted. A project that set a 10-day warning sees a secret
 * 20 days from its end as healthy; with the defaults (30/7) it would be a warning. When its thresholds
 * document cannot be read, the pill stays silent, the run section and the widget say so, the org hub names it.
 */

const APP = '7c000000-0000-4000-8000-000000000001';
const ID = '7d000000-0000-4000-8000-000000000001';
const PROJECT = { id: 'p', name: 'Web' };

function data(thresholds: Thresholds | null): SurfaceData {
  const connection = parseEndpoint(
    armEndpoint({ id: ID, name: 'arm-20-days', appId: APP, modificationDate: iso(-60) } as never),
  );
  const lookups = new Map<string, AppLookup>([
    [
      appKey(TENANT, APP),
      { kind: 'found', app: parseApplication(application([{ start: iso(-60), end: iso(20) }], [], APP))! },
    ],
  ]);
  const apps = snapshotEntries(lookups, (k) => k.split('|')[0], iso(0), { kind: 'scanner', name: 'nightly' });
  const use = usageOf(
    [
      {
        definitionId: 5,
        definitionName: 'web-ci',
        planType: 'build',
        runId: 1,
        runName: '1',
        usedAt: iso(-1),
        result: 'failed',
      },
    ],
    iso(0),
    true,
  );
  const snapshot = mergeSnapshot(emptySnapshot(PROJECT.id), apps, {
    connections: toSnapshotConnections([connection], iso(0)),
    usage: { [ID]: use },
  });
  return {
    snapshot,
    thresholds,
    thresholdsNote: null,
    thresholdsProblem: thresholds ? null : 'the thresholds could not be read (TF400898: internal error (500))',
    orgUrl: 'https://dev.azure.com/contoso',
    project: PROJECT,
    hubLink: (id) => `https://dev.azure.com/contoso/Web/_settings/hub?connection=${id ?? ''}`,
  };
}

async function pills(d: SurfaceData): Promise<string[]> {
  let done!: (n: number) => void;
  const finished = new Promise<number>((r) => (done = r));
  const provider = createPillProvider({
    load: async () => d,
    navigate: async () => undefined,
    now: () => NOW,
    onDone: done,
  });
  const list = provider.getPills('group', { definitionId: 5, definitionName: 'web-ci' });
  await finished;
  return list.value.map((p) => p.text);
}

const run = { definitionId: 5, buildNumber: '1', failed: true, finishedAt: iso(0) };
const view = { title: 'Connection expiry', rows: 2, settings: { statuses: DEFAULT_WIDGET_STATUSES } };

describe('thresholds that could not be read: no verdict computed with the defaults', () => {
  it.each([
    // thresholds, pills, run section text, widget text
    [
      'the defaults (no document)',
      { warningDays: 30, criticalDays: 7 },
      1,
      /1 service connection this pipeline uses needs action/,
      /Warning/,
    ],
    ["the project's own 10/3", { warningDays: 10, criticalDays: 3 }, 0, null, /Nothing expires within 10 days/],
    [
      'could not read',
      null,
      0,
      /thresholds could not be read \(the thresholds could not be read \(TF400898/,
      /could not be read.*no counts are shown/,
    ],
  ])('%s', async (_name, thresholds, pillCount, section, widget) => {
    const d = data(thresholds);
    expect(await pills(d)).toHaveLength(pillCount);
    const { container, unmount } = render(<RunSection data={d} run={run} nowMs={NOW} onOpen={() => undefined} />);
    if (section) expect(container.textContent).toMatch(section);
    else expect(container.querySelector('[data-empty="true"]')).not.toBeNull();
    if (!thresholds) expect(container.querySelector('[data-thresholds-unread]')).not.toBeNull();
    unmount();
    const w = render(<ExpiryWidget view={view} data={d} nowMs={NOW} onOpen={() => undefined} />);
    expect(w.container.textContent).toMatch(widget);
    if (!thresholds) expect(w.container.querySelector('[data-count-status]')).toBeNull();
    w.unmount();
  });
});

describe('the organization hub names the project whose thresholds could not be read', () => {
  it('a stored document that is not valid thresholds', async () => {
    const { deps } = fakeOrgDeps(
      world({
        thresholdDocuments: new Map([
          [PLATFORM.id.toLowerCase(), { id: PLATFORM.id, warningDays: 5, criticalDays: 40 }],
        ]),
      }),
    );
    render(<OrgHubPage deps={deps} />);
    await waitFor(() => expect(document.querySelector(`[data-thresholds-unread="${PLATFORM.id}"]`)).not.toBeNull());
    const line = document.querySelector(`[data-thresholds-unread="${PLATFORM.id}"]`)?.textContent ?? '';
    expect(line).toMatch(new RegExp(`^${PLATFORM.name}: the stored thresholds are not valid`));
    expect(document.querySelector(`[data-thresholds-unread="${WEB.id}"]`)).toBeNull();
  });

  it('the collection could not be read', async () => {
    const { deps } = fakeOrgDeps(world({ thresholdsFail: 'TF400898: internal error (500)' }));
    render(<OrgHubPage deps={deps} />);
    await waitFor(() => expect(document.querySelector('[data-thresholds-unread="all"]')).not.toBeNull());
    expect(document.querySelector('[data-thresholds-unread="all"]')?.textContent).toMatch(
      /could not be read \(TF400898: internal error \(500\)\): every row uses the defaults/,
    );
  });
});

describe("the project hub says its statuses use the defaults when this project's thresholds could not be read", () => {
  it('names the reason and the defaults in use', async () => {
    const deps = fakeDeps({
      listEndpoints: async () => [armEndpoint({ id: ID, name: 'arm-20-days', appId: APP })],
      graphFetch: fakeGraphFetch([application([{ start: iso(-60), end: iso(20) }], [], APP)]),
      loadSettings: async () => ({
        clientId: null,
        thresholds: { warningDays: 30, criticalDays: 7 },
        readError: "this project's thresholds: the thresholds could not be read (TF400898: internal error (500))",
      }),
    });
    render(<HubPage deps={deps} />);
    await waitFor(() =>
      expect(document.body.textContent).toMatch(
        /Could not read this project's thresholds \(the thresholds could not be read \(TF400898/,
      ),
    );
    expect(document.body.textContent).toMatch(
      /the statuses below use the defaults \(warning 30 days, critical 7\), not this project's own/,
    );
  });
});
