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
      readUsage: (project, ids) =>
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
          { nowMs: NOW, concurrency: 2, project },
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

describe('HubPage "Used by" of a connection shared with another project', () => {
  // Project A's hub; the connection is shared by A (this project) and B. History is stored per project
  // (GET {org}/{project}/_apis/serviceendpoint/{id}/executionhistory): only B's holds its use.
  const A = { id: '1f31cb4d-5a69-419f-86f0-ee3a8ed9ced2', name: 'My DevOps project' };
  const B = { id: '2e42dc5e-6b7a-4a0f-97f1-ff4b9fe0dfe3', name: 'Billing' };
  const SHARED = '7a000000-0000-4000-8000-000000000003';
  const hub = (history: Record<string, unknown[] | number>) => {
    const calls: string[] = [];
    const deps = fakeDeps({
      listEndpoints: async () => [
        armEndpoint({
          id: SHARED,
          name: 'arm-shared',
          appId: APP_A,
          projects: [A, B],
          creationDate: iso(-400),
        } as never),
      ],
      graphFetch: fakeGraphFetch([application([{ start: iso(-60), end: iso(200) }], [], APP_A)]),
      readUsage: (project, ids) =>
        readUsage(
          ids,
          async () => {
            calls.push(project.name);
            const answer = history[project.name] ?? [];
            if (typeof answer === 'number')
              throw restError(
                answer,
                'TF200016: The project does not exist or you lack permission.',
                'ProjectDoesNotExistException',
              );
            return { records: answer, continuationToken: null };
          },
          { nowMs: NOW, concurrency: 2, project },
        ),
    });
    return { deps, calls };
  };

  it("says B's pipeline uses it, in B, read from B's history", async () => {
    const { deps, calls } = hub({
      [A.name]: [],
      [B.name]: [executionRecord(SHARED, { id: 7, name: 'billing-deploy' }, { id: 77, name: '20261201.1' }, iso(-2))],
    });
    render(<HubPage deps={deps} />);
    await waitFor(() => expect(rowFor(SHARED)?.textContent).toMatch(/1 pipeline\s*last 11\/26\/2026/));
    expect(calls.sort()).toEqual([A.name, B.name].sort());
    fireEvent.click(rowFor(SHARED) as HTMLElement);
    await waitFor(() => expect(document.querySelector(`[data-details-for="${SHARED}"]`)).not.toBeNull());
    const panel = document.querySelector(`[data-details-for="${SHARED}"]`) as HTMLElement;
    const pipeline = panel.querySelector('[data-definition-id="7"]') as HTMLElement;
    expect(pipeline.getAttribute('data-project')).toBe(B.name);
    expect(pipeline.textContent).toMatch(/billing-deploy.*project Billing/);
    expect(pipeline.querySelector('a')?.getAttribute('href')).toMatch(/\/Billing\/_build\?definitionId=7$/);
    expect(panel.textContent).not.toMatch(/Unused/);
  });

  it('with B unreadable: unknown, naming B, never unused', async () => {
    const { deps } = hub({ [A.name]: [], [B.name]: 404 });
    render(<HubPage deps={deps} />);
    await waitFor(() => expect(rowFor(SHARED)?.textContent).toMatch(/Unknown\s*not read in Billing/));
    fireEvent.click(rowFor(SHARED) as HTMLElement);
    await waitFor(() => expect(document.querySelector(`[data-details-for="${SHARED}"]`)).not.toBeNull());
    const panel = document.querySelector(`[data-details-for="${SHARED}"]`) as HTMLElement;
    expect(panel.querySelector('[data-usage-unread]')?.textContent).toMatch(
      /Unknown \(not unused\).*not read in Billing/,
    );
    expect(panel.textContent).not.toMatch(/Unused/);
    expect(panel.textContent).not.toMatch(/No pipeline/);
  });
});
