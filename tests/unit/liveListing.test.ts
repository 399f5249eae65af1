import { parseEndpoint } from '../../src/core/endpoint';
import { parseApplication } from '../../src/core/graph';
import { appKey } from '../../src/core/graphQueries';
import { idsToConfirm, MAX_CONFIRMED_IDS, withAzureDevOpsListing } from '../../src/core/liveListing';
import { emptySnapshot, mergeSnapshot, readSnapshot, snapshotEntries, type Snapshot } from '../../src/core/snapshot';
import { toSnapshotConnections } from '../../src/core/snapshotConnections';
import { pipelineWarnings, widgetSummary } from '../../src/core/surfaces';
import { DEFAULT_THRESHOLDS } from '../../src/core/thresholds';
import type { AppLookup } from '../../src/core/types';
import { usageOf } from '../../src/core/usage';
import { application, armEndpoint, iso, NOW, PROJECT, seedEndpoint, TENANT, APP } from '../support/payloads';

/**
 * Issue 21 item 7, second bullet: when the snapshot's listing disagrees with what Azure DevOps says now, Azure
 * DevOps wins. Each forgery below is coherent in every field (the listing's own checks pass it), and silences
 * the surfaces on the snapshot alone; Azure DevOps's answer for the connection brings the warning back.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;

const PIPELINE = 7;
/** The blog's ACR secret connection (service principal, spnKey), saved 10 days ago, as Azure DevOps lists it. */
const ACR_RAW = { ...seedEndpoint(), modificationDate: iso(-10) };
const acr = parseEndpoint(ACR_RAW);
const ACR_ID = acr.id.toLowerCase();
const UNREAD_APP = '2d000000-0000-4000-8000-0000000000aa';

function usedBy(definitionId: number) {
  const run = { definitionId, definitionName: 'push', planType: 'build' as const, runId: 1, runName: '1' };
  return usageOf([{ ...run, usedAt: iso(-1), result: 'succeeded' as const }], iso(0), true);
}

/** The document as the scanner publishes it: the ACR secret expires in 3 days, pipeline 7 uses it. */
function forge(edit: (doc: Doc) => void): Snapshot {
  const lookups = new Map<string, AppLookup>([
    [
      appKey(TENANT, APP),
      { kind: 'found', app: parseApplication(application([{ start: iso(-11), end: iso(3) }], [], APP))! },
    ],
  ]);
  const apps = snapshotEntries(lookups, () => TENANT, iso(0), { kind: 'scanner', name: 'nightly' });
  const stored = mergeSnapshot(emptySnapshot(PROJECT.id), apps, {
    connections: toSnapshotConnections([acr], iso(0)),
    usage: { [ACR_ID]: usedBy(PIPELINE) },
  });
  const doc = JSON.parse(JSON.stringify(stored)) as Doc;
  edit(doc);
  return readSnapshot(JSON.parse(JSON.stringify(doc)), PROJECT.id, NOW);
}

const statuses = (s: Snapshot) => pipelineWarnings(s, PIPELINE, NOW, DEFAULT_THRESHOLDS).map((i) => i.verdict.status);

describe('a coherent forgery of the listing, silent on the snapshot alone, loses to Azure DevOps', () => {
  const entry = (d: Doc) => d.connections.byId[ACR_ID];
  it.each<[string, (d: Doc) => void]>([
    [
      'federation claimed on the ACR secret (scheme and kind agree)',
      (d) =>
        Object.assign(entry(d), {
          scheme: 'WorkloadIdentityFederation',
          schemeKind: 'federated',
          wifIssuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
        }),
    ],
    [
      'the container registry marked as not backed by Entra ID',
      (d) => Object.assign(entry(d), { entraBacked: false, schemeKind: 'none' }),
    ],
    ['saved after its reading (within the clock skew)', (d) => (entry(d).modifiedAt = iso(0, 0.05))],
    ['its app pointed at one nobody read', (d) => (entry(d).appId = UNREAD_APP)],
    ['its entry deleted, its usage kept', (d) => delete d.connections.byId[ACR_ID]],
  ])('%s', (_label, edit) => {
    const forged = forge(edit);
    expect(forged.connections?.malformed).toBeUndefined(); // the listing's own checks cannot tell
    expect(statuses(forged)).toEqual([]); // silent on the snapshot alone
    const live = withAzureDevOpsListing(forged, [acr]);
    expect(statuses(live)).toEqual(['critical']);
    expect(live.connections?.byId[ACR_ID]).toEqual({ ...acr, description: '' });
    expect(widgetSummary(live, NOW, DEFAULT_THRESHOLDS).counts.critical).toBe(1);
  });
});

