import { existsSync } from 'fs';
import { join } from 'path';
import type { Browser, Frame } from 'playwright-core';
import { normalizeFixture, type Fixture } from '../devhost/fixture';
import { startLocalHost, type LocalHost } from '../devhost/server';
import { packageRoot } from '../devhost/staticFiles';

/**
 * The real hub bundle with 2,000 connections in headless Chromium inside the local host, Graph answering
 * after a fixed latency: time to the first row, time to every verdict, and a filter keystroke.
 */

const CONNECTIONS = 2000;
const APPS = 1200;
const GRAPH_LATENCY_MS = 30;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const FILTER = 'input[aria-label="Filter connections by keyword"]';
const PROJECT = { id: '4a7c1e90-2b3d-4f5e-8a6b-7c8d9e0f1a2b', name: 'Contoso Platform' };
const TENANTS = [
  '8f3e2a91-5c4b-4d7e-a1f0-6b2c9d8e7f10', // home tenant: most connections
  '3c1d9e7f-2a4b-4c6d-8e0f-1a3b5c7d9e21',
  '5b2e8d4a-6c1f-4a3e-9b7d-0e2f4a6c8b13',
  '7d4a0c6e-8e3b-4c5a-ab9f-2a4c6e8a0d35',
];

/** Deterministic pseudo-random numbers, so every run benches the same fixture. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const guid = (prefix: string, i: number) => `${prefix}-0000-4000-8000-${String(i).padStart(12, '0')}`;
const days = (n: number) => `{{now${n < 0 ? '-' : '+'}${Math.abs(Math.round(n))}d}}`;

type Kind =
  'spnKey' | 'spnKeyManual' | 'certificate' | 'wif' | 'wifLegacy' | 'msi' | 'acr' | 'aks' | 'github' | 'generic';
const MIX: [Kind, number][] = [
  ['spnKey', 0.5],
  ['spnKeyManual', 0.08],
  ['certificate', 0.03],
  ['wif', 0.08],
  ['wifLegacy', 0.03],
  ['msi', 0.03],
  ['acr', 0.1],
  ['aks', 0.06],
  ['github', 0.05],
  ['generic', 0.04],
];

/**
 * 2,000 connections in the raw REST shape (a mix of Azure Resource Manager with secrets, certificates,
 * workload identity federation and managed identity; ACR; AKS; GitHub and generic), backed by about
 * 1,200 app registrations over four tenants, with expiries from a month ago to a year ahead.
 */
