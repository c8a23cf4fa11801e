// Bundles src/extension.ts into dist/extension.js, src/cli.ts into dist/cli.js (the CLI, a `bin`), and the territory map's webview (browser code,
// with d3-hierarchy) into dist/webview/map.js and map.css: the files the package ships. The two are
// separate bundles so the extension's own stays free of the layout library; the build fails if it
// ever pulls it in, or if the minified webview script grows past 60 KB. Prints each bundle's size.
// `--production`: minified, no sourcemap (what `npm run package` ships).
// `--watch`: rebuilds on change, with problem-matcher friendly output for VS Code tasks.
// Type-checking is separate (`npm run typecheck`): esbuild only strips types.
const path = require('path');
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const WEBVIEW_SCRIPT_LIMIT = 60 * 1024;
/** Libraries only the webview may bundle. */
const WEBVIEW_ONLY = /(^|[\\/])node_modules[\\/]d3-/;

/** Prints build start/end and errors in the shape of the `$esbuild-watch` problem matcher. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) {
          console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
      }
      console.log('[watch] build finished');
    });
  },
};

/** After each build: prints the size of what it wrote, and fails on a bundle that broke its limits. */
function sizeCheckPlugin(checks) {
  return {
    name: 'size-check',
    setup(build) {
      build.onEnd((result) => {
        if (!result.metafile) {
          return;
        }
        for (const [file, output] of Object.entries(result.metafile.outputs)) {
          if (!file.endsWith('.map')) {
            console.log(`  ${path.relative('.', file).padEnd(24)} ${(output.bytes / 1024).toFixed(1).padStart(6)} KB`);
          }
        }
        for (const message of checks(result.metafile)) {
          result.errors.push({ text: message });
          console.error(`✘ [ERROR] ${message}`);
        }
      });
    },
  };
}

const extensionChecks = (metafile) =>
  Object.keys(metafile.inputs)
    .filter((input) => WEBVIEW_ONLY.test(input))
    .slice(0, 1)
    .map((input) => `dist/extension.js must not bundle the webview's layout library, but it includes ${input}`);

const webviewChecks = (metafile) =>
  Object.entries(metafile.outputs)
    .filter(([file, output]) => production && file.endsWith('.js') && output.bytes > WEBVIEW_SCRIPT_LIMIT)
    .map(([file, output]) => `${file} is ${(output.bytes / 1024).toFixed(1)} KB minified, over its ${WEBVIEW_SCRIPT_LIMIT / 1024} KB limit`);

async function main() {
  // The extension and the CLI for CI jobs (issue 21, `node dist/cli.js` or the package's `bin`) are
  // both plain-Node bundles built the same way.
  const nodeBundle = {
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    // node-fetch's whatwg-url fallback is dead code on every VS Code: see src/shims/whatwg-url.ts.
    // @vscode/l10n is only ever given its bundle's contents (src/core/support/locale.ts), never a file
    // to read: its browser build (the one its package.json maps for browsers) is the same minus the
    // Node file reader, so the bundle holds no file-reading code on its account.
    alias: { 'whatwg-url': './src/shims/whatwg-url.ts', '@vscode/l10n': './node_modules/@vscode/l10n/dist/browser.js' },
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [problemMatcherPlugin, sizeCheckPlugin(extensionChecks)],
  };
  const extension = await esbuild.context({ ...nodeBundle, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] });
  const cli = await esbuild.context({ ...nodeBundle, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } });
  // The map's page: an IIFE for the browser (VS Code 1.74's webviews are Chromium 102) and its stylesheet.
  const webview = await esbuild.context({
    entryPoints: [
      { in: 'src/webview/map/main.ts', out: 'map' },
      { in: 'src/webview/map/map.css', out: 'map' },
    ],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome102'],
    outdir: 'dist/webview',
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [problemMatcherPlugin, sizeCheckPlugin(webviewChecks)],
  });
  const contexts = [extension, cli, webview];
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    return;
  }
  const results = await Promise.all(contexts.map((context) => context.rebuild().catch((error) => ({ errors: error.errors ?? [error] }))));
  await Promise.all(contexts.map((context) => context.dispose()));
  if (results.some((result) => result.errors.length > 0)) {
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
