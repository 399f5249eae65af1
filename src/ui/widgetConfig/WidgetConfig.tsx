import * as React from 'react';
import { STATUS_LABELS } from '../../core/status';
import { STATUS_ORDER } from '../../core/status';
import type { Status } from '../../core/types';
import type { ExpiryWidgetSettings } from '../widget/widgetSettings';

/** Which statuses the widget counts (the title is the dashboard's own "Name" field). */
export function WidgetConfig(props: { initial: ExpiryWidgetSettings; onChange: (s: ExpiryWidgetSettings) => void }) {
  const [statuses, setStatuses] = React.useState<Status[]>(props.initial.statuses);
  const toggle = (s: Status, on: boolean) => {
    const next = STATUS_ORDER.filter((x) => (x === s ? on : statuses.includes(x)));
    setStatuses(next);
    props.onChange({ statuses: next });
  };
  return (
    <form className="sce-config" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>Statuses to count</legend>
        {STATUS_ORDER.map((s) => (
          <label key={s} className="sce-config-option">
            <input
              type="checkbox"
              name="status"
              value={s}
              checked={statuses.includes(s)}
              onChange={(e) => toggle(s, (e.target as HTMLInputElement).checked)}
            />{' '}
            {STATUS_LABELS[s]}
          </label>
        ))}
      </fieldset>
      {statuses.length === 0 ? (
        <p role="alert" className="sce-config-error">
          Choose at least one status.
        </p>
      ) : null}
    </form>
  );
}
