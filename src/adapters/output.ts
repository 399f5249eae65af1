import { safeLine, safeLines, withoutControls } from '../core/logSafe';

/**
 * Output plumbing for the scanner's shells (the CLI and the pipeline task): every byte written goes through the secret scrubber, and every line
 * through core/logSafe (no logging command, no terminal control from data), with or without TF_BUILD.
 * Only the scanner's own bytes (`own`: logging commands whose data is escaped, progress codes) skip it.
 */

export interface Writable {
  write(text: string): unknown;
}

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  /** True when stderr is a terminal: progress is shown only then. */
  isTTY?: boolean;
  /** The clock, for tests; defaults to Date.now. */
  now?: () => number;
}

const MASK = '***';

/**
 * Holds every secret the process knows (PAT, pipeline token, Graph tokens, the Basic header) and
 * removes them from any text before it leaves. Tokens are never meant to reach a message; this is
 * the net under that rule.
 */
export class Secrets {
  private readonly values = new Set<string>();

  private onNew?: (secret: string) => void;

  /** From now on, `listener` hears each new secret once, as it becomes known (the task registers it with the agent). */
  onAdd(listener: (secret: string) => void): void {
    this.onNew = listener;
  }

  add(value: string | null | undefined): void {
    if (!value) return;
    const trimmed = value.trim();
    // Very short values would mask ordinary words; real tokens are long.
    if (trimmed.length < 8 || this.values.has(trimmed)) return;
    this.values.add(trimmed);
    this.onNew?.(trimmed);
  }

  scrub(text: string): string {
    let out = text;
    for (const secret of [...this.values].sort((a, b) => b.length - a.length)) out = out.split(secret).join(MASK);
    return out;
  }
}

export interface Out {
  stdout(text: string): void;
  stderr(text: string): void;
  /** One line on stderr, prefixed with `sc-expiry: `. */
  error(text: string): void;
  verbose(text: string): void;
  /**
   * Our own bytes, as is (secrets still masked): a logging command built by pipeline.ts `command`, the
   * progress line's terminal codes. Never data.
   */
  own(stream: 'stdout' | 'stderr', text: string): void;
  scrub(text: string): string;
}

export function makeOut(io: CliIo, secrets: Secrets, verbose: () => boolean): Out {
  const line = (text: string) => `${safeLine(secrets.scrub(`sc-expiry: ${oneLine(text)}`))}\n`;
  return {
    stdout: (text) => void io.stdout.write(safeLines(secrets.scrub(text))),
    stderr: (text) => void io.stderr.write(safeLines(secrets.scrub(text))),
    error: (text) => void io.stderr.write(line(text)),
    verbose: (text) => {
      if (verbose()) io.stderr.write(line(text));
    },
    own: (stream, text) => void io[stream].write(secrets.scrub(text)),
    scrub: (text) => secrets.scrub(text),
  };
}

/** Text from servers shown on a terminal or log: control characters (escape sequences) become spaces. */
export const clean = withoutControls;

/** Collapses a (possibly multi-line) message to one bounded line without control characters. */
export function oneLine(text: string, max = 400): string {
  const flat = clean(text.replace(/\s*[\r\n]+\s*/g, ' ')).trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
