import * as React from 'react';
import { ContentSize } from 'azure-devops-ui/Callout';
import { FormItem } from 'azure-devops-ui/FormItem';
import { Panel } from 'azure-devops-ui/Panel';
import { TextField } from 'azure-devops-ui/TextField';
import { usePanelSubmit } from './usePanelSubmit';

const COMMAND = 'az account get-access-token --resource-type ms-graph --query accessToken -o tsv';

/** Accepts a Graph token for this page view only; the caller validates it and keeps it in memory. */
export function TokenPanel(props: { onUse: (token: string) => Promise<void>; onDismiss: () => void }) {
  const [token, setToken] = React.useState('');
  const {
    busy,
    error,
    submit: use,
  } = usePanelSubmit(async () => {
    await props.onUse(token);
    setToken('');
  }, props.onDismiss);
  return (
    <Panel
      onDismiss={props.onDismiss}
      titleProps={{ text: 'Use a Microsoft Graph token' }}
      size={ContentSize.Medium}
      footerButtonProps={[
        { text: 'Cancel', onClick: props.onDismiss },
        { text: busy ? 'Checking…' : 'Use token', primary: true, onClick: use, disabled: busy || !token.trim() },
      ]}
    >
      <div className="sce-settings flex-column">
        <p>
          Where this page cannot sign in to Graph, paste a token from an account that can read app registrations (
          <code>Application.Read.All</code>):
        </p>
        <pre className="sce-command">{COMMAND}</pre>
        <p className="secondary-text">
          The token stays in this page's memory until you leave or reload it. It is never stored, logged or sent
          anywhere but Microsoft Graph, and it serves only its own tenant.
        </p>
        <FormItem label="Access token" error={!!error} message={error ?? undefined}>
          <TextField
            value={token}
            onChange={(_e, v) => setToken(v)}
            inputType="password"
            ariaLabel="Microsoft Graph access token"
          />
        </FormItem>
      </div>
    </Panel>
  );
}
