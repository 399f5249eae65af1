/** Which optional table columns a viewer shows (column id → shown), as they chose it. */
export type ColumnChoices = Record<string, boolean>;

/** Only `id: boolean` pairs of a plain object: a stored value is input like any other. */
export function columnChoicesFrom(raw: unknown): ColumnChoices | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const out: ColumnChoices = {};
  for (const [id, shown] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof shown === 'boolean' && /^[a-zA-Z][\w-]{0,39}$/.test(id)) out[id] = shown;
  }
  return out;
}
