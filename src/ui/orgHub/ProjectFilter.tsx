import * as React from 'react';
import { compareText } from '../../core/order';
import { showInvisibles } from '../../core/logSafe';
import type { ProjectRef } from '../../core/types';

/** Narrows the table to one project's connections (shared ones included). */
export function ProjectFilter(props: {
  projects: ProjectRef[];
  value: string | null;
  onChange: (projectId: string | null) => void;
}) {
  const sorted = React.useMemo(() => [...props.projects].sort((a, b) => compareText(a.name, b.name)), [props.projects]);
  return (
    <select
      className="sce-select"
      aria-label="Filter connections by project"
      value={props.value ?? ''}
      onChange={(e) => props.onChange(e.target.value || null)}
    >
      <option value="">All projects</option>
      {sorted.map((p) => (
        <option key={p.id} value={p.id}>
          {/* An <option> holds plain text only: bidi controls are shown as <U+202E> there. */}
          {showInvisibles(p.name)}
        </option>
      ))}
    </select>
  );
}
