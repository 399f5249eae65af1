import * as React from 'react';
import { act, fireEvent, render, waitFor } from '@testing-library/react';
import { OrgHubPage } from '../../src/ui/orgHub/OrgHubPage';
import { fakeOrgDeps } from '../support/fakeOrgHubDeps';
import { PAYMENTS, PAYMENTS_ID, payments, PLATFORM, PLATFORM_ID, SHARED_ID, WEB, world } from '../support/orgWorld';
import { chooseProject, openProjectFilter, projectFilter } from '../support/projectFilter';

/** The organization hub's project filter is azure-devops-ui's Dropdown: keyboard first, the table follows it. */

const rowIds = () =>
  [...document.querySelectorAll('tr[data-connection-id]')].map((r) => r.getAttribute('data-connection-id'));

async function openHub() {
  const w = world({ projects: [WEB, PLATFORM, PAYMENTS] });
  w.endpoints[PAYMENTS.name] = [payments];
  render(<OrgHubPage deps={fakeOrgDeps(w).deps} />);
  await waitFor(() => expect(rowIds()).toHaveLength(4));
}

describe('organization hub project filter', () => {
  it('is no browser <select>: a Dropdown that Down opens, listing All projects then the projects by name (Fabrikam, Payments, Platform)', async () => {
    await openHub();
    expect(document.querySelector('select')).toBeNull();
    const input = projectFilter() as HTMLInputElement;
    expect(input.value).toBe('All projects');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(await openProjectFilter()).toEqual(['All projects', WEB.name, PAYMENTS.name, PLATFORM.name]);
    expect(input.getAttribute('aria-expanded')).toBe('true');
    // Escape closes it and leaves the focus on the filter.
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Escape', keyCode: 27, which: 27 });
    await act(() => new Promise((r) => setTimeout(r, 0)));
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(input);
  });

  it('narrows the table to the project chosen (its shared connection included), then back to all', async () => {
    await openHub();
    await chooseProject(PLATFORM.name);
    await waitFor(() => expect(rowIds()).toHaveLength(2));
    expect([...rowIds()].sort()).toEqual([SHARED_ID, PLATFORM_ID].sort());
    expect(projectFilter()?.value).toBe(PLATFORM.name);
    expect(document.activeElement).toBe(projectFilter());
    await chooseProject('All projects');
    await waitFor(() => expect(rowIds()).toHaveLength(4));
    expect(rowIds()).toContain(PAYMENTS_ID);
  });

  it('follows a project tile: the filter names the project the tile chose', async () => {
    await openHub();
    fireEvent.click(document.querySelector(`[data-project-id="${PAYMENTS.id}"]`) as Element);
    await waitFor(() => expect(rowIds()).toEqual([PAYMENTS_ID]));
    expect(projectFilter()?.value).toBe(PAYMENTS.name);
  });
});
