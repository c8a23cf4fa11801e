#!/usr/bin/env node
// `npm run demo`: the packaged extension in a real VS Code (code-server 4.139.1 = VS Code 1.139.1) in
// your browser, talking to a fake Zoho CRM org on this machine, so it can be tried with no Zoho account
// and no internet.
//   1. builds: `npm run compile-tests` (out/, for the fake org and the host helpers) and `npm run package`
//      (zoho-crm-territories.vsix); `--skip-build` reuses what is there;
//   2. installs the runtime when missing (scripts/install-vscode-runtime.sh);
//   3. starts the fake org on 127.0.0.1 (and a second one, a sandbox of it, to try connections),
//      installs the .vsix into .vscode-test/demo/extensions, writes user
//      settings pointing zohoTerritories.apiDomain at the fake org (user data in a temp folder);
//   4. starts code-server on 127.0.0.1:$PORT (default 8080, or a free port when that one is taken) and
//      prints the address to open and the token to paste.
// Ctrl-C (or SIGTERM) stops everything it started and removes the temp folders.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const host = path.join(root, 'out', 'test', 'host');

function run(command, args) {
  console.log(`[demo] ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', timeout: 20 * 60_000 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.error ? result.error.message : `exit ${result.status ?? result.signal}`})`);
  }
}

async function main() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (!process.argv.includes('--skip-build')) {
    run(npm, ['run', 'compile-tests']);
    run(npm, ['run', 'package']);
  }
  const vsix = path.join(root, 'zoho-crm-territories.vsix');
  for (const needed of [vsix, path.join(host, 'codeServer.js'), path.join(root, 'out', 'fake-zoho', 'server.js')]) {
    if (!fs.existsSync(needed)) {
      throw new Error(`${path.relative(root, needed)} is missing: run without --skip-build`);
    }
  }

  const { Cleanup, cleanupOnSignals, removeDir } = require(path.join(host, 'cleanup.js'));
  const { freePort, installExtension, isPortFree, startCodeServer, writeUserSettings } = require(path.join(host, 'codeServer.js'));
  const { ensureRuntime } = require(path.join(host, 'runtime.js'));
  const { startFakeZoho } = require(path.join(root, 'out', 'fake-zoho', 'server.js'));
  const { SANDBOX_DOCUMENT, SANDBOX_TERRITORY_RECORDS, SANDBOX_USERS } = require(path.join(root, 'out', 'fake-zoho', 'sandboxOrg.js'));

  const runtime = ensureRuntime();
  const cleanup = new Cleanup();
  let stopping = false;
  cleanupOnSignals(cleanup, () => {
    stopping = true;
  });
  try {
    const fake = await startFakeZoho();
    cleanup.add('stop the fake Zoho org', () => fake.close());
    const sandbox = await startFakeZoho({
      token: '1000.sandbox0demo000000000000000000.sandbox0demo0000000000000000000',
      scenario: { entries: SANDBOX_DOCUMENT.associated_users_count, territories: SANDBOX_TERRITORY_RECORDS, users: SANDBOX_USERS },
    });
    cleanup.add('stop the fake sandbox org', () => sandbox.close());

    const extensionsDir = path.join(runtime.cacheDir, 'demo', 'extensions');
    removeDir(extensionsDir); // always the .vsix just built
    fs.mkdirSync(extensionsDir, { recursive: true });
    const userDataDir = cleanup.tempDir('demo-user-data');
    installExtension(cleanup, runtime, vsix, extensionsDir, userDataDir);
    writeUserSettings(userDataDir, { 'zohoTerritories.apiDomain': fake.origin });
    const workspace = path.join(cleanup.tempDir('demo-workspace'), 'my-project');
    fs.mkdirSync(workspace);

    const wanted = Number(process.env.PORT) || 8080;
    const port = (await isPortFree(wanted)) ? wanted : await freePort();
    if (port !== wanted) {
      console.log(`[demo] port ${wanted} is taken: using ${port}`);
    }
    const server = await startCodeServer({ cleanup, runtime, port, userDataDir, extensionsDir });
    const url = `${server.origin}/?folder=${encodeURIComponent(workspace)}`;
    console.log(
      [
        '',
        `  Zoho CRM Territories in VS Code (code-server ${runtime.codeServerVersion}), against a fake Zoho org:`,
        '',
        `    Open:   ${url}`,
        `    Token:  ${fake.token}`,
        '',
        '  In VS Code: click the Zoho CRM icon in the activity bar, then "Set Access Token", and paste the token.',
        `  The fake org answers at ${fake.origin} (zohoTerritories.apiDomain is set to it in the user settings).`,
        '  To try connections and Compare Territories…: "Zoho CRM: Add Connection…", Paste an access token,',
        `  Another API domain…, ${sandbox.origin}, and the token ${sandbox.token} (a sandbox of the same org).`,
        '  From another machine, forward the port first (e.g. ssh -L ' + `${port}:127.0.0.1:${port}` + ').',
        '',
        '  Ctrl-C stops the demo.',
        '',
      ].join('\n'),
    );
    await server.exited;
    if (stopping) {
      return; // Ctrl-C: the signal handler cleans up and exits
    }
    console.error(`[demo] code-server stopped by itself. Its last output:\n${server.output().slice(-3000)}`);
    await cleanup.run();
    process.exit(1);
  } catch (error) {
    await cleanup.run();
    throw error;
  }
}

main().catch((error) => {
  console.error(`[demo] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
