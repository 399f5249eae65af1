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
const THRESHOLDS_COLLECTION = 'project-settings';

const manager = extensionDataManager;

export function createSettingsStore(projectId: string) {
  return {
    async load(): Promise<HubSettings> {
      const m = await manager();
      const [clientId, doc] = await Promise.all([
        m.getValue<string>(CLIENT_ID_KEY, { scopeType: 'Default' }).catch(() => null),
        m.getDocument(THRESHOLDS_COLLECTION, projectId).catch(() => null),
      ]);
      const checked = doc ? checkThresholds(doc.warningDays, doc.criticalDays) : null;
      return {
        clientId: isGuid(clientId) ? clientId : null,
        thresholds: checked && checked.ok ? checked.thresholds : DEFAULT_THRESHOLDS,
      };
    },
    async saveClientId(clientId: string | null): Promise<void> {
      const m = await manager();
      await m.setValue(CLIENT_ID_KEY, clientId ?? '', { scopeType: 'Default' });
    },
    async saveThresholds(t: Thresholds): Promise<void> {
      const m = await manager();
      await m.setDocument(THRESHOLDS_COLLECTION, { id: projectId, ...t, __etag: -1 });
    },
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
