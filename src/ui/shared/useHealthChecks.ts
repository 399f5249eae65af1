import { useCallback, useState } from 'react';
import { mapWithConcurrency } from '../../adapters/http';
import type { HealthCheck } from '../../core/types';

export type HealthState =
  | { state: 'running' }
  | { state: 'done'; result: HealthCheck; at: number }
  /** The check itself could not run (permission, network): says nothing about the connection. */
  | { state: 'error'; message: string };

/** The last "Check now" / "Check all now": how many, how far, what came out. */
export interface CheckRun {
  total: number;
  done: number;
  ok: number;
  failed: number;
  /** Checks that could not run at all. */
  errors: number;
  /** When the last check of the run ended; null while it runs. */
  finishedAt: number | null;
}

/** How many connection checks run at once: each is a call Azure DevOps makes to Azure on our behalf. */
export const CHECK_CONCURRENCY = 3;

/** Azure DevOps's own connection test (the endpoint proxy's TestConnection), by connection id. */
interface CheckDeps {
  checkEndpoint(endpointId: string): Promise<HealthCheck>;
  now(): number;
}

export function useHealthChecks(deps: CheckDeps) {
  const [health, setHealth] = useState<Map<string, HealthState>>(new Map());
  const [run, setRun] = useState<CheckRun | null>(null);
  const set = (id: string, state: HealthState) => setHealth((m) => new Map(m).set(id, state));
  const check = useCallback(
    async (ids: string[]) => {
      setHealth((m) => {
        const next = new Map(m);
        for (const id of ids) next.set(id, { state: 'running' });
        return next;
      });
      setRun({ total: ids.length, done: 0, ok: 0, failed: 0, errors: 0, finishedAt: null });
      const count = (key: 'ok' | 'failed' | 'errors') =>
        setRun((r) => (r ? { ...r, done: r.done + 1, [key]: r[key] + 1 } : r));
      await mapWithConcurrency(ids, CHECK_CONCURRENCY, async (id) => {
        try {
          const result = await deps.checkEndpoint(id);
          set(id, { state: 'done', result, at: deps.now() });
          count(result.ok ? 'ok' : 'failed');
        } catch (e) {
          set(id, { state: 'error', message: (e as Error)?.message ?? String(e) });
          count('errors');
        }
      });
      setRun((r) => (r ? { ...r, finishedAt: deps.now() } : r));
    },
    [deps],
  );
  return { health, check, run };
}

/** "Checking 12 connections… (3 done)", then "12 checked: 10 work, 2 fail". */
export function checkRunText(run: CheckRun): string {
  const noun = (n: number) => (n === 1 ? '1 connection' : `${n} connections`);
  if (run.finishedAt === null) return `Checking ${noun(run.total)}…${run.done > 0 ? ` (${run.done} done)` : ''}`;
  const parts = [
    `${run.ok} ${run.ok === 1 ? 'works' : 'work'}`,
    `${run.failed} ${run.failed === 1 ? 'fails' : 'fail'}`,
  ];
  if (run.errors > 0) parts.push(`${run.errors} could not be checked`);
  return `${run.total} checked: ${parts.join(', ')}.`;
}
