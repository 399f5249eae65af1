import { NaaUnavailableError, publicCloudOnly, type GraphTokenSource } from '../../adapters/auth/naaGraphTokens';
import { keyFor, tenantOfKey } from '../../core/graphQueries';
import { snapshotEntries, type Snapshot, type SnapshotApp } from '../../core/snapshot';
import { DEFAULT_THRESHOLDS } from '../../core/thresholds';
import type { AppLookup, Connection, Thresholds } from '../../core/types';
import type { UsageMap } from '../../core/usage';
import type { HubSettings } from '../../adapters/sdk/settingsStore';
import type { ClientIdChange } from '../../core/clientIdSetting';
import type { PageDeps } from './pageDeps';
import type { GraphAccess } from './graphAccess';
import type { GraphReadResult } from './readGraph';

/**
 * The steps both hubs' loads share (useHubData and useOrgData run them, with their own): each is a small
 * function, and each change to the page's data is a named transition `(data) => data`.
 */

export interface HubData {
  phase: 'loading' | 'loaded' | 'failed';
  error: string | null;
  connections: Connection[];
  lookups: Map<string, AppLookup>;
  /** Keys still waiting for Graph. */
  pending: Set<string>;
  access: GraphAccess;
  checkedAt: number | null;
  thresholds: Thresholds;
  /** The Entra client ID in use: fixed in the package, else the shared setting. */
  clientId: string | null;
  clientIdSource: 'package' | 'settings' | null;
  clientIdHistory: ClientIdChange[];
  /** The settings could not be read: they are unknown (not "not set") and Save is refused. */
  settingsError: string | null;
  /** This project's stored thresholds are not valid: the defaults are in use until Settings saves new ones. */
  thresholdsInvalid: string | null;
  homeTenantId: string | null;
  snapshot: Snapshot | null;
  /** Why the shared snapshot could not be read (too large, refused…): said, never a silent "unknown". */
  snapshotError: string | null;
  /** Expiry of the pasted token, when the page uses one. */
  pastedTokenExpiresAt: string | null;
  /** Thresholds per project id (lower case), where a page shows several projects. */
  projectThresholds?: Map<string, Thresholds>;
  /** Usage read by this page view (the snapshot's usage fills in the rest). */
  usage: UsageMap;
  /** Connection id (lower case) → why its execution history could not be read by this page view. */
  usageErrors: Record<string, string>;
}

export const INITIAL: HubData = {
  phase: 'loading',
  error: null,
  connections: [],
  lookups: new Map(),
  pending: new Set(),
  access: { kind: 'pending' },
  checkedAt: null,
  thresholds: DEFAULT_THRESHOLDS,
  clientId: null,
  clientIdSource: null,
  clientIdHistory: [],
  settingsError: null,
  thresholdsInvalid: null,
  homeTenantId: null,
  snapshot: null,
  snapshotError: null,
  pastedTokenExpiresAt: null,
  usage: {},
  usageErrors: {},
};

export type Transition = (d: HubData) => HubData;

/** A load begins: keep the rows on a refresh, clear the error. */
export const startLoading: Transition = (d) => ({
  ...d,
  phase: d.connections.length ? 'loaded' : 'loading',
  error: null,
});

/** Settings that cannot be read leave the default thresholds and say so: "could not read", never "not set". */
export function loadSettingsOrDefaults(deps: Pick<PageDeps, 'loadSettings'>): Promise<HubSettings> {
  return deps.loadSettings().catch((e: unknown) => ({
    clientId: null,
    thresholds: DEFAULT_THRESHOLDS,
    readError: (e as Error)?.message ?? String(e),
  }));
}

/** The Graph lookups the rows wait for. */
export function pendingKeys(connections: Connection[]): Set<string> {
  return new Set(connections.map(keyFor).filter((k): k is string => k !== null));
}

/** The client ID in use: the one fixed at packaging wins over the shared setting. */
export function clientIdInUse(
  settings: HubSettings,
  fixed: string | null | undefined,
): Pick<HubData, 'clientId' | 'clientIdSource'> {
  if (fixed) return { clientId: fixed, clientIdSource: 'package' };
  return { clientId: settings.clientId, clientIdSource: settings.clientId ? 'settings' : null };
}

/** The client ID in use, where it comes from, its last changes, and whether the settings could be read. */
export function withClientIdSettings(settings: HubSettings, fixed?: string | null): Transition {
  return (d) => ({
    ...d,
    ...clientIdInUse(settings, fixed),
    clientIdHistory: settings.clientIdHistory ?? [],
    settingsError: settings.readError ?? null,
    thresholdsInvalid: settings.thresholdsInvalid ?? null,
  });
}

/** This view's Graph readings as they are published for viewers without Graph and for the warning surfaces. */
export function readingsToPublish(
  lookups: Map<string, AppLookup>,
  deps: Pick<PageDeps, 'now' | 'context'>,
): Record<string, SnapshotApp> {
  return snapshotEntries(lookups, tenantOfKey, new Date(deps.now()).toISOString(), {
    kind: 'hub',
    name: deps.context.userName,
  });
}

/** Nothing to ask Graph: every row is final. */
export const nothingToRead: Transition = (d) => ({ ...d, access: { kind: 'ready' } });

/** A Graph token source for this load, or why there is none. */
export type GraphSignIn = { source: GraphTokenSource } | { access: GraphAccess };

/** A Graph token source (the pasted token first, then NAA), or why there is none. */
export async function graphTokenSource(
  pasted: GraphTokenSource | null,
  clientId: string | null,
  naaSource: (clientId: string) => Promise<GraphTokenSource>,
  settingsError: string | null = null,
): Promise<GraphSignIn> {
  if (pasted) return { source: pasted };
  if (!clientId && settingsError)
    return {
      access: {
        kind: 'error',
        message: `Could not read the extension's settings (${settingsError}), so the Entra app to sign in with is unknown`,
      },
    };
  if (!clientId) return { access: { kind: 'unconfigured' } };
  try {
    return { source: publicCloudOnly(await naaSource(clientId)) };
  } catch (e) {
    return {
      access:
        e instanceof NaaUnavailableError
          ? { kind: 'unavailable', message: e.message }
          : { kind: 'error', message: `Graph sign-in failed: ${(e as Error)?.message ?? e}` },
    };
  }
}

/** No Graph for this view: pending rows become final with the reason the access state gives. */
export function withoutGraph(access: GraphAccess): Transition {
  return (d) => ({ ...d, pending: new Set(), access });
}

/** Repeatedly, while Graph answers: a group of its answers. */
export function withGraphAnswers(batch: [string, AppLookup][]): Transition {
  return (d) => {
    const lookups = new Map(d.lookups);
    const still = new Set(d.pending);
    for (const [key, lookup] of batch) {
      lookups.set(key, lookup);
      still.delete(key);
    }
    return { ...d, lookups, pending: still };
  };
}

/** Graph is done; tenants that need a sign-in are offered one. */
export function graphDone(result: GraphReadResult, source: GraphTokenSource): Transition {
  return (d) => ({
    ...d,
    pending: new Set(),
    homeTenantId: source.homeTenantId(),
    access: result.needSignIn.length > 0 ? { kind: 'sign-in', tenants: result.needSignIn } : { kind: 'ready' },
  });
}
