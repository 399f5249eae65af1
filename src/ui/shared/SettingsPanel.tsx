import * as React from 'react';
import { ContentSize } from 'azure-devops-ui/Callout';
import { Panel } from 'azure-devops-ui/Panel';
import type { ClientIdChange } from '../../core/clientIdSetting';
import { isGuid } from '../../core/raw';
import { checkThresholds } from '../../core/thresholds';
import type { Thresholds } from '../../core/types';
import { ClientIdSetting, GraphAppSteps, ThresholdFields, ThresholdsElsewhere } from './SettingsSections';
import { usePanelSubmit } from './usePanelSubmit';

interface Props {
  clientId: string | null;
  /** Fixed in the extension package: shown, not editable. */
  fixed?: boolean;
  history?: ClientIdChange[];
  /** The page's clock, for how long ago the client ID changed. */
  nowMs: number;
  /** The settings could not be read: Save is refused until a Refresh reads them. */
  readError?: string | null;
  /** The stored thresholds are not valid: the fields start from the defaults and Save replaces them. */
  thresholdsInvalid?: string | null;
  /** Null where the page spans projects (organization hub): each project keeps its own thresholds. */
  thresholds: Thresholds | null;
  /** With `thresholds` null: how many of the projects shown set their own. */
  projectThresholds?: { custom: number; projects: number };
  onSave: (clientId: string | null, thresholds: Thresholds | null) => Promise<void>;
  onDismiss: () => void;
}

/** The organization's Entra client ID and the project's thresholds, with how to register the app. */
export function SettingsPanel(props: Props) {
  const [clientId, setClientId] = React.useState(props.clientId ?? '');
  const [warning, setWarning] = React.useState(String(props.thresholds?.warningDays ?? ''));
  const [critical, setCritical] = React.useState(String(props.thresholds?.criticalDays ?? ''));
  const trimmed = clientId.trim();
  const idError =
    trimmed && !isGuid(trimmed) ? 'A client ID is a GUID such as 6a3c9f10-5b2e-4d7a-9c1e-0f4b8d2a7e55.' : null;
  const check = props.thresholds ? checkThresholds(warning, critical) : ({ ok: true, thresholds: null } as const);
  const {
    busy: saving,
    error: saveError,
    submit: save,
  } = usePanelSubmit(
    async () => {
      if (props.readError) throw new Error(`the settings could not be read (${props.readError}); Refresh first`);
      if (idError) throw new Error(idError);
      if (!check.ok) throw new Error(check.error);
      await props.onSave(trimmed || null, check.thresholds);
    },
    props.onDismiss,
    'Could not save: ',
  );
  return (
    <Panel
      onDismiss={props.onDismiss}
      titleProps={{ text: 'Settings' }}
      size={ContentSize.Large}
      footerButtonProps={[
        { text: 'Cancel', onClick: props.onDismiss },
        {
          text: saving ? 'Saving…' : 'Save',
          primary: true,
          onClick: save,
          disabled: saving || !!idError || !check.ok || !!props.readError,
        },
      ]}
    >
      <div className="sce-settings flex-column">
        <GraphAppSteps />
        <ClientIdSetting
          clientId={props.clientId}
          fixed={props.fixed}
          history={props.history}
          nowMs={props.nowMs}
          value={clientId}
          onChange={setClientId}
          error={idError}
        />
        {props.thresholds ? (
          <ThresholdFields
            warning={warning}
            critical={critical}
            onWarning={setWarning}
            onCritical={setCritical}
            error={check.ok ? null : check.error}
          />
        ) : (
          <ThresholdsElsewhere counts={props.projectThresholds} />
        )}
        {props.thresholds && props.thresholdsInvalid ? (
          <p role="alert" className="sce-error-text" data-thresholds-invalid>
            {`This project's ${props.thresholdsInvalid.replace(/^the /, '')}. The fields show the defaults; Save replaces the stored document with them.`}
          </p>
        ) : null}
        {props.readError ? (
          <p role="alert" className="sce-error-text" data-settings-error>
            Could not read the settings ({props.readError}). They are unknown, not unset: Save is off until Refresh
            reads them.
          </p>
        ) : null}
        {saveError ? (
          <p role="alert" className="sce-error-text">
            {saveError}
          </p>
        ) : null}
      </div>
    </Panel>
  );
}
