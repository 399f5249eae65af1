// `npm test`'s pretest: builds dist/ and the task bundle when they are outdated, before jest starts, so no
// browser test's beforeAll spends its time budget waiting for webpack (the same check the tests make).
require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs', moduleResolution: 'node' } });
require('../e2e/support/dist').ensureDist();
