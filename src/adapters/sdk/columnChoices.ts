import { columnChoicesFrom, type ColumnChoices } from '../../core/columnChoices';
import { extensionDataManager } from './extensionDataSdk';

export type { ColumnChoices };

export interface ColumnChoiceStore {
  read(): Promise<ColumnChoices | null>;
  write(choices: ColumnChoices): Promise<void>;
}

/**
 * The viewer's column choice, per page, in the extension's User-scoped data: it follows the person to any
 * browser and machine, as Azure DevOps's own column options do, and no other user can read or change it
 * (localStorage inside the extension's frame is partitioned by the top-level site and stays on one machine).
 */
export function createColumnChoiceStore(page: 'project-hub' | 'org-hub'): ColumnChoiceStore {
  const key = `columns-${page}`;
  return {
    async read() {
      const m = await extensionDataManager();
      return columnChoicesFrom(await m.getValue<unknown>(key, { scopeType: 'User', defaultValue: null }));
    },
    async write(choices) {
      await (await extensionDataManager()).setValue(key, choices, { scopeType: 'User' });
    },
  };
}
