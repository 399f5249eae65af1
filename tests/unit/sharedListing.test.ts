import { parseEndpoint } from '../../src/core/endpoint';
import { parseApplication } from '../../src/core/graph';
import { appKey } from '../../src/core/graphQueries';
import { combineSnapshots } from '../../src/core/orgSnapshot';
import { emptySnapshot, mergeSnapshot, readSnapshot, snapshotEntries } from '../../src/core/snapshot';
import { toSnapshotConnections } from '../../src/core/snapshotConnections';
import { pipelineWarnings, widgetSummary } from '../../src/core/surfaces';
import { pillText } from '../../src/core/surfaceText';
import { DEFAULT_THRESHOLDS } from '../../src/core/thresholds';
import type { AppLookup } from '../../src/core/types';
import { readUsageMap, usageFor, usageOf } from '../../src/core/usage';
import { listingExtras, sameListing } from '../../src/core/usageRefresh';
import { application, armEndpoint, iso, NOW, PROJECT, seedEndpoint, TENANT, APP } from '../support/payloads';

/**
 * Issue 21 item 7: the shared listing (snapshot `connections`) is extension data anyone with the extension
 * can write. Each forged field turns its entry (or the whole listing) into "unknown" with the reason; the
 * surfaces never go silent over it, and a hub that lists Azure DevOps rewrites it.
 */

/** A stored document as JSON, edited freely as a forger would. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;

const PIPELINE = 7;
/** The blog's ACR secret connection (service principal, spnKey), saved 10 days ago. */
const acr = parseEndpoint({ ...seedEndpoint(), modificationDate: iso(-10) });
const ACR_ID = acr.id.toLowerCase();

/** The stored document as the scanner publishes it: the ACR secret expires in 3 days, pipeline 7 uses it. */
function storedDocument(): Record<string, unknown> {
  const lookups = new Map<string, AppLookup>([
    [
      appKey(TENANT, APP),
      { kind: 'found', app: parseApplication(application([{ start: iso(-11), end: iso(3) }], [], APP))! },
    ],
  ]);
  const usage = {
    [ACR_ID]: usageOf(
      [
        {
          definitionId: PIPELINE,
          definitionName: 'push',
          planType: 'build' as const,
          runId: 1,
          runName: '1',
          usedAt: iso(-1),
          result: 'succeeded' as const,
        },
      ],
      iso(0),
      true,
    ),
  };
  const apps = snapshotEntries(lookups, () => TENANT, iso(0), { kind: 'scanner', name: 'nightly' });
  const doc = mergeSnapshot(emptySnapshot(PROJECT.id), apps, {
    connections: toSnapshotConnections([acr], iso(0)),
    usage,
  });
  return JSON.parse(JSON.stringify(doc));
}

function forge(edit: (doc: Doc) => void): ReturnType<typeof readSnapshot> {
  const doc = storedDocument();
  edit(doc);
  return readSnapshot(JSON.parse(JSON.stringify(doc)), PROJECT.id, NOW);
}

describe('an honest listing', () => {
  it('warns on the pipeline, in the pill and in the widget', () => {
    const doc = forge(() => undefined);
    const items = pipelineWarnings(doc, PIPELINE, NOW, DEFAULT_THRESHOLDS);
    expect(items.map((i) => [i.connection.id, i.verdict.status, i.listingProblem])).toEqual([
      [acr.id, 'critical', null],
    ]);
    expect(widgetSummary(doc, NOW, DEFAULT_THRESHOLDS).listingProblem).toBeNull();
  });
});

