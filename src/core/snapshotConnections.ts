import type { Connection, CreationMode, ProjectRef, SchemeKind } from './types';

/**
 * The project's connections as the snapshot carries them: what a verdict needs (no description, no
 * secrets), so the warning surfaces recompute today's verdicts from one document without listing
 * endpoints or asking Graph. Written whole by the hub and the scanner, which list every connection.
 */

export interface SnapshotConnections {
  listedAt: string;
  byId: Record<string, Connection>;
}

const SCHEMES: SchemeKind[] = ['secret', 'certificate', 'federated', 'managed-identity', 'none'];
const MODES: CreationMode[] = ['automatic', 'manual', 'unknown'];
const MAX_TEXT = 400;

export function toSnapshotConnections(connections: Connection[], listedAt: string): SnapshotConnections {
  const byId: Record<string, Connection> = {};
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

/** One stored connection, read defensively; null when it cannot stand for a connection. */
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
    parseProblems: Array.isArray(r.parseProblems) ? r.parseProblems.filter((p) => typeof p === 'string') : [],
  };
}

export function readSnapshotConnections(raw: unknown): SnapshotConnections | undefined {
  const r = raw && typeof raw === 'object' ? (raw as { listedAt?: unknown; byId?: unknown }) : null;
  if (!r || typeof r.listedAt !== 'string' || !r.byId || typeof r.byId !== 'object') return undefined;
  const byId: Record<string, Connection> = {};
  for (const value of Object.values(r.byId as Record<string, unknown>)) {
    const c = readSnapshotConnection(value);
    if (c) byId[c.id.toLowerCase()] = c;
  }
  return { listedAt: r.listedAt, byId };
}

/** The newer complete listing wins whole: a connection deleted since is gone, not kept by a merge. */
export function mergeSnapshotConnections(
  current: SnapshotConnections | undefined,
  incoming: SnapshotConnections | undefined,
): SnapshotConnections | undefined {
  if (!incoming) return current;
  if (!current) return incoming;
  return incoming.listedAt >= current.listedAt ? incoming : current;
}
