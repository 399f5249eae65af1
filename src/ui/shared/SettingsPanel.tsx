import * as React from 'react';
import { ContentSize } from 'azure-devops-ui/Callout';
import { FormItem } from 'azure-devops-ui/FormItem';
import { Panel } from 'azure-devops-ui/Panel';
import { TextField } from 'azure-devops-ui/TextField';
import { isGuid } from '../../core/raw';
import { usePanelSubmit } from './usePanelSubmit';
import { checkThresholds, DEFAULT_THRESHOLDS } from '../../core/thresholds';
import type { Thresholds } from '../../core/types';
import type { ClientIdChange } from '../../core/clientIdSetting';
import { describeChange } from './settingsView';

export const REDIRECT_URI = 'https://dev.azure.com/_public/_MsalPopup';

interface Props {
  clientId: string | null;
  /** Fixed in the extension package: shown, not editable. */
  fixed?: boolean;
  history?: ClientIdChange[];
  /** The settings could not be read: Save is refused until a Refresh reads them. */
  readError?: string | null;
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
        <h3 className="sce-h3">Microsoft Graph access (organization)</h3>
        <p>
          Expiry dates live in Microsoft Entra ID. The page reads them with your own sign-in through an Entra app that a
          tenant admin registers once:
        </p>
        <ol className="sce-fix">
          <li>
            Entra ID → App registrations → New registration; any name, single tenant (or multitenant if connections span
            tenants).
          </li>
          <li>
            Authentication → Add a platform → Single-page application, redirect URI <code>{REDIRECT_URI}</code>.
          </li>
          <li>
            API permissions → Microsoft Graph → Delegated → <code>Application.Read.All</code>, then Grant admin consent.
          </li>
          <li>Copy the Application (client) ID here. It is not a secret; no secret is needed.</li>
        </ol>
        {props.fixed ? (
          <p data-client-id-fixed>
            Entra application (client) ID: <code>{props.clientId}</code>, fixed in the extension package by whoever
            packaged it. It cannot be changed here.
          </p>
        ) : (
          <FormItem
            label="Entra application (client) ID"
            error={!!idError}
            message={
              idError ??
              'Shared by every project of this organization. Anyone with the extension can change it: every viewer then signs in to that app.'
            }
          >
            <TextField
              value={clientId}
              onChange={(_e, v) => setClientId(v)}
              placeholder="00000000-0000-0000-0000-000000000000"
              ariaLabel="Entra application (client) ID"
            />
          </FormItem>
        )}
        {!props.fixed && props.history && props.history.length > 0 ? (
          <div className="sce-history">
            <h4 className="sce-h4">Recent changes of the client ID</h4>
            <ul data-client-id-history>
              {props.history.map((h) => (
                <li key={`${h.at}-${h.by}`}>{describeChange(h)}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {props.thresholds ? (
          <>
            <h3 className="sce-h3">Thresholds (this project)</h3>
            <FormItem label="Warning when a credential expires within (days)" error={!check.ok}>
              <TextField
                value={warning}
                onChange={(_e, v) => setWarning(v)}
                inputType="number"
                ariaLabel="Warning threshold in days"
              />
            </FormItem>
            <FormItem
              label="Critical when it expires within (days)"
              error={!check.ok}
              message={check.ok ? undefined : check.error}
            >
              <TextField
                value={critical}
                onChange={(_e, v) => setCritical(v)}
                inputType="number"
                ariaLabel="Critical threshold in days"
              />
            </FormItem>
          </>
        ) : (
          <ThresholdsElsewhere counts={props.projectThresholds} />
        )}
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

/** The organization hub's word on thresholds: where they are set, and how many projects set their own. */
function ThresholdsElsewhere(props: { counts?: { custom: number; projects: number } }) {
  const { counts } = props;
  const d = DEFAULT_THRESHOLDS;
  return (
    <div data-thresholds-per-project>
      <h3 className="sce-h3">Thresholds (per project)</h3>
      <p className="secondary-text">
        Each project sets its own, in Project settings → Connection expiry → Settings; this view applies each project’s
        own.
        {counts && counts.projects > 0
          ? ` Projects with their own thresholds: ${counts.custom} of ${counts.projects}; the others use the defaults (warning ${d.warningDays} days, critical ${d.criticalDays}).`
          : ` The defaults are warning ${d.warningDays} days, critical ${d.criticalDays}.`}
      </p>
    </div>
  );
}
