import { listingEntryProblem } from './listingCheck';
import { dict, parseDate } from './raw';
import type { Connection, CreationMode, ProjectRef, SchemeKind } from './types';

/**
 * The project's connections as the snapshot carries them: what a verdict needs (no description, no
 * secrets), so the warning surfaces recompute today's verdicts from one document without listing
 * endpoints or asking Graph. Written whole by the hub and the scanner, which list every connection.
 */

export interface SnapshotConnections {
  listedAt: string;
  byId: Record<string, Connection>;
  /** Set on reading: why the whole listing cannot be trusted (every entry then reads as unknown). */
  problem?: string;
  /** Set on reading: ids of entries that could not stand for a connection, read as unknown with the reason. */
  malformed?: string[];
}

/** A reading "listed" later than now plus this much clock skew is not a listing. */
const LISTING_CLOCK_SKEW_MS = 5 * 60_000;

const SCHEMES: SchemeKind[] = ['secret', 'certificate', 'federated', 'managed-identity', 'none'];
const MODES: CreationMode[] = ['automatic', 'manual', 'unknown'];
const MAX_TEXT = 400;

export function toSnapshotConnections(connections: Connection[], listedAt: string): SnapshotConnections {
  const byId = dict<Connection>();
  for (const c of connections) if (c.id) byId[c.id.toLowerCase()] = { ...c, description: '' };
  return { listedAt, byId };
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v.slice(0, MAX_TEXT) : null;
}

function projectsOf(v: unknown): ProjectRef[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((p) => p && typeof p.id === 'string' && typeof p.name === 'string')
    .map((p) => ({ id: str(p.id) ?? '', name: str(p.name) ?? '' }));
}

function creatorOf(v: unknown): Connection['createdBy'] {
  const c = v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  if (!c) return null;
  const out = { id: str(c.id), displayName: str(c.displayName), uniqueName: str(c.uniqueName) };
  return out.id || out.displayName || out.uniqueName ? out : null;
}

/** One stored connection, read defensively; null when it holds no error at all but is not an object. */
export function readSnapshotConnection(raw: unknown): Connection | null {
  const r = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  const id = str(r?.id);
  const schemeKind = SCHEMES.find((s) => s === r?.schemeKind);
  if (!r || !id || !schemeKind || typeof r.entraBacked !== 'boolean') return null;
  return {
    id,
    name: str(r.name) ?? '(unnamed connection)',
    type: str(r.type) ?? '',
    scheme: str(r.scheme) ?? '',
    schemeKind,
    entraBacked: r.entraBacked,
    creationMode: MODES.find((m) => m === r.creationMode) ?? 'unknown',
    tenantId: str(r.tenantId),
    appId: str(r.appId),
    appObjectId: str(r.appObjectId),
    environment: str(r.environment) ?? 'AzureCloud',
    wifIssuer: str(r.wifIssuer),
    wifSubject: str(r.wifSubject),
    description: '',
    subscriptionName: str(r.subscriptionName),
    projects: projectsOf(r.projects),
    isShared: r.isShared === true,
    isReady: r.isReady !== false,
    isDisabled: r.isDisabled === true,
    operationState: str(r.operationState),
    operationMessage: str(r.operationMessage),
    createdAt: str(r.createdAt),
    modifiedAt: str(r.modifiedAt),
    parseProblems: Array.isArray(r.parseProblems)
      ? r.parseProblems.filter((p): p is string => typeof p === 'string').map((p) => p.slice(0, MAX_TEXT))
      : [],
    createdBy: creatorOf(r.createdBy),
  };
}

/**
 * What a surface shows for an entry it cannot trust: a secret connection of unknown date, with the
 * reason, so the warning is never dropped (the name only when it is a string).
 */
export function untrustedConnection(id: string, name: unknown, reason: string): Connection {
  return {
    id,
    name: str(name) ?? id,
    type: '',
    scheme: '',
    schemeKind: 'secret',
    entraBacked: true,
    creationMode: 'unknown',
    tenantId: null,
    appId: null,
    appObjectId: null,
    environment: 'AzureCloud',
    wifIssuer: null,
    wifSubject: null,
    description: '',
    subscriptionName: null,
    projects: [],
    isShared: false,
    isReady: true,
    isDisabled: false,
    operationState: null,
    operationMessage: null,
    createdAt: null,
    modifiedAt: null,
    parseProblems: [reason],
  };
}

function listingDateProblem(listedAt: unknown, nowMs: number): string | null {
  const iso = parseDate(listedAt);
  if (iso === null)
    return `its date ${JSON.stringify(typeof listedAt === 'string' ? listedAt.slice(0, 40) : (listedAt ?? null))} is not a date`;
  if (Date.parse(iso) > nowMs + LISTING_CLOCK_SKEW_MS) return 'its date is in the future';
  return null;
}

/**
 * The stored listing, field by field: a malformed entry reads as an unknown connection with the reason;
 * a malformed listing (date, map) reads every entry that way. Undefined only when there is no listing.
 */
export function readSnapshotConnections(raw: unknown, nowMs: number): SnapshotConnections | undefined {
  const r = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  if (!r) return undefined;
  const byId = dict<Connection>();
  const entries = r.byId && typeof r.byId === 'object' && !Array.isArray(r.byId) ? Object.entries(r.byId) : null;
  const dateProblem = listingDateProblem(r.listedAt, nowMs);
  const whole = entries === null ? 'its connections are not a map' : dateProblem;
  if (whole) {
    const problem = `the shared listing of this project's connections is malformed (${whole})`;
    for (const [key, value] of entries ?? []) {
      const name = value && typeof value === 'object' ? (value as { name?: unknown }).name : undefined;
      byId[key.toLowerCase()] = untrustedConnection(key.toLowerCase().slice(0, MAX_TEXT), name, problem);
    }
    return { listedAt: '', byId, problem, malformed: Object.keys(byId) };
  }
  const listedAt = parseDate(r.listedAt) as string;
  const latestMs = Date.parse(listedAt) + LISTING_CLOCK_SKEW_MS;
  const malformed: string[] = [];
  for (const [rawKey, value] of entries ?? []) {
    const key = rawKey.toLowerCase().slice(0, MAX_TEXT);
    const v = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    const problem = listingEntryProblem(v, key, latestMs);
    const c = problem ? null : readSnapshotConnection(v);
    if (c) byId[key] = c;
    else {
      byId[key] = untrustedConnection(
        key,
        v.name,
        `the shared listing's entry for it is malformed (${problem ?? 'unreadable'})`,
      );
      malformed.push(key);
    }
  }
  return malformed.length ? { listedAt, byId, malformed } : { listedAt, byId };
}

/** The newer complete listing wins whole: a connection deleted since is gone, not kept by a merge. */
export function mergeSnapshotConnections(
  current: SnapshotConnections | undefined,
  incoming: SnapshotConnections | undefined,
): SnapshotConnections | undefined {
  if (!incoming) return current;
  // A listing read as malformed never outranks one just listed from Azure DevOps.
  if (!current || current.problem) return incoming;
  return incoming.listedAt >= current.listedAt ? incoming : current;
}
