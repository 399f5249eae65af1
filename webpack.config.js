const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const MiniCssExtractPlugin = require('mini-css-extract-plugin');
const { DefinePlugin } = require('webpack');

/**
 * ENTRA_CLIENT_ID at build time fixes the organization's Entra app in the bundle: the hub uses it and
 * Settings shows it read-only, so no project member can repoint everyone's sign-in (README: Who can change what).
 */
function fixedClientId() {
  const value = (process.env.ENTRA_CLIENT_ID ?? '').trim();
  if (value === '') return null;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value))
    throw new Error(`ENTRA_CLIENT_ID must be an application (client) ID, a GUID; got "${value.slice(0, 60)}"`);
  return value.toLowerCase();
}

/**
 * Production build of the extension's pages into dist/, with lazy chunks for code not needed at first paint.
 * `--mode development` builds into dist-dev/ with source maps and stable file names (`npm run dev`), and
 * `webpack serve` is the https dev server a real organization loads the "(localhost)" variant from
 * (configs/localhost.json, baseUri https://localhost:3000), as in Microsoft's hot-reload-and-debug sample.
 */
module.exports = (_env, argv) => {
  const production = argv.mode !== 'development';
  // Content hashes in production (cacheable on the Marketplace CDN); plain names in development (hot reload).
  const name = production ? '[name].[contenthash:8]' : '[name]';
  return {
    // `--config-name pages` builds or serves the pages alone (npm run dev, npm run dev:org).
    name: 'pages',
    entry: { hub: './src/ui/hub/index.tsx', orgHub: './src/ui/orgHub/index.tsx' },
    output: {
      path: path.resolve(__dirname, production ? 'dist' : 'dist-dev'),
      filename: `${name}.js`,
      chunkFilename: `chunk.${name}.js`,
      // Relative, so the same files work from the Marketplace CDN and from the local host.
      publicPath: 'auto',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
      alias: {
        'azure-devops-extension-sdk': path.resolve(__dirname, 'node_modules/azure-devops-extension-sdk/esm/SDK.min.js'),
      },
    },
    devtool: production ? false : 'source-map',
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          loader: 'ts-loader',
          options: { transpileOnly: true, compilerOptions: { module: 'ESNext' } },
        },
        // CSS goes to its own files (parallel download, no JS to inject it).
        { test: /\.scss$/, use: [MiniCssExtractPlugin.loader, 'css-loader', 'sass-loader'] },
        { test: /\.css$/, use: [MiniCssExtractPlugin.loader, 'css-loader'] },
        { test: /\.(woff2?|ttf|eot|svg|png)$/, type: 'asset/resource' },
      ],
    },
    optimization: {
      splitChunks: { chunks: 'async' },
    },
    performance: { hints: false },
    // `npm run dev:org`: what a real organization loads through baseUri https://localhost:3000.
    devServer: {
      server: 'https',
      port: 3000,
      // The manifest names dist/hub.html and static/icon.png under baseUri.
      devMiddleware: { publicPath: '/dist/' },
      static: { directory: path.resolve(__dirname, 'static'), publicPath: '/static' },
      client: { overlay: { warnings: false } },
    },
    plugins: [
      new DefinePlugin({ __SCE_FIXED_CLIENT_ID__: JSON.stringify(fixedClientId()) }),
      new MiniCssExtractPlugin({
        filename: `${name}.css`,
        chunkFilename: `chunk.${name}.css`,
      }),
      ...[
        ['hub.html', 'hub'],
        ['orgHub.html', 'orgHub'],
      ].map(
        ([filename, chunk]) =>
          new HtmlWebpackPlugin({
            filename,
            chunks: [chunk],
            templateContent: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Service connection expiry</title></head><body><div id="root"></div></body></html>`,
          }),
      ),
    ],
  };
};

// The pipeline task (webpack.task.js) builds with the pages: one `webpack` run makes everything the .vsix holds.
const pages = module.exports;
module.exports = (env, argv) => [pages(env, argv), require('./webpack.task')(env, argv)];
