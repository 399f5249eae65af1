import 'azure-devops-ui/Core/override.css';
import '../shared/hubs.scss';
import * as React from 'react';
import * as SDK from 'azure-devops-extension-sdk';
import { createNaaGraphTokens } from '../../adapters/auth/naaGraphTokens';
import { createConnectionParam, readHostContext } from '../../adapters/sdk/hostContext';
import { createColumnChoiceStore } from '../../adapters/sdk/columnChoices';
import { createSnapshotStore } from '../../adapters/sdk/extensionDataSdk';
import { checkEndpoint, listProjectEndpoints } from '../../adapters/sdk/serviceEndpoints';
import { createSettingsStore } from '../../adapters/sdk/settingsStore';
import { extensionHistoryPage } from '../../adapters/sdk/executionHistory';
import { readUsage } from '../../adapters/usage/readUsage';
import type { HubDeps } from './deps';
import { fixedClientId } from '../shared/fixedClientId';
import { HubPage } from './HubPage';
import { mountPage, startPage } from '../shared/mountPage';

/** Composition of the Project Settings hub: the real SDK, REST clients and NAA tokens. */
async function main(): Promise<void> {
  await SDK.init({ loaded: false, applyTheme: true });
  await SDK.ready();
  // The list is the first paint's critical path: ask for it before anything else the page needs.
  const projectName = SDK.getWebContext().project?.name ?? '';
  let prefetched: Promise<unknown[]> | null = listProjectEndpoints(projectName);
  prefetched.catch(() => undefined);
  const context = await readHostContext();
  const settings = createSettingsStore(context.project.id, context.userName);
  const localGraphRoot = context.localGraphRoot;
  const deps: HubDeps = {
    context,
    listEndpoints: () => {
      const list = prefetched ?? listProjectEndpoints(context.project.name);
      prefetched = null;
      return list;
    },
    fixedClientId: fixedClientId(),
    loadSettings: settings.load,
    saveClientId: settings.saveClientId,
    saveThresholds: settings.saveThresholds,
    createTokens: createNaaGraphTokens,
    graphRootFor: localGraphRoot ? () => localGraphRoot : undefined,
    snapshots: createSnapshotStore(),
    checkEndpoint: (endpointId) => checkEndpoint(context.project.name, endpointId),
    connectionParam: createConnectionParam(),
    columnChoices: createColumnChoiceStore('project-hub'),
    now: () => Date.now(),
    readUsage: (project, ids) =>
      readUsage(ids, extensionHistoryPage(project.name), { nowMs: Date.now(), concurrency: 6, project }),
  };
  mountPage(<HubPage deps={deps} />);
  await SDK.notifyLoadSucceeded();
}

startPage(main);
