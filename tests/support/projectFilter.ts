import { act, fireEvent } from '@testing-library/react';

/** The organization hub's project filter (azure-devops-ui Dropdown) as a user drives it in jsdom. */

export const projectFilter = () =>
  document.querySelector<HTMLInputElement>('input[aria-label="Filter connections by project"]');

/** Opens the list from the keyboard (Down, as on any Azure DevOps picker) and returns its options' texts. */
export async function openProjectFilter(): Promise<string[]> {
  const input = projectFilter();
  if (!input) throw new Error('no project filter');
  input.focus();
  fireEvent.keyDown(input, { key: 'ArrowDown', keyCode: 40, which: 40 });
  await act(() => new Promise((r) => setTimeout(r, 0)));
  return [...document.querySelectorAll('[role="listbox"] [role="option"]')].map((o) => o.textContent ?? '');
}

/** Opens the list and picks the option whose text is `text`. */
export async function chooseProject(text: string): Promise<void> {
  await openProjectFilter();
  const option = [...document.querySelectorAll<HTMLElement>('[role="listbox"] [role="option"]')].find(
    (o) => o.textContent === text,
  );
  if (!option) throw new Error(`no option ${text}`);
  fireEvent.click(option);
  await act(() => new Promise((r) => setTimeout(r, 0)));
}
