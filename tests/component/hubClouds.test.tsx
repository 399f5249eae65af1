import * as React from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import { HubPage } from '../../src/ui/hub/HubPage';
import { fakeDeps, fakeGraphFetch } from '../support/fakeHubDeps';
import { application, armEndpoint, iso, OTHER_TENANT } from '../support/payloads';

const PUBLIC_APP = '0a0000c1-0000-4000-8000-000000000001';
const GOV_APP = '0a0000c2-0000-4000-8000-000000000002';
const CHINA_APP = '0a0000c3-0000-4000-8000-000000000003';
const endpoints = [
  armEndpoint({ id: 'e00000c1-0000-4000-8000-000000000001', name: 'arm-public', appId: PUBLIC_APP }),
  armEndpoint({
    id: 'e00000c2-0000-4000-8000-000000000002',
    name: 'arm-gov',
    appId: GOV_APP,
    environment: 'AzureUSGovernment',
    tenantId: OTHER_TENANT,
  }),
  armEndpoint({
    id: 'e00000c3-0000-4000-8000-000000000003',
    name: 'arm-china',
    appId: CHINA_APP,
    environment: 'AzureChinaCloud',
  }),
];
const apps = [PUBLIC_APP, GOV_APP, CHINA_APP].map((id) => application([{ start: iso(-30), end: iso(60) }], [], id));
const row = (id: string) => document.querySelector(`tr[data-connection-id="${id}"]`);

describe('HubPage: Nested App Authentication signs in to the public cloud only', () => {
  it('asks the host for public-cloud tokens only, offers no sign-in for US Government or China, and says what works', async () => {
    const asked: string[] = [];
    const graphFetch = fakeGraphFetch(apps);
    const deps = fakeDeps({
      listEndpoints: async () => endpoints,
      createTokens: async () => ({
        getToken: async (_tenant, cloudRoot) => {
          asked.push(cloudRoot);
          return 'naa-token';
        },
        signIn: async () => undefined,
        homeTenantId: () => null,
      }),
      graphFetch,
    });
    render(<HubPage deps={deps} />);
    await waitFor(() =>
      expect(row('e00000c1-0000-4000-8000-000000000001')?.getAttribute('data-status')).toBe('healthy'),
    );
    await waitFor(() =>
      expect(row('e00000c2-0000-4000-8000-000000000002')?.getAttribute('data-status')).toBe('unknown'),
    );
    const gov = row('e00000c2-0000-4000-8000-000000000002')?.textContent ?? '';
    expect(gov).toMatch(/public cloud only, not Azure US Government/);
    expect(gov).toMatch(/--graph-url https:\/\/graph\.microsoft\.us/);
    expect(gov).toMatch(/paste a Graph token from that cloud/);
    expect(row('e00000c3-0000-4000-8000-000000000003')?.textContent).toMatch(
      /not Azure China.*--graph-url https:\/\/microsoftgraph\.chinacloudapi\.cn/,
    );
    expect(asked).toEqual(['https://graph.microsoft.com']);
    expect(screen.queryByRole('button', { name: /Sign in/ })).toBeNull();
  });
});