describe('a forged field in one entry reads as unknown with the reason, never silent', () => {
  const entry = (doc: Doc) => doc.connections.byId[ACR_ID];
  it.each<[string, (doc: Doc) => void, RegExp]>([
    [
      'schemeKind "federated" on the ACR secret',
      (d) => (entry(d).schemeKind = 'federated'),
      /scheme kind "federated" does not match scheme "serviceprincipal"/,
    ],
    ['schemeKind "managed-identity"', (d) => (entry(d).schemeKind = 'managed-identity'), /does not match scheme/],
    ['schemeKind "none"', (d) => (entry(d).schemeKind = 'none'), /scheme kind "none" does not match/],
    [
      'schemeKind not one of ours',
      (d) => (entry(d).schemeKind = 'magic'),
      /scheme kind "magic" is not one Azure DevOps gives/,
    ],
    ['schemeKind a number', (d) => (entry(d).schemeKind = 3), /scheme kind 3 is not one/],
    [
      'entraBacked false',
      (d) => (entry(d).entraBacked = false),
      /scheme kind "secret" on a connection without Entra ID/,
    ],
    ['entraBacked a string', (d) => (entry(d).entraBacked = 'true'), /Entra flag is not true or false/],
    [
      'type of a connection without Entra ID',
      (d) => (entry(d).type = 'github'),
      /a "github" connection is never backed by Entra ID/,
    ],
    ['type not a string', (d) => (entry(d).type = 42), /its type is not a string/],
    [
      'scheme changed to federation',
      (d) => (entry(d).scheme = 'WorkloadIdentityFederation'),
      /scheme kind "secret" does not match scheme "WorkloadIdentityFederation"/,
    ],
    ['scheme not a string', (d) => (entry(d).scheme = null), /its scheme is not a string/],
    ['id not its key', (d) => (entry(d).id = 'another-id'), /its id "another-id" is not its key/],
    ['id not a string', (d) => (entry(d).id = 7), /its id is not a string/],
    ['name not a string', (d) => (entry(d).name = { toString: 'x' }), /its name is not a string/],
    [
      'modifiedAt after the listing (would read every reading as older than the last save)',
      (d) => (entry(d).modifiedAt = iso(30)),
      /its modifiedAt is later than the listing itself/,
    ],
    ['modifiedAt not a date', (d) => (entry(d).modifiedAt = 'yesterday'), /its modifiedAt "yesterday" is not a date/],
    ['createdAt not a date', (d) => (entry(d).createdAt = 12), /its createdAt 12 is not a date/],
    ['the entry not an object', (d) => (d.connections.byId[ACR_ID] = 'gone'), /its id is not a string/],
  ])('%s', (_label, edit, reason) => {
    const doc = forge(edit);
    const items = pipelineWarnings(doc, PIPELINE, NOW, DEFAULT_THRESHOLDS);
    expect(items).toHaveLength(1);
    expect(items[0].connection.id.toLowerCase()).toBe(ACR_ID);
    expect(items[0].verdict.status).toBe('unknown');
    expect(items[0].listingProblem).toMatch(reason);
    expect(items[0].verdict.reason).toMatch(reason);
    const pill = pillText(items);
    expect(pill?.text).toMatch(/expiry unknown$/);
    expect(pill?.tooltip).toMatch(reason);
    const widget = widgetSummary(doc, NOW, DEFAULT_THRESHOLDS);
    expect(widget.counts.unknown).toBe(1);
    expect(widget.counts['no-secret'] + widget.counts['not-applicable'] + widget.counts.healthy).toBe(0);
    expect(widget.listingProblem).toMatch(reason);
  });
});

describe('a forged listing reads whole as unknown (never blank)', () => {
  it.each<[string, (doc: Doc) => void, RegExp]>([
    ['listedAt a number', (d) => (d.connections.listedAt = 20261128), /its date 20261128 is not a date/],
    ['listedAt null', (d) => (d.connections.listedAt = null), /its date null is not a date/],
    ['listedAt not a date', (d) => (d.connections.listedAt = 'soon'), /its date "soon" is not a date/],
    [
      'listedAt in the future (would outrank every honest listing)',
      (d) => (d.connections.listedAt = '9999-01-01T00:00:00Z'),
      /its date is in the future/,
    ],
    ['byId an array', (d) => (d.connections.byId = []), /its connections are not a map/],
    ['byId a string', (d) => (d.connections.byId = 'x'), /its connections are not a map/],
    [
      'the listing deleted, its usage kept',
      (d) => delete d.connections,
      /listing of this project's connections is missing/,
    ],
  ])('%s', (_label, edit, reason) => {
    const doc = forge(edit);
    const items = pipelineWarnings(doc, PIPELINE, NOW, DEFAULT_THRESHOLDS);
    expect(items.map((i) => [i.connection.id.toLowerCase(), i.verdict.status])).toEqual([[ACR_ID, 'unknown']]);
    expect(items[0].listingProblem).toMatch(reason);
    const widget = widgetSummary(doc, NOW, DEFAULT_THRESHOLDS);
    expect(widget.counts.unknown).toBe(1);
    expect(widget.listingProblem).toMatch(reason);
  });

  it('keeps the names of the entries of a listing with a bad date', () => {
    const doc = forge((d) => (d.connections.listedAt = 5));
    expect(doc.connections?.byId[ACR_ID].name).toBe(acr.name);
    expect(doc.connections?.problem).toMatch(/malformed \(its date 5 is not a date\)/);
  });
});

