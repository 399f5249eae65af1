import * as SDK from 'azure-devops-extension-sdk';
import type { IExtensionDataManager, IExtensionDataService } from 'azure-devops-extension-api';
import { SNAPSHOT_COLLECTION, type Snapshot } from '../../core/snapshot';
import { isDocumentMissing } from '../serverError';
import type { SnapshotDocumentStore } from '../snapshotSync';

/** The extension's own data (organization-scoped documents), through the host's data service. */
export async function extensionDataManager(): Promise<IExtensionDataManager> {
  const service = await SDK.getService<IExtensionDataService>('ms.vss-features.extension-data-service');
  return service.getExtensionDataManager(SDK.getExtensionContext().id, await SDK.getAccessToken());
}

/** Snapshots of app credentials, one document per project, shared by every viewer and the scanner. */
export function createSnapshotStore(): SnapshotDocumentStore {
  return {
    async read(projectId) {
      const m = await extensionDataManager();
      try {
        return await m.getDocument(SNAPSHOT_COLLECTION, projectId);
      } catch (e) {
        if (isDocumentMissing(e)) return null;
        throw e;
      }
    },
    async create(doc: Snapshot) {
      return (await extensionDataManager()).createDocument(SNAPSHOT_COLLECTION, doc);
    },
    async update(doc: Snapshot) {
      return (await extensionDataManager()).updateDocument(SNAPSHOT_COLLECTION, doc);
    },
  };
}
