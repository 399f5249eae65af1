import 'azure-devops-ui/Core/override.css';
import '../shared/hubs.scss';
import './orgHub.scss';
import * as React from 'react';
import * as SDK from 'azure-devops-extension-sdk';
import { createNaaGraphTokens } from '../../adapters/auth/naaGraphTokens';
import { downloadText } from '../../adapters/browserDownload';
import { createConnectionParam, readHostContext } from '../../adapters/sdk/hostContext';
import { createColumnChoiceStore } from '../../adapters/sdk/columnChoices';
import { createSnapshotStore } from '../../adapters/sdk/extensionDataSdk';
import { readAllSnapshots, readAllThresholds } from '../../adapters/sdk/orgData';
import { extensionHistoryPage } from '../../adapters/sdk/executionHistory';
import { listProjects } from '../../adapters/sdk/projects';
import { checkEndpoint, listProjectEndpoints, warmUpEndpointLists } from '../../adapters/sdk/serviceEndpoints';
import { startEarly } from '../../adapters/startEarly';
import { loadOrganizationSettings, saveClientId } from '../../adapters/sdk/settingsStore';
import { readUsage } from '../../adapters/usage/readUsage';
import { fixedClientId } from '../shared/fixedClientId';
import type { OrgHubDeps } from './deps';
import { OrgHubPage } from './OrgHubPage';
import { mountPage, startPage } from '../shared/mountPage';

/** Composition of the Organization Settings hub: the real SDK, REST clients and NAA tokens. */
async function main(): Promise<void> {
  await SDK.init({ loaded: false, applyTheme: true });
  await SDK.ready();
  // The project list and the endpoint client's location are asked for while the page is first drawn.
  const projects = startEarly(listProjects);
  warmUpEndpointLists();
  const context = await readHostContext();
  const localGraphRoot = context.localGraphRoot;
  const deps: OrgHubDeps = {
    context,
    listProjects: projects,
    listEndpoints: listProjectEndpoints,
    fixedClientId: fixedClientId(),
    loadSettings: loadOrganizationSettings,
    saveClientId,
    readAllSnapshots,
    readAllThresholds,
    snapshots: createSnapshotStore(),
    createTokens: createNaaGraphTokens,
    graphRootFor: localGraphRoot ? () => localGraphRoot : undefined,
    checkEndpoint,
    connectionParam: createConnectionParam(),
    columnChoices: createColumnChoiceStore('org-hub'),
    download: downloadText,
    now: () => Date.now(),
    // Two connections of a project at once, HISTORY_PROJECTS_AT_ONCE projects at once (orgUsageStep.ts).
    readUsage: (project, ids) =>
      readUsage(ids, extensionHistoryPage(project.name), { nowMs: Date.now(), concurrency: 2, project }),
  };
  mountPage(<OrgHubPage deps={deps} />);
  await SDK.notifyLoadSucceeded();
}

startPage(main);
