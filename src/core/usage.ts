import { dict, own } from './raw';
import type { ProjectRef } from './types';

/**
 * The usage map: which pipelines used each connection, from Azure DevOps's execution history
 * (`GET {project}/_apis/serviceendpoint/{endpointId}/executionhistory`). Per connection, one entry
 * per pipeline with its last use and that run's result.
 */

export const USAGE_WINDOW_DAYS = 90;

export type UsageResult = 'succeeded' | 'succeededWithIssues' | 'failed' | 'canceled' | 'skipped' | 'abandoned';
export type PlanType = 'build' | 'release' | 'other';

/** ServiceEndpointExecutionResult (azure-devops-extension-api/ServiceEndpoint): numbers through the extension client. */
const RESULTS: UsageResult[] = ['succeeded', 'succeededWithIssues', 'failed', 'canceled', 'skipped', 'abandoned'];

export interface UsageRecord {
  definitionId: number;
  definitionName: string;
  planType: PlanType;
  /** The run (build id or release id) and its name (build number, release name). */
  runId: number | null;
  runName: string;
  /** ISO instant of the use: finish time, else start time. */
  usedAt: string;
  result: UsageResult | null;
  /** The record's own id (`data.id`), when it has one: the service pages its history by it, newest first. */
  recordId?: number;
}

export interface PipelineUse {
  /** The project the pipeline is in (history is per project); absent in readings made before it was kept. */
  project?: ProjectRef;
  definitionId: number;
  definitionName: string;
  planType: PlanType;
  lastUsedAt: string;
  result: UsageResult | null;
  runId: number | null;
  runName: string;
}

/** One project's history of a connection, as read. */
export interface ProjectReading {
  project: ProjectRef;
  readAt: string;
  /** Read back to its start or past the usage window. */
  complete: boolean;
  /** The reader is a project administrator there, so an empty history is not "may not view". */
  admin?: boolean;
  /** The id of the newest record read there: a later read stops at it (core/usagePlan.ts). */
  newestRecordId?: number;
}

export interface ConnectionUsage {
  pipelines: PipelineUse[];
  /** When the history was read (the oldest of its projects' readings). */
  readAt: string;
  /** Every project's history in it was read whole (or past the window): "no use" means none there. */
  complete: boolean;
  /**
   * The projects whose history it holds. History is stored per project: a shared connection's usage is
   * known only in the projects listed here. Absent in readings made before it was kept.
   */
  readIn?: ProjectReading[];
}

/** Connection id (lower case) → its usage. */
export type UsageMap = Record<string, ConnectionUsage>;