describe('what Azure DevOps did not answer for keeps the snapshot’s entry and its checks', () => {
  it('a malformed listing: confirmed entries read as Azure DevOps says, the others stay unknown with the reason', () => {
    const other = parseEndpoint(armEndpoint({ id: '3b2a1f0e-0000-4000-8000-0000000000b1', name: 'arm-other' }));
    const forged = forge((d) => {
      d.connections.listedAt = 42;
      d.usage[other.id] = usedBy(PIPELINE);
    });
    expect(statuses(forged)).toEqual(['unknown', 'unknown']);
    const live = withAzureDevOpsListing(forged, [acr]);
    const items = pipelineWarnings(live, PIPELINE, NOW, DEFAULT_THRESHOLDS);
    expect(items.map((i) => [i.connection.id.toLowerCase(), i.verdict.status])).toEqual([
      [ACR_ID, 'critical'],
      [other.id, 'unknown'],
    ]);
    expect(items[1].listingProblem).toMatch(/its date 42 is not a date/);
    expect(live.connections?.problem).toMatch(/its date 42 is not a date/);
  });

  it('a malformed listing whose every entry Azure DevOps answered for is no longer said to be malformed', () => {
    const live = withAzureDevOpsListing(
      forge((d) => (d.connections.listedAt = 42)),
      [acr],
    );
    expect(live.connections?.problem).toBeUndefined();
    expect(widgetSummary(live, NOW, DEFAULT_THRESHOLDS).listingProblem).toBeNull();
  });

  it('no listing at all: what Azure DevOps answered for is listed, the rest of the usage stays unknown', () => {
    const otherId = '3b2a1f0e-0000-4000-8000-0000000000b2';
    const live = withAzureDevOpsListing(
      forge((d) => {
        delete d.connections;
        d.usage[otherId] = usedBy(PIPELINE);
      }),
      [acr],
    );
    const items = pipelineWarnings(live, PIPELINE, NOW, DEFAULT_THRESHOLDS);
    expect(items.map((i) => [i.connection.id.toLowerCase(), i.verdict.status])).toEqual([
      [ACR_ID, 'critical'],
      [otherId, 'unknown'],
    ]);
    expect(items[1].listingProblem).toMatch(/listing of this project's connections is missing/);
  });

  it('an empty answer (deleted, or not visible to this viewer) changes nothing', () => {
    const forged = forge((d) => (d.connections.byId[ACR_ID].schemeKind = 'federated'));
    expect(withAzureDevOpsListing(forged, [])).toBe(forged);
    expect(statuses(forged)).toEqual(['unknown']);
  });

  it('an answer without a GUID id is not Azure DevOps’s: it changes nothing', () => {
    const forged = forge(() => undefined);
    expect(withAzureDevOpsListing(forged, [{ ...acr, id: 'constructor' }])).toBe(forged);
  });
});

describe('which connections a surface asks Azure DevOps about', () => {
  const snapshotUsing = (ids: string[]) => ({
    ...emptySnapshot(PROJECT.id),
    usage: Object.fromEntries(ids.map((id) => [id, usedBy(PIPELINE)])),
  });
  const guid = (i: number) => `3b2a1f0e-0000-4000-8000-${String(i).padStart(12, '0')}`;

  it.each<[string, Snapshot | null, Parameters<typeof idsToConfirm>[1], string[] | null]>([
    ['no snapshot: nothing (the surface has nothing to say)', null, { definitionId: PIPELINE }, []],
    ['no snapshot, widget: nothing', null, 'project', []],
    ['the widget: the project’s whole list', snapshotUsing([ACR_ID]), 'project', null],
    [
      'a pipeline: the connections it used',
      snapshotUsing([ACR_ID, guid(1)]),
      { definitionId: PIPELINE },
      [ACR_ID, guid(1)],
    ],
    ['a pipeline that used none: nothing', snapshotUsing([ACR_ID]), { definitionId: 99 }, []],
    [
      'ids that are not GUIDs (forged usage) are never sent',
      snapshotUsing(['constructor', 'a,b', ACR_ID]),
      { definitionId: PIPELINE },
      [ACR_ID],
    ],
    [
      `more than ${MAX_CONFIRMED_IDS}: the whole list, one request still`,
      snapshotUsing(Array.from({ length: MAX_CONFIRMED_IDS + 1 }, (_, i) => guid(i))),
      { definitionId: PIPELINE },
      null,
    ],
  ])('%s', (_label, snapshot, scope, expected) => {
    expect(idsToConfirm(snapshot, scope)).toEqual(expected);
  });
});
