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

const page = (name, chunk, title) =>
  new HtmlWebpackPlugin({
    filename: `${name}.html`,
    chunks: [chunk],
    templateContent: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><div id="root"></div></body></html>`,
  });

function base(production) {
  // Content hashes in production (cacheable on the Marketplace CDN); plain names in development (hot reload).
  const name = production ? '[name].[contenthash:8]' : '[name]';
  return {
    name,
    config: {
      output: {
        path: path.resolve(__dirname, production ? 'dist' : 'dist-dev'),
        filename: `${name}.js`,
        chunkFilename: `chunk.${name}.js`,
        // Relative, so the same files work from the Marketplace CDN and from the local host.
        publicPath: 'auto',
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
      performance: { hints: false },
    },
  };
}

const sdkAlias = {
  'azure-devops-extension-sdk': path.resolve(__dirname, 'node_modules/azure-devops-extension-sdk/esm/SDK.min.js'),
};

/**
 * The extension's pages, into dist/ (production) or dist-dev/ (`--mode development`, `npm run dev`):
 * - `pages`: the hubs (React 16 + azure-devops-ui), with lazy chunks for code not needed at first paint;
 *   `webpack serve --config-name pages` is the https dev server a real organization loads the "(localhost)"
 *   variant from (configs/localhost.json, baseUri https://localhost:3000), as in Microsoft's hot-reload sample;
 * - `surfaces`: the warning surfaces (pipeline pill, run summary section, dashboard widget and its
 *   configuration): each its own small entry, no azure-devops-ui components, and React's API served by
 *   preact/compat so each stays within 40 KB gzip of initial JS (React 16's react-dom alone is 37 KB gzip).
 */
module.exports = (_env, argv) => {
  const production = argv.mode !== 'development';
  const hubsBase = base(production);
  const pages = {
    ...hubsBase.config,
    name: 'pages',
    entry: { hub: './src/ui/hub/index.tsx', orgHub: './src/ui/orgHub/index.tsx' },
    output: { ...hubsBase.config.output, clean: true },
    resolve: { extensions: ['.ts', '.tsx', '.js'], alias: sdkAlias },
    optimization: { splitChunks: { chunks: 'async' } },
    // `npm run dev:org`: what a real organization loads through baseUri https://localhost:3000.
    devServer: {
      server: 'https',
      // Loopback only: never reachable from the network (issue 21); the browser still loads https://localhost:3000.
      host: 'localhost',
      port: 3000,
      // The manifest names dist/hub.html and static/icon.png under baseUri.
      devMiddleware: { publicPath: '/dist/' },
      static: { directory: path.resolve(__dirname, 'static'), publicPath: '/static' },
      client: { overlay: { warnings: false } },
    },
    plugins: [
      new DefinePlugin({ __SCE_FIXED_CLIENT_ID__: JSON.stringify(fixedClientId()) }),
      new MiniCssExtractPlugin({ filename: `${hubsBase.name}.css`, chunkFilename: `chunk.${hubsBase.name}.css` }),
      page('hub', 'hub', 'Service connection expiry'),
      page('orgHub', 'orgHub', 'Service connection expiry'),
    ],
  };
  const surfacesBase = base(production);
  const surfaces = {
    ...surfacesBase.config,
    name: 'surfaces',
    // After the hubs: their build cleans the output folder first.
    dependencies: ['pages'],
    entry: {
      pill: './src/ui/pill/index.ts',
      'run-section': './src/ui/runSection/index.tsx',
      widget: './src/ui/widget/index.tsx',
      'widget-configuration': './src/ui/widgetConfig/index.tsx',
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
      alias: {
        ...sdkAlias,
        react: 'preact/compat',
        'react-dom': 'preact/compat',
        'react/jsx-runtime': 'preact/jsx-runtime',
      },
    },
    module: {
      rules: [
        ...surfacesBase.config.module.rules,
        // The Dashboard barrel re-exports its REST client; the widget needs only the status helpers.
        { test: /azure-devops-extension-api[\\/]esm[\\/]Dashboard[\\/]/, sideEffects: false },
      ],
    },
    optimization: { splitChunks: false },
    plugins: [
      new MiniCssExtractPlugin({ filename: `${surfacesBase.name}.css` }),
      page('pill', 'pill', 'Connection expiry pills'),
      page('run-section', 'run-section', 'Connection expiry'),
      page('widget', 'widget', 'Service connection expiry'),
      page('widget-configuration', 'widget-configuration', 'Service connection expiry settings'),
    ],
  };
  return [pages, surfaces];
};

// The pipeline task (webpack.task.js) builds with the pages: one `webpack` run makes everything the .vsix holds.
const extensionPages = module.exports;
module.exports = (env, argv) => [...extensionPages(env, argv), require('./webpack.task')(env, argv)];
