import * as React from 'react';
import { render } from '@testing-library/react';
import { readSurfaceData, type SurfaceData, type SurfaceReads } from '../../src/adapters/sdk/surfaceData';
import { readEndpointList } from '../../src/core/endpoint';
import { parseEndpoint } from '../../src/core/endpoint';
import { parseApplication } from '../../src/core/graph';
import { appKey } from '../../src/core/graphQueries';
import { emptySnapshot, mergeSnapshot, snapshotEntries } from '../../src/core/snapshot';
import { toSnapshotConnections } from '../../src/core/snapshotConnections';
import { MISSING_THRESHOLDS } from '../../src/core/thresholdsDocument';
import type { AppLookup } from '../../src/core/types';
import { usageOf } from '../../src/core/usage';
import { flavorOf, listAnswer } from '../../src/devhost/devopsShapes';
import { createPillProvider } from '../../src/ui/pill/pillProvider';
import { RunSection } from '../../src/ui/runSection/RunSection';
import { ExpiryWidget } from '../../src/ui/widget/ExpiryWidget';
import { DEFAULT_WIDGET_STATUSES } from '../../src/ui/widget/widgetSettings';
import { restError } from '../support/fakeOrgHubDeps';
import { application, iso, NOW, PROJECT, seedEndpoint, TENANT, APP } from '../support/payloads';

/**
 * Issue 21 item 7: the pill, the run section and the widget ask Azure DevOps about the connections they show
 * (one endpoint list request per load, with the viewer's token) and its answer wins over the snapshot's
 * listing. The snapshot below is forged coherently: the blog's ACR secret connection, 3 days from expiry,
 * is listed as federated, so the snapshot alone reads "nothing to expire".
 */

const PIPELINE = 7;
const ACR_RAW: Record<string, unknown> = { ...seedEndpoint(), modificationDate: iso(-10) };
const ACR_ID = String(ACR_RAW.id).toLowerCase();
/** The Accept header azure-devops-extension-api's RestClientBase sends (its Fetch.js; see docs/contracts.md). */
const EXTENSION_ACCEPT =
  'application/json;api-version=7.2-preview.4;excludeUrls=true;enumsAsNumbers=true;msDateFormat=true;noArrayWrap=true';

function storedDocument(forged: boolean): unknown {
  const lookups = new Map<string, AppLookup>([
    [
      appKey(TENANT, APP),
      { kind: 'found', app: parseApplication(application([{ start: iso(-11), end: iso(3) }], [], APP))! },
    ],
  ]);
  const run = { definitionId: PIPELINE, definitionName: 'push', planType: 'build' as const, runId: 1, runName: '1' };
  const usage = { [ACR_ID]: usageOf([{ ...run, usedAt: iso(-1), result: 'failed' as const }], iso(0), true) };
  const apps = snapshotEntries(lookups, () => TENANT, iso(0), { kind: 'scanner', name: 'nightly' });
  const doc = JSON.parse(
    JSON.stringify(
      mergeSnapshot(emptySnapshot(PROJECT.id), apps, {
        connections: toSnapshotConnections([parseEndpoint(ACR_RAW)], iso(0)),
        usage,
      }),
    ),
  );
  if (forged)
    Object.assign(doc.connections.byId[ACR_ID], {
      scheme: 'WorkloadIdentityFederation',
      schemeKind: 'federated',
      wifIssuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    });
  return doc;
}

type Answer = 'list' | 'refused' | 'hangs';

/** The reads a surface makes, with the requests it sent to the endpoint list. */
function fakeReads(doc: unknown, answer: Answer = 'list') {
  const listCalls: (string[] | null)[] = [];
  const reads: SurfaceReads = {
    project: PROJECT,
    hubId: 'publisher.ext.hub',
    snapshotDocument: async () => doc,
    thresholds: async () => MISSING_THRESHOLDS,
    orgUrl: async () => 'https://dev.azure.com/contoso/',
    listEndpoints: async (ids) => {
      listCalls.push(ids);
      // A viewer without View on the project's connections: AccessCheckException, as the service answers.
      if (answer === 'refused') throw restError(403, 'Access denied.', 'AccessCheckException');
      if (answer === 'hangs') return new Promise<unknown[]>(() => undefined);
      // REST reference "Endpoints - Get Service Endpoints": the project's endpoints, only `endpointIds` when
      // given (ServiceEndpointClient.js joins them with commas); the extension client's Accept asks for a bare
      // array and \/Date(ms)\/ dates, which devhost/devopsShapes.ts writes.
      const all = [ACR_RAW].filter((e) => !ids || ids.includes(String(e.id).toLowerCase()));
      return readEndpointList(JSON.parse(String(listAnswer(all, flavorOf(EXTENSION_ACCEPT)).text)));
    },
    now: () => NOW,
    timeoutMs: 20,
  };
  return { reads, listCalls };
}

