import { createFakeDevOps, FAKE_ADO_TOKEN } from '../../src/devhost/fakeDevOps';
import { createFakeEntra } from '../../src/devhost/fakeEntra';
import { createFakeGraph } from '../../src/devhost/fakeGraph';
import { normalizeFixture, type Fixture } from '../../src/devhost/fixture';
import { listen } from './listen';
import { application, armEndpoint, iso, NOW, PROJECT, TENANT } from './payloads';

/** The local host's fake Azure DevOps, Graph and Entra token endpoint on loopback ports, with a movable clock. */

export const IDS = {
  automatic: '3b2a1f0e-0000-4000-8000-000000000010',
  manual: '3b2a1f0e-0000-4000-8000-000000000020',
  shared: '3b2a1f0e-0000-4000-8000-000000000030',
};
export const APP_MANUAL = '2d14274f-8f5f-4b8a-9c52-7f151b9472a0';
export const APP_MANUAL_OBJECT = '9f1e2d3c-0000-4000-8000-000000000021';
export const REPO = 'a7b6c5d4-0000-4000-8000-000000000040';

export function fixWorldFixture(extra: Record<string, unknown> = {}): Fixture {
  const manualApp = { ...application([{ start: iso(-60, -1), end: iso(5) }], [], APP_MANUAL), id: APP_MANUAL_OBJECT };
  return normalizeFixture({
    organization: 'contoso',
    project: PROJECT,
    endpoints: [
      armEndpoint({ id: IDS.automatic, name: 'arm-auto' }),
      armEndpoint({ id: IDS.manual, name: 'arm-manual', creationMode: 'Manual', appId: APP_MANUAL }),
    ],
    applications: [application([{ start: iso(-60, -1), end: iso(20) }]), manualApp],
    pipelineDefinitions: [
      {
        id: 1,
        name: 'web-ci',
        project: PROJECT,
        process: { type: 2, yamlFilename: '/azure-pipelines.yml' },
        repository: { id: REPO, type: 'TfsGit', defaultBranch: 'refs/heads/main' },
      },
      {
        id: 2,
        name: 'infra',
        project: PROJECT,
        process: { type: 2, yamlFilename: 'infra/deploy.yml' },
        repository: { id: REPO, type: 'TfsGit', defaultBranch: 'refs/heads/main' },
      },
      {
        id: 3,
        name: 'gh',
        project: PROJECT,
        process: { type: 2, yamlFilename: 'ci.yml' },
        repository: { id: 'contoso/gh', type: 'GitHub' },
      },
      { id: 4, name: 'classic', project: PROJECT, process: { type: 1 }, repository: { id: REPO, type: 'TfsGit' } },
    ],
    gitItems: {
      [REPO]: {
        '/azure-pipelines.yml':
          'steps:\n- task: AzureCLI@2\n  inputs:\n    azureSubscription: arm-auto\n    scriptType: bash\n',
        '/infra/deploy.yml':
          'steps:\n- task: AzureCLI@2\n  inputs:\n    azureSubscription: arm-auto\n    addSpnToEnvironment: true\n    inlineScript: terraform apply\n',
      },
    },
    ...extra,
  });
}

export interface FixWorld {
  orgUrl: string;
  graphUrl: string;
  fixture: Fixture;
  devops: ReturnType<typeof createFakeDevOps>;
  graph: ReturnType<typeof createFakeGraph>;
  entra: ReturnType<typeof createFakeEntra>;
  clock: { now: number };
  authorization: () => Promise<string>;
  close(): Promise<void>;
}

export { NOW, TENANT };

export async function startFixWorld(fixture: Fixture = fixWorldFixture()): Promise<FixWorld> {
  const clock = { now: NOW };
  const now = () => clock.now;
  const entra = createFakeEntra(fixture, { now });
  const devops = createFakeDevOps(fixture, { now, entra });
  const graph = createFakeGraph(fixture, { now, entra });
  const d = await listen(devops.handle);
  const g = await listen(graph.handle);
  return {
    orgUrl: `${d.url}/contoso`,
    graphUrl: g.url,
    fixture,
    devops,
    graph,
    entra,
    clock,
    authorization: async () => `Basic ${Buffer.from(`:${FAKE_ADO_TOKEN}`).toString('base64')}`,
    close: async () => {
      await d.close();
      await g.close();
    },
  };
}
