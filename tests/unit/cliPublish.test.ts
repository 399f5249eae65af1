import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { extensionDataBaseUrl } from '../../src/adapters/rest/extensionDataRest';
import { parseArgs } from '../../src/cli/args';
import { run, type ScanReport } from '../../src/cli/run';
import { appKey } from '../../src/core/graphQueries';
import { lookupsFromSnapshot, readSnapshot, type Snapshot, type SnapshotApp } from '../../src/core/snapshot';
import {
  ALPHA,
  APPS,
  BETA,
  captureIo,
  GAMMA,
  sampleOrg,
  snapshotAddress,
  startFakes,
  type Fakes,
  type FakeOrgOptions,
  withSampleOrg,
} from '../support/fakeOrg';
import { armEndpoint, iso, NOW, TENANT } from '../support/payloads';
import { graphToken } from '../support/tokens';

const PAT = 'pat-publish-Vb7nQ2xK9mLw4Tr-distinctive';
const GRAPH_TOKEN = graphToken(undefined, {}, 'graph-publish-Hs5Dk8Pq1z-distinctive');
const env = { AZURE_DEVOPS_EXT_PAT: PAT, GRAPH_ACCESS_TOKEN: GRAPH_TOKEN, BUILD_DEFINITIONNAME: 'nightly-expiry' };
const SECRETS = [PAT, GRAPH_TOKEN, Buffer.from(`:${PAT}`).toString('base64'), 'distinctive'];
const SCANNED_AT = new Date(NOW).toISOString();
const SNAPSHOTS = snapshotAddress();
const OTHER_APP = '0a000009-0000-4000-8000-000000000009';

const key = (appId: string) => appKey(TENANT, appId);

function withOrg<T>(
  extra: Partial<FakeOrgOptions>,
  body: (f: Fakes) => Promise<T>,
  faults: Record<string, number> = {},
): Promise<T> {
  return withSampleOrg({ pat: PAT, ...extra }, body, faults);
}

async function scan(f: Fakes, args: string[] = [], e: Record<string, string> = env) {
  const { io, captured } = captureIo(NOW);
  const argv = ['scan', '--org', f.orgUrl, '--graph-url', f.graphUrl, '--format', 'json', '--fail-on', 'none'];
  const code = await run([...argv, ...args], e, io);
  const report = captured.stdout && !args.includes('--output') ? (JSON.parse(captured.stdout) as ScanReport) : null;
  return { code, report, ...captured };
}

function stored(f: Fakes, projectId: string, where = SNAPSHOTS): Snapshot | null {
  const r = f.extensionData.get(where, projectId);
  return r.ok && r.doc ? (r.doc as unknown as Snapshot) : null;
}

/** A reading as the hub of another viewer would have saved it. */
function reading(appId: string, takenAt: string, endDateTime: string): SnapshotApp {
  return {
    appId,
    tenantId: TENANT,
    displayName: 'written by the hub',
    credentials: [
      {
        keyId: '11111111-0000-4000-8000-000000000001',
        kind: 'secret',
        displayName: 'old',
        startDateTime: iso(-200),
        endDateTime,
      },
    ],
    takenAt,
    takenBy: { kind: 'hub', name: 'Adele Vance' },
  };
}

