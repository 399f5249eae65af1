import * as React from 'react';
import { ContentSize } from 'azure-devops-ui/Callout';
import { Checkbox } from 'azure-devops-ui/Checkbox';
import { Panel } from 'azure-devops-ui/Panel';
import type { ColumnChoices } from '../../adapters/sdk/columnChoices';

export interface ChoosableColumn {
  id: string;
  name: string;
  shown: boolean;
}

/** Column options, as Azure DevOps tables offer them: which optional columns this viewer shows. */
export function ColumnsPanel(props: {
  columns: ChoosableColumn[];
  onSave: (choices: ColumnChoices) => void;
  onDismiss: () => void;
}) {
  const [shown, setShown] = React.useState<ColumnChoices>(() =>
    Object.fromEntries(props.columns.map((c) => [c.id, c.shown])),
  );
  return (
    <Panel
      onDismiss={props.onDismiss}
      titleProps={{ text: 'Column options' }}
      description="Connection, Expires and Status are always shown. Your choice is kept for you in every browser."
      size={ContentSize.Small}
      footerButtonProps={[
        { text: 'Cancel', onClick: props.onDismiss },
        {
          text: 'OK',
          primary: true,
          onClick: () => {
            props.onSave(shown);
            props.onDismiss();
          },
        },
      ]}
    >
      <div className="sce-settings flex-column" role="group" aria-label="Columns to show">
        {props.columns.map((c) => (
          <Checkbox
            key={c.id}
            id={`sce-column-${c.id}`}
            label={c.name}
            checked={shown[c.id]}
            onChange={(_e, checked) => setShown((cur) => ({ ...cur, [c.id]: checked }))}
          />
        ))}
      </div>
    </Panel>
  );
}
