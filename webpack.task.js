const path = require('path');
const webpack = require('webpack');

/**
 * The pipeline task as one self-contained script (task/ServiceConnectionExpiry/index.js): the scanner,
 * @azure/identity and their dependencies, for Node 20 and 24 (the Node20_1 and Node24 handlers), so
 * the agent needs no `npm install`.
 */
module.exports = (_env, argv) => ({
  name: 'task',
  target: 'node20',
  mode: argv.mode === 'development' ? 'development' : 'production',
  entry: { index: './src/task/index.ts' },
  output: {
    path: path.resolve(__dirname, 'task', 'ServiceConnectionExpiry'),
    filename: '[name].js',
    library: { type: 'commonjs2' },
    clean: { keep: /^(task\.json|icon\.png)$/ },
  },
  resolve: { extensions: ['.ts', '.js'] },
  devtool: false,
  module: {
    rules: [
      {
        test: /\.ts$/,
        loader: 'ts-loader',
        options: { transpileOnly: true, configFile: 'tsconfig.json', compilerOptions: { module: 'ESNext' } },
      },
    ],
  },
  // One file: the scanner's lazy import('@azure/identity') is part of it, not a chunk beside it.
  plugins: [new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 })],
  optimization: { minimize: argv.mode !== 'development' },
  performance: { hints: false },
  stats: 'errors-warnings',
});
