import * as SDK from 'azure-devops-extension-sdk';
import { extensionDataManager } from './extensionDataSdk';
import { isDocumentMissing, serverErrorOf } from '../serverError';
import {
  CLIENT_ID_DOCUMENT,
  clientIdDocument,
  readClientIdSetting,
  type ClientIdChange,
} from '../../core/clientIdSetting';
import { DEFAULT_THRESHOLDS } from '../../core/thresholds';
import {
  thresholdsFromDocument,
  thresholdsReadFailed,
  usableThresholds,
  type ThresholdsReading,
} from '../../core/thresholdsDocument';
import type { Thresholds } from '../../core/types';

/** Settings kept in extension data: the Entra client ID for the organization, thresholds per project. */

export interface HubSettings {
  clientId: string | null;
  thresholds: Thresholds;
  /** The last changes of the client ID, newest first. */
  clientIdHistory?: ClientIdChange[];
  /** Set when the settings could not be read: they are unknown, not "not set", and Save is refused. */
  readError?: string;
  /** This project's thresholds document was read and is not valid thresholds: Save may replace it. */
  thresholdsInvalid?: string;
}

/** Where getValue/setValue keep values: documents `{id: key, value}` in this collection. */
const VALUES_COLLECTION = '$settings';
export const THRESHOLDS_COLLECTION = 'project-settings';

const manager = extensionDataManager;

/** A document, null when it does not exist yet; any other failure is thrown. */
async function readDocument(collection: string, id: string): Promise<unknown | null> {
  try {
    return await (await manager()).getDocument(collection, id);
  } catch (e) {
    if (isDocumentMissing(e)) return null;
    throw e;
  }
}

/**
 * The one read of a project's thresholds document, for every page that shows a verdict (hub, pill, run
 * section, widget): set, missing (the defaults stand) or could not read (never the defaults).
 */
export async function readProjectThresholds(projectId: string): Promise<ThresholdsReading> {
  try {
    return thresholdsFromDocument(await readDocument(THRESHOLDS_COLLECTION, projectId));
  } catch (e) {
    return thresholdsReadFailed(serverErrorOf(e));
  }
}

/**
 * The organization hub's settings: the Entra client ID (organization-wide; null when unset or not a GUID)
 * and its last changes. Thresholds are each project's: the defaults stand here. A failed read throws.
 */
export async function loadOrganizationSettings(): Promise<HubSettings> {
  const client = readClientIdSetting(await readDocument(VALUES_COLLECTION, CLIENT_ID_DOCUMENT));
  return { clientId: client.clientId, clientIdHistory: client.history, thresholds: DEFAULT_THRESHOLDS };
}

/** Writes a new client ID with who changed it and when; refused when someone else changed it meanwhile. */
export async function saveClientIdAs(clientId: string | null, userName: string, nowMs: number): Promise<void> {
  const current = readClientIdSetting(await readDocument(VALUES_COLLECTION, CLIENT_ID_DOCUMENT));
  const doc = clientIdDocument(current, clientId, userName, new Date(nowMs).toISOString());
  const m = await manager();
  await (current.etag === undefined
    ? m.createDocument(VALUES_COLLECTION, doc)
    : m.updateDocument(VALUES_COLLECTION, doc));
}

/** The same, recorded as the signed-in user (the organization hub). */
export function saveClientId(clientId: string | null): Promise<void> {
  return saveClientIdAs(clientId, SDK.getUser().displayName, Date.now());
}

export function createSettingsStore(projectId: string, userName: string, now: () => number = Date.now) {
  return {
    async load(): Promise<HubSettings> {
      const [clientDoc, reading] = await Promise.all([
        readDocument(VALUES_COLLECTION, CLIENT_ID_DOCUMENT).then(
          (doc) => ({ ok: true as const, doc }),
          (e: unknown) => ({ ok: false as const, error: serverErrorOf(e).message }),
        ),
        readProjectThresholds(projectId),
      ]);
      const client = readClientIdSetting(clientDoc.ok ? clientDoc.doc : null);
      // Thresholds that could not be read are unknown, not the defaults: the page says so and Save is off.
      // A document read whole but not valid is known to be broken: Save may replace it.
      const invalid = reading.kind === 'unreadable' && reading.invalid ? reading.reason : undefined;
      const readError = !clientDoc.ok
        ? clientDoc.error
        : reading.kind === 'unreadable' && !invalid
          ? `this project's thresholds: ${reading.reason}`
          : undefined;
      return {
        clientId: client.clientId,
        clientIdHistory: client.history,
        // As the project set them (Settings edits these); the surfaces apply the floors.
        thresholds: reading.kind === 'set' ? reading.asSet : (usableThresholds(reading) ?? DEFAULT_THRESHOLDS),
        ...(readError ? { readError } : {}),
        ...(invalid ? { thresholdsInvalid: invalid } : {}),
      };
    },
    saveClientId: (clientId: string | null) => saveClientIdAs(clientId, userName, now()),
    async saveThresholds(t: Thresholds): Promise<void> {
      const m = await manager();
      await m.setDocument(THRESHOLDS_COLLECTION, { id: projectId, ...t, __etag: -1 });
    },
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
