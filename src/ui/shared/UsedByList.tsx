import * as React from 'react';
import { Link } from 'azure-devops-ui/Link';
import { shortDate } from '../../core/days';
import { pipelineLink, runLink } from '../../core/links';
import type { ConnectionUsage } from '../../core/usage';
import { planLabel, resultLabel } from '../../core/usageFormat';

/** The details panel's "Used by": each pipeline linked, with its last use and that run's result. */
export function UsedByList(props: {
  usage: ConnectionUsage | undefined;
  /** Why the history could not be read, when nothing is known of its use. */
  error?: string;
  orgUrl: string;
  project: string;
}) {
  const { usage } = props;
  return (
    <section aria-label="Used by" className="sce-used-by">
      <h3 className="sce-h3">Used by</h3>
      {!usage && props.error ? (
        <p role="note" data-usage-error>
          Azure DevOps did not give this connection&apos;s usage history, so which pipelines use it is unknown (not
          unused): {props.error}
        </p>
      ) : !usage ? (
        <p className="secondary-text">Usage history not read yet.</p>
      ) : usage.pipelines.length === 0 ? (
        <p className="secondary-text">
          {usage.complete
            ? 'No pipeline has used this connection in its recorded history.'
            : 'No use found in the history read so far.'}
        </p>
      ) : (
        <table className="sce-credentials">
          <thead>
            <tr>
              <th scope="col">Pipeline</th>
              <th scope="col">Last used</th>
              <th scope="col">Run</th>
            </tr>
          </thead>
          <tbody>
            {usage.pipelines.map((p) => {
              const run = runLink(props.orgUrl, props.project, p);
              return (
                <tr key={`${p.planType}-${p.definitionId}`} data-definition-id={p.definitionId}>
                  <td>
                    <Link href={pipelineLink(props.orgUrl, props.project, p)} target="_blank" rel="noopener noreferrer">
                      {p.definitionName}
                    </Link>
                    <span className="secondary-text"> ({planLabel(p.planType)})</span>
                  </td>
                  <td>{shortDate(p.lastUsedAt)}</td>
                  <td>
                    {run ? (
                      <Link href={run} target="_blank" rel="noopener noreferrer">
                        {p.runName || `#${p.runId}`}
                      </Link>
                    ) : (
                      p.runName || '—'
                    )}{' '}
                    <span className="secondary-text">{resultLabel(p.result)}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {usage ? (
        <p className="secondary-text">As read from Azure DevOps’s usage history on {shortDate(usage.readAt)}.</p>
      ) : null}
    </section>
  );
}
