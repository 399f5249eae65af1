import * as React from 'react';
import { Dropdown } from 'azure-devops-ui/Dropdown';
import type { IListBoxItem } from 'azure-devops-ui/ListBox';
import { DropdownSelection } from 'azure-devops-ui/Utilities/DropdownSelection';
import { compareText } from '../../core/order';
import { showInvisibles } from '../../core/logSafe';
import type { ProjectFilterProps } from './ProjectFilter';

/** The "every project" item (project ids are GUIDs). */
const ALL = 'all-projects';
/** From this many projects on, the list has a filter box (type to narrow, as Azure DevOps's own pickers). */
const FILTER_FROM = 8;

/**
 * (Loaded after the first paint by ProjectFilter: the Dropdown would put the hub over its initial-JS budget.)
 * Narrows the table to one project's connections (shared ones included): azure-devops-ui's Dropdown, so it opens
 * with Enter, Space or Down, moves with the arrows and chooses with Enter, as the pickers around it do.
 */
export function ProjectPicker(props: ProjectFilterProps) {
  const items = React.useMemo<IListBoxItem[]>(
    () => [
      { id: ALL, text: 'All projects' },
      // A list item and the chosen text are plain text: bidi controls are shown as <U+202E> there.
      ...[...props.projects]
        .sort((a, b) => compareText(a.name, b.name))
        .map((p) => ({ id: p.id, text: showInvisibles(p.name) })),
    ],
    [props.projects],
  );
  const selection = React.useMemo(() => new DropdownSelection(), []);
  React.useEffect(() => {
    const index = items.findIndex((i) => i.id === (props.value ?? ALL));
    selection.select(index >= 0 ? index : 0);
  }, [items, props.value, selection]);
  return (
    <Dropdown
      className="sce-project-filter"
      ariaLabel="Filter connections by project"
      items={items}
      selection={selection}
      showFilterBox={items.length > FILTER_FROM}
      filterPlaceholderText="Find a project"
      onSelect={(_e, item) => props.onChange(item.id === ALL ? null : item.id)}
    />
  );
}
