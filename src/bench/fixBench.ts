import { scannerSignIn, secretsOf } from '../adapters/auth/scannerAuth';
import { createFakeDevOps, FAKE_ADO_TOKEN } from '../devhost/fakeDevOps';
import { createFakeEntra } from '../devhost/fakeEntra';
import { createFakeGraph } from '../devhost/fakeGraph';
import { normalizeFixture } from '../devhost/fixture';
import { checkFixSettings, type FixNames } from '../jobs/fix/fixOptions';
import { runFix } from '../jobs/fix/runFix';
import { guid, BENCH_GRAPH_TOKEN, serve } from './benchTools';

/**
 * The fix plan's cost: 2,000 connections in 20 projects (half created by Azure DevOps, a quarter
 * manual, a quarter federated), each secret-based one used by pipelines of its project. A plan is the
 * scan's requests plus, per project, one build-definitions request and one YAML read per pipeline that
 * used a connection to convert; and no write at all.
 */

const PROJECTS = 20;
const PER_PROJECT = 100;
const PIPELINES_PER_PROJECT = 30;
const TENANT = '11111111-0000-4000-8000-000000000001';

function connection(n: number, project: { id: string; name: string }, kind: number) {
  const scheme = kind === 3 ? 'WorkloadIdentityFederation' : 'ServicePrincipal';
  const parameters: Record<string, unknown> = { tenantid: TENANT, serviceprincipalid: guid('dddddddd', n) };
  if (scheme === 'ServicePrincipal')
    Object.assign(parameters, { authenticationType: 'spnKey', serviceprincipalkey: null });
  return {
    id: guid('cccccccc', n),
    name: `conn-${n}`,
    type: 'azurerm',
    url: 'https://management.azure.com/',
    isReady: true,
    isShared: false,
    authorization: { scheme, parameters },
    data: {
      environment: 'AzureCloud',
      creationMode: kind === 2 ? 'Manual' : 'Automatic',
      appObjectId: guid('eeeeeeee', n),
    },
    modificationDate: '{{now-80d}}',
    operationStatus: { state: 'Ready' },
    serviceEndpointProjectReferences: [{ projectReference: project, name: `conn-${n}` }],
  };
}

function makeFixture() {
  const projects = Array.from({ length: PROJECTS }, (_, p) => ({ id: guid('9a9a9a9a', p), name: `project-${p}` }));
  const endpoints: unknown[] = [];
  const applications: unknown[] = [];
  const executionHistory: Record<string, unknown[]> = {};
  const pipelineDefinitions: unknown[] = [];
  const gitItems: Record<string, Record<string, string>> = {};
  projects.forEach((project, p) => {
    const repo = guid('abababab', p);
    gitItems[repo] = {};
    for (let d = 0; d < PIPELINES_PER_PROJECT; d++) {
      const id = p * 1000 + d;
      const path = `/pipelines/p${d}.yml`;
      pipelineDefinitions.push({
        id,
        name: `pipe-${id}`,
        project,
        process: { type: 2, yamlFilename: path },
        repository: { id: repo, type: 'TfsGit', defaultBranch: 'refs/heads/main' },
      });
      gitItems[repo][path] =
        d % 5 === 0
          ? 'steps:\n- task: AzureCLI@2\n  inputs:\n    addSpnToEnvironment: true\n'
          : 'steps:\n- script: echo hi\n';
    }
    for (let i = 0; i < PER_PROJECT; i++) {
      const n = p * PER_PROJECT + i;
      endpoints.push(connection(n, project, i % 4));
      applications.push({
        id: guid('eeeeeeee', n),
        appId: guid('dddddddd', n),
        displayName: `app-${n}`,
        passwordCredentials: [
          {
            keyId: guid('ffffffff', n),
            startDateTime: '{{now-80d}}',
            endDateTime: '{{now+10d}}',
            hint: 'Ab1',
            displayName: null,
          },
        ],
      });
      const def = p * 1000 + (i % PIPELINES_PER_PROJECT);
      executionHistory[guid('cccccccc', n)] = [
        {
          data: {
            id: n,
            planType: 'Build',
            definition: { id: def, name: `pipe-${def}` },
            owner: { id: n, name: `run-${n}` },
            startTime: '{{now-2d}}',
            finishTime: '{{now-2d}}',
            result: 'succeeded',
          },
        },
      ];
    }
  });
  return normalizeFixture({
    organization: 'bench',
    project: projects[0],
    projects,
    endpoints,
    applications,
    executionHistory,
    pipelineDefinitions,
    gitItems,
  });
}