export function generateBenchFixture(connections = CONNECTIONS, apps = APPS): Fixture {
  const random = lcg(20260101);
  const pick = (): Kind => {
    let r = random();
    for (const [kind, share] of MIX) if ((r -= share) < 0) return kind;
    return 'spnKey';
  };
  const tenantOf = (app: number) => TENANTS[app % 10 < 7 ? 0 : 1 + (app % 3)];
  const endpoints: unknown[] = [];
  const applications = new Map<number, Record<string, unknown>>();
  const federated: Record<string, unknown[]> = {};
  let nextApp = 0;

  for (let i = 0; i < connections; i++) {
    const kind = pick();
    const id = guid('e0000000', i);
    const subscriptionId = guid('5b000000', i % 40);
    const created = -(30 + Math.floor(random() * 600));
    const modified = Math.min(-1, created + Math.floor(random() * -created));
    const entra = kind !== 'github' && kind !== 'generic' && kind !== 'msi';
    // Most apps back one connection; the rest are shared, so ~1,200 distinct apps for ~1,700 connections.
    const app = entra ? (nextApp < apps ? nextApp++ : Math.floor(random() * apps)) : -1;
    const appId = app >= 0 ? guid('a0000000', app) : null;
    const tenantId = app >= 0 ? tenantOf(app) : TENANTS[0];
    const name = `${kind === 'acr' ? 'acr' : kind === 'aks' ? 'aks' : kind === 'github' ? 'github' : kind === 'generic' ? 'feed' : 'arm'}-${['web', 'api', 'data', 'jobs', 'edge'][i % 5]}-${String(i).padStart(4, '0')}`;
    const automatic = kind === 'spnKey' || kind === 'wif' || kind === 'wifLegacy' || kind === 'acr' || kind === 'aks';
    let authorization: Record<string, unknown>;
    let type = 'azurerm';
    let url = 'https://management.azure.com/';
    let data: Record<string, unknown> = {
      environment: 'AzureCloud',
      scopeLevel: 'Subscription',
      subscriptionId,
      subscriptionName: `Subscription ${i % 40}`,
      creationMode: automatic ? 'Automatic' : 'Manual',
    };
    switch (kind) {
      case 'spnKey':
      case 'spnKeyManual':
      case 'certificate':
        authorization = {
          scheme: 'ServicePrincipal',
          parameters: {
            tenantid: tenantId,
            serviceprincipalid: appId,
            authenticationType: kind === 'certificate' ? 'spnCertificate' : 'spnKey',
            [kind === 'certificate' ? 'servicePrincipalCertificate' : 'serviceprincipalkey']: null,
            scope: `/subscriptions/${subscriptionId}`,
          },
        };
        break;
      case 'wif':
      case 'wifLegacy':
        authorization = {
          scheme: 'WorkloadIdentityFederation',
          parameters: {
            tenantid: tenantId,
            serviceprincipalid: appId,
            workloadIdentityFederationIssuer:
              kind === 'wif'
                ? `https://login.microsoftonline.com/${tenantId}/v2.0`
                : `https://vstoken.dev.azure.com/${guid('0a000000', 1)}`,
            workloadIdentityFederationSubject: `sc://contoso/${PROJECT.name}/${name}`,
            scope: `/subscriptions/${subscriptionId}`,
          },
        };
        break;
      case 'msi':
        authorization = { scheme: 'ManagedServiceIdentity', parameters: { tenantid: tenantId } };
        break;
      case 'acr':
        type = 'dockerregistry';
        authorization = {
          scheme: 'ServicePrincipal',
          parameters: {
            loginServer: `cr${i}.azurecr.io`,
            servicePrincipalId: appId,
            servicePrincipalKey: null,
            tenantId,
            scope: `/subscriptions/${subscriptionId}/resourceGroups/rg-${i}/providers/Microsoft.ContainerRegistry/registries/cr${i}`,
          },
        };
        data = { ...data, registrytype: 'ACR', registryId: `/subscriptions/${subscriptionId}/registries/cr${i}` };
        delete data.environment;
        break;
      case 'aks':
        type = 'kubernetes';
        url = `https://aks-${i}.hcp.westeurope.azmk8s.io`;
        authorization = {
          scheme: 'ServicePrincipal',
          parameters: { servicePrincipalId: appId, tenantId, azureEnvironment: 'AzureCloud' },
        };
        data = {
          authorizationType: 'AzureSubscription',
          azureSubscriptionId: subscriptionId,
          azureSubscriptionName: `Subscription ${i % 40}`,
          namespace: 'default',
        };
        break;
      case 'github':
        type = 'github';
        url = 'https://github.com';
        authorization = { scheme: 'InstallationToken', parameters: { IdToken: null, IdSignature: null } };
        data = {};
        break;
      default:
        type = 'generic';
        url = `https://feeds.contoso.example/${i}`;
        authorization = { scheme: 'UsernamePassword', parameters: { username: 'svc-feed', password: null } };
        data = {};
    }
    endpoints.push({
      administratorsGroup: null,
      authorization,
      createdBy: { displayName: 'Adele Vance', id: guid('0b000000', i % 7), uniqueName: 'adele.vance@contoso.example' },
      creationDate: days(created),
      data,
      description: `Generated connection ${i} (${kind}).`,
      groupScopeId: null,
      id,
      isDisabled: false,
      isOutdated: false,
      isReady: true,
      isShared: false,
      modificationDate: days(modified),
      modifiedBy: { displayName: null, id: '00000002-0000-8888-8000-000000000000' },
      name,
      operationStatus: { errorCode: null, severity: '', state: 'Ready', statusMessage: '' },
      owner: 'Library',
      readersGroup: null,
      serviceEndpointProjectReferences: [{ description: '', name, projectReference: PROJECT }],
      serviceManagementReference: null,
      type,
      url,
    });

    if (app < 0 || applications.has(app)) continue;
    const end = -30 + Math.floor(random() * 430);
    const secret = kind !== 'certificate' && kind !== 'wif' && kind !== 'wifLegacy';
    const credential = {
      customKeyIdentifier: null,
      displayName: secret ? null : 'CN=pipeline',
      endDateTime: days(end),
      keyId: guid('c0000000', app),
      startDateTime: days(modified),
    };
    applications.set(app, {
      id: guid('0a000000', app),
      appId,
      displayName: `contoso-${PROJECT.name}-${subscriptionId}`,
      passwordCredentials: secret
        ? [
            { ...credential, hint: 'Ab1', secretText: null },
            ...(app % 5 === 0
              ? [
                  {
                    ...credential,
                    keyId: guid('d0000000', app),
                    startDateTime: days(modified - 90),
                    endDateTime: days(modified),
                    hint: 'Zz9',
                    secretText: null,
                  },
                ]
              : []),
          ]
        : [],
      keyCredentials:
        kind === 'certificate' ? [{ ...credential, key: null, type: 'AsymmetricX509Cert', usage: 'Verify' }] : [],
    });
    if (kind === 'wif' || kind === 'wifLegacy') {
      federated[appId as string] = [
        {
          id: guid('f0000000', app),
          name,
          issuer: (authorization.parameters as Record<string, string>).workloadIdentityFederationIssuer,
          subject: `sc://contoso/${PROJECT.name}/${name}`,
          description: null,
          audiences: ['api://AzureADTokenExchange'],
        },
      ];
    }
  }
  return normalizeFixture({
    organization: 'contoso',
    project: PROJECT,
    endpoints,
    applications: [...applications.values()],
    federatedIdentityCredentials: federated,
  });
}

