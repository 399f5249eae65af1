import type { Fixture } from './fixture';
import { listAnswer, itemAnswer, vssError, type Flavor } from './devopsShapes';
import type { JsonAnswer } from './httpUtil';

/**
 * Build definitions and Git files, for the fix plan's YAML risks:
 * - `GET {project}/_apis/build/definitions?definitionIds=&includeAllProperties=true` (REST reference
 *   "Definitions - List"; full BuildDefinition with process {type 2, yamlFilename} and repository);
 * - `GET {project}/_apis/git/repositories/{id}/items?path=&includeContent=true` (REST reference
 *   "Items - Get": a GitItem with `content`; 404 GitItemNotFoundException when the path is absent).
 */

export const DEFINITIONS = /^([^/]+)\/_apis\/build\/definitions$/i;
export const ITEMS = /^([^/]+)\/_apis\/git\/repositories\/([^/]+)\/items$/i;

type Raw = Record<string, unknown>;

function inProject(d: Raw, project: string): boolean {
  const p = (d.project ?? {}) as Raw;
  return [p.id, p.name].some((v) => typeof v === 'string' && v.toLowerCase() === project.toLowerCase());
}

export function definitionsAnswer(fixture: Fixture, project: string, q: URLSearchParams, flavor: Flavor): JsonAnswer {
  const ids = (q.get('definitionIds') ?? '').split(',').filter(Boolean).map(Number);
  const full = q.get('includeAllProperties') === 'true';
  const list = (fixture.pipelineDefinitions as Raw[])
    .filter((d) => inProject(d, project) && (ids.length === 0 || ids.includes(Number(d.id))))
    // Without includeAllProperties the service returns shallow references (no process, no repository).
    .map((d) => (full ? d : { id: d.id, name: d.name, path: d.path ?? '\\', project: d.project }));
  return listAnswer(list, flavor);
}

export function itemsAnswer(fixture: Fixture, repositoryId: string, q: URLSearchParams, flavor: Flavor): JsonAnswer {
  const files = fixture.gitItems[repositoryId.toLowerCase()];
  const path = q.get('path') ?? '';
  const text = files?.[path] ?? files?.[path.replace(/^\//, '')];
  if (!files)
    return vssError(
      404,
      'GitRepositoryNotFoundException',
      `TF401019: The Git repository with name or identifier ${repositoryId} does not exist or you do not have permissions for the operation you are attempting.`,
    );
  if (text === undefined)
    return vssError(
      404,
      'GitItemNotFoundException',
      `TF401174: The item '${path}' could not be found in the repository.`,
    );
  const item: Raw = { objectId: 'f'.repeat(40), gitObjectType: 'blob', commitId: 'c'.repeat(40), path };
  if (q.get('includeContent') === 'true') item.content = text;
  return itemAnswer(item, flavor);
}