function obj(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** A Date (extension client), an ISO string (plain REST) or `/Date(ms)/` (msDateFormat without the reviver). */
export function instantOf(v: unknown): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (typeof v !== 'string') return null;
  const ms = /^\/Date\((-?\d+)\)\/$/.exec(v);
  const t = ms ? Number(ms[1]) : Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function resultOf(v: unknown): UsageResult | null {
  if (typeof v === 'number') return RESULTS[v] ?? null;
  if (typeof v !== 'string') return null;
  return RESULTS.find((r) => r.toLowerCase() === v.toLowerCase()) ?? null;
}

function planTypeOf(v: unknown): PlanType {
  const s = typeof v === 'string' ? v.toLowerCase() : '';
  return s === 'build' ? 'build' : s === 'release' ? 'release' : 'other';
}

function idOf(v: unknown): number | null {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/** One execution record, in either wire shape; null when it names no pipeline or no time. */
export function parseExecutionRecord(raw: unknown): UsageRecord | null {
  const data = obj(obj(raw)?.data);
  const definition = obj(data?.definition);
  const definitionId = idOf(definition?.id);
  const usedAt = instantOf(data?.finishTime) ?? instantOf(data?.startTime);
  if (!data || definitionId === null || !usedAt) return null;
  const owner = obj(data.owner);
  const recordId = idOf(data.id);
  return {
    definitionId,
    definitionName: typeof definition?.name === 'string' ? definition.name : `#${definitionId}`,
    planType: planTypeOf(data.planType),
    runId: idOf(owner?.id),
    runName: typeof owner?.name === 'string' ? owner.name : '',
    usedAt,
    result: resultOf(data.result),
    ...(recordId !== null ? { recordId } : {}),
  };
}

const pipelineKey = (p: PipelineUse) => `${p.project?.id.toLowerCase() ?? ''}:${p.planType}:${p.definitionId}`;
const projectKey = (p: ProjectRef) => (p.id || p.name).toLowerCase();

function newer(a: PipelineUse, b: PipelineUse): PipelineUse {
  return b.lastUsedAt > a.lastUsedAt ? b : a;
}

/** Newest use first. */
function sorted(pipelines: Iterable<PipelineUse>): PipelineUse[] {
  return [...pipelines].sort((a, b) => (a.lastUsedAt < b.lastUsedAt ? 1 : a.lastUsedAt > b.lastUsedAt ? -1 : 0));
}

/** Per pipeline, the newest record; with `project`, the history is that project's. */
export function usageOf(
  records: UsageRecord[],
  readAt: string,
  complete: boolean,
  project?: ProjectRef,
  admin?: boolean,
): ConnectionUsage {
  const byPipeline = new Map<string, PipelineUse>();
  for (const r of records) {
    const use: PipelineUse = {
      ...(project ? { project } : {}),
      definitionId: r.definitionId,
      definitionName: r.definitionName,
      planType: r.planType,
      lastUsedAt: r.usedAt,
      result: r.result,
      runId: r.runId,
      runName: r.runName,
    };
    const key = pipelineKey(use);
    const seen = byPipeline.get(key);
    byPipeline.set(key, seen ? newer(seen, use) : use);
  }
  const newest = records.reduce<number | null>(
    (max, r) => (r.recordId !== undefined && (max === null || r.recordId > max) ? r.recordId : max),
    null,
  );
  const reading: ProjectReading | null = project
    ? { project, readAt, complete, ...(admin ? { admin } : {}), ...(newest !== null ? { newestRecordId: newest } : {}) }
    : null;
  const readIn = reading ? [reading] : undefined;
  return { pipelines: sorted(byPipeline.values()), readAt, complete, ...(readIn ? { readIn } : {}) };
}

/** Per project, the newer reading; undefined when neither side says which projects it holds. */
function mergeReadIn(a?: ProjectReading[], b?: ProjectReading[]): ProjectReading[] | undefined {
  if (!a && !b) return undefined;
  const byProject = new Map<string, ProjectReading>();
  for (const r of [...(a ?? []), ...(b ?? [])]) {
    const seen = byProject.get(projectKey(r.project));
    if (!seen || r.readAt >= seen.readAt) byProject.set(projectKey(r.project), r);
  }
  return [...byProject.values()];
}

/**
 * Two readings of the same connections (two writers, or two projects' histories of a shared connection):
 * per (connection, project, pipeline) the newer use wins; per project the newer reading. Readings that
 * do not say their project (older ones): the newer one's flags win.
 */
export function mergeUsage(current: UsageMap, incoming: UsageMap): UsageMap {
  const out: UsageMap = dict(Object.entries(current));
  for (const [id, usage] of Object.entries(incoming)) {
    const existing = own(out, id);
    if (!existing) {
      out[id] = usage;
      continue;
    }
    const byPipeline = new Map(existing.pipelines.map((p) => [pipelineKey(p), p]));
    for (const p of usage.pipelines) {
      const seen = byPipeline.get(pipelineKey(p));
      byPipeline.set(pipelineKey(p), seen ? newer(seen, p) : p);
    }
    const readIn = mergeReadIn(existing.readIn, usage.readIn);
    if (readIn && existing.readIn && usage.readIn) {
      const oldest = readIn.reduce((min, r) => (r.readAt < min ? r.readAt : min), readIn[0].readAt);
      out[id] = {
        pipelines: sorted(byPipeline.values()),
        readAt: oldest,
        complete: readIn.every((r) => r.complete),
        readIn,
      };
      continue;
    }
    const latest = usage.readAt >= existing.readAt ? usage : existing;
    out[id] = {
      pipelines: sorted(byPipeline.values()),
      readAt: latest.readAt,
      complete: latest.complete,
      ...(latest.readIn ? { readIn: latest.readIn } : {}),
    };
  }
  return out;
}

function projectRefOf(v: unknown): ProjectRef | null {
  const p = obj(v);
  const id = typeof p?.id === 'string' ? p.id : '';
  const name = typeof p?.name === 'string' ? p.name : '';
  return id || name ? { id, name: name || id } : null;
}

/** A stored project reading; null when malformed (then its project counts as not read). */
function projectReadingOf(v: unknown): ProjectReading | null {
  const r = obj(v);
  const project = projectRefOf(r?.project);
  const readAt = instantOf(r?.readAt);
  if (!r || !project || !readAt) return null;
  const newest = idOf(r.newestRecordId);
  return {
    project,
    readAt,
    complete: r.complete === true,
    ...(r.admin === true ? { admin: true } : {}),
    ...(newest !== null ? { newestRecordId: newest } : {}),
  };
}

/** Reads a stored usage map defensively: malformed entries are dropped. */
export function readUsageMap(raw: unknown): UsageMap {
  const out: UsageMap = dict();
  for (const [id, value] of Object.entries(obj(raw) ?? {})) {
    const u = obj(value);
    const readAt = instantOf(u?.readAt);
    if (!u || !readAt || !Array.isArray(u.pipelines)) continue;
    const pipelines: PipelineUse[] = [];
    for (const item of u.pipelines) {
      const p = obj(item);
      const definitionId = idOf(p?.definitionId);
      const lastUsedAt = instantOf(p?.lastUsedAt);
      if (!p || definitionId === null || !lastUsedAt) continue;
      const project = projectRefOf(p.project);
      pipelines.push({
        ...(project ? { project } : {}),
        definitionId,
        definitionName: typeof p.definitionName === 'string' ? p.definitionName : `#${definitionId}`,
        planType: planTypeOf(p.planType),
        lastUsedAt,
        result: resultOf(p.result),
        runId: idOf(p.runId),
        runName: typeof p.runName === 'string' ? p.runName : '',
      });
    }
    const readIn = Array.isArray(u.readIn) ? u.readIn.map(projectReadingOf).filter((r) => r !== null) : undefined;
    out[id.toLowerCase()] = {
      pipelines: sorted(pipelines),
      readAt,
      complete: u.complete === true,
      ...(readIn ? { readIn } : {}),
    };
  }
  return out;
}

export function usageFor(map: UsageMap | null | undefined, connectionId: string): ConnectionUsage | undefined {
  return own(map, connectionId.toLowerCase());
}

/**
 * The connections a build pipeline used (planType build, same definition id, and in `projectId` when
 * given: definition ids are per project, and a shared connection's usage holds other projects' pipelines).
 */
export function connectionsUsedBy(map: UsageMap, definitionId: number, projectId?: string): string[] {
  const inProject = (p: PipelineUse) =>
    !projectId || !p.project?.id || p.project.id.toLowerCase() === projectId.toLowerCase();
  return Object.entries(map)
    .filter(([, u]) =>
      u.pipelines.some((p) => p.planType === 'build' && p.definitionId === definitionId && inProject(p)),
    )
    .map(([id]) => id);
}

export { readByAdmins, unreadProjects, unreadText, unusedFinding } from './usageRule';
