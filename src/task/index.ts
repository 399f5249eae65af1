import { oneLine } from '../adapters/output';
import { command } from '../jobs/pipelineCommands';
import { runTask } from './main';

// The agent runs `node index.js` with the job's variables, inputs and endpoints in the environment.
runTask(process.env, { stdout: process.stdout, stderr: process.stderr }).then(
  (result) => {
    process.exitCode = result === 'Failed' ? 1 : 0;
  },
  (e: unknown) => {
    const message = oneLine(`Unexpected error: ${(e as Error)?.message ?? String(e)}`);
    process.stdout.write(`${command('task.complete', { result: 'Failed' }, message)}\n`);
    process.exitCode = 1;
  },
);
