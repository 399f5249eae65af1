import * as React from 'react';
import { MessageBar, MessageBarSeverity } from 'azure-devops-ui/MessageBar';
import type { GraphAccess } from './graphAccess';

interface Props {
  access: GraphAccess;
  onOpenSettings: () => void;
  onSignIn: (tenantId: string) => void;
  onPasteToken: () => void;
}

/** Says plainly why expiry may be unknown, and what unblocks it. Nothing when Graph works. */
export function GraphBanner(props: Props) {
  const { access } = props;
  switch (access.kind) {
    case 'unconfigured':
      return (
        <MessageBar
          className="sce-banner"
          severity={MessageBarSeverity.Warning}
          buttonProps={[{ text: 'Open settings', onClick: props.onOpenSettings }]}
        >
          Expiry dates need Microsoft Graph, and no Entra app is configured for this organization yet. An administrator
          registers one and enters its client ID in Settings. Until then the list shows what Azure DevOps knows.
        </MessageBar>
      );
    case 'unavailable':
      return (
        <MessageBar
          className="sce-banner"
          severity={MessageBarSeverity.Warning}
          buttonProps={[{ text: 'Use a Graph token', onClick: props.onPasteToken }]}
        >
          This Azure DevOps host does not offer Nested App Authentication yet, so this page cannot sign in to Microsoft
          Graph. The list shows what Azure DevOps knows; expiry dates show as unknown. A scheduled scan with the
          sc-expiry command line gives the dates meanwhile.
        </MessageBar>
      );
    case 'sign-in':
      return (
        <MessageBar
          className="sce-banner"
          severity={MessageBarSeverity.Info}
          buttonProps={access.tenants.map((t) => ({
            text: access.tenants.length > 1 ? `Sign in to ${t}` : 'Sign in',
            onClick: () => props.onSignIn(t),
          }))}
        >
          Sign in to Microsoft Graph to read the expiry dates of{' '}
          {access.tenants.length > 1 ? 'these tenants' : `tenant ${access.tenants[0]}`}.
        </MessageBar>
      );
    case 'error':
      return (
        <MessageBar className="sce-banner" severity={MessageBarSeverity.Error}>
          {access.message}. The list shows what Azure DevOps knows; try Refresh.
        </MessageBar>
      );
    default:
      return null;
  }
}
