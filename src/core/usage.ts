import { toMs } from './days';
import { dict, own } from './raw';
import type { Connection, Finding } from './types';

/**
 * The usage map: which pipelines used each connection, from Azure DevOps's execution history
 * (`GET {project}/_apis/serviceendpoint/{endpointId}/executionhistory`). Per connection, one entry
 * per pipeline with its last use and that run's result.
 */

export const USAGE_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;

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
}

export interface PipelineUse {
  definitionId: number;
  definitionName: string;
  planType: PlanType;
  lastUsedAt: string;
  result: UsageResult | null;
  runId: number | null;
  runName: string;
}

export interface ConnectionUsage {
  pipelines: PipelineUse[];
  /** When the history was read. */
  readAt: string;
  /** The history was read back to its start or past the usage window: "no use" means none. */
  complete: boolean;
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
  return {
    definitionId,
    definitionName: typeof definition?.name === 'string' ? definition.name : `#${definitionId}`,
    planType: planTypeOf(data.planType),
    runId: idOf(owner?.id),
    runName: typeof owner?.name === 'string' ? owner.name : '',
    usedAt,
    result: resultOf(data.result),
  };
}

const pipelineKey = (p: { planType: PlanType; definitionId: number }) => `${p.planType}:${p.definitionId}`;

function newer(a: PipelineUse, b: PipelineUse): PipelineUse {
  return b.lastUsedAt > a.lastUsedAt ? b : a;
}

/** Newest use first. */
function sorted(pipelines: Iterable<PipelineUse>): PipelineUse[] {
  return [...pipelines].sort((a, b) => (a.lastUsedAt < b.lastUsedAt ? 1 : a.lastUsedAt > b.lastUsedAt ? -1 : 0));
}

/** Per pipeline, the newest record. */
export function usageOf(records: UsageRecord[], readAt: string, complete: boolean): ConnectionUsage {
  const byPipeline = new Map<string, PipelineUse>();
  for (const r of records) {
    const use: PipelineUse = {
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
  return { pipelines: sorted(byPipeline.values()), readAt, complete };
}

/** Two writers' maps: per (connection, pipeline) the newer use wins; the newer reading's flags win. */
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
    const latest = usage.readAt >= existing.readAt ? usage : existing;
    out[id] = { pipelines: sorted(byPipeline.values()), readAt: latest.readAt, complete: latest.complete };
  }
  return out;
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
      pipelines.push({
        definitionId,
        definitionName: typeof p.definitionName === 'string' ? p.definitionName : `#${definitionId}`,
        planType: planTypeOf(p.planType),
        lastUsedAt,
        result: resultOf(p.result),
        runId: idOf(p.runId),
        runName: typeof p.runName === 'string' ? p.runName : '',
      });
    }
    out[id.toLowerCase()] = { pipelines: sorted(pipelines), readAt, complete: u.complete === true };
  }
  return out;
}

export function usageFor(map: UsageMap | null | undefined, connectionId: string): ConnectionUsage | undefined {
  return own(map, connectionId.toLowerCase());
}

/** The connections a build pipeline used (planType build, same definition id). */
export function connectionsUsedBy(map: UsageMap, definitionId: number): string[] {
  return Object.entries(map)
    .filter(([, u]) => u.pipelines.some((p) => p.planType === 'build' && p.definitionId === definitionId))
    .map(([id]) => id);
}

/**
 * "Unused in 90 days": only when the history was read whole (or past the window), the connection is
 * older than the window, and no pipeline used it within the window. Never on a guess.
 */
export function unusedFinding(
  connection: Connection,
  usage: ConnectionUsage | undefined,
  nowMs: number,
  windowDays = USAGE_WINDOW_DAYS,
): Finding | null {
  if (!usage || !usage.complete || !connection.entraBacked) return null;
  const since = nowMs - windowDays * DAY_MS;
  const created = toMs(connection.createdAt);
  if (created === null || created > since) return null;
  const last = usage.pipelines[0]?.lastUsedAt ?? null;
  if (last !== null && (toMs(last) ?? 0) >= since) return null;
  return {
    code: 'unused',
    severity: 'info',
    message: last
      ? `Unused: no pipeline used it in ${windowDays} days (last used ${last.slice(0, 10)}). Consider deleting it.`
      : `Unused: no pipeline used it in ${windowDays} days. Consider deleting it.`,
    fix: [
      'Check with the project whether anything still needs it (Usage history on the connection’s page in Azure DevOps).',
      'If not, delete the connection and its app registration: an unused credential is only a risk.',
    ],
  };
}