interface FirstRowProbe {
  firstRowAt: number;
  graphAnswersBefore: number;
  /** Milestones of the hub's frame, epoch ms: its navigation start, hub JS loaded, endpoint list received. */
  frameStart: number;
  scriptLoaded: number;
  endpointsLoaded: number;
  /** The hub's own marks: list handed over by the REST client, list parsed into connections. */
  listDeserialized: number;
  listParsed: number;
}

/** Runs in every frame before its scripts: the hub's frame records when its first row appears. */
function firstRowProbe(graphOrigin: string): void {
  if (!location.pathname.endsWith('/hub.html')) return;
  const probe: FirstRowProbe = {
    firstRowAt: 0,
    graphAnswersBefore: -1,
    frameStart: performance.timeOrigin,
    scriptLoaded: 0,
    endpointsLoaded: 0,
    listDeserialized: 0,
    listParsed: 0,
  };
  (window as unknown as { __bench: FirstRowProbe }).__bench = probe;
  const observer = new MutationObserver(() => {
    if (!document.querySelector('tr[data-connection-id]')) return;
    probe.firstRowAt = performance.timeOrigin + performance.now();
    observer.disconnect();
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const end = (re: RegExp) => {
      const hit = resources.find((e) => re.test(e.name));
      return hit ? performance.timeOrigin + hit.responseEnd : 0;
    };
    probe.graphAnswersBefore = resources.filter((e) => e.name.startsWith(graphOrigin)).length;
    probe.scriptLoaded = end(/\/hub\.[0-9a-f]+\.js$/);
    probe.endpointsLoaded = end(/\/_apis\/serviceendpoint\/endpoints/i);
    const markAt = (name: string) => {
      const m = performance.getEntriesByName(name)[0];
      return m ? performance.timeOrigin + m.startTime : 0;
    };
    probe.listDeserialized = markAt('sce:list-deserialized');
    probe.listParsed = markAt('sce:list-parsed');
  });
  observer.observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['data-connection-id'],
  });
}

