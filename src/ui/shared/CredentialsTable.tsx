import * as React from 'react';
import { shortDate } from '../../core/days';
import { credentialNoun, relativeDays } from '../../core/labels';
import type { ListedCredential } from '../../core/types';

const CONFIDENCE: Record<string, string> = {
  matched: 'matched to the connection’s last save',
  single: 'the only one on the app',
  ambiguous: 'a guess: no credential matches the last save',
};

function CredentialRow(props: { c: ListedCredential; confidence: string | null }) {
  const { c } = props;
  return (
    <tr className={c.inUse ? 'sce-in-use' : undefined} data-key-id={c.keyId}>
      <td>
        {credentialNoun(c.kind)} {c.displayName ? `“${c.displayName}”` : ''} {c.hint ? <code>{c.hint}…</code> : null}
        {c.source === 'servicePrincipal' ? <span className="secondary-text"> (service principal)</span> : null}
      </td>
      <td>{shortDate(c.startDateTime) || '—'}</td>
      <td>
        {shortDate(c.endDateTime) || '—'}
        {c.daysLeft !== null ? <span className="secondary-text"> ({relativeDays(c.daysLeft)})</span> : null}
        {c.invalid ? <span className="secondary-text"> starts after it ends</span> : null}
      </td>
      <td>
        {c.inUse ? (
          <strong>In use — {CONFIDENCE[props.confidence ?? ''] ?? ''}</strong>
        ) : c.expired ? (
          'Expired'
        ) : (
          'Not used'
        )}
      </td>
    </tr>
  );
}

/** Every credential on the app registration, the one in use marked with how sure the match is. */
export function CredentialsTable(props: { credentials: ListedCredential[]; confidence: string | null }) {
  return (
    <section aria-label="Credentials">
      <h3 className="sce-h3">Credentials on the app registration</h3>
      <table className="sce-credentials">
        <thead>
          <tr>
            <th scope="col">Credential</th>
            <th scope="col">Starts</th>
            <th scope="col">Ends</th>
            <th scope="col">Used by this connection</th>
          </tr>
        </thead>
        <tbody>
          {props.credentials.map((cr) => (
            <CredentialRow key={`${cr.kind}-${cr.keyId}`} c={cr} confidence={props.confidence} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
