import { readUsage, type HistoryPage } from '../../src/adapters/usage/readUsage';
import { readSnapshot, type Snapshot } from '../../src/core/snapshot';
import { DEFAULT_THRESHOLDS } from '../../src/core/thresholds';
import { thresholdsFromDocument } from '../../src/core/thresholdsDocument';
import type { ProjectRef, Thresholds } from '../../src/core/types';
import type { OrgHubDeps } from '../../src/ui/orgHub/deps';
import { fakeGraphFetch, fakeTokens } from './fakeHubDeps';
import { memorySnapshotCollection } from './memorySnapshots';
import { NOW } from './payloads';

/** The organization hub's injected world, in memory: projects, endpoint lists, history, snapshots, Graph. */

export const CLIENT_ID = '6a3c9f10-5b2e-4d7a-9c1e-0f4b8d2a7e55';

export interface FakeOrgWorld {
  projects: ProjectRef[];
  /** Project name → raw endpoints as the REST API lists them, or an HTTP status it answers instead. */
  endpoints: Record<string, unknown[] | number>;
  /** Endpoint id → execution records as the REST API returns them (newest first), or a status to fail with. */
  /** Per connection: its records (the same in every project), a status to fail with, or per project name. */
  history?: Record<string, unknown[] | number | Record<string, unknown[] | number>>;
  applications?: Record<string, unknown>[];
  snapshots?: Snapshot[];
  /** Projects' own thresholds documents (valid ones), by project id. */
  thresholds?: Map<string, Thresholds>;
  /** Project id → a thresholds document as stored (read through the one reader, core/thresholdsDocument.ts). */
  thresholdDocuments?: Map<string, unknown>;
  /** The collection read fails with this message. */
  thresholdsFail?: string;
  /** Projects per page of the project list. */
  pageSize?: number;
}

/** An error as azure-devops-extension-api's Fetch.js throws it: `status` and the parsed body as `serverError`. */
export function restError(status: number, message: string, typeKey = 'UnauthorizedRequestException'): Error {
  return Object.assign(new Error(message), {
    status,
    serverError: { $id: '1', message, typeKey, typeName: `Microsoft.VisualStudio.Services.${typeKey}`, errorCode: 0 },
  });
}

export function fakeOrgDeps(world: FakeOrgWorld, overrides: Partial<OrgHubDeps> = {}) {
  const snapshots = memorySnapshotCollection(world.snapshots);
  const downloads: { name: string; type: string; text: string }[] = [];
  const historyCalls: { project: string; endpointId: string }[] = [];
  const listCalls: string[] = [];
  const graphFetch = fakeGraphFetch(world.applications ?? []);
  const fetchPage =
    (project: string) =>
    async (endpointId: string, top: number, token: string | null): Promise<HistoryPage> => {
      historyCalls.push({ project, endpointId });
      const entry = world.history?.[endpointId] ?? [];
      // Per project, when the world says so (history is stored per project); else the same in every project.
      const records = Array.isArray(entry) || typeof entry === 'number' ? entry : (entry[project] ?? []);
      if (typeof records === 'number') throw restError(records, `VS402392: history unavailable (${records})`);
      const start = Number(token ?? 0);
      const more = start + top < records.length;
      return { records: records.slice(start, start + top), continuationToken: more ? String(start + top) : null };
    };
  const deps: OrgHubDeps = {
    context: {
      orgUrl: 'https://dev.azure.com/contoso',
      organization: 'contoso',
      project: { id: '', name: '' },
      userName: 'Org Admin',
      localGraphRoot: null,
    },
    async listProjects(onPage) {
      const size = world.pageSize ?? 100;
      for (let i = 0; i < world.projects.length; i += size) {
        await Promise.resolve();
        onPage(world.projects.slice(i, i + size));
      }
      return world.projects;
    },
    async listEndpoints(project) {
      listCalls.push(project);
      const list = world.endpoints[project] ?? [];
      if (typeof list === 'number') throw restError(list, `TF401027: You need the Git 'Read' permission (${list}).`);
      return list;
    },
    loadSettings: async () => ({ clientId: CLIENT_ID, clientIdHistory: [], thresholds: DEFAULT_THRESHOLDS }),
    saveClientId: async () => undefined,
    readAllSnapshots: async (nowMs) => {
      const out = new Map<string, Snapshot>();
      for (const [id, doc] of snapshots.docs) out.set(id.toLowerCase(), readSnapshot(doc, id, nowMs));
      return out;
    },
    readAllThresholds: async () => {
      if (world.thresholdsFail) throw new Error(world.thresholdsFail);
      const docs = new Map<string, unknown>([...(world.thresholds ?? [])].map(([id, t]) => [id, { id, ...t }]));
      for (const [id, doc] of world.thresholdDocuments ?? []) docs.set(id, doc);
      return new Map([...docs].map(([id, doc]) => [id, thresholdsFromDocument(doc)]));
    },
    snapshots,
    createTokens: async () => fakeTokens(),
    graphRootFor: () => 'https://graph.test',
    graphFetch,
    checkEndpoint: async () => ({ ok: true, message: '' }),
    connectionParam: { read: async () => null, write: async () => undefined },
    download: (name, type, text) => void downloads.push({ name, type, text }),
    now: () => NOW,
    readUsage: (project, ids) => readUsage(ids, fetchPage(project.name), { nowMs: NOW, concurrency: 2, project }),
    ...overrides,
  };
  return { deps, snapshots, downloads, historyCalls, listCalls, graphFetch };
}

/** One execution record as the REST API returns it (plain JSON: ISO dates, result names). */
export function executionRecord(
  endpointId: string,
  definition: { id: number; name: string },
  run: { id: number; name: string },
  finishTime: string,
  result = 'succeeded',
): Record<string, unknown> {
  return {
    endpointId,
    data: {
      id: run.id * 10,
      planType: 'Build',
      definition: { id: definition.id, name: definition.name },
      owner: { id: run.id, name: run.name },
      startTime: new Date(Date.parse(finishTime) - 300_000).toISOString(),
      finishTime,
      result,
    },
  };
}
