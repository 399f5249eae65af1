import { extensionDataManager } from './extensionDataSdk';
import { checkThresholds, DEFAULT_THRESHOLDS } from '../../core/thresholds';
import { isGuid } from '../../core/raw';
import type { Thresholds } from '../../core/types';

/** Settings kept in extension data: the Entra client ID for the organization, thresholds per project. */

export interface HubSettings {
  clientId: string | null;
  thresholds: Thresholds;
}

const CLIENT_ID_KEY = 'entraClientId';
export const THRESHOLDS_COLLECTION = 'project-settings';

const manager = extensionDataManager;

/** The organization's Entra client ID (organization-wide, not per project); null when unset or not a GUID. */
export async function loadClientId(): Promise<string | null> {
  const value = await (await manager()).getValue<string>(CLIENT_ID_KEY, { scopeType: 'Default' }).catch(() => null);
  return isGuid(value) ? value : null;
}

export async function saveClientId(clientId: string | null): Promise<void> {
  await (await manager()).setValue(CLIENT_ID_KEY, clientId ?? '', { scopeType: 'Default' });
}

export function createSettingsStore(projectId: string) {
  return {
    async load(): Promise<HubSettings> {
      const m = await manager();
      const [clientId, doc] = await Promise.all([
        loadClientId(),
        m.getDocument(THRESHOLDS_COLLECTION, projectId).catch(() => null),
      ]);
      const checked = doc ? checkThresholds(doc.warningDays, doc.criticalDays) : null;
      return {
        clientId,
        thresholds: checked && checked.ok ? checked.thresholds : DEFAULT_THRESHOLDS,
      };
    },
    saveClientId,
    async saveThresholds(t: Thresholds): Promise<void> {
      const m = await manager();
      await m.setDocument(THRESHOLDS_COLLECTION, { id: projectId, ...t, __etag: -1 });
    },
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
