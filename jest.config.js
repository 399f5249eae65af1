/**
 * Four projects: pure units, React components in jsdom, browser tests against the local host, and the
 * pipeline task run from the packaged .vsix as the agent runs it.
 */
const tsJest = [
  'ts-jest',
  { tsconfig: { jsx: 'react', module: 'commonjs', esModuleInterop: true, isolatedModules: true } },
];
const common = {
  transform: { '^.+\\.(t|j)sx?$': tsJest },
  // azure-devops-ui and the SDK's ESM build ship untranspiled modules.
  transformIgnorePatterns: [
    '/node_modules/(?!(azure-devops-ui|azure-devops-extension-sdk|azure-devops-extension-api)/)',
  ],
  moduleNameMapper: {
    '^azure-devops-extension-sdk$': '<rootDir>/node_modules/azure-devops-extension-sdk/esm/SDK.min.js',
    '\\.(css|scss)$': '<rootDir>/tests/support/styleStub.js',
  },
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testEnvironment: 'node', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'component',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/component/**/*.test.tsx'],
    },
    { ...common, displayName: 'e2e', testEnvironment: 'node', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] },
    { ...common, displayName: 'task', testEnvironment: 'node', testMatch: ['<rootDir>/tests/task/**/*.test.ts'] },
  ],
};
