import { useCallback, useState } from 'react';
import { mapWithConcurrency } from '../../adapters/http';
import type { HealthCheck } from '../../core/types';

export type HealthState =
  | { state: 'running' }
  | { state: 'done'; result: HealthCheck; at: number }
  /** The check itself could not run (permission, network): says nothing about the connection. */
  | { state: 'error'; message: string };

/** How many connection checks run at once: each is a call Azure DevOps makes to Azure on our behalf. */
export const CHECK_CONCURRENCY = 3;

/** Azure DevOps's own connection test (the endpoint proxy's TestConnection), by connection id. */
interface CheckDeps {
  checkEndpoint(endpointId: string): Promise<HealthCheck>;
  now(): number;
}

export function useHealthChecks(deps: CheckDeps) {
  const [health, setHealth] = useState<Map<string, HealthState>>(new Map());
  const set = (id: string, state: HealthState) => setHealth((m) => new Map(m).set(id, state));
  const check = useCallback(
    async (ids: string[]) => {
      setHealth((m) => {
        const next = new Map(m);
        for (const id of ids) next.set(id, { state: 'running' });
        return next;
      });
      await mapWithConcurrency(ids, CHECK_CONCURRENCY, async (id) => {
        try {
          set(id, { state: 'done', result: await deps.checkEndpoint(id), at: deps.now() });
        } catch (e) {
          set(id, { state: 'error', message: (e as Error)?.message ?? String(e) });
        }
      });
    },
    [deps],
  );
  return { health, check };
}
