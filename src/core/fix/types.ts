/** The vocabulary of `sc-expiry fix` (docs/contracts.md#fix): actions, risks, the plan. */

export type FixAction = 'convert' | 'rotate' | 'renew-in-ui' | 'none';

export type RiskCode =
  /** A pipeline's YAML reads the secret (addSpnToEnvironment, servicePrincipalKey, ARM_/AZURE_CLIENT_SECRET). */
  | 'reads-secret'
  /** A pipeline's YAML could not be read: never "safe". */
  | 'not-read'
  /** Other secrets on the app registration that Azure DevOps will remove. */
  | 'other-credentials'
  /** Pipelines that used the connection in the usage window (information). */
  | 'used-by'
  /** The execution history could not be read: who uses it is unknown. */
  | 'usage-unknown'
  /** What a rotation does to the secret in use now. */
  | 'old-secret';

export interface Risk {
  code: RiskCode;
  message: string;
  /** A flagged risk makes `--apply` skip the action unless the connection is named with --connection. */
  flagged: boolean;
  pipeline?: { definitionId: number; name: string };
}

/** How an applied action ended (absent in a plan). */
export type FixResult = 'converted' | 'rotated' | 'skipped-risks' | 'skipped-not-confirmed' | 'rolled-back' | 'failed';

export interface PlannedAction {
  connectionId: string;
  project: string;
  name: string;
  action: FixAction;
  /** One line: why this action. */
  reason: string;
  /** What was checked to decide, in order. */
  checked: string[];
  risks: Risk[];
  /** For renew-in-ui: the click path, first step first. */
  steps: string[];
  /** The connection in Azure DevOps. */
  link: string | null;
  result?: FixResult;
  /** Whatever went wrong, one line (never a secret). */
  error?: string;
  /** ISO instant until which a conversion can be reverted. */
  revertBy?: string;
}

/** The plan JSON (`--format json`): `{actions:[…]}`. */
export interface Plan {
  actions: PlannedAction[];
}

export function flaggedRisks(action: Pick<PlannedAction, 'risks'>): Risk[] {
  return action.risks.filter((r) => r.flagged);
}
