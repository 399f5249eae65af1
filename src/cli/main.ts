#!/usr/bin/env node
import { createInterface } from 'readline';
import { EXIT } from '../jobs/exitCodes';
import { parseArgs } from './args';
import { run } from './run';

/** A yes/no question on the terminal; only when both stdin and stderr are one. */
function terminalConfirm(): ((question: string) => Promise<boolean>) | undefined {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return undefined;
  return (question) =>
    new Promise((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      rl.question(question, (answer) => {
        rl.close();
        resolve(/^y(es)?$/i.test(answer.trim()));
      });
    });
}

// `fix`, Ctrl-C once: the action in progress finishes (or rolls back), no other starts; twice: stop now.
// `scan`, SIGINT or SIGTERM: stop at once. Report files are written synchronously and atomically, so the
// handler runs before or after a write, never inside one: each file is the old one or the whole new one.
const SIGNAL_EXIT = { SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated } as const;
let stops = 0;
if (parseArgs(process.argv.slice(2)).kind === 'fix')
  process.on('SIGINT', () => {
    stops += 1;
    if (stops > 1) process.exit(130);
    process.stderr.write('\nsc-expiry: stopping after the action in progress (Ctrl-C again to quit at once)\n');
  });
else
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      process.stderr.write(
        `\nsc-expiry: stopped by ${signal}: no further request is sent; every report file is either as it was or complete.\n`,
      );
      process.exit(SIGNAL_EXIT[signal]);
    });

run(
  process.argv.slice(2),
  process.env,
  { stdout: process.stdout, stderr: process.stderr, isTTY: !!process.stderr.isTTY },
  { confirm: terminalConfirm(), stopRequested: () => stops > 0 },
).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`sc-expiry: unexpected error: ${(e as Error)?.message ?? String(e)}\n`);
    process.exitCode = 3;
  },
);
