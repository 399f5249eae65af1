import * as React from 'react';
import { FormItem } from 'azure-devops-ui/FormItem';
import { TextField } from 'azure-devops-ui/TextField';
import type { ClientIdChange } from '../../core/clientIdSetting';
import { DEFAULT_THRESHOLDS } from '../../core/thresholds';
import { describeChange } from './settingsView';

/** The Settings panel's sections (SettingsPanel.tsx holds their state and the save). */

/** A labelled text field: its label, value and error (marked on the field, said in `message`). */
function TextFieldItem(props: {
  label: string;
  error: string | null;
  message?: string;
  value: string;
  onChange: (value: string) => void;
  ariaLabel: string;
  placeholder?: string;
  inputType?: 'number';
}) {
  return (
    <FormItem label={props.label} error={!!props.error} message={props.message}>
      <TextField
        value={props.value}
        onChange={(_e, v) => props.onChange(v)}
        placeholder={props.placeholder}
        inputType={props.inputType}
        ariaLabel={props.ariaLabel}
      />
    </FormItem>
  );
}

export const REDIRECT_URI = 'https://dev.azure.com/_public/_MsalPopup';

/** How a tenant admin registers the Entra app the page signs in with. */
export function GraphAppSteps() {
  return (
    <>
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
    </>
  );
}

/** The organization's client ID: read-only when fixed in the package, else a field and its recent changes. */
export function ClientIdSetting(props: {
  clientId: string | null;
  fixed?: boolean;
  history?: ClientIdChange[];
  nowMs: number;
  value: string;
  onChange: (value: string) => void;
  error: string | null;
}) {
  if (props.fixed)
    return (
      <p data-client-id-fixed>
        Entra application (client) ID: <code>{props.clientId}</code>, fixed in the extension package by whoever packaged
        it. It cannot be changed here.
      </p>
    );
  return (
    <>
      <TextFieldItem
        label="Entra application (client) ID"
        error={props.error}
        message={
          props.error ??
          'Shared by every project of this organization. Anyone with the extension can change it: every viewer then signs in to that app.'
        }
        value={props.value}
        onChange={props.onChange}
        placeholder="00000000-0000-0000-0000-000000000000"
        ariaLabel="Entra application (client) ID"
      />
      {props.history && props.history.length > 0 ? (
        <div className="sce-history">
          <h4 className="sce-h4">Recent changes of the client ID</h4>
          <ul data-client-id-history>
            {props.history.map((h) => (
              <li key={`${h.at}-${h.by}`}>{describeChange(h, props.nowMs)}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

/** This project's thresholds (project hub). */
export function ThresholdFields(props: {
  warning: string;
  critical: string;
  onWarning: (value: string) => void;
  onCritical: (value: string) => void;
  error: string | null;
}) {
  return (
    <>
      <h3 className="sce-h3">Thresholds (this project)</h3>
      <TextFieldItem
        label="Warning when a credential expires within (days)"
        error={props.error}
        value={props.warning}
        onChange={props.onWarning}
        inputType="number"
        ariaLabel="Warning threshold in days"
      />
      <TextFieldItem
        label="Critical when it expires within (days)"
        error={props.error}
        message={props.error ?? undefined}
        value={props.critical}
        onChange={props.onCritical}
        inputType="number"
        ariaLabel="Critical threshold in days"
      />
    </>
  );
}

/** The organization hub's word on thresholds: where they are set, and how many projects set their own. */
export function ThresholdsElsewhere(props: { counts?: { custom: number; projects: number } }) {
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