const NAMES = Object.fromEntries(
  [
    'org',
    'projects',
    'warningDays',
    'criticalDays',
    'graphUrl',
    'concurrency',
    'timeoutSeconds',
    'connections',
    'journal',
    'format',
    'secretDays',
    'revert',
    'loginUrl',
    'apply',
    'all',
  ].map((k) => [k, `--${k}`]),
) as FixNames;

export async function benchFix(): Promise<string[]> {
  const fixture = makeFixture();
  const entra = createFakeEntra(fixture);
  const devops = createFakeDevOps(fixture, { entra });
  const graph = createFakeGraph(fixture, { entra });
  const d = await serve(devops.handle);
  const g = await serve(graph.handle);
  try {
    const checked = checkFixSettings(
      { org: `${d.url}/bench`, graphUrl: g.url, format: 'json', concurrency: '8' },
      NAMES,
    );
    if (!checked.ok) throw new Error(checked.message);
    const env = { AZURE_DEVOPS_EXT_PAT: FAKE_ADO_TOKEN, GRAPH_ACCESS_TOKEN: BENCH_GRAPH_TOKEN };
    const secrets = secretsOf(env);
    let stdout = '';
    const started = Date.now();
    const outcome = await runFix(checked.options, {
      io: { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => undefined } },
      secrets,
      now: Date.now,
      fetch: (input, init) => fetch(input, init),
      ...scannerSignIn(env, secrets, g.url),
      confirm: null,
    });
    const ms = Date.now() - started;
    const s = devops.stats;
    const scanRequests = s.requests - s.definitionLists - s.gitItems + graph.stats.requests;
    const converts = outcome.actions.filter((a) => a.action === 'convert');
    const flagged = converts.filter((a) => a.risks.some((r) => r.code === 'reads-secret')).length;
    const writes = (s.methods.PUT ?? 0) + graph.stats.passwordWrites;
    // Pipelines at risk: every distinct pipeline (per project) in the usage of a connection to convert.
    const atRisk = new Set(
      converts.flatMap((a) =>
        (
          (fixture.executionHistory[a.connectionId.toLowerCase()] ?? []) as { data: { definition: { id: number } } }[]
        ).map((r) => `${a.project}|${r.data.definition.id}`),
      ),
    ).size;
    return [
      `fix plan, ${fixture.endpoints.length} connections in ${PROJECTS} projects (${converts.length} convert, ${outcome.actions.filter((a) => a.action === 'rotate').length} rotate):`,
      `  scan requests:        ${scanRequests} (Azure DevOps ${s.requests - s.definitionLists - s.gitItems}, Graph ${graph.stats.requests})`,
      `  YAML reads:           ${s.definitionLists} build-definition lists + ${s.gitItems} root files (${atRisk} pipelines at risk)`,
      `  plan requests:        ${s.requests + graph.stats.requests} = scan + ${s.definitionLists + s.gitItems}`,
      `  writes:               ${writes} (PUT ${s.methods.PUT ?? 0}, Graph password writes ${graph.stats.passwordWrites})`,
      `  converts flagged:     ${flagged} (a pipeline sets addSpnToEnvironment: true)`,
      `  wall time:            ${ms} ms; plan JSON ${Math.round(stdout.length / 1024)} KiB`,
    ];
  } finally {
    await d.close();
    await g.close();
  }
}
