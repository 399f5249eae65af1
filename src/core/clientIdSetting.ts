import { isGuid, parseDate } from './raw';

/**
 * The organization's Entra client ID, kept in extension data that every user of the extension can
 * write. Whoever sets it sends every viewer's sign-in and consent prompt to that app, so the document
 * keeps the last few changes (who, when) for the Settings panel to show.
 */

export const CLIENT_ID_DOCUMENT = 'entraClientId';
export const CLIENT_ID_HISTORY_LENGTH = 5;

export interface ClientIdChange {
  clientId: string | null;
  by: string;
  at: string;
}

export interface ClientIdSetting {
  clientId: string | null;
  /** Newest first, at most CLIENT_ID_HISTORY_LENGTH. */
  history: ClientIdChange[];
  /** Extension data's version of the document; absent when it does not exist yet. */
  etag?: number;
}

/** Reads the stored document defensively (`{id, value, history, __etag}`, as getValue/setValue keep it). */
export function readClientIdSetting(raw: unknown): ClientIdSetting {
  const doc = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const value = typeof doc.value === 'string' ? doc.value.trim() : null;
  const history: ClientIdChange[] = [];
  for (const item of Array.isArray(doc.history) ? doc.history : []) {
    const h = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    const at = parseDate(h.at);
    if (!at || typeof h.by !== 'string') continue;
    history.push({
      clientId: isGuid(h.clientId as string) ? (h.clientId as string) : null,
      by: h.by.slice(0, 200),
      at,
    });
  }
  history.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return {
    clientId: isGuid(value) ? value : null,
    history: history.slice(0, CLIENT_ID_HISTORY_LENGTH),
    ...(typeof doc.__etag === 'number' ? { etag: doc.__etag } : {}),
  };
}

/** The document to write for a change of client ID: the new value and the change on top of the history. */
export function clientIdDocument(
  current: ClientIdSetting,
  clientId: string | null,
  by: string,
  atIso: string,
): { id: string; value: string; history: ClientIdChange[]; __etag?: number } {
  return {
    id: CLIENT_ID_DOCUMENT,
    value: clientId ?? '',
    history: [{ clientId, by, at: atIso }, ...current.history].slice(0, CLIENT_ID_HISTORY_LENGTH),
    ...(current.etag === undefined ? {} : { __etag: current.etag }),
  };
}
