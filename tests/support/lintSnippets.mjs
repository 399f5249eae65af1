// Lints in-memory snippets with the project's eslint.config.mjs, as if each sat at its filePath.
// Input on stdin: [{ filePath, code }]; output on stdout: [{ filePath, messages: [{ ruleId, message }] }].
import { ESLint } from 'eslint';
import { readFileSync } from 'fs';

const snippets = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const { filePath, code } of snippets) {
  const [result] = await eslint.lintText(code, { filePath });
  out.push({ filePath, messages: result.messages.map(({ ruleId, message }) => ({ ruleId, message })) });
}
process.stdout.write(JSON.stringify(out));
