import { useCallback } from 'react';
import { usePageData, type LoadStart } from '../shared/usePageData';
import type { OrgHubDeps } from './deps';
import { INITIAL, loadOrganization, type OrgData } from './orgLoad';

/** The organization hub's data: its loader (orgLoad.ts) wired to the page's state. */
export function useOrgData(deps: OrgHubDeps) {
  const loader = useCallback((start: LoadStart<OrgData>) => loadOrganization(deps, start), [deps]);
  return usePageData(deps, INITIAL, loader);
}