/** Types one character into the filter; ms until the count line changes (DOM) and until the next frame. */
async function keystroke(frame: Frame, text: string): Promise<{ dom: number; frame: number; count: string }> {
  return frame.evaluate(
    ({ selector, text }) =>
      new Promise<{ dom: number; frame: number; count: string }>((resolve, reject) => {
        const input = document.querySelector<HTMLInputElement>(selector);
        const count = () => document.querySelector('.sce-count')?.textContent ?? '';
        if (!input) return reject(new Error('no filter field'));
        const before = count();
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
        let dom = -1;
        const done = () =>
          requestAnimationFrame(() =>
            setTimeout(() => resolve({ dom, frame: performance.now() - t0, count: count() })),
          );
        const observer = new MutationObserver(() => {
          if (dom >= 0 || count() === before) return;
          dom = performance.now() - t0;
          observer.disconnect();
          done();
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        const t0 = performance.now();
        setValue?.call(input, text);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        setTimeout(() => {
          if (dom < 0) {
            observer.disconnect();
            reject(new Error(`the count did not change after typing "${text}"`));
          }
        }, 5000);
      }),
    { selector: FILTER, text },
  );
}

const ms = (n: number) => `${Math.round(n)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const spread = (xs: number[]) =>
  `median ${ms(median(xs))} (${xs.length} runs: ${xs.map((x) => Math.round(x)).join(', ')} ms)`;

const LOADS = 3;
const KEY_CYCLES = 5;

interface Load {
  firstRow: number;
  allVerdicts: number;
  probe: FirstRowProbe;
  navigationStart: number;
  graphRequests: number;
  total: string;
  frame: Frame;
}

/** One fresh page load of the host page; times are from its navigation start. */
async function load(browser: Browser, host: LocalHost): Promise<Load> {
  const before = host.graphStats.requests;
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript(firstRowProbe, host.graphUrl);
  const page = await context.newPage();
  await page.goto(host.url);
  const navigationStart = await page.evaluate(() => performance.timeOrigin);
  const frame = await (await page.waitForSelector('#extension-frame')).contentFrame();
  if (!frame) throw new Error('no extension frame');
  await frame.waitForSelector('tr[data-connection-id]', { timeout: 30_000 });
  const probe = await frame.evaluate(() => (window as unknown as { __bench: FirstRowProbe }).__bench);
  // Polled on every animation frame inside the page, so the instant is the page's own, not a round trip's.
  const verdictsAt = await frame.waitForFunction(
    () => {
      const refresh = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Refresh');
      const ready =
        !!document.querySelector('tr[data-connection-id]') &&
        !document.querySelector('tr[data-pending="true"]') &&
        !!refresh &&
        !refresh.disabled &&
        refresh.getAttribute('aria-disabled') !== 'true';
      return ready ? performance.timeOrigin + performance.now() : 0;
    },
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  return {
    firstRow: probe.firstRowAt - navigationStart,
    allVerdicts: (await verdictsAt.jsonValue()) - navigationStart,
    probe,
    navigationStart,
    graphRequests: host.graphStats.requests - before,
    total: (await frame.textContent('.sce-count')) ?? '',
    frame,
  };
}

/** `npm run bench` section: printable lines. */
export async function benchBrowser(): Promise<string[]> {
  const title = `Hub in Chromium: ${CONNECTIONS.toLocaleString('en-US')} connections, ~${APPS.toLocaleString('en-US')} apps, 4 tenants, Graph latency ${GRAPH_LATENCY_MS} ms`;
  if (!existsSync(CHROMIUM))
    return [title, `  skipped: Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`];
  const distDir = join(packageRoot(__dirname), 'dist');
  if (!existsSync(join(distDir, 'hub.html')))
    return [title, `  skipped: ${distDir}/hub.html not found; run "npx webpack --mode production" first`];

  const { chromium } = await import('playwright-core');
  const fixture = generateBenchFixture();
  let host: LocalHost | null = null;
  let browser: Browser | null = null;
  try {
    host = await startLocalHost({ fixture, port: 0, distDir, graphLatencyMs: GRAPH_LATENCY_MS });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const loads: Load[] = [];
    for (let i = 0; i < LOADS; i++) loads.push(await load(browser, host));
    const last = loads[loads.length - 1];
    const { probe, navigationStart } = last;
    const since = (t: number) => (t ? ms(t - navigationStart) : 'n/a');

    // A key that narrows all 2,000 rows, then Backspace that brings them all back, a few times over.
    await last.frame.focus(FILTER);
    const narrow: number[] = [];
    const narrowFrame: number[] = [];
    const widen: number[] = [];
    const widenFrame: number[] = [];
    let narrowed = '';
    for (let i = 0; i < KEY_CYCLES; i++) {
      const down = await keystroke(last.frame, 'w');
      const back = await keystroke(last.frame, '');
      narrow.push(down.dom);
      narrowFrame.push(down.frame);
      widen.push(back.dom);
      widenFrame.push(back.frame);
      narrowed = down.count;
    }
    return [
      title,
      `  time to first row     : ${spread(loads.map((l) => l.firstRow))}, from the host page's navigation start (target < 2000 ms)`,
      `    last run: hub frame starts ${since(probe.frameStart)}, hub JS loaded ${since(probe.scriptLoaded)}, connection list received ${since(probe.endpointsLoaded)}, deserialized ${since(probe.listDeserialized)}, parsed ${since(probe.listParsed)}, first row ${since(probe.firstRowAt)}; Graph answers by then: ${probe.graphAnswersBefore}`,
      `  time to all verdicts  : ${spread(loads.map((l) => l.allVerdicts))} (${last.total})`,
      `  filter keystroke "w"  : ${ms(median(narrow))} to the DOM (max ${ms(Math.max(...narrow))}), ${ms(median(narrowFrame))} to the next frame (max ${ms(Math.max(...narrowFrame))}); ${narrowed}; target < 100 ms`,
      `  Backspace to all rows : ${ms(median(widen))} to the DOM (max ${ms(Math.max(...widen))}), ${ms(median(widenFrame))} to the next frame (max ${ms(Math.max(...widenFrame))}); medians of ${KEY_CYCLES}`,
      `  Graph HTTP requests   : ${loads[0].graphRequests} per page load (${host.graphStats.batches / LOADS} $batch, ${host.graphStats.lookups / LOADS} lookups; at most ${host.graphStats.maxInFlight} in flight)`,
    ];
  } finally {
    await browser?.close();
    await host?.close();
  }
}