function expectNoSecrets(...texts: string[]) {
  for (const text of texts) for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('sc-expiry scan --publish', () => {
  it('writes one document per project with the apps its own connections use, and no secret or hint', async () => {
    await withOrg({}, async (f) => {
      const { code, report, stderr } = await scan(f, ['--publish']);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(report?.summary.expired).toBe(1); // the report is the same as without --publish

      expect(f.extensionData.size()).toBe(3);
      const alpha = stored(f, ALPHA.id);
      const beta = stored(f, BETA.id);
      const gamma = stored(f, GAMMA.id);
      expect(Object.keys(alpha?.apps ?? {}).sort()).toEqual([key(APPS.expired), key(APPS.shared)].sort());
      expect(Object.keys(beta?.apps ?? {}).sort()).toEqual([key(APPS.shared), key(APPS.critical)].sort());
      expect(Object.keys(gamma?.apps ?? {})).toEqual([key(APPS.healthy)]);
      expect(alpha).toMatchObject({ id: ALPHA.id, version: 1, __etag: 1 });

      const expired = alpha?.apps[key(APPS.expired)];
      expect(expired).toEqual({
        appId: APPS.expired,
        tenantId: TENANT,
        displayName: 'contoso-My DevOps project-8a7aace5',
        credentials: [
          {
            keyId: '00000000-0000-4000-8000-000000000100',
            kind: 'secret',
            displayName: null,
            startDateTime: iso(-93),
            endDateTime: iso(-3),
          },
        ],
        takenAt: SCANNED_AT,
        takenBy: { kind: 'scanner', name: 'nightly-expiry' },
        // Graph read the owners with the credentials: this app has none.
        owners: [],
      });
      // What the hub reads back gives the same keys as the scan's Graph lookups.
      expect([...lookupsFromSnapshot(readSnapshot(beta, BETA.id, Date.now())).keys()].sort()).toEqual(
        [key(APPS.shared), key(APPS.critical)].sort(),
      );

      const documents = JSON.stringify([alpha, beta, gamma]);
      expect(documents).not.toMatch(/hint|secretText|Ab1/);
      expectNoSecrets(documents);

      // Through the ExtensionManagement data API, Default scope, api-version 7.1-preview.1, with the PAT: the
      // collection read once before the scan (its usage, and each document for its first write), then the writes.
      expect(f.org.extensionData).toEqual([
        'GET /org/_apis/ExtensionManagement/InstalledExtensions/sc-expiry/service-connection-expiry/Data/Scopes/Default/Current/Collections/credential-snapshots/Documents',
        ...Array(3).fill(
          'POST /org/_apis/ExtensionManagement/InstalledExtensions/sc-expiry/service-connection-expiry/Data/Scopes/Default/Current/Collections/credential-snapshots/Documents',
        ),
      ]);
      const dataPaths = f.org.paths.filter((p) => p.includes('/ExtensionManagement/'));
      expect(dataPaths.every((p) => p.endsWith('?api-version=7.1-preview.1'))).toBe(true);
      expect(f.org.unauthorized).toBe(0);
    });
  });

  it("leaves out apps Graph did not find or could not read, and names itself 'sc-expiry' outside a pipeline", async () => {
    await withOrg(
      {},
      async (f) => {
        const { code } = await scan(f, ['--publish'], { AZURE_DEVOPS_EXT_PAT: PAT, GRAPH_ACCESS_TOKEN: GRAPH_TOKEN });
        expect(code).toBe(3); // the 403 on Graph makes the scan incomplete, not the publish
        expect(Object.keys(stored(f, ALPHA.id)?.apps ?? {})).toEqual([key(APPS.shared)]);
        expect(Object.keys(stored(f, BETA.id)?.apps ?? {})).toEqual([key(APPS.shared)]);
        expect(stored(f, GAMMA.id)).toBeNull(); // nothing found: nothing written
        expect(stored(f, ALPHA.id)?.apps[key(APPS.shared)].takenBy).toEqual({ kind: 'scanner', name: 'sc-expiry' });
      },
      { [APPS.expired]: 403, [APPS.critical]: 404, [APPS.healthy]: 404 },
    );
  });

  it("merges with another writer's document: keeps what only it knows, replaces its older reading", async () => {
    await withOrg({}, async (f) => {
      f.extensionData.create(SNAPSHOTS, {
        id: ALPHA.id,
        version: 1,
        apps: {
          [key(OTHER_APP)]: reading(OTHER_APP, iso(-2), iso(40)),
          [key(APPS.expired)]: reading(APPS.expired, iso(-1), iso(100)),
          // A reading newer than the scan's stays: the newer reading wins, whoever wrote it.
          [key(APPS.shared)]: reading(APPS.shared, iso(0, 1), iso(25)),
        },
      });
      expect((await scan(f, ['--publish'])).code).toBe(0);
      const alpha = stored(f, ALPHA.id) as Snapshot;
      expect(alpha.__etag).toBe(2);
      expect(Object.keys(alpha.apps).sort()).toEqual([key(OTHER_APP), key(APPS.expired), key(APPS.shared)].sort());
      expect(alpha.apps[key(OTHER_APP)].takenBy.name).toBe('Adele Vance');
      expect(alpha.apps[key(APPS.expired)]).toMatchObject({
        takenAt: SCANNED_AT,
        takenBy: { kind: 'scanner', name: 'nightly-expiry' },
        credentials: [{ endDateTime: iso(-3) }],
      });
      expect(alpha.apps[key(APPS.shared)].takenBy.name).toBe('Adele Vance');

      // The next day's run updates the same documents in place.
      expect((await scan(f, ['--publish'])).code).toBe(0);
      expect(stored(f, ALPHA.id)?.__etag).toBe(3);
      expect(Object.keys(stored(f, ALPHA.id)?.apps ?? {})).toHaveLength(3);
      expect(f.extensionData.size()).toBe(3);
    });
  });

  it('keeps both writers when another one creates the document between our read and our create (409)', async () => {
    let raced = false;
    await withOrg(
      {
        onExtensionData: ({ method }, store) => {
          if (method !== 'POST' || raced) return;
          raced = true;
          store.create(SNAPSHOTS, {
            id: ALPHA.id,
            version: 1,
            apps: { [key(OTHER_APP)]: reading(OTHER_APP, iso(0), iso(9)) },
          });
        },
      },
      async (f) => {
        const { code, stderr } = await scan(f, ['--publish', '--project', 'Alpha']);
        expect(stderr).toBe('');
        expect(code).toBe(0);
        expect(raced).toBe(true);
        const methods = f.org.extensionData.map((r) => r.split(' ')[0]);
        expect(methods).toEqual(['GET', 'POST', 'GET', 'PATCH']); // 409 on POST, read again, merge, update
        expect(Object.keys(stored(f, ALPHA.id)?.apps ?? {}).sort()).toEqual(
          [key(OTHER_APP), key(APPS.expired), key(APPS.shared)].sort(),
        );
      },
    );
  });

  it('keeps both writers when another one updates the document between our read and our update (stale etag)', async () => {
    let raced = false;
    await withOrg(
      {
        onExtensionData: ({ method, id }, store) => {
          if (method !== 'PATCH' || raced) return;
          raced = true;
          const got = store.get(SNAPSHOTS, id ?? ALPHA.id);
          const current = (got.ok ? got.doc : null) as unknown as Snapshot;
          const apps = { ...current.apps, [key(OTHER_APP)]: reading(OTHER_APP, iso(0), iso(9)) };
          expect(store.update(SNAPSHOTS, { ...current, apps }).ok).toBe(true);
        },
      },
      async (f) => {
        f.extensionData.create(SNAPSHOTS, { id: ALPHA.id, version: 1, apps: {} });
        const { code, stderr } = await scan(f, ['--publish', '--project', 'Alpha']);
        expect(stderr).toBe('');
        expect(code).toBe(0);
        expect(raced).toBe(true);
        expect(f.org.extensionData.map((r) => r.split(' ')[0])).toEqual(['GET', 'PATCH', 'GET', 'PATCH']);
        const alpha = stored(f, ALPHA.id) as Snapshot;
        expect(alpha.__etag).toBe(3);
        expect(Object.keys(alpha.apps).sort()).toEqual([key(OTHER_APP), key(APPS.expired), key(APPS.shared)].sort());
      },
    );
  });

  it('keeps every app when two scanners publish the same projects at once', async () => {
    await withOrg({}, async (f) => {
      f.extensionData.create(SNAPSHOTS, {
        id: BETA.id,
        version: 1,
        apps: { [key(OTHER_APP)]: reading(OTHER_APP, iso(0), iso(9)) },
      });
      const [a, b] = await Promise.all([
        scan(f, ['--publish'], { ...env, BUILD_DEFINITIONNAME: 'first' }),
        scan(f, ['--publish', '--project', 'Beta'], { ...env, BUILD_DEFINITIONNAME: 'second' }),
      ]);
      expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, '', '']);
      expect(Object.keys(stored(f, BETA.id)?.apps ?? {}).sort()).toEqual(
        [key(OTHER_APP), key(APPS.shared), key(APPS.critical)].sort(),
      );
      expect(f.extensionData.size()).toBe(3);
    });
  });

  it('exits 3 with the scope hint when extension data answers 403, and still writes the report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sc-expiry-publish-'));
    try {
      await withOrg({ extensionDataStatus: 403 }, async (f) => {
        const output = join(dir, 'report.json');
        const { code, stdout, stderr } = await scan(f, ['--publish', '--output', output]);
        expect(code).toBe(3);
        const report = JSON.parse(readFileSync(output, 'utf8')) as ScanReport;
        expect(report.connections).toHaveLength(6);
        expect(report.errors).toEqual([]);
        expect(stdout).toMatch(/Wrote the json report to .*report\.json/);
        expect(stdout).toContain('Published the snapshot of 0 project(s)');
        expect(stderr).toContain('sc-expiry: snapshot not published for 3 project(s); the report was written.');
        for (const name of ['Alpha', 'Beta', 'Gamma']) expect(stderr).toMatch(new RegExp(`project "${name}": .*403`));
        expect(stderr).toContain('"Extension data (read & write)" scope (vso.extension.data_write)');
        expect(stderr).not.toContain('build identity'); // not in a pipeline
        expectNoSecrets(stdout, stderr, readFileSync(output, 'utf8'));
      });

      // In a pipeline: the hint says the build identity may lack the scope, and the failures are logged issues.
      await withOrg({ extensionDataStatus: 401, bearer: 'system-token-Xq3Lm8Rz1-distinctive' }, async (f) => {
        const pipelineEnv = {
          SYSTEM_ACCESSTOKEN: 'system-token-Xq3Lm8Rz1-distinctive',
          GRAPH_ACCESS_TOKEN: GRAPH_TOKEN,
          TF_BUILD: 'True',
          AGENT_TEMPDIRECTORY: dir,
        };
        const { code, report, stdout, stderr } = await scan(f, ['--publish', '--project', 'Gamma'], pipelineEnv);
        expect(code).toBe(3);
        expect(report?.connections).toHaveLength(1);
        expect(stderr).toContain('the build identity behind SYSTEM_ACCESSTOKEN may lack it');
        expect(stderr).toMatch(/##vso\[task\.logissue type=error;\]Snapshot not published: project "Gamma": .*401/);
        expect(stderr).toMatch(/##vso\[task\.logissue type=error;\]Publishing needs a token with the "Extension data/);
        expect(stderr).not.toContain('task.complete'); // exit 3 fails the step: no yellow
        expectNoSecrets(stdout, stderr);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a 404 that is not a missing document (extension not installed) fails the read, with the server message', async () => {
    await withOrg(
      { extensionDataStatus: 404, extensionDataTypeKey: 'InstalledExtensionNotFoundException' },
      async (f) => {
        const { code, stderr } = await scan(f, ['--publish', '--project', 'Gamma']);
        expect(code).toBe(3);
        // Read, not create: the 404 is not taken for "no snapshot yet".
        expect(stderr).toMatch(/project "Gamma": cannot read the snapshot.*404.*InstalledExtensionNotFoundException/);
        expect(f.org.extensionData.filter((r) => r.startsWith('POST'))).toEqual([]);
      },
    );
  });

  it('reads the id of a --project whose connections do not name it', async () => {
    const DELTA = { id: '9a0b0c0d-0000-4000-8000-0000000000de', name: 'Delta' };
    const fakes = await startFakes(
      {
        pat: PAT,
        projects: [{ ...DELTA, endpoints: [armEndpoint({ name: 'arm-delta', appId: APPS.healthy, projects: [] })] }],
      },
      sampleOrg().applications,
    );
    try {
      expect((await scan(fakes, ['--publish', '--project', 'delta'])).code).toBe(0);
      expect(fakes.org.paths).toContain('/org/_apis/projects/delta?api-version=7.1');
      expect(Object.keys(stored(fakes, DELTA.id)?.apps ?? {})).toEqual([key(APPS.healthy)]);
    } finally {
      await fakes.close();
    }
  });

  it('writes to the extension named by --extension-publisher and --extension-id; without --publish they do nothing', async () => {
    await withOrg({}, async (f) => {
      const ids = ['--extension-publisher', 'contoso', '--extension-id', 'service-connection-expiry-dev'];
      expect((await scan(f, ids)).code).toBe(0);
      expect(f.org.extensionData).toEqual([]);

      expect((await scan(f, ['--publish', '--project', 'Gamma', ...ids])).code).toBe(0);
      expect(stored(f, GAMMA.id, snapshotAddress('contoso', 'service-connection-expiry-dev'))).not.toBeNull();
      expect(stored(f, GAMMA.id)).toBeNull();
    });
  });

  it('parses the publish flags', () => {
    const org = ['scan', '--org', 'contoso'];
    const publishOf = (argv: string[]) => {
      const parsed = parseArgs(argv);
      return parsed.kind === 'scan' ? parsed.options.publish : parsed;
    };
    expect(publishOf(org)).toBeUndefined();
    expect(publishOf([...org, '--extension-id', 'x', '--extension-publisher', 'y'])).toBeUndefined();
    expect(parseArgs([...org, '--publish'])).toMatchObject({
      options: { publish: { publisher: 'sc-expiry', extensionId: 'service-connection-expiry' } },
    });
    expect(parseArgs([...org, '--publish', '--extension-publisher=me', '--extension-id', 'my.ext_1'])).toMatchObject({
      options: { publish: { publisher: 'me', extensionId: 'my.ext_1' } },
    });
    expect(parseArgs([...org, '--publish', '--extension-id', '../x'])).toEqual({
      kind: 'error',
      message: `--extension-id must be a Marketplace id (letters, digits, '-', '_', '.'), got "../x"`,
    });
    expect(parseArgs([...org, '--publish=yes'])).toEqual({ kind: 'error', message: '--publish takes no value' });
  });

  it.each([
    ['https://dev.azure.com/contoso', 'https://extmgmt.dev.azure.com/contoso'],
    ['https://dev.azure.com/contoso/', 'https://extmgmt.dev.azure.com/contoso'],
    ['https://DEV.AZURE.COM/Contoso', 'https://extmgmt.dev.azure.com/Contoso'],
    ['https://contoso.visualstudio.com', 'https://contoso.extmgmt.visualstudio.com'],
    ['https://contoso.visualstudio.com/DefaultCollection', 'https://contoso.extmgmt.visualstudio.com'],
    ['https://tfs.contoso.local/tfs/DefaultCollection', 'https://tfs.contoso.local/tfs/DefaultCollection'],
    ['http://127.0.0.1:8081/org', 'http://127.0.0.1:8081/org'],
  ])('extension data for %s lives at %s', (orgUrl, expected) => {
    expect(extensionDataBaseUrl(orgUrl)).toBe(expected);
  });
});
