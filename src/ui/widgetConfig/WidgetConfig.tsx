import * as React from 'react';
import { Checkbox } from 'azure-devops-ui/Checkbox';
import { FormItem } from 'azure-devops-ui/FormItem';
import { STATUS_LABELS } from '../../core/status';
import { STATUS_ORDER } from '../../core/status';
import type { Status } from '../../core/types';
import type { ExpiryWidgetSettings } from '../widget/widgetSettings';

/** Which statuses the widget counts: its one setting (the title is the dashboard's own "Name" field). */
export function WidgetConfig(props: { initial: ExpiryWidgetSettings; onChange: (s: ExpiryWidgetSettings) => void }) {
  const [statuses, setStatuses] = React.useState<Status[]>(props.initial.statuses);
  const toggle = (s: Status, on: boolean) => {
    const next = STATUS_ORDER.filter((x) => (x === s ? on : statuses.includes(x)));
    setStatuses(next);
    props.onChange({ statuses: next });
  };
  const none = statuses.length === 0;
  return (
    <form className="sce-config" onSubmit={(e) => e.preventDefault()}>
      <FormItem label="Statuses to count" error={none} message={none ? 'Choose at least one status.' : undefined}>
        <div className="sce-config-options flex-column" role="group" aria-label="Statuses to count">
          {STATUS_ORDER.map((s) => (
            <Checkbox
              key={s}
              className="sce-config-option"
              label={STATUS_LABELS[s]}
              checked={statuses.includes(s)}
              onChange={(_e, checked) => toggle(s, checked)}
              ariaLabel={STATUS_LABELS[s]}
            />
          ))}
        </div>
      </FormItem>
    </form>
  );
}
