import * as React from 'react';
import { Link } from 'azure-devops-ui/Link';
import { shortDate } from '../../core/days';
import { pipelineLink, runLink } from '../../core/links';
import type { Connection } from '../../core/types';
import { readByAdmins, unreadText, type ConnectionUsage } from '../../core/usage';
import { planLabel, resultLabel } from '../../core/usageFormat';

/** The details panel's "Used by": each pipeline linked, with its last use and that run's result. */
export function UsedByList(props: {
  usage: ConnectionUsage | undefined;
  /** The connection: a shared one's history is per project (which were read, which not). */
  connection?: Connection;
  /** Why the history could not be read, when nothing is known of its use. */
  error?: string;
  orgUrl: string;
  project: string;
}) {
  const { usage } = props;
  const unread = props.connection && usage ? unreadText(props.connection, usage) : null;
  const seen = usage?.readIn?.map((r) => r.project.name).join(', ');
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
      ) : usage.pipelines.length === 0 && unread ? (
        <p role="note" data-usage-unread>
          Unknown (not unused): its usage history was {unread}, where pipelines may use it.
        </p>
      ) : usage.pipelines.length === 0 ? (
        <p className="secondary-text">
          {!usage.complete
            ? 'No use found in the history read so far.'
            : readByAdmins(usage)
              ? 'No pipeline has used this connection in its recorded history.'
              : `No pipeline used it in the projects you can see${seen ? ` (${seen})` : ''}: an empty history is also what someone who may not view the connection gets.`}
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
              // Each pipeline lives in the project whose history named it (a shared connection's are in several).
              const project = p.project?.name || props.project;
              const run = runLink(props.orgUrl, project, p);
              return (
                <tr
                  key={`${project}-${p.planType}-${p.definitionId}`}
                  data-definition-id={p.definitionId}
                  data-project={project}
                >
                  <td>
                    <Link href={pipelineLink(props.orgUrl, project, p)} target="_blank" rel="noopener noreferrer">
                      <bdi>{p.definitionName}</bdi>
                    </Link>
                    <span className="secondary-text">
                      {' '}
                      ({planLabel(p.planType)}
                      {project !== props.project ? `, project ${project}` : ''})
                    </span>
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
      {usage && usage.pipelines.length > 0 && unread ? (
        <p role="note" data-usage-unread>
          Its usage history was {unread}: pipelines there are not listed.
        </p>
      ) : null}
      {usage ? (
        <p className="secondary-text">As read from Azure DevOps’s usage history on {shortDate(usage.readAt)}.</p>
      ) : null}
    </section>
  );
}
