#!/usr/bin/env node
import { run } from './run';

run(process.argv.slice(2), process.env, {
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: !!process.stderr.isTTY,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`sc-expiry: unexpected error: ${(e as Error)?.message ?? String(e)}\n`);
    process.exitCode = 3;
  },
);
