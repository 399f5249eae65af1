import * as React from 'react';
import { fireEvent, render, waitFor } from '@testing-library/react';
import { readUsage } from '../../src/adapters/usage/readUsage';
import { HubPage } from '../../src/ui/hub/HubPage';
import { fakeDeps, fakeGraphFetch } from '../support/fakeHubDeps';
import { executionRecord, restError } from '../support/fakeOrgHubDeps';
import { application, armEndpoint, iso, NOW } from '../support/payloads';

/** The project hub's "Used by": one connection whose history Azure DevOps refuses says so; the others are read. */

const USED = '7a000000-0000-4000-8000-000000000001';
const REFUSED = '7a000000-0000-4000-8000-000000000002';
const APP_A = '7b000000-0000-4000-8000-000000000001';
const APP_B = '7b000000-0000-4000-8000-000000000002';

const rowFor = (id: string) => document.querySelector<HTMLElement>(`tr[data-connection-id="${id}"]`);

describe('HubPage "Used by"', () => {
  it('shows the pipelines that used a connection, and "Not read" with the reason where the history was refused', async () => {
    const records: Record<string, unknown[] | number> = {
      [USED]: [executionRecord(USED, { id: 12, name: 'web-ci' }, { id: 1207, name: '20261127.3' }, iso(-1))],
      [REFUSED]: 403,
    };
    const deps = fakeDeps({
      listEndpoints: async () => [
        armEndpoint({ id: USED, name: 'arm-used', appId: APP_A }),
        armEndpoint({ id: REFUSED, name: 'arm-refused', appId: APP_B }),
      ],
      graphFetch: fakeGraphFetch([
        application([{ start: iso(-30), end: iso(200) }], [], APP_A),
        application([{ start: iso(-30), end: iso(200) }], [], APP_B),
      ]),
      // The real reader over a fake history route: a 403 as azure-devops-extension-api's fetch throws it.
      readUsage: (ids) =>
        readUsage(
          ids,
          async (endpointId) => {
            const answer = records[endpointId] ?? [];
            if (typeof answer === 'number')
              throw restError(
                answer,
                'Access denied: you need User on this service connection.',
                'AccessCheckException',
              );
            return { records: answer, continuationToken: null };
          },
          { nowMs: NOW, concurrency: 2 },
        ),
    });
    render(<HubPage deps={deps} />);
    await waitFor(() => expect(rowFor(USED)?.textContent).toMatch(/1 pipeline\s*last 11\/27\/2026/));
    await waitFor(() => expect(rowFor(REFUSED)?.textContent).toMatch(/Not read\s*history refused or failed/));
    // Its verdict is the Graph one: the refused history costs the "Used by" cell only.
    expect(rowFor(REFUSED)?.getAttribute('data-status')).toBe('healthy');
    fireEvent.click(rowFor(REFUSED) as HTMLElement);
    await waitFor(() => expect(document.querySelector(`[data-details-for="${REFUSED}"]`)).not.toBeNull());
    const panel = document.querySelector(`[data-details-for="${REFUSED}"]`) as HTMLElement;
    expect(panel.querySelector('[data-usage-error]')?.textContent).toMatch(
      /unknown \(not unused\): Access denied: you need User on this service connection\./,
    );
    expect(panel.textContent).not.toMatch(/No pipeline has used this connection/);
  });
});
