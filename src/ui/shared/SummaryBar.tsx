import * as React from 'react';
import { STATUS_LABELS, STATUS_ORDER } from '../../core/status';
import type { Status } from '../../core/types';
import type { Summary } from '../../core/summary';

/** Counts per status; each count toggles that status in the filter. */
export function SummaryBar(props: { summary: Summary; selected: Status[]; onToggle: (status: Status) => void }) {
  return (
    <div className="sce-summary flex-row flex-wrap" role="group" aria-label="Connections by status">
      {STATUS_ORDER.map((status) => {
        const pressed = props.selected.includes(status);
        return (
          <button
            key={status}
            type="button"
            className={`sce-summary-item sce-summary-${status}${pressed ? ' pressed' : ''}`}
            aria-pressed={pressed}
            data-summary-status={status}
            onClick={() => props.onToggle(status)}
          >
            <span className="sce-summary-count">{props.summary[status]}</span>
            <span className="sce-summary-label">{STATUS_LABELS[status]}</span>
          </button>
        );
      })}
    </div>
  );
}
