import * as React from 'react';
import { ClipboardButton } from 'azure-devops-ui/Clipboard';
import { fixHint } from '../../core/fix/command';
import type { Connection, Verdict } from '../../core/types';

/**
 * "Fix it with the tool": the exact `sc-expiry fix` command with a Copy button, beside Azure DevOps's
 * own path. The hub only shows text: the command runs with the admin's own token, outside the extension.
 */
export function FixCommand(props: { connection: Connection; verdict: Verdict; orgUrl: string; project: string }) {
  const hint = fixHint(props.connection, props.verdict, props.orgUrl, props.project);
  if (!hint) return null;
  return (
    <section aria-label="Fix with sc-expiry" className="sce-fix-command" data-fix-action={hint.action}>
      <h3 className="sce-h3">{hint.action === 'convert' ? 'Convert with sc-expiry' : 'Rotate with sc-expiry'}</h3>
      <p className="secondary-text">
        {hint.action === 'convert'
          ? 'Plans first (pipelines that read the secret, other secrets on the app), converts, runs the check, reverts at once if it fails; keeps a journal for --revert.'
          : 'Adds a new secret, waits until Entra ID accepts it, verifies and saves it, runs the check; removes the new secret again if a step fails.'}
      </p>
      <div className="sce-command flex-row flex-center">
        <code className="sce-command-text" data-fix-command>
          {hint.command}
        </code>
        <ClipboardButton ariaLabel="Copy the command" getContent={() => hint.command} showCopiedTooltip="Copied" />
      </div>
      <p className="sce-devops-path">{hint.devopsPath}</p>
    </section>
  );
}