describe('Azure DevOps wins over the listing', () => {
  it('a hub listing the connections rewrites a consistent forgery (federation claimed on a secret connection)', () => {
    const doc = forge((d) => {
      Object.assign(d.connections.byId[ACR_ID], {
        scheme: 'WorkloadIdentityFederation',
        schemeKind: 'federated',
        wifIssuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
      });
    });
    // The forgery is coherent, so the listing alone cannot tell…
    expect(doc.connections?.malformed).toBeUndefined();
    // …but the hub, which lists Azure DevOps, sees it differs and writes Azure DevOps's listing.
    const live = [acr];
    expect(sameListing(live, doc)).toBe(false);
    const extras = listingExtras({ project: PROJECT, connections: live, stored: doc }, {}, null, iso(0, 1));
    const merged = mergeSnapshot(doc, {}, extras ?? {});
    expect(merged.connections?.byId[ACR_ID].schemeKind).toBe('secret');
    const items = pipelineWarnings(merged, PIPELINE, NOW, DEFAULT_THRESHOLDS);
    expect(items.map((i) => i.verdict.status)).toEqual(['critical']);
  });

  it('a listing read as malformed (a future date) never outranks one just listed', () => {
    const doc = forge((d) => (d.connections.listedAt = '9999-01-01T00:00:00Z'));
    const merged = mergeSnapshot(doc, {}, { connections: toSnapshotConnections([acr], iso(0, 1)) });
    expect(merged.connections?.listedAt).toBe(iso(0, 1));
    expect(merged.connections?.problem).toBeUndefined();
  });

  it('an honest listing equal to Azure DevOps is not rewritten', () => {
    expect(
      sameListing(
        [acr],
        forge(() => undefined),
      ),
    ).toBe(true);
  });
});

describe('ids that are Object.prototype members (issue 21 item 8)', () => {
  const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

  it('a listed connection "constructor" is one connection; unlisted ones never appear', () => {
    const endpoint = (id: string) => parseEndpoint(armEndpoint({ id, name: `n-${id}` } as never));
    const doc = JSON.parse(
      JSON.stringify({ connections: toSnapshotConnections([endpoint('constructor'), endpoint('a')], iso(0)) }),
    );
    const read = readSnapshot(doc, 'p', NOW);
    expect(Object.keys(read.connections?.byId ?? {}).sort()).toEqual(['a', 'constructor']);
    expect(widgetSummary(read, NOW, DEFAULT_THRESHOLDS).total).toBe(2);
    for (const id of names.filter((n) => n !== 'constructor'))
      expect(Object.prototype.hasOwnProperty.call(read.connections?.byId, id)).toBe(false);
  });

  it('usage and app readings keyed by such ids are plain keys', () => {
    const raw = JSON.parse(
      `{"__proto__": {"readAt": "${iso(0)}", "complete": true, "pipelines": []}, "a": {"readAt": "${iso(0)}", "complete": true, "pipelines": []}}`,
    );
    const usage = readUsageMap(raw);
    expect(Object.keys(usage).sort()).toEqual(['__proto__', 'a']);
    for (const id of ['constructor', 'toString', 'valueOf']) expect(usageFor(usage, id)).toBeUndefined();
    const snapshot = { ...emptySnapshot('p'), usage };
    const combined = combineSnapshots([
      snapshot,
      { ...emptySnapshot('q'), usage: readUsageMap({ constructor: raw.a }) },
    ]);
    expect(Object.keys(combined?.usage ?? {}).sort()).toEqual(['__proto__', 'a', 'constructor']);
    const apps = readSnapshot(
      JSON.parse(
        `{"apps": {"__proto__": {"appId": "x", "credentials": [], "takenAt": "${iso(0)}", "takenBy": {"kind": "hub", "name": {"a": 1}}}}}`,
      ),
      'p',
      NOW,
    ).apps;
    expect(Object.keys(apps)).toEqual(['__proto__']);
    // Only strings are names: never "by [object Object]".
    expect(Object.values(apps)[0].takenBy.name).toBe('unknown');
  });
});
