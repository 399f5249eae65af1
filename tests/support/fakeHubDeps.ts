import type { GraphTokenSource } from '../../src/adapters/auth/naaGraphTokens';
import type { FetchLike } from '../../src/adapters/http';
import type { HubDeps } from '../../src/ui/hub/deps';
import { DEFAULT_THRESHOLDS } from '../../src/core/thresholds';
import { memorySnapshots } from './memorySnapshots';
import { NOW, TENANT } from './payloads';

/** A Graph that answers $batch from an in-memory list of applications, optionally after a gate opens. */
export function fakeGraphFetch(
  applications: Record<string, unknown>[],
  gate?: Promise<void>,
): FetchLike & { calls: number } {
  const f = (async (_url: string, init?: RequestInit) => {
    f.calls += 1;
    if (gate) await gate;
    const body = JSON.parse(String(init?.body ?? '{}')) as { requests: { id: string; url: string }[] };
    const responses = body.requests.map((r) => {
      const appId = /appId='([^']+)'/.exec(r.url)?.[1] ?? '';
      const app = applications.find((a) => String(a.appId).toLowerCase() === appId.toLowerCase());
      return app
        ? { id: r.id, status: 200, body: app }
        : { id: r.id, status: 404, body: { error: { code: 'Request_ResourceNotFound', message: 'gone' } } };
    });
    const text = JSON.stringify({ responses });
    return { ok: true, status: 200, headers: { get: () => null }, text: async () => text } as unknown as Response;
  }) as FetchLike & { calls: number };
  f.calls = 0;
  return f;
}

export function fakeTokens(): GraphTokenSource {
  return { getToken: async () => 'fake-graph-token', signIn: async () => undefined, homeTenantId: () => TENANT };
}

export function fakeDeps(overrides: Partial<HubDeps> = {}): HubDeps & { written: (string | null)[] } {
  const written: (string | null)[] = [];
  return {
    context: {
      orgUrl: 'https://dev.azure.com/contoso',
      organization: 'contoso',
      project: { id: 'p1', name: 'My DevOps project' },
      userName: 'Admin',
      localGraphRoot: null,
    },
    listEndpoints: async () => [],
    loadSettings: async () => ({ clientId: '6a3c9f10-5b2e-4d7a-9c1e-0f4b8d2a7e55', thresholds: DEFAULT_THRESHOLDS }),
    saveClientId: async () => undefined,
    saveThresholds: async () => undefined,
    createTokens: async () => fakeTokens(),
    graphRootFor: () => 'https://graph.test',
    snapshots: memorySnapshots(),
    checkEndpoint: async () => ({ ok: true, message: '' }),
    connectionParam: { read: async () => null, write: async (id) => void written.push(id) },
    now: () => NOW,
    written,
    ...overrides,
  };
}
