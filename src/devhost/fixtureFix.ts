/** The fixture keys of `sc-expiry fix` (docs/contracts.md#fixture-file): how the fakes answer writes. */

export interface ConversionScript {
  /** 200: Ready at once; 202: InProgress for `polls` reads of the connection, then `outcome`. */
  answer: 200 | 202;
  polls: number;
  outcome: 'Ready' | 'Failed';
  /** operationStatus.statusMessage when Failed. */
  message: string;
  /** Revert window in days (Azure DevOps: 7). */
  revertDays: number;
}

export interface FixFixture {
  /** Seconds before the token endpoint accepts a secret made by addPassword (default 0). */
  secretPropagationSeconds: number;
  /** Endpoint id → how a ConvertAuthenticationScheme PUT goes (default: 200 Ready, 7 days to revert). */
  conversions: Record<string, ConversionScript>;
  /** Endpoint id → what the connection check answers once the tool has written to that connection. */
  writeChecks: Record<string, { statusCode: number | string; errorMessage?: string }>;
  /** appId → status Graph answers to addPassword/removePassword (403: no Application.ReadWrite.*; 400: policy). */
  graphWriteFaults: Record<string, number>;
  /** Build definitions as "Definitions - Get" returns them (id, name, process, repository, project). */
  pipelineDefinitions: unknown[];
  /** Repository id → path → file content (Git "Items - Get"). */
  gitItems: Record<string, Record<string, string>>;
}

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function lowerKeys<T>(v: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), x]));
}

function conversion(id: string, v: unknown): ConversionScript {
  const o = obj(v);
  const answer = o.answer === undefined ? 200 : o.answer;
  if (answer !== 200 && answer !== 202) throw new Error(`fixture: conversions["${id}"].answer must be 200 or 202`);
  const outcome = o.outcome === undefined ? 'Ready' : o.outcome;
  if (outcome !== 'Ready' && outcome !== 'Failed')
    throw new Error(`fixture: conversions["${id}"].outcome must be "Ready" or "Failed"`);
  return {
    answer,
    outcome,
    polls: Number.isInteger(o.polls) ? (o.polls as number) : 2,
    message: typeof o.message === 'string' ? o.message : 'Automatic authentication conversion failed.',
    revertDays: typeof o.revertDays === 'number' ? o.revertDays : 7,
  };
}

export function normalizeFixFixture(raw: Record<string, unknown>): FixFixture {
  const seconds = raw.secretPropagationSeconds ?? 0;
  if (typeof seconds !== 'number' || seconds < 0)
    throw new Error('fixture: "secretPropagationSeconds" must be a number ≥ 0');
  const items: Record<string, Record<string, string>> = {};
  for (const [repo, files] of Object.entries(obj(raw.gitItems))) {
    items[repo.toLowerCase()] = {};
    for (const [path, text] of Object.entries(obj(files))) {
      if (typeof text !== 'string') throw new Error(`fixture: gitItems["${repo}"]["${path}"] must be the file's text`);
      items[repo.toLowerCase()][path] = text;
    }
  }
  return {
    secretPropagationSeconds: seconds,
    conversions: lowerKeys(
      Object.fromEntries(Object.entries(obj(raw.conversions)).map(([id, v]) => [id, conversion(id, v)])),
    ),
    writeChecks: lowerKeys(obj(raw.writeChecks) as FixFixture['writeChecks']),
    graphWriteFaults: lowerKeys(obj(raw.graphWriteFaults) as Record<string, number>),
    pipelineDefinitions: Array.isArray(raw.pipelineDefinitions) ? raw.pipelineDefinitions : [],
    gitItems: items,
  };
}