async function pillTexts(load: (definitionId: number) => Promise<SurfaceData>): Promise<string[]> {
  let done!: (n: number) => void;
  const finished = new Promise<number>((r) => (done = r));
  const provider = createPillProvider({ load, navigate: async () => undefined, now: () => NOW, onDone: done });
  const list = provider.getPills('group', { definitionId: PIPELINE, definitionName: 'push' });
  await finished;
  return list.value.map((p) => p.text);
}

const runInfo = { definitionId: PIPELINE, buildNumber: '1', failed: true, finishedAt: iso(0) };
const view = { title: 'Connection expiry', rows: 2, settings: { statuses: DEFAULT_WIDGET_STATUSES } };

describe('a forged listing loses to Azure DevOps on every surface', () => {
  it('the pill names the expiring secret; one list request, for the pipeline’s connection only', async () => {
    const { reads, listCalls } = fakeReads(storedDocument(true));
    expect(await pillTexts((id) => readSurfaceData(reads, { definitionId: id }))).toEqual([
      'Connection acr-push expires in 3 days',
    ]);
    expect(listCalls).toEqual([[ACR_ID]]);
  });

  it('the run section lists it as critical; one list request, for the pipeline’s connection only', async () => {
    const { reads, listCalls } = fakeReads(storedDocument(true));
    const data = await readSurfaceData(reads, Promise.resolve({ definitionId: PIPELINE }));
    const { container } = render(<RunSection data={data} run={runInfo} nowMs={NOW} onOpen={() => undefined} />);
    expect(container.querySelector(`[data-connection-id="${ACR_RAW.id}"]`)?.getAttribute('data-status')).toBe(
      'critical',
    );
    expect(listCalls).toEqual([[ACR_ID]]);
  });

  it('the widget counts it critical, not "no secret"; one request for the project’s list', async () => {
    const { reads, listCalls } = fakeReads(storedDocument(true));
    const data = await readSurfaceData(reads, 'project');
    const { container } = render(<ExpiryWidget view={view} data={data} nowMs={NOW} onOpen={() => undefined} />);
    expect(container.querySelector('.sce-widget-soonest')?.textContent).toMatch(/acr-push expires in 3 days/);
    expect(data.snapshot?.connections?.byId[ACR_ID].schemeKind).toBe('secret');
    expect(listCalls).toEqual([null]);
  });

  it('without Azure DevOps’s word (refused, or too slow) the forgery stays quiet: what the README says is left', async () => {
    for (const answer of ['refused', 'hangs'] as const) {
      const { reads, listCalls } = fakeReads(storedDocument(true), answer);
      expect(await pillTexts((id) => readSurfaceData(reads, { definitionId: id }))).toEqual([]);
      expect(listCalls).toHaveLength(1);
    }
  });
});

describe('Azure DevOps failing never costs an honest warning, and nothing is asked without a reason', () => {
  it.each<Answer>(['refused', 'hangs'])('%s: the snapshot’s warning still shows', async (answer) => {
    const { reads } = fakeReads(storedDocument(false), answer);
    expect(await pillTexts((id) => readSurfaceData(reads, { definitionId: id }))).toEqual([
      'Connection acr-push expires in 3 days',
    ]);
  });

  it.each<[string, unknown, Parameters<typeof readSurfaceData>[1]]>([
    ['no snapshot (pill)', null, { definitionId: PIPELINE }],
    ['no snapshot (widget)', null, 'project'],
    ['a pipeline that used no connection', storedDocument(true), { definitionId: 99 }],
    ['a run page without a pipeline', storedDocument(true), Promise.resolve(null)],
  ])('%s: no list request', async (_label, doc, scope) => {
    const { reads, listCalls } = fakeReads(doc);
    await readSurfaceData(reads, scope);
    expect(listCalls).toEqual([]);
  });
});
