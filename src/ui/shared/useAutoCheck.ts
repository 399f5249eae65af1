import { useEffect, useRef } from 'react';
import { credentialKindOf } from '../../core/credentialKind';
import type { GraphAccess } from './graphAccess';
import type { HubRow } from './rows';

/** At most this many connections are checked without a click. */
export const AUTO_CHECK_LIMIT = 5;

/**
 * Without Graph, a few secret-based connections whose expiry nothing else can tell are checked with
 * Azure DevOps's own test once per load, so a broken one shows as broken. Never more than a handful.
 */
export function useAutoCheck(rows: HubRow[], access: GraphAccess, check: (ids: string[]) => Promise<void>): void {
  const done = useRef(false);
  const blind = access.kind === 'unconfigured' || access.kind === 'unavailable' || access.kind === 'error';
  useEffect(() => {
    if (!blind || done.current) return;
    const ids = rows
      .filter((r) => r.verdict.status === 'unknown' && !r.asOf && !r.health)
      .filter((r) => credentialKindOf(r.connection) !== null)
      .slice(0, AUTO_CHECK_LIMIT)
      .map((r) => r.id);
    done.current = true;
    if (ids.length > 0) void check(ids);
  }, [blind, rows, check]);
}
