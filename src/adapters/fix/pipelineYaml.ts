import { secretUses } from '../../core/fix/yamlSecretUse';
import type { PipelineRead } from '../../core/fix/risks';
import { send, type WriteTransport } from './writeRequest';

/**
 * Reads pipelines' root YAML files (reads only) to see whether they use the secret:
 * - `GET {org}/{project}/_apis/build/definitions?definitionIds=1,2&includeAllProperties=true&api-version=7.1`
 *   (REST reference "Definitions - List": full definitions with `process` {type 2: YAML, yamlFilename} and
 *   `repository` {id, type, defaultBranch}), up to 100 ids per request;
 * - `GET {org}/{project}/_apis/git/repositories/{id}/items?path=&includeContent=true&versionDescriptor…`
 *   (REST reference "Items - Get": a GitItem whose `content` is the file), Azure Repos (TfsGit) only.
 */

const CHUNK = 100;

interface Definition {
  id: number;
  yamlFilename: string | null;
  processType: number | null;
  repository: { id: string; type: string; defaultBranch: string | null } | null;
}

function definitionOf(raw: unknown): Definition | null {
  const d = raw as {
    id?: unknown;
    process?: { type?: unknown; yamlFilename?: unknown };
    repository?: Record<string, unknown>;
  };
  if (typeof d?.id !== 'number') return null;
  const repo = d.repository;
  return {
    id: d.id,
    processType: typeof d.process?.type === 'number' ? d.process.type : null,
    yamlFilename: typeof d.process?.yamlFilename === 'string' ? d.process.yamlFilename : null,
    repository:
      repo && typeof repo.id === 'string' && typeof repo.type === 'string'
        ? {
            id: repo.id,
            type: repo.type,
            defaultBranch: typeof repo.defaultBranch === 'string' ? repo.defaultBranch : null,
          }
        : null,
  };
}

const describe = (status: number, code: string | null, said: string | null) =>
  status === 401 || status === 403
    ? `refused (${status}): the token needs "Build: Read" and "Code: Read" (vso.build, vso.code)`
    : `answered ${status}${code ? ` ${code}` : ''}${said ? `: ${said}` : ''}`;

export function createPipelineYamlReader(orgUrl: string, t: WriteTransport) {
  const base = orgUrl.replace(/\/+$/, '');
  const stats = { definitionLists: 0, items: 0 };

  async function definitions(project: string, ids: number[]): Promise<Map<number, Definition>> {
    const out = new Map<number, Definition>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const url = `${base}/${encodeURIComponent(project)}/_apis/build/definitions?definitionIds=${chunk.join(',')}&includeAllProperties=true&api-version=7.1`;
      stats.definitionLists += 1;
      const { json } = await send(t, 'GET', url, undefined, 'read pipeline definitions', describe);
      const value = Array.isArray(json) ? json : (json as { value?: unknown } | null)?.value;
      for (const raw of Array.isArray(value) ? value : []) {
        const d = definitionOf(raw);
        if (d) out.set(d.id, d);
      }
    }
    return out;
  }

  async function rootFile(project: string, d: Definition): Promise<PipelineRead> {
    if (d.processType !== 2 || !d.yamlFilename) return { kind: 'not-read', why: 'classic pipeline, not YAML' };
    if (!d.repository) return { kind: 'not-read', why: 'the definition names no repository' };
    if (d.repository.type.toLowerCase() !== 'tfsgit')
      return { kind: 'not-read', why: `repository on ${d.repository.type}: Azure Repos only` };
    const path = d.yamlFilename.startsWith('/') ? d.yamlFilename : `/${d.yamlFilename}`;
    const branch = d.repository.defaultBranch?.replace(/^refs\/heads\//, '');
    const version = branch
      ? `&versionDescriptor.version=${encodeURIComponent(branch)}&versionDescriptor.versionType=branch`
      : '';
    const url = `${base}/${encodeURIComponent(project)}/_apis/git/repositories/${encodeURIComponent(d.repository.id)}/items?path=${encodeURIComponent(path)}&includeContent=true${version}&api-version=7.1`;
    stats.items += 1;
    const { json } = await send(t, 'GET', url, undefined, `read ${path}`, describe);
    const content = (json as { content?: unknown } | null)?.content;
    if (typeof content !== 'string') return { kind: 'not-read', why: `${path} came without content` };
    return { kind: 'read', path, uses: secretUses(content) };
  }

  /** Each pipeline's root file read, or why not: a failure is "not read" for that pipeline only. */
  async function read(project: string, ids: number[]): Promise<Map<number, PipelineRead>> {
    const out = new Map<number, PipelineRead>();
    let defs: Map<number, Definition>;
    try {
      defs = await definitions(project, ids);
    } catch (e) {
      for (const id of ids) out.set(id, { kind: 'not-read', why: (e as Error).message });
      return out;
    }
    for (const id of ids) {
      const d = defs.get(id);
      if (!d) {
        out.set(id, { kind: 'not-read', why: 'pipeline definition not found' });
        continue;
      }
      out.set(id, await rootFile(project, d).catch((e: Error) => ({ kind: 'not-read' as const, why: e.message })));
    }
    return out;
  }

  return { read, stats };
}
