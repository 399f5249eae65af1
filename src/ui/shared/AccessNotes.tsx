import * as React from 'react';
import { MessageBar, MessageBarSeverity } from 'azure-devops-ui/MessageBar';
import { GraphBanner } from './GraphBanner';
import type { HubData } from './loadSteps';
import { appInUse } from './settingsView';

interface Props {
  data: HubData;
  /** The page's clock: how long ago the client ID changed. */
  nowMs: number;
  onOpenSettings: () => void;
  onSignIn: (tenantId: string) => void;
  onPasteToken: () => void;
  onForgetToken: () => void;
}

/** How this page reads Graph (pasted token, sign-in, or why not) and which Entra app it signs in with. */
export function AccessNotes(props: Props) {
  const { data } = props;
  const appNote = appInUse(data, props.nowMs);
  return (
    <>
      {data.pastedTokenExpiresAt ? (
        <MessageBar
          severity={MessageBarSeverity.Info}
          buttonProps={[{ text: 'Forget token', onClick: props.onForgetToken }]}
        >
          Using a pasted Graph token until {data.pastedTokenExpiresAt.slice(11, 16)} UTC, for this page view only.
        </MessageBar>
      ) : (
        <GraphBanner
          access={data.access}
          onOpenSettings={props.onOpenSettings}
          onSignIn={props.onSignIn}
          onPasteToken={props.onPasteToken}
        />
      )}
      {appNote ? (
        <p className="secondary-text sce-app-note" data-entra-app={data.clientIdSource ?? undefined}>
          {appNote}
        </p>
      ) : null}
    </>
  );
}
