import { FIX_EXIT } from '../core/fix/plan';
import { FIX_DEFAULTS } from '../jobs/fix/fixOptions';

export const FIX_HELP = `sc-expiry fix: plan, apply, verify and revert the fixes of expiring service connections.

Usage:
  sc-expiry fix --org URL [--project NAME]... [--connection ID-or-NAME]... [--all] [--apply] [--yes]
                [--journal FILE] [--format table|json] [--secret-days N] [--remove-old]
  sc-expiry fix --revert JOURNAL --org URL [--yes]

Without --apply nothing is written: the plan has one line per selected connection (default: those at
or above warning; --all: every secret- or certificate-based connection; --connection: those named).
Each line gives an action, why, what was checked and the risks:
  convert      Azure Resource Manager, created by Azure DevOps, one project: converted to workload
               identity federation (PUT ?operation=ConvertAuthenticationScheme), then Azure DevOps's
               own check; reverted at once if either fails; revertible for seven days (--revert)
  rotate       manual connection with a secret: a new secret on the app registration (Graph
               addPassword), Entra ID accepting it, Verify, Save, the check; the new secret is removed
               again on any failure before it is saved
  renew-in-ui  what the tool cannot do safely (shared, certificate, registry, unknown mode): the
               click path in Azure DevOps
  none         nothing to do (already federated, no Entra credential)
Flagged risks (a pipeline reads the secret, a YAML file not read, other secrets on the app that Azure
DevOps removes) skip the action under --apply unless the connection is named with --connection.

Options:
  --org URL              Organization URL (required)
  --project NAME         Only this project; repeat for several (default: every project)
  --connection ID|NAME   Select this connection; repeat for several
  --all                  Select every secret- or certificate-based connection
  --apply                Apply the plan (asks at a terminal; needs --yes in a pipeline or without a TTY)
  --yes                  Do not ask
  --journal FILE         Journal of the run (default sc-expiry-fix-<UTC timestamp>.json): written after
                         every step, never holds a secret; --revert reads it
  --format FORMAT        table (default) or json ({"actions":[…]})
  --secret-days N        Lifetime of a rotated secret (default ${FIX_DEFAULTS.secretDays}; an Entra ID policy may refuse)
  --remove-old           After a rotation's check passed, remove the secret the connection used before
  --revert JOURNAL       Revert every conversion of JOURNAL still before its deadline; say what cannot be undone
  --warning-days N, --critical-days N, --graph-url URL, --login-url URL, --concurrency N,
  --timeout-seconds N, --verbose   as for scan (--login-url: the Entra ID root for the new-secret probe)

Permissions (reads as for scan, plus):
  Azure DevOps  PAT scope "Service Connections: Read, query & manage" (vso.serviceendpoint_manage), the
                Administrator role on each connection changed; "Build: Read" and "Code: Read" for the YAML
  Graph (rotate) Application.ReadWrite.OwnedBy (you own the app registration) or Application.ReadWrite.All

Exit codes:
  ${FIX_EXIT.ok}  done, or nothing to do             ${FIX_EXIT.actionLeft}  something still needs action (a plan, renew-in-ui, risks skipped)
  ${FIX_EXIT.usage}  bad usage                          ${FIX_EXIT.stepFailed}  a step failed: rolled back and named
`;
