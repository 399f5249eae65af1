#!/usr/bin/env node
import { createInterface } from 'readline';
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
// Other commands keep Node's default (stop at once).
let stops = 0;
if (parseArgs(process.argv.slice(2)).kind === 'fix')
  process.on('SIGINT', () => {
    stops += 1;
    if (stops > 1) process.exit(130);
    process.stderr.write('\nsc-expiry: stopping after the action in progress (Ctrl-C again to quit at once)\n');
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
